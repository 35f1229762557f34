import { businessRecordInput, businessRecordPatch, type BusinessType } from '../../src-shared/domain/business';
import { coerceCustomValue, type CustomField, type CustomValue } from '../../src-shared/domain/custom-fields';
import { KecardError } from '../../src-shared/errors';
import { missingFields } from '../../src-shared/import/mapping-checks';
import { cellText, cellWords, problemValue, toCalendarDate, toPhone, toYesNo } from '../../src-shared/import/convert-cells';
import { HEADER_SYNONYMS } from '../../src-shared/import/header-synonyms';
import type { DuplicateAction, ImportReport, ImportSettings, RowProblem } from '../../src-shared/import/import-settings';
import type { CallContext } from '../changelog/call-context';
import { runWriteAsync, type WriteTx } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { getBusinessRecord, insertBusinessRecord, patchBusinessRecord } from '../services/business/business-record-service';
import { getBusinessType } from '../services/business/business-type-service';
import { toDb } from '../services/custom-fields/custom-values';
import { listFields, safeColumn } from '../services/custom-fields/field-registry';
import {
  columnsOf,
  customerFinder,
  eachDataRow,
  pushListed,
  refuseInvalid,
  PREVIEW_ROWS,
  staffByName,
  type CustomerFinder,
  type PartImportOptions,
} from './import-pass';
import { inspectSource } from './inspect-source';
import type { Cell } from './read-rows';
import { moneyFen } from './receipts-import';

// Records of one business type (销售机会, 客户投诉, 客户回访 …): the built-in columns (title,
// status matched to the workflow, customer, contact, staff) and the type's own fields by label.
// A check pass, then one transaction through the record service.

type RecordValues = ReturnType<typeof businessRecordInput.parse>;

interface ConvertedRecord {
  values: RecordValues | null;
  problems: RowProblem[];
  flags: RowProblem[];
  unknown: [string, string][];
  customerName: string;
  /** Built-in fields whose cell was filled: only those may overwrite a record. */
  given: Set<string>;
  /** The value of the duplicate key field, as stored, or null. */
  key: unknown;
}

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();

export async function runRecordsImport(
  ws: Workspace,
  ctx: CallContext,
  path: string,
  settings: ImportSettings,
  report: ImportReport,
  o: PartImportOptions,
): Promise<ImportReport> {
  const type = getBusinessType(ws, settings.businessTypeId ?? '');
  const fields = listFields(ws, 'record', { businessTypeId: type.id }).filter((f) => f.type !== 'computedTotal');
  let options = o;
  // The caller found the header and suggested the mapping without this type's fields; when the
  // user fixed neither, find them again knowing the labels.
  if (!settings.mapping || settings.headerRow === undefined) {
    const inspection = await inspectSource(path, 'records', settings.read, fields, {}, settings.headerRow);
    options = { ...o, headerRow: inspection.headerRow, mapping: settings.mapping ?? inspection.suggested };
    Object.assign(report, { headerRow: inspection.headerRow, headers: inspection.headers, mapping: options.mapping });
  }
  const allowed = new Set([...Object.keys(HEADER_SYNONYMS.records), ...fields.map((f) => `custom:${f.columnName}`)]);
  const mapped = Object.values(options.mapping).filter((f): f is string => f !== null);
  if (mapped.some((f) => !allowed.has(f)))
    throw new KecardError('VALIDATION', 'A column is mapped to a field this type does not have.', { fields: { mapping: 'unknownField' } });
  if (!mapped.includes('customer') && !mapped.includes('customerCode')) {
    throw new KecardError('VALIDATION', 'Map a column to the customer name or code.', {
      fields: { mapping: 'customerRequired' },
      target: 'records',
      missing: missingFields('records', options.mapping),
      headers: report.headers,
    });
  }
  const keyField = settings.recordKey ? fields.find((f) => `custom:${f.columnName}` === settings.recordKey && f.uniqueValues) : undefined;
  if (settings.recordKey && !keyField)
    throw new KecardError('VALIDATION', 'The duplicate key must be a unique field of this type.', { fields: { recordKey: 'invalid' } });

  const convert = rowConverter(ws, settings, type, fields, options.mapping, keyField ?? null);

  // Unique fields other than the key: a value already used (in the workspace or by an earlier row) is a problem.
  const uniqueChecks = fields
    .filter((f) => f.uniqueValues && f !== keyField)
    .map((f) => ({
      field: f,
      inFile: new Set<string>(),
      taken: ws.db.prepare(`SELECT 1 FROM business_records WHERE ${safeColumn(f.columnName)} = ? AND deleted = 0`),
    }));
  const existingByKey = new Map<string, { id: string; title: string }>();
  if (keyField) {
    const rows = ws.db
      .prepare(
        `SELECT id, title, ${safeColumn(keyField.columnName)} AS k FROM business_records WHERE type_id = ? AND deleted = 0 AND ${safeColumn(keyField.columnName)} IS NOT NULL`,
      )
      .iterate(type.id) as IterableIterator<{ id: string; title: string; k: unknown }>;
    for (const r of rows) existingByKey.set(String(r.k), { id: r.id, title: r.title });
  }
  const seenInFile = new Map<string, { row: number; title: string }>();
  /** Row → what the write pass does with it; rows absent here are created. */
  const plan = new Map<number, { action: 'skip' } | { action: 'update'; onlyEmpty: boolean; existingId: string | null; fileRow: number | null }>();
  const unknown = new Map<string, Set<string>>();

  await eachDataRow(path, settings, options, 'checking', (cells, row) => {
    report.total += 1;
    const r = convert(cells, row);
    for (const [field, value] of r.unknown) (unknown.get(field) ?? unknown.set(field, new Set()).get(field))?.add(value);
    const problems = [...r.problems];
    if (r.values) {
      for (const u of uniqueChecks) {
        const value = r.values.custom?.[u.field.columnName];
        if (value === undefined || value === null) continue;
        const stored = String(toDb(u.field, value as CustomValue));
        if (u.inFile.has(stored) || u.taken.get(stored))
          problems.push({ row, field: `custom:${u.field.columnName}`, code: 'duplicateValue', value: stored });
        else u.inFile.add(stored);
      }
    }
    let decision: DuplicateAction | null = null;
    if (r.values && problems.length === 0 && r.unknown.length === 0 && keyField && r.key !== null) {
      const k = String(toDb(keyField, r.key as CustomValue));
      const title = r.values.title;
      const existing = existingByKey.get(k);
      const earlier = seenInFile.get(k);
      if (existing || earlier) {
        decision = settings.rowActions[String(row)] ?? settings.duplicateAction;
        if (report.duplicates.length < 2000) {
          report.duplicates.push({
            row,
            name: title,
            matchRow: existing ? null : (earlier?.row ?? null),
            matchId: existing?.id ?? null,
            matchName: existing?.title ?? earlier?.title ?? '',
            key: `${keyField.label}:${k}`,
          });
        }
        // The key is unique, so a second record with it cannot exist: "create anyway" is not possible.
        if (decision === 'create') problems.push({ row, field: `custom:${keyField.columnName}`, code: 'duplicateValue', value: k });
        else if (decision === 'skip') plan.set(row, { action: 'skip' });
        else
          plan.set(row, {
            action: 'update',
            onlyEmpty: decision === 'updateEmpty',
            existingId: existing?.id ?? null,
            fileRow: existing ? null : (earlier?.row ?? null),
          });
      } else seenInFile.set(k, { row, title });
    }
    if (!r.values || problems.length > 0 || r.unknown.length > 0) {
      report.invalid += 1;
      plan.set(row, { action: 'skip' });
      for (const p of problems) pushListed(report.problems, p);
      for (const [field, value] of r.unknown) pushListed(report.problems, { row, field, code: 'unknownOption', value });
      return;
    }
    report.valid += 1;
    for (const f of r.flags) pushListed(report.flags, f);
    if (report.preview.length < PREVIEW_ROWS) {
      const v = r.values;
      report.preview.push({
        row,
        customer: r.customerName,
        title: v.title,
        status: type.statuses.find((s) => s.key === (v.status ?? type.statuses[0]?.key))?.label ?? v.status ?? null,
        contact: v.contactId ? cellText(cellOf(cells, options.mapping, 'contact')) : null,
        employeeId: v.employeeId ? cellText(cellOf(cells, options.mapping, 'employeeId')) || v.employeeId : null,
        custom: v.custom ?? {},
      });
    }
  });
  for (const [field, values] of unknown) report.unknownOptions[field] = [...values].slice(0, 200);

  if (options.dryRun) return report;
  refuseInvalid(settings, report);
  await options.beforeWrite?.();
  const written = { inserted: 0, updated: 0, skipped: 0 };
  await runWriteAsync(
    ws,
    ctx,
    async (tx) => {
      const createdByRow = new Map<number, string>();
      await eachDataRow(path, settings, options, 'writing', (cells, row) => {
        const step = plan.get(row);
        if (step?.action === 'skip') {
          written.skipped += 1;
          return;
        }
        const r = convert(cells, row);
        if (!r.values) throw new KecardError('CONFLICT', 'The file changed during the import; nothing was changed.', { row });
        const targetId = step ? (step.existingId ?? (step.fileRow !== null ? (createdByRow.get(step.fileRow) ?? null) : null)) : null;
        if (step && targetId) {
          updateRecord(tx, targetId, r.values, step.onlyEmpty, r.given);
          written.updated += 1;
          return;
        }
        createdByRow.set(row, insertBusinessRecord(tx, r.values));
        written.inserted += 1;
      });
    },
    { source: `import:${options.fileName}` },
  );
  report.written = written;
  return report;
}

function cellOf(cells: Cell[], mapping: Record<string, string | null>, field: string): Cell {
  return columnsOf(mapping).get(cells, field);
}

/** Overwrite replaces the fields the row fills; updateEmpty only fills fields that are empty now. The customer stays. */
function updateRecord(tx: WriteTx, id: string, incoming: RecordValues, onlyEmpty: boolean, given: ReadonlySet<string>): void {
  const before = getBusinessRecord(tx.ws, id);
  const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  const patch: Record<string, unknown> = {};
  const take = (field: 'title' | 'status' | 'contactId' | 'employeeId', column: string) => {
    if (!given.has(column) || (onlyEmpty && !isEmpty(before[field]))) return;
    const value = incoming[field];
    if (value !== undefined && (field !== 'status' || value !== null)) patch[field] = value;
  };
  take('title', 'title');
  take('status', 'status');
  take('contactId', 'contact');
  take('employeeId', 'employeeId');
  const custom: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(incoming.custom ?? {})) if (!onlyEmpty || isEmpty(before.custom[column])) custom[column] = value;
  if (Object.keys(custom).length > 0) patch.custom = custom;
  patchBusinessRecord(tx, id, businessRecordPatch.parse(patch), { followWorkflow: false });
}

/**
 * One sheet row → the values `insertBusinessRecord` takes, or the problems that stop it, plus the
 * option values (status, staff, select options) that match nothing and wait for the user's decision.
 */
function rowConverter(
  ws: Workspace,
  settings: ImportSettings,
  type: BusinessType,
  fields: readonly CustomField[],
  mapping: Record<string, string | null>,
  keyField: CustomField | null,
): (cells: Cell[], row: number) => ConvertedRecord {
  const columns = columnsOf(mapping);
  const customers = customerFinder(ws);
  const staff = staffByName(ws);
  const staffIds = new Set(staff.values());
  const contacts = new Map<string, string>();
  if (columns.has('contact')) {
    for (const c of ws.db.prepare('SELECT id, customer_id AS customerId, name FROM contacts WHERE deleted = 0').iterate() as IterableIterator<{
      id: string;
      customerId: string;
      name: string;
    }>) {
      contacts.set(`${c.customerId}\u0000${fold(c.name)}`, c.id);
    }
  }
  const statusByText = new Map<string, string>();
  for (const s of type.statuses) {
    statusByText.set(fold(s.label), s.key);
    if (!statusByText.has(fold(s.key))) statusByText.set(fold(s.key), s.key);
  }
  const mappedFields = fields.filter((f) => columns.has(`custom:${f.columnName}`));
  // Required fields the sheet does not fill and that have no default stop every row; say so per row.
  const missingRequired = fields.filter(
    (f) => f.required && !columns.has(`custom:${f.columnName}`) && (f.defaultValue === null || f.defaultValue === undefined),
  );
  const firstDate = mappedFields.find((f) => f.type === 'date');

  return (cells, row) => {
    const out: ConvertedRecord = { values: null, problems: [], flags: [], unknown: [], customerName: '', given: new Set(), key: null };
    for (const field of ['title', 'status', 'contact', 'employeeId']) if (cellText(columns.get(cells, field)) !== '') out.given.add(field);
    const problem = (field: string, code: string, value: unknown) => out.problems.push({ row, field, code, value: problemValue(value) });
    /** A decision for an unknown option value: undefined = undecided (listed), null = leave empty. */
    const decided = (field: string, raw: string): string | null | undefined => {
      const d = settings.optionDecisions[field]?.[raw];
      if (d === undefined) out.unknown.push([field, raw]);
      return d;
    };

    const code = cellText(columns.get(cells, 'customerCode'));
    const name = cellText(columns.get(cells, 'customer'));
    const customer = code || name ? customers.find(code, name) : null;
    if (!code && !name) problem('customer', 'required', null);
    else if (!customer) problem(name ? 'customer' : 'customerCode', 'notFound', name || code);
    out.customerName = customer?.name ?? name;

    let contactId: string | null = null;
    const contactName = cellText(columns.get(cells, 'contact'));
    if (contactName && customer) {
      contactId = contacts.get(`${customer.id}\u0000${fold(contactName)}`) ?? null;
      if (!contactId) problem('contact', 'contactNotFound', contactName);
    }

    let employeeId: string | null = null;
    const staffName = cellText(columns.get(cells, 'employeeId'));
    if (staffName) employeeId = staff.get(staffName) ?? decided('employeeId', staffName) ?? null;
    if (employeeId && !staffIds.has(employeeId)) problem('employeeId', 'invalid', staffName);

    let status: string | undefined;
    const statusText = cellText(columns.get(cells, 'status'));
    if (statusText) {
      const key = statusByText.get(fold(statusText)) ?? decided('status', statusText);
      if (key && !type.statuses.some((s) => s.key === key)) problem('status', 'invalid', statusText);
      else if (key) status = key;
    }

    const custom: Record<string, CustomValue> = {};
    for (const f of mappedFields) {
      const field = `custom:${f.columnName}`;
      const raw = columns.get(cells, field);
      const text = cellText(raw);
      if (text === '') {
        if (f.required && (f.defaultValue === null || f.defaultValue === undefined)) problem(field, 'required', null);
        continue;
      }
      const converted = convertCustom(f, raw, text, {
        staff,
        customers,
        decided: (value) => decided(field, value),
        flag: (code) => out.flags.push({ row, field, code, value: text }),
      });
      if ('problem' in converted) problem(field, converted.problem, raw);
      else if (converted.value !== undefined) {
        const coerced = coerceCustomValue(f, converted.value);
        if (!coerced.ok) problem(field, coerced.error, raw);
        else if (f.required && (coerced.value === null || (Array.isArray(coerced.value) && coerced.value.length === 0)))
          problem(field, 'required', raw);
        else custom[f.columnName] = coerced.value;
      }
    }
    for (const f of missingRequired) problem(`custom:${f.columnName}`, 'required', null);

    const fallbackDate = firstDate ? custom[firstDate.columnName] : null;
    const title = cellWords(columns.get(cells, 'title')) || (typeof fallbackDate === 'string' ? `${type.name} ${fallbackDate}` : type.name);
    if (out.problems.length > 0 || out.unknown.length > 0 || !customer) return out;
    const parsed = businessRecordInput.safeParse({
      typeId: type.id,
      customerId: customer.id,
      contactId,
      employeeId,
      title,
      ...(status ? { status } : {}),
      custom,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(String(issue.path[0] ?? '_'), issue.message, columns.get(cells, String(issue.path[0])));
      return out;
    }
    out.values = parsed.data;
    out.key = keyField ? (custom[keyField.columnName] ?? null) : null;
    return out;
  };
}

type CustomConversion = { value: CustomValue | undefined } | { problem: string };

/**
 * A cell as the field means it, before the field's own checks: dates from serials and 2023年5月1日,
 * money exact in fen, 是/否, phones Excel turned into numbers, staff and customers by name, and
 * select options by label — an unknown option waits for a decision (value undefined).
 */
function convertCustom(
  f: CustomField,
  raw: Cell,
  text: string,
  ctx: {
    staff: ReadonlyMap<string, string>;
    customers: CustomerFinder;
    decided: (value: string) => string | null | undefined;
    flag: (code: string) => void;
  },
): CustomConversion {
  const option = (value: string) => f.options.find((o) => fold(o.label) === fold(value) || fold(o.value) === fold(value))?.value;
  switch (f.type) {
    case 'date': {
      const d = toCalendarDate(raw);
      return d.ok ? { value: d.value } : { problem: d.code };
    }
    case 'datetime':
      return { value: raw instanceof Date ? raw.toISOString() : text };
    case 'money': {
      const fen = moneyFen(raw);
      return fen === null ? { problem: 'invalid' } : { value: fen };
    }
    case 'boolean': {
      const b = toYesNo(raw);
      return b.ok ? { value: b.value } : { problem: b.code };
    }
    case 'phone': {
      const p = toPhone(raw);
      if (!p.ok) return { problem: p.code };
      if (p.flag) ctx.flag(p.flag);
      return { value: p.value };
    }
    case 'staff': {
      const id = ctx.staff.get(text) ?? ctx.decided(text);
      if (id && ![...ctx.staff.values()].includes(id)) return { problem: 'invalid' };
      return { value: id === undefined ? undefined : id };
    }
    case 'customerRef': {
      const hit = ctx.customers.find(text, text);
      return hit ? { value: hit.id } : { problem: 'notFound' };
    }
    case 'select': {
      const found = option(text) ?? ctx.decided(text);
      return { value: found === undefined ? undefined : found };
    }
    case 'multiSelect': {
      const values: string[] = [];
      let waiting = false;
      for (const item of text
        .split(/[,，、;；]/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const found = option(item) ?? ctx.decided(item);
        if (found === undefined) waiting = true;
        else if (found !== null && !values.includes(found)) values.push(found);
      }
      return { value: waiting ? undefined : values };
    }
    default:
      return { value: text };
  }
}
