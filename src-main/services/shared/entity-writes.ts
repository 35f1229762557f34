import type { TableEntity } from './entity-tables';
import type { WriteTx } from '../../changelog/write-tx';
import { byIdWhere, ENTITY_TABLES, fromDbValue, toDbValue } from './entity-tables';

// Generic row writes shared by every service and by undo, so each kind of change is logged the
// same way whoever makes it.

type Row = Record<string, unknown>;

export function readRow(tx: Pick<WriteTx, 'ws'>, entity: TableEntity, id: string): Row | undefined {
  const table = ENTITY_TABLES[entity];
  return tx.ws.orm.select().from(table).where(byIdWhere(entity, id)).get();
}

export function insertRow(tx: WriteTx, entity: TableEntity, rootId: string | null, id: string, values: Row, extra: Row = {}): void {
  const table = ENTITY_TABLES[entity];
  tx.ws.orm
    .insert(table)
    .values(newRowValues(tx, id, values, extra) as never)
    .run();
  tx.log({ op: 'create', entity, entityId: id, rootId, newValue: values });
}

/** The stored form of a new row (bookkeeping columns plus `values` in their db encoding). */
export function newRowValues(tx: Pick<WriteTx, 'ws' | 'at'>, id: string, values: Row, extra: Row = {}): Row {
  const dbValues: Row = { ...extra, id, siteId: tx.ws.siteId, createdAt: tx.at, updatedAt: tx.at, deleted: 0 };
  for (const field of Object.keys(values)) dbValues[field] = toDbValue(field, values[field]);
  return dbValues;
}

/**
 * Writes the fields of `values` that differ from `before` (a raw row) and logs one entry per
 * changed field. Returns the names of the fields that changed.
 */
export function updateRow(tx: WriteTx, entity: TableEntity, rootId: string | null, before: Row, values: Row, extra: Row = {}): string[] {
  const id = before.id as string;
  const changed: string[] = [];
  const set: Row = {};
  for (const [field, value] of Object.entries(values)) {
    const old = fromDbValue(field, before[field]);
    if (sameValue(old, value)) continue;
    changed.push(field);
    set[field] = toDbValue(field, value);
    tx.log({ op: 'update', entity, entityId: id, rootId, field, oldValue: old, newValue: value });
  }
  if (changed.length === 0) return changed;
  const table = ENTITY_TABLES[entity];
  tx.ws.orm
    .update(table)
    .set({ ...set, ...extra, updatedAt: tx.at })
    .where(byIdWhere(entity, id))
    .run();
  return changed;
}

export function setDeleted(tx: WriteTx, entity: TableEntity, rootId: string | null, id: string, deleted: boolean): void {
  const table = ENTITY_TABLES[entity];
  tx.ws.orm
    .update(table)
    .set({ deleted: deleted ? 1 : 0, updatedAt: tx.at })
    .where(byIdWhere(entity, id))
    .run();
  tx.log({ op: deleted ? 'delete' : 'restore', entity, entityId: id, rootId });
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return JSON.stringify(a) === JSON.stringify(b);
}
