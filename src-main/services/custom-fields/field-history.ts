import { coerceCustomValue, type CustomField } from '../../../src-shared/domain/custom-fields';
import { isCalendarDate } from '../../../src-shared/domain/field-rules';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { encodeId } from '../../changelog/log-codec';
import { decodeValue, runWrite } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { LOG_ENTITY, readCustomValues, writeCustomValues } from './custom-values';
import { getField } from './field-registry';

export interface FieldHistoryPoint {
  date: string;
  value: unknown;
  userName: string;
  recordedAt: string;
  /** true when entered afterwards with its own effective date (年收入 2021 …). */
  backfilled: boolean;
}

/**
 * A tracked field's values over time, read from the change log only: ordinary edits at the day
 * they were made, past values at the date they were entered for. Oldest first.
 */
export function fieldHistory(ws: Workspace, fieldId: string, rowId: string): FieldHistoryPoint[] {
  const field = requireTracked(ws, fieldId);
  const rows = ws.db
    .prepare(
      `SELECT op, new_value, user_name, at, effective_date FROM change_log_entries l
       WHERE l.n IN (SELECT n FROM change_log WHERE entity_id = ? AND field = (SELECT n FROM log_names WHERE name = ?))
         AND entity = ? AND op IN ('update', 'record') AND undo_of IS NULL
         AND NOT EXISTS (SELECT 1 FROM change_log u WHERE u.undo_of = l.tx AND u.root_id = (SELECT root_id FROM change_log WHERE n = l.n))
       ORDER BY hlc`,
    )
    .all(encodeId(rowId), field.columnName, LOG_ENTITY[field.entity]) as {
    op: string;
    new_value: string | null;
    user_name: string;
    at: string;
    effective_date: string | null;
  }[];
  return rows
    .map((r) => ({
      date: r.effective_date ?? r.at.slice(0, 10),
      value: decodeValue(r.new_value),
      userName: r.user_name,
      recordedAt: r.at,
      backfilled: r.op === 'record',
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.recordedAt < b.recordedAt ? -1 : 1));
}

/**
 * Enters a value as of a past (or current) date. It becomes the current value only if no value
 * with a later date exists, so entering 2021's revenue after 2023's does not overwrite 2023's.
 */
export function recordFieldValue(
  ws: Workspace,
  ctx: CallContext,
  fieldId: string,
  rowId: string,
  rawValue: unknown,
  effectiveDate: string,
): FieldHistoryPoint[] {
  const field = requireTracked(ws, fieldId);
  if (!isCalendarDate(effectiveDate)) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { effectiveDate: 'date' } });
  const coerced = coerceCustomValue(field, rawValue);
  if (!coerced.ok) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { value: coerced.error } });
  const latest = fieldHistory(ws, fieldId, rowId).at(-1);
  const rootId =
    field.entity === 'customer'
      ? rowId
      : ((
          ws.db
            .prepare(
              `SELECT customer_id AS c FROM ${field.entity === 'contact' ? 'contacts' : field.entity === 'order' ? 'orders' : 'business_records'} WHERE id = ?`,
            )
            .get(rowId) as { c: string } | undefined
        )?.c ?? null);
  runWrite(ws, ctx, (tx) => {
    if (!latest || effectiveDate >= latest.date) {
      // Becomes the current value: an ordinary logged update that carries its date (undo reverts it).
      const old = readCurrent(ws, field, rowId);
      writeCustomValues(tx, field.entity, rowId, rootId, { [field.columnName]: coerced.value }, { creating: false, log: false });
      tx.log({
        op: 'update',
        entity: LOG_ENTITY[field.entity],
        entityId: rowId,
        rootId,
        field: field.columnName,
        oldValue: old,
        newValue: coerced.value,
        effectiveDate,
      });
    } else {
      tx.log({
        op: 'record',
        entity: LOG_ENTITY[field.entity],
        entityId: rowId,
        rootId,
        field: field.columnName,
        newValue: coerced.value,
        effectiveDate,
      });
    }
  });
  return fieldHistory(ws, fieldId, rowId);
}

function requireTracked(ws: Workspace, fieldId: string): CustomField {
  const field = getField(ws, fieldId);
  if (!field || field.deleted) throw new KecardError('NOT_FOUND', 'Field not found.', { id: fieldId });
  if (!field.trackHistory) throw new KecardError('VALIDATION', 'This field does not keep its history.', { fields: { trackHistory: 'invalid' } });
  return field;
}

function readCurrent(ws: Workspace, field: CustomField, rowId: string): unknown {
  return readCustomValues(ws, field.entity, [rowId]).get(rowId)?.[field.columnName] ?? null;
}
