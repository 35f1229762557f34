import type { TableEntity } from './entity-tables';
import type { WriteTx } from '../../changelog/write-tx';
import { eq, sql } from 'drizzle-orm';
import { byIdWhere, ENTITY_TABLES, fromDbValue, idColumn, toDbValue } from './entity-tables';
import { becameData, dataOnly, isDerived, stampedByWrite } from '../../changelog/apply/entity-registry';

// Generic row writes shared by every service and by undo, so each kind of change is logged the
// same way whoever makes it.

type Row = Record<string, unknown>;

export function readRow(tx: Pick<WriteTx, 'ws'>, entity: TableEntity, id: string): Row | undefined {
  return rowReader(tx.ws.orm, entity).get({ id }) as Row | undefined;
}

// Built once per connection and entity: drizzle builds a query's SQL on every call, which cost
// more than the read itself when a bundle applies thousands of rows.
const rowReaders = new WeakMap<object, Map<TableEntity, { get: (params: { id: string }) => unknown }>>();

function rowReader(orm: WriteTx['ws']['orm'], entity: TableEntity): { get: (params: { id: string }) => unknown } {
  let readers = rowReaders.get(orm);
  if (!readers) {
    readers = new Map();
    rowReaders.set(orm, readers);
  }
  let reader = readers.get(entity);
  if (!reader) {
    reader = orm
      .select()
      .from(ENTITY_TABLES[entity])
      .where(eq(idColumn(entity), sql.placeholder('id')))
      .prepare();
    readers.set(entity, reader);
  }
  return reader;
}

export function insertRow(tx: WriteTx, entity: TableEntity, rootId: string | null, id: string, values: Row, extra: Row = {}): void {
  const table = ENTITY_TABLES[entity];
  tx.ws.orm
    .insert(table)
    .values(newRowValues(tx, id, { ...values, ...stampedByWrite(entity, Object.keys(values), tx.rowAt) }, extra) as never)
    .run();
  tx.log({ op: 'create', entity, entityId: id, rootId, newValue: dataOnly(entity, values) });
  noteDerivedInputs(tx, entity, id, values, Object.keys(values));
}

/** The stored form of a new row (bookkeeping columns plus `values` in their db encoding). */
export function newRowValues(tx: Pick<WriteTx, 'ws' | 'rowAt'>, id: string, values: Row, extra: Row = {}, siteId: string = tx.ws.siteId): Row {
  const dbValues: Row = { ...extra, id, siteId, createdAt: tx.rowAt, updatedAt: tx.rowAt, deleted: 0 };
  for (const field of Object.keys(values)) dbValues[field] = toDbValue(field, values[field]);
  return dbValues;
}

/**
 * Writes the fields of `values` that differ from `before` (a raw row) and logs one entry per
 * changed data field (derived ones are written, not logged: entity-registry.ts). Returns the names
 * of the fields that changed.
 */
export function updateRow(tx: WriteTx, entity: TableEntity, rootId: string | null, before: Row, values: Row, extra: Row = {}): string[] {
  const id = before.id as string;
  const changed: string[] = [];
  const set: Row = {};
  const after = { ...before, ...values };
  for (const [field, value] of Object.entries(values)) {
    const old = fromDbValue(field, before[field]);
    if (sameValue(old, value)) continue;
    changed.push(field);
    set[field] = toDbValue(field, value);
    if (!isDerived(entity, field, after)) tx.log({ op: 'update', entity, entityId: id, rootId, field, oldValue: old, newValue: value });
  }
  // A value that was derived and is data from now on (clearing a rate keeps the amount it came
  // to) is logged even unchanged: other sites derived their own, from their own lines.
  for (const field of becameData(entity, before, after)) {
    if (changed.includes(field)) continue;
    const value = fromDbValue(field, before[field]);
    tx.log({ op: 'update', entity, entityId: id, rootId, field, oldValue: value, newValue: value });
  }
  if (changed.length === 0) return changed;
  // updatedAt is the time of the row's latest logged change: a derived value that moved alone does not bump it.
  const stored = { ...set, ...extra, ...stampedByWrite(entity, changed, tx.rowAt) };
  if (changed.some((field) => !isDerived(entity, field, after))) writeFields(tx, entity, id, stored);
  else writeStored(tx, entity, id, stored);
  noteDerivedInputs(tx, entity, id, after, changed);
  return changed;
}

/** Sets stored (db-encoded) values of a row, leaving its updatedAt. */
function writeStored(tx: WriteTx, entity: TableEntity, id: string, set: Row): void {
  tx.ws.orm.update(ENTITY_TABLES[entity]).set(set).where(byIdWhere(entity, id)).run();
}

/** Sets stored (db-encoded) values of a row and its updatedAt. */
export function writeFields(tx: WriteTx, entity: TableEntity, id: string, set: Row): void {
  tx.ws.orm
    .update(ENTITY_TABLES[entity])
    .set({ ...set, updatedAt: tx.rowAt })
    .where(byIdWhere(entity, id))
    .run();
}

/** Marks what the row's change feeds (an order's totals, a customer's sort key) for recomputation before the commit. */
export function noteDerivedInputs(tx: WriteTx, entity: TableEntity, id: string, row: Row, fields: readonly string[]): void {
  if (entity === 'order') tx.derived.orders.set(id, tx.rowAt);
  else if (entity === 'orderLine' && typeof row.orderId === 'string') tx.derived.orders.set(row.orderId, tx.rowAt);
  else if (entity === 'customer' && fields.includes('name')) tx.derived.customerNames.add(id);
}

export function setDeleted(tx: WriteTx, entity: TableEntity, rootId: string | null, id: string, deleted: boolean): void {
  writeFields(tx, entity, id, { deleted: deleted ? 1 : 0 });
  tx.log({ op: deleted ? 'delete' : 'restore', entity, entityId: id, rootId });
  if (entity === 'orderLine') {
    const row = readRow(tx, entity, id);
    if (row) noteDerivedInputs(tx, entity, id, row, ['deleted']);
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return JSON.stringify(a) === JSON.stringify(b);
}
