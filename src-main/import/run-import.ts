import { basename } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { customerCreateInput } from '../../src-shared/domain/customer';
import { contactCreateInput } from '../../src-shared/domain/organisation';
import { KecardError } from '../../src-shared/errors';
import { duplicateNameKey } from '../../src-shared/import/convert-cells';
import type { CallContext } from '../changelog/call-context';
import { runWriteAsync, type WriteTx } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { writeCustomValues } from '../services/custom-fields/custom-values';
import { listFields } from '../services/custom-fields/field-registry';
import { CustomerTreeWriter, prepareCustomerTree } from '../services/customers/customer-bulk';
import { sortKeyOf } from '../services/search/pinyin-keys';
import { reindexCustomer } from '../services/search/search-index';
import { insertContact } from '../services/organisation/contact-service';
import { insertDepartment } from '../services/organisation/department-service';
import { readRow, updateRow } from '../services/shared/entity-writes';
import { convertRow, type ConvertedRow } from './convert-row';
import { DuplicateIndex, keysOf } from './duplicate-index';
import { inspectSource } from './inspect-source';
import { openSource } from './read-rows';
import { runSalesImport } from './sales-import';
import type { DuplicateAction, DuplicateHit, ImportReport, ImportSettings } from '../../src-shared/import/import-settings';

export interface ImportRunOptions {
  dryRun: boolean;
  /** The name shown in history ("imported from FILE"); defaults to the file's base name. */
  fileName?: string;
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Runs after the check passes and before anything is written (the job takes a backup here). */
  beforeWrite?: () => Promise<void>;
}

const MAX_LISTED = 2000;
const PREVIEW_ROWS = 20;

/**
 * Checks a file against the settings and, unless it is a dry run, imports it. Two passes over the
 * streamed file: the first converts and validates every row (keeping only counts, problems and
 * duplicate decisions, so memory stays bounded), the second writes in ONE transaction through the
 * service layer with source "import:FILE". Cancel, an error or a killed process leave the
 * workspace exactly as before; "all or nothing" refuses to write if any row is invalid.
 */
export async function runImport(ws: Workspace, ctx: CallContext, path: string, settings: ImportSettings, options: ImportRunOptions): Promise<ImportReport> {
  const fileName = options.fileName ?? basename(path);
  const target = settings.target;
  const customFields = target === 'customers' || target === 'contacts' ? listFields(ws, target === 'customers' ? 'customer' : 'contact') : [];
  const staff = new Map((ws.db.prepare('SELECT name, id FROM employees WHERE deleted = 0').all() as { name: string; id: string }[]).map((e) => [e.name, e.id]));
  const inspection = await inspectSource(path, target, settings.read, customFields);
  const headerRow = settings.headerRow ?? inspection.headerRow;
  const mapping = settings.mapping ?? inspection.suggested;
  if (target === 'customers' && !Object.values(mapping).includes('name')) {
    throw new KecardError('VALIDATION', 'Map a column to the customer name.', { fields: { mapping: 'nameRequired' } });
  }
  const report: ImportReport = {
    fileName,
    target,
    headerRow,
    headers: inspection.headers,
    mapping,
    total: 0,
    valid: 0,
    invalid: 0,
    duplicates: [],
    problems: [],
    flags: [],
    unknownOptions: {},
    preview: [],
    written: null,
  };
  if (target === 'orders' || target === 'products') {
    return runSalesImport(ws, ctx, path, settings, report, { ...options, fileName, headerRow, mapping, dryRun: options.dryRun });
  }
  const dupIndex = target === 'customers' ? new DuplicateIndex(ws, settings.duplicateKeys) : null;
  const wanted = new Set(settings.duplicateKeys);
  const seenInFile = new Map<string, { row: number; name: string }>();
  /** Row number → what to do with it in the write pass. */
  const plan = new Map<number, { action: DuplicateAction; existingId: string | null; fileRow: number | null }>();
  const invalidRows = new Set<number>();
  const unknown = new Map<string, Set<string>>();
  const bytes = inspection.info.bytes;

  const eachRow = async (phase: string, visit: (row: ConvertedRow, rowNumber: number) => void) => {
    let rowNumber = 0;
    let lastReport = 0;
    let read = 0;
    for await (const cells of openSource(path, settings.read).rows((b) => (read = b))) {
      rowNumber += 1;
      if (rowNumber <= headerRow) continue;
      if (cells.every((c) => c === null || c === '')) continue;
      if (rowNumber % 500 === 0) {
        if (options.isCancelled?.()) throw new KecardError('JOB_CANCELLED', 'The import was cancelled; nothing was changed.');
        if (Date.now() - lastReport > 200) {
          lastReport = Date.now();
          options.onProgress?.(read, bytes, phase);
        }
      }
      visit(convertRow(cells, rowNumber, settings, mapping, customFields, staff), rowNumber);
    }
    options.onProgress?.(bytes, bytes, phase);
  };

  await eachRow('checking', (row, rowNumber) => {
    report.total += 1;
    for (const [field, value] of row.unknown) (unknown.get(field) ?? unknown.set(field, new Set()).get(field))?.add(value);
    if (row.problems.length > 0 || row.unknown.length > 0) {
      report.invalid += 1;
      invalidRows.add(rowNumber);
      for (const p of row.problems) if (report.problems.length < MAX_LISTED) report.problems.push(p);
      for (const [field, value] of row.unknown) if (report.problems.length < MAX_LISTED) report.problems.push({ row: rowNumber, field, code: 'unknownOption', value });
      return;
    }
    report.valid += 1;
    for (const f of row.flags) if (report.flags.length < MAX_LISTED) report.flags.push(f);
    if (report.preview.length < PREVIEW_ROWS) report.preview.push({ row: rowNumber, ...row.values, ...(row.link ?? {}), custom: row.custom });
    if (!dupIndex) return;
    const keys = keysOf(wanted, { name: row.values.name, code: row.values.code, taxId: row.values.__taxId, phones: row.values.phones as string[] | undefined });
    const action = settings.rowActions[String(rowNumber)] ?? settings.duplicateAction;
    const name = typeof row.values.name === 'string' ? row.values.name : '';
    const inFile = keys.map((k) => ({ k, hit: seenInFile.get(k) })).find((x) => x.hit);
    const existing = dupIndex.find(keys);
    if (existing) {
      pushDuplicate(report.duplicates, { row: rowNumber, name, matchRow: null, matchId: existing.existing.id, matchName: existing.existing.name, key: existing.key });
      plan.set(rowNumber, { action, existingId: existing.existing.id, fileRow: null });
    } else if (inFile?.hit) {
      pushDuplicate(report.duplicates, { row: rowNumber, name, matchRow: inFile.hit.row, matchId: null, matchName: inFile.hit.name, key: inFile.k });
      plan.set(rowNumber, { action, existingId: null, fileRow: inFile.hit.row });
    }
    for (const k of keys) if (!seenInFile.has(k)) seenInFile.set(k, { row: rowNumber, name });
  });
  for (const [field, values] of unknown) report.unknownOptions[field] = [...values].slice(0, 200);

  if (options.dryRun) return report;
  if (settings.mode === 'allOrNothing' && report.invalid > 0) {
    throw new KecardError('VALIDATION', 'Some rows are not valid; nothing was imported.', { fields: { rows: 'invalidRows' }, invalid: report.invalid });
  }

  await options.beforeWrite?.();
  const written = { inserted: 0, updated: 0, skipped: 0 };
  await writeInOneTransaction(ws, ctx, `import:${fileName}`, async (tx) => {
    const trees = target === 'customers' ? new CustomerTreeWriter(tx) : null;
    const createdByRow = new Map<number, string>();
    const customerLookup = target === 'contacts' ? customerLookupOf(ws) : null;
    await eachRow('writing', (row, rowNumber) => {
      if (invalidRows.has(rowNumber)) {
        written.skipped += 1;
        return;
      }
      if (target === 'contacts') {
        writeContact(tx, row, customerLookup as CustomerLookup);
        written.inserted += 1;
        return;
      }
      const decision = plan.get(rowNumber);
      const targetId = decision ? (decision.existingId ?? (decision.fileRow !== null ? (createdByRow.get(decision.fileRow) ?? null) : null)) : null;
      if (decision && targetId && decision.action !== 'create') {
        if (decision.action === 'skip') written.skipped += 1;
        else {
          updateExisting(tx, targetId, row, decision.action === 'updateEmpty');
          written.updated += 1;
        }
        return;
      }
      const { __taxId: _tax, ...values } = row.values;
      const customer = customerCreateInput.parse({ ...values });
      const id = uuidv7();
      (trees as CustomerTreeWriter).insert(prepareCustomerTree({ id, customer, departments: [], contacts: [] }));
      if (Object.keys(row.custom).length > 0) writeCustomValues(tx, 'customer', id, id, row.custom, { creating: true });
      createdByRow.set(rowNumber, id);
      written.inserted += 1;
    });
  });
  report.written = written;
  return report;
}

function pushDuplicate(list: DuplicateHit[], hit: DuplicateHit): void {
  if (list.length < MAX_LISTED) list.push(hit);
}

/** Overwrite replaces the mapped fields; updateEmpty only fills fields that are empty now. */
function updateExisting(tx: WriteTx, id: string, row: ConvertedRow, onlyEmpty: boolean): void {
  const before = readRow(tx, 'customer', id);
  if (!before) return;
  const { __taxId: _tax, ...incoming } = row.values;
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(incoming)) {
    const current = before[field];
    const empty = current === null || current === undefined || current === '' || current === '[]';
    if (!onlyEmpty || empty) patch[field] = value;
  }
  const parsed = customerCreateInput.partial().parse(patch);
  const extra = parsed.name ? { sortKey: sortKeyOf(parsed.name) } : {};
  updateRow(tx, 'customer', id, before, parsed, extra);
  if (Object.keys(row.custom).length > 0) writeCustomValues(tx, 'customer', id, id, row.custom, { creating: false });
  reindexCustomer(tx.ws, id);
}

type CustomerLookup = { byCode: Map<string, string>; byName: Map<string, string>; departments: Map<string, string> };

function customerLookupOf(ws: Workspace): CustomerLookup {
  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const r of ws.db.prepare('SELECT id, name, code FROM customers WHERE deleted = 0').iterate() as IterableIterator<{ id: string; name: string; code: string | null }>) {
    if (r.code) byCode.set(r.code.trim().toLowerCase(), r.id);
    const key = duplicateNameKey(r.name);
    if (!byName.has(key)) byName.set(key, r.id);
  }
  const departments = new Map<string, string>();
  for (const d of ws.db.prepare('SELECT id, customer_id, name FROM departments WHERE deleted = 0').iterate() as IterableIterator<{ id: string; customer_id: string; name: string }>) {
    departments.set(`${d.customer_id}\u0000${d.name}`, d.id);
  }
  return { byCode, byName, departments };
}

/** Contacts link to their customer by code first, then by (normalised) name; departments are found or created. */
function writeContact(tx: WriteTx, row: ConvertedRow, lookup: CustomerLookup): void {
  const link = row.link ?? { customer: null, customerCode: null, department: null };
  const customerId =
    (link.customerCode ? lookup.byCode.get(link.customerCode.trim().toLowerCase()) : undefined) ??
    (link.customer ? lookup.byName.get(duplicateNameKey(link.customer)) : undefined);
  if (!customerId) throw new KecardError('VALIDATION', `No customer named "${link.customer ?? link.customerCode ?? ''}".`, { fields: { customer: 'notFound' } });
  let departmentId: string | null = null;
  if (link.department) {
    const key = `${customerId}\u0000${link.department}`;
    departmentId = lookup.departments.get(key) ?? null;
    if (!departmentId) {
      departmentId = insertDepartment(tx, customerId, null, link.department);
      lookup.departments.set(key, departmentId);
    }
  }
  insertContact(tx, contactCreateInput.parse({ ...row.values, customerId, departmentId }));
}

/**
 * better-sqlite3 cannot keep a `db.transaction()` open across awaits, so the import opens the
 * transaction itself; every write still goes through the services and the change log via a
 * WriteTx. Any throw (cancel, a bad row in all-or-nothing mode, a crash) rolls everything back.
 */
async function writeInOneTransaction(ws: Workspace, ctx: CallContext, source: string, work: (tx: WriteTx) => Promise<void>): Promise<void> {
  await runWriteAsync(ws, ctx, work, { source });
}
