import type Database from 'better-sqlite3-multiple-ciphers';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import { KecardError } from '../../../src-shared/errors';
import { addColumn } from '../../services/custom-fields/field-definition-service';
import { ENTITY_TABLES, type TableEntity } from '../../services/shared/entity-tables';
import { noteDerivedInputs, readRow } from '../../services/shared/entity-writes';
import { namePinyin } from '../../services/search/pinyin-keys';
import { openSearchBacklog } from '../../services/search/search-backlog';
import type { WriteTx } from '../write-tx';
import { stampedByWrite } from './entity-registry';

type Row = Record<string, unknown>;

/**
 * A remote create of a row this file does not hold yet: the row as the change made it, its
 * derived values computed from the values in hand, and what follows it (search document, totals)
 * noted for the end of the transaction. The bulk of a store's first bundle is this case, so it
 * skips what the general path needs for rows that were there: the row is not read back after the
 * insert (its stored values are the ones written here), and a customer's sort key is computed
 * once, by the same conversion that gives the search keys of its name (namePinyin), instead of
 * again before the commit. `values` are the change's data fields, already in their stored form.
 */
export function insertNewRow(tx: WriteTx, entity: TableEntity, id: string, values: Row, siteId: string): void {
  const fields = Object.keys(values);
  const row: Row = { id, siteId, createdAt: tx.rowAt, updatedAt: tx.rowAt, deleted: 0 };
  if (entity === 'customer') row.sortKey = namePinyin(typeof values.name === 'string' ? values.name : '').sortKey;
  Object.assign(row, values, stampedByWrite(entity, fields, tx.rowAt));
  const rowid = insertRowPlain(tx, entity, row);
  // The customer's sort key is written above from this very name: only later name changes need it again.
  noteDerivedInputs(tx, entity, id, row, entity === 'customer' ? fields.filter((f) => f !== 'name') : fields);
  if (entity === 'customer') searchLater(tx, id, rowid);
  else if (entity === 'contact') tx.derived.searchDocuments.add(String(row.customerId ?? readRow(tx, entity, id)?.customerId));
  else if (entity === 'customField') {
    // Rare (a field defined elsewhere): the stored row, with its column defaults, decides.
    const stored = readRow(tx, entity, id) ?? {};
    if (stored.type !== 'computedTotal') addColumn(tx, stored.entity as Parameters<typeof addColumn>[1], String(stored.columnName));
  }
}

/**
 * A new customer's search document: before the commit (recompute-derived.ts), or, in a large
 * bundle's apply, from the search backlog after it. The backlog's range opens at the first new
 * customer, before anything could index it, and every customer after it in this transaction is
 * new (seq only grows); recomputeDerived closes it at the last.
 */
function searchLater(tx: WriteTx, id: string, seq: number): void {
  const derived = tx.derived;
  if (!derived.deferNewSearch) {
    derived.searchDocuments.add(id);
    return;
  }
  if (derived.backlogLast === null) openSearchBacklog(tx.ws, seq);
  derived.backlogLast = seq;
}

interface InsertStatement {
  statement: Database.Statement;
  keys: string[];
  columns: Column[];
}

// Per connection and column set: a bundle's creates of one entity nearly always carry the same
// fields, so the last statement per entity is tried first (building a map key per row showed up).
const statements = new WeakMap<Database.Database, Map<string, InsertStatement>>();

/**
 * drizzle's insert builds its SQL on every call, which cost more than the insert itself when a
 * bundle brings thousands of rows: the statement is built from the row's columns and prepared
 * once per column set, values mapped as drizzle maps them.
 */
function insertRowPlain(tx: WriteTx, entity: TableEntity, row: Row): number {
  const keys = Object.keys(row).filter((key) => row[key] !== undefined);
  const { statement, columns } = statementFor(tx.ws.db, entity, keys);
  const params = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i += 1) {
    const value = row[keys[i] as string];
    params[i] = value === null ? null : (columns[i] as Column).mapToDriverValue(value);
  }
  return Number(statement.run(params).lastInsertRowid);
}

function statementFor(db: Database.Database, entity: TableEntity, keys: string[]): InsertStatement {
  let byKey = statements.get(db);
  if (!byKey) {
    byKey = new Map();
    statements.set(db, byKey);
  }
  const last = byKey.get(entity);
  if (last && last.keys.length === keys.length && last.keys.every((k, i) => k === keys[i])) return last;
  const key = `${entity}:${keys.join(',')}`;
  let found = byKey.get(key);
  if (!found) {
    const table = ENTITY_TABLES[entity];
    const all = getTableColumns(table) as Record<string, Column>;
    const columns = keys.map((k) => {
      const column = all[k];
      if (!column)
        throw new KecardError('VALIDATION', 'The change does not fit this workspace.', { fields: { field: 'invalid' }, value: `${entity}.${k}` });
      return column;
    });
    const statement = db.prepare(
      `INSERT INTO "${getTableName(table)}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    found = { statement, keys, columns };
    byKey.set(key, found);
  }
  byKey.set(entity, found);
  return found;
}
