import type { CustomField, CustomFieldEntity, CustomValue } from '../../../src-shared/domain/custom-fields';
import { coerceCustomValue } from '../../../src-shared/domain/custom-fields';
import { KecardError, type FieldErrors } from '../../../src-shared/errors';
import type { WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { sameValue } from '../shared/entity-writes';
import { CUSTOM_TABLE, safeColumn, storedFields } from './field-registry';
import { computedValues } from './computed-values';

// Custom values travel as {columnName: value} in the contract and the change log (field = the
// column name, which never changes even when the label does).

export function toDb(field: Pick<CustomField, 'type'>, value: CustomValue): unknown {
  if (value === null) return null;
  if (field.type === 'multiSelect') return (value as string[]).length === 0 ? null : JSON.stringify(value);
  if (field.type === 'boolean') return value ? 1 : 0;
  return value;
}

export function fromDb(field: Pick<CustomField, 'type'>, raw: unknown): CustomValue {
  if (raw === null || raw === undefined) return field.type === 'multiSelect' ? [] : null;
  if (field.type === 'multiSelect') return typeof raw === 'string' ? (JSON.parse(raw) as string[]) : [];
  if (field.type === 'boolean') return raw === 1;
  return raw as CustomValue;
}

/** Reads the live custom values (stored and computed) of some rows of an entity. */
export function readCustomValues(ws: Workspace, entity: CustomFieldEntity, ids: readonly string[]): Map<string, Record<string, CustomValue>> {
  const result = new Map<string, Record<string, CustomValue>>(ids.map((id) => [id, {}]));
  if (ids.length === 0) return result;
  const fields = storedFields(ws, entity);
  if (fields.length > 0) {
    const cols = fields.map((f) => safeColumn(f.columnName)).join(', ');
    const rows = ws.db.prepare(`SELECT id, ${cols} FROM ${CUSTOM_TABLE[entity]} WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Record<
      string,
      unknown
    >[];
    for (const row of rows) {
      const values: Record<string, CustomValue> = {};
      for (const f of fields) values[f.columnName] = fromDb(f, row[f.columnName]);
      result.set(row.id as string, values);
    }
  }
  if (entity === 'customer') {
    for (const [id, computed] of computedValues(ws, ids)) Object.assign(result.get(id) ?? {}, computed);
  }
  return result;
}

/**
 * Validates and writes custom values inside a running write, logging one entry per changed field.
 * `creating` applies defaults and required checks to fields the input leaves out.
 */
export function writeCustomValues(
  tx: WriteTx,
  entity: CustomFieldEntity,
  id: string,
  rootId: string | null,
  input: Record<string, unknown>,
  options: { creating: boolean; businessTypeId?: string | null; log?: boolean },
): string[] {
  const fields = storedFields(tx.ws, entity, entity === 'record' ? (options.businessTypeId ?? null) : undefined);
  const byColumn = new Map(fields.map((f) => [f.columnName, f]));
  const errors: FieldErrors = {};
  for (const key of Object.keys(input)) if (!byColumn.has(key)) errors[`custom.${key}`] = 'unknownField';

  const table = CUSTOM_TABLE[entity];
  const before =
    fields.length > 0 && !options.creating
      ? (tx.ws.db.prepare(`SELECT ${fields.map((f) => safeColumn(f.columnName)).join(', ')} FROM ${table} WHERE id = ?`).get(id) as Record<
          string,
          unknown
        >)
      : {};
  const next: [CustomField, CustomValue][] = [];
  for (const f of fields) {
    const given = Object.hasOwn(input, f.columnName);
    if (!given && !options.creating) continue;
    const raw = given ? input[f.columnName] : f.defaultValue;
    const coerced = coerceCustomValue(f, raw);
    if (!coerced.ok) {
      errors[`custom.${f.columnName}`] = coerced.error;
      continue;
    }
    const empty = coerced.value === null || (Array.isArray(coerced.value) && coerced.value.length === 0);
    if (f.required && empty) {
      errors[`custom.${f.columnName}`] = 'required';
      continue;
    }
    if (f.uniqueValues && !empty) {
      const clash = tx.ws.db
        .prepare(`SELECT 1 FROM ${table} WHERE ${safeColumn(f.columnName)} = ? AND deleted = 0 AND id <> ?`)
        .get(toDb(f, coerced.value), id);
      if (clash) {
        errors[`custom.${f.columnName}`] = 'duplicateValue';
        continue;
      }
    }
    next.push([f, coerced.value]);
  }
  if (Object.keys(errors).length > 0) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: errors });

  const changed: string[] = [];
  for (const [f, value] of next) {
    const old = options.creating ? (f.type === 'multiSelect' ? [] : null) : fromDb(f, before[f.columnName]);
    if (sameValue(old, value)) continue;
    setCustomColumn(tx, table, f, id, value);
    if (options.log !== false)
      tx.log({ op: 'update', entity: LOG_ENTITY[entity], entityId: id, rootId, field: f.columnName, oldValue: old, newValue: value });
    changed.push(f.columnName);
  }
  // A custom value is data like any field: its change is the row's latest logged change, so it
  // moves updatedAt (every site does the same when the change arrives: writeCustomColumn).
  if (!options.creating && changed.length > 0) tx.ws.db.prepare(`UPDATE ${table} SET updated_at = ? WHERE id = ?`).run(tx.rowAt, id);
  return changed;
}

function setCustomColumn(tx: WriteTx, table: string, field: Pick<CustomField, 'type' | 'columnName'>, id: string, value: CustomValue): void {
  tx.ws.db.prepare(`UPDATE ${table} SET ${safeColumn(field.columnName)} = ? WHERE id = ?`).run(toDb(field, value), id);
}

/**
 * A custom value that arrives as it was logged elsewhere (a remote change): written to its column
 * as it came, without this site's required/unique rules. The field must be defined here.
 */
export function writeCustomColumn(tx: WriteTx, entity: CustomFieldEntity, id: string, column: string, value: unknown): void {
  const field = tx.ws.db
    .prepare('SELECT type, column_name AS columnName FROM custom_fields WHERE entity = ? AND column_name = ?')
    .get(entity, column) as Pick<CustomField, 'type' | 'columnName'> | undefined;
  if (!field || field.type === 'computedTotal') {
    throw new KecardError('VALIDATION', 'The change does not fit this workspace.', { fields: { field: 'invalid' }, value: column });
  }
  setCustomColumn(tx, CUSTOM_TABLE[entity], field, id, value as CustomValue);
  // Only forward: changes may arrive older than what the row shows.
  tx.ws.db.prepare(`UPDATE ${CUSTOM_TABLE[entity]} SET updated_at = max(updated_at, ?) WHERE id = ?`).run(tx.rowAt, id);
}

/** The change-log entity of each custom-field entity (records of business types log as businessRecord). */
export const LOG_ENTITY: Record<CustomFieldEntity, 'customer' | 'contact' | 'order' | 'businessRecord'> = {
  customer: 'customer',
  contact: 'contact',
  order: 'order',
  record: 'businessRecord',
};

/** The reverse: which custom-field entity a logged entity's cf_ columns belong to. */
export function customEntityOf(logEntity: string): CustomFieldEntity | null {
  const hit = (Object.keys(LOG_ENTITY) as CustomFieldEntity[]).find((k) => LOG_ENTITY[k] === logEntity);
  return hit ?? null;
}
