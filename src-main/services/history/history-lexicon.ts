import type { ChangeEntry } from '../../../src-shared/domain/change-log';
import { HISTORY_REFERENCE_FIELDS, type HistoryLexicon } from '../../../src-shared/domain/history-fields';
import type { Workspace } from '../../db/workspace';

/** Tables whose rows a history line may mention, with the column that names a row to a reader. */
const NAMED_TABLES: readonly (readonly [table: string, column: string])[] = [
  ['customers', 'name'],
  ['contacts', 'name'],
  ['departments', 'name'],
  ['employees', 'name'],
  ['products', 'name'],
  ['favourite_folders', 'name'],
  ['expense_categories', 'name'],
  ['business_types', 'name'],
  ['classification_schemes', 'name'],
  ['saved_queries', 'name'],
  ['orders', 'order_no'],
  ['business_records', 'title'],
  ['order_lines', 'product_name'],
  ['custom_fields', 'label'],
];

/** Custom field types whose values are ids of other rows. */
const REFERENCE_TYPES = new Set(['staff', 'customerRef']);

interface FieldRow {
  column_name: string;
  label: string;
  type: string;
  options: string;
}

/**
 * What it takes to show log entries in words: the names of every row they mention (by id, in a
 * field or a logged whole record), custom fields' labels, types and options (deleted and purged
 * fields too: their values stay in the log), and business records' status labels. The renderer's
 * presenter (`src-renderer/history/present-change.ts`) does the wording.
 */
export function historyLexicon(ws: Workspace, entries: readonly ChangeEntry[]): HistoryLexicon {
  const columns = new Set<string>();
  for (const e of entries) {
    if (e.field?.startsWith('cf_')) columns.add(e.field);
    for (const record of [e.oldValue, e.newValue])
      if (isRecord(record)) for (const key of Object.keys(record)) if (key.startsWith('cf_')) columns.add(key);
  }
  const fields = customFields(ws, [...columns]);

  const ids = new Set<string>();
  const addId = (v: unknown) => {
    if (typeof v === 'string' && v) ids.add(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') ids.add(x);
  };
  const refersToRow = (field: string) => HISTORY_REFERENCE_FIELDS.has(field) || REFERENCE_TYPES.has(fields[field]?.type ?? '');
  const recordTypes: Record<string, string> = {};
  for (const e of entries) {
    ids.add(e.entityId);
    if (e.field && refersToRow(e.field)) [e.oldValue, e.newValue].forEach(addId);
    for (const record of [e.oldValue, e.newValue]) {
      if (!isRecord(record)) continue;
      for (const [key, value] of Object.entries(record)) if (refersToRow(key)) addId(value);
      if (e.entity === 'businessRecord' && typeof record.typeId === 'string') recordTypes[e.entityId] = record.typeId;
    }
  }
  const recordIds = [...new Set(entries.filter((e) => e.entity === 'businessRecord').map((e) => e.entityId))];
  for (const chunk of chunks(recordIds)) {
    const rows = ws.db.prepare(`SELECT id, type_id FROM business_records WHERE id IN (${marks(chunk.length)})`).all(...chunk) as {
      id: string;
      type_id: string;
    }[];
    for (const r of rows) recordTypes[r.id] = r.type_id;
  }
  return { names: namesOf(ws, [...ids]), fields, recordTypes, statuses: statusLabels(ws, [...new Set(Object.values(recordTypes))]) };
}

function namesOf(ws: Workspace, ids: readonly string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const chunk of chunks(ids)) {
    for (const [table, column] of NAMED_TABLES) {
      const rows = ws.db.prepare(`SELECT id, ${column} AS name FROM ${table} WHERE id IN (${marks(chunk.length)})`).all(...chunk) as {
        id: string;
        name: string | null;
      }[];
      for (const r of rows) if (r.name !== null && !(r.id in names)) names[r.id] = r.name;
    }
  }
  return names;
}

function customFields(ws: Workspace, columns: readonly string[]): HistoryLexicon['fields'] {
  const fields: HistoryLexicon['fields'] = {};
  for (const chunk of chunks(columns)) {
    const rows = ws.db
      .prepare(`SELECT column_name, label, type, options FROM custom_fields WHERE column_name IN (${marks(chunk.length)})`)
      .all(...chunk) as FieldRow[];
    for (const r of rows) {
      const options = (JSON.parse(r.options) as { value: string; label: string }[]).map((o) => ({ value: o.value, label: o.label }));
      fields[r.column_name] = { label: r.label, type: r.type, options };
    }
  }
  return fields;
}

function statusLabels(ws: Workspace, typeIds: readonly string[]): HistoryLexicon['statuses'] {
  const statuses: HistoryLexicon['statuses'] = {};
  for (const chunk of chunks(typeIds)) {
    const rows = ws.db.prepare(`SELECT id, statuses FROM business_types WHERE id IN (${marks(chunk.length)})`).all(...chunk) as {
      id: string;
      statuses: string;
    }[];
    for (const r of rows)
      statuses[r.id] = Object.fromEntries((JSON.parse(r.statuses) as { key: string; label: string }[]).map((s) => [s.key, s.label]));
  }
  return statuses;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}
