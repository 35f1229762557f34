import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import {
  coerceCustomValue,
  customFieldInput,
  customFieldPatch,
  type CustomField,
  type CustomFieldType,
} from '../../../src-shared/domain/custom-fields';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { insertRow, readRow, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';
import { fromDb, toDb } from './custom-values';
import { indexName } from './field-indexes';
import { CUSTOM_TABLE, getField, listFields, safeColumn } from './field-registry';

/**
 * Adds a field: a metadata row (logged like data, so sync carries it) and a nullable column.
 * SQLite's ADD COLUMN only edits the schema, so this is instant on a table of any size. An
 * indexed field's index is built afterwards by the 'index' job (field-indexes.ts); the field
 * works meanwhile, just unindexed.
 *
 * Custom columns are declared without a type (no affinity): SQLite then stores each value exactly
 * as written, so a text "00123" keeps its zeros, and after a type change the converted values
 * compare and sort as their new type without rebuilding the column.
 */
export function createField(ws: Workspace, ctx: CallContext, input: unknown): CustomField {
  const id = runWrite(ws, ctx, (tx) => insertField(tx, input));
  return getField(ws, id) as CustomField;
}

/** createField inside a caller's write (a business type made from a template, with its fields). */
export function insertField(tx: WriteTx, input: unknown): string {
  const ws = tx.ws;
  const values = validate(customFieldInput, input);
  if (values.entity === 'record' && !values.businessTypeId) {
    throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { businessTypeId: 'required' } });
  }
  if ((values.type === 'select' || values.type === 'multiSelect') && values.options.length === 0) {
    throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { options: 'required' } });
  }
  if (values.type === 'computedTotal' && (values.entity !== 'customer' || !values.computed)) {
    throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { computed: 'required' } });
  }
  if (values.defaultValue !== null) {
    const d = coerceCustomValue({ type: values.type, options: values.options }, values.defaultValue);
    if (!d.ok) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { defaultValue: d.error } });
    values.defaultValue = d.value;
  }
  const duplicate = listFields(ws, values.entity, { businessTypeId: values.businessTypeId }).some((f) => f.label === values.label);
  if (duplicate) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { label: 'duplicateName' } });

  const id = uuidv7();
  const columnName = `cf_${randomBytes(5).toString('hex')}`;
  const sortOrder = listFields(ws, values.entity, { businessTypeId: values.businessTypeId }).length;
  insertRow(tx, 'customField', null, id, { ...values, columnName, sortOrder });
  if (values.type !== 'computedTotal') addColumn(tx, values.entity, columnName);
  return id;
}

/** Creates the physical column if this workspace does not have it yet (sync applies remote fields this way too). */
export function addColumn(tx: WriteTx, entity: CustomField['entity'], columnName: string): void {
  const table = CUSTOM_TABLE[entity];
  const cols = tx.ws.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  if (cols.some((c) => c.name === columnName)) return;
  tx.ws.db.exec(`ALTER TABLE ${table} ADD COLUMN ${safeColumn(columnName)}`);
}

export function updateField(ws: Workspace, ctx: CallContext, id: string, patch: unknown): CustomField {
  const values = validate(customFieldPatch, patch);
  runWrite(ws, ctx, (tx) => {
    const before = requireField(tx, id);
    const field = getField(ws, id) as CustomField;
    if (values.options && (field.type === 'select' || field.type === 'multiSelect')) {
      const removed = field.options.filter((o) => !values.options?.some((n) => n.value === o.value)).map((o) => o.value);
      if (removed.length > 0 && countUsing(tx, field, removed) > 0) {
        throw new KecardError('VALIDATION', 'Options still in use cannot be removed.', { fields: { options: 'inUse' }, removed });
      }
    }
    updateRow(tx, 'customField', null, before, values);
    // Turning "indexed" on only sets the flag: the 'index' job builds it. Dropping is instant.
    if (values.indexed === false && field.indexed && field.type !== 'computedTotal') {
      tx.ws.db.exec(`DROP INDEX IF EXISTS ${indexName(field.columnName)}`);
    }
  });
  return getField(ws, id) as CustomField;
}

function countUsing(tx: WriteTx, field: CustomField, values: string[]): number {
  const table = CUSTOM_TABLE[field.entity];
  const col = safeColumn(field.columnName);
  const marks = values.map(() => '?').join(',');
  const sql =
    field.type === 'select'
      ? `SELECT count(*) AS n FROM ${table} WHERE ${col} IN (${marks})`
      : `SELECT count(*) AS n FROM ${table} t WHERE EXISTS (SELECT 1 FROM json_each(t.${col}) j WHERE j.value IN (${marks}))`;
  return (tx.ws.db.prepare(sql).get(...values) as { n: number }).n;
}

/** How many records hold a value; shown before a delete or a type change. */
export function valueCount(ws: Workspace, field: CustomField): number {
  if (field.type === 'computedTotal') return 0;
  const col = safeColumn(field.columnName);
  return (ws.db.prepare(`SELECT count(*) AS n FROM ${CUSTOM_TABLE[field.entity]} WHERE ${col} IS NOT NULL`).get() as { n: number }).n;
}

/** Soft delete: the field disappears from cards, lists and queries; its column and values stay. */
export function deleteField(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => updateRow(tx, 'customField', null, requireField(tx, id), { deleted: true }));
}

export function restoreField(ws: Workspace, ctx: CallContext, id: string): CustomField {
  runWrite(ws, ctx, (tx) => {
    const row = readRow(tx, 'customField', id);
    if (!row || row.purged === 1) throw new KecardError('NOT_FOUND', 'Field not found or already purged.', { id });
    updateRow(tx, 'customField', null, row, { deleted: false });
  });
  return getField(ws, id) as CustomField;
}

/** Deliberate and final: drops the column of a deleted field. Its past values remain in the change log. */
export function purgeField(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const row = readRow(tx, 'customField', id);
    if (!row || row.purged === 1) throw new KecardError('NOT_FOUND', 'Field not found.', { id });
    if (row.deleted !== 1) throw new KecardError('CONFLICT', 'Delete the field before purging it.', { id });
    const field = getField(ws, id) as CustomField;
    if (field.type !== 'computedTotal') {
      tx.ws.db.exec(`DROP INDEX IF EXISTS ${indexName(field.columnName)}`);
      tx.ws.db.exec(`ALTER TABLE ${CUSTOM_TABLE[field.entity]} DROP COLUMN ${safeColumn(field.columnName)}`);
    }
    tx.ws.db.prepare('UPDATE custom_fields SET purged = 1, updated_at = ? WHERE id = ?').run(tx.at, id);
    tx.log({ op: 'delete', entity: 'customField', entityId: id, rootId: null, field: 'purged', oldValue: false, newValue: true });
  });
}

export interface TypeChangePreview {
  total: number;
  converted: number;
  lost: number;
  /** Up to 20 values that cannot be converted, so the user sees exactly what would be emptied. */
  lostExamples: { id: string; value: unknown }[];
  samples: { before: unknown; after: unknown }[];
}

/** What a type change would do to existing values, computed without changing anything. */
export function previewTypeChange(ws: Workspace, id: string, to: CustomFieldType, options: CustomField['options'] = []): TypeChangePreview {
  const field = getField(ws, id);
  if (!field || field.deleted) throw new KecardError('NOT_FOUND', 'Field not found.', { id });
  const preview: TypeChangePreview = { total: 0, converted: 0, lost: 0, lostExamples: [], samples: [] };
  for (const { id: rowId, value } of valuesOf(ws, field)) {
    preview.total += 1;
    const result = convert(field, value, to, options);
    if (result.ok) {
      preview.converted += 1;
      if (preview.samples.length < 10) preview.samples.push({ before: value, after: result.value });
    } else {
      preview.lost += 1;
      if (preview.lostExamples.length < 20) preview.lostExamples.push({ id: rowId, value });
    }
  }
  return preview;
}

/**
 * Converts every value to the new type through the logged write path. Values that cannot be
 * converted are emptied only when the caller confirms `acceptLoss` after seeing the preview; each
 * emptied value stays in the change log, so history still shows it.
 */
export function changeFieldType(
  ws: Workspace,
  ctx: CallContext,
  id: string,
  to: CustomFieldType,
  options: { acceptLoss: boolean; selectOptions?: CustomField['options'] },
): TypeChangePreview {
  const preview = previewTypeChange(ws, id, to, options.selectOptions ?? []);
  if (preview.lost > 0 && !options.acceptLoss) {
    throw new KecardError('CONFLICT', 'Some values cannot be converted; confirm to empty them.', { preview });
  }
  if (to === 'computedTotal') throw new KecardError('VALIDATION', 'A stored field cannot become computed.', { fields: { type: 'invalid' } });
  runWrite(
    ws,
    ctx,
    (tx) => {
      const field = getField(ws, id) as CustomField;
      const table = CUSTOM_TABLE[field.entity];
      const col = safeColumn(field.columnName);
      const target = { ...field, type: to, options: options.selectOptions ?? field.options };
      for (const { id: rowId, value } of valuesOf(ws, field)) {
        const result = convert(field, value, to, target.options);
        const next = result.ok ? result.value : null;
        tx.ws.db.prepare(`UPDATE ${table} SET ${col} = ? WHERE id = ?`).run(toDb(target, next), rowId);
        tx.log({
          op: 'update',
          entity: field.entity === 'record' ? 'businessRecord' : field.entity,
          entityId: rowId,
          rootId: rootOf(tx, field.entity, rowId),
          field: col,
          oldValue: value,
          newValue: next,
        });
      }
      updateRow(tx, 'customField', null, requireField(tx, id), { type: to, options: target.options });
    },
    { source: 'typeChange' },
  );
  return preview;
}

function valuesOf(ws: Workspace, field: CustomField): { id: string; value: unknown }[] {
  const col = safeColumn(field.columnName);
  return (
    ws.db.prepare(`SELECT id, ${col} AS v FROM ${CUSTOM_TABLE[field.entity]} WHERE ${col} IS NOT NULL`).all() as { id: string; v: unknown }[]
  ).map((r) => ({ id: r.id, value: fromDb(field, r.v) }));
}

function convert(field: CustomField, value: unknown, to: CustomFieldType, options: CustomField['options']) {
  // Re-express the stored value as text the way a user would type it, then parse it as the new type.
  let asText: unknown = value;
  if (field.type === 'money' && typeof value === 'number') asText = (value / 100).toFixed(2);
  else if (field.type === 'percent' && typeof value === 'number') asText = `${value / 100}%`;
  else if (field.type === 'boolean') asText = value ? '是' : '否';
  else if (field.type === 'multiSelect' && Array.isArray(value)) asText = value.join(',');
  else if (field.type === 'select') asText = field.options.find((o) => o.value === value)?.label ?? value;
  if (to === 'text' || to === 'longText') return { ok: true as const, value: String(asText) };
  return coerceCustomValue({ type: to, options }, asText);
}

function rootOf(tx: WriteTx, entity: CustomField['entity'], id: string): string | null {
  if (entity === 'customer') return id;
  const table = CUSTOM_TABLE[entity];
  const row = tx.ws.db.prepare(`SELECT customer_id AS c FROM ${table} WHERE id = ?`).get(id) as { c: string } | undefined;
  return row?.c ?? null;
}

function requireField(tx: WriteTx, id: string): Record<string, unknown> {
  const row = readRow(tx, 'customField', id);
  if (!row || row.deleted === 1 || row.purged === 1) throw new KecardError('NOT_FOUND', 'Field not found.', { id });
  return row;
}
