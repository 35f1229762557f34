import type Database from 'better-sqlite3-multiple-ciphers';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { TableEntity } from './entity-tables';
import type { WriteTx } from '../../changelog/write-tx';
import { ENTITY_TABLES, toDbValue } from './entity-tables';
import { dataOnly } from '../../changelog/apply/entity-registry';

type Row = Record<string, unknown>;

/**
 * `insertRow` for many rows: the same stored row and the same change-log entry, but through one
 * prepared statement per (entity, column set) instead of building SQL through the ORM for every
 * row, which dominated the cost of bulk writes (demo data, import).
 */
export class BulkRowWriter {
  private readonly statements = new Map<string, { stmt: Database.Statement; fields: string[] }>();
  /** The last statement per entity: bulk rows nearly always have the same fields, and building the map key was a hot spot. */
  private readonly last = new Map<TableEntity, { stmt: Database.Statement; fields: string[] }>();

  constructor(private readonly tx: WriteTx) {}

  /** Inserts and logs one row; returns its SQLite rowid (customers need it for the search index). */
  insert(entity: TableEntity, rootId: string | null, id: string, values: Row, extra: Row = {}): number {
    // The columns and parameters of newRowValues(tx, id, values, extra), in its order, built in one
    // pass: the intermediate row object (spread of a wide row) was a tenth of the import's writer.
    const fields = Object.keys(extra);
    const params = fields.map((f) => extra[f] ?? null);
    fields.push('id', 'siteId', 'createdAt', 'updatedAt', 'deleted');
    params.push(id, this.tx.ws.siteId, this.tx.at, this.tx.at, 0);
    for (const field of Object.keys(values)) {
      const value = toDbValue(field, values[field]) ?? null;
      const at = fields.indexOf(field);
      if (at >= 0) params[at] = value;
      else {
        fields.push(field);
        params.push(value);
      }
    }
    const { stmt } = this.statementFor(entity, fields);
    const result = stmt.run(params);
    this.tx.log({ op: 'create', entity, entityId: id, rootId, newValue: dataOnly(entity, values) });
    return Number(result.lastInsertRowid);
  }

  private statementFor(entity: TableEntity, fields: string[]): { stmt: Database.Statement; fields: string[] } {
    const last = this.last.get(entity);
    if (last && last.fields.length === fields.length && last.fields.every((f, i) => f === fields[i])) return last;
    const entry = this.statementByKey(entity, fields);
    this.last.set(entity, entry);
    return entry;
  }

  private statementByKey(entity: TableEntity, fields: string[]): { stmt: Database.Statement; fields: string[] } {
    const key = `${entity}:${fields.join(',')}`;
    const cached = this.statements.get(key);
    if (cached) return cached;
    const table = ENTITY_TABLES[entity];
    const columns: Record<string, { name: string }> = getTableColumns(table);
    const tableName = getTableName(table);
    const names = fields.map((f) => {
      const column = columns[f];
      if (!column) throw new Error(`Unknown field ${entity}.${f}`);
      return `"${column.name}"`;
    });
    const stmt = this.tx.ws.db.prepare(`INSERT INTO "${tableName}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
    const entry = { stmt, fields };
    this.statements.set(key, entry);
    return entry;
  }
}
