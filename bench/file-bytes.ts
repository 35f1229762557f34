import { openSqlite } from '../src-main/db/workspace-key';

export interface StorageBreakdown {
  /** Bytes per table, its indexes counted with it (SQLite's dbstat), largest first. */
  tables: { table: string; bytes: number; indexBytes: number; rows: number }[];
  changeLog: { entries: number; bytes: number; bytesPerEntry: number };
  fileBytes: number;
}

/** Where a workspace's bytes go: what issue 17's "≤ 300 bytes per log entry" is measured by. */
export function storageBreakdown(file: string): StorageBreakdown {
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    const schema = db.prepare("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE type IN ('table', 'index')").all() as {
      type: string;
      name: string;
      tbl: string;
      sql: string | null;
    }[];
    const indexes = new Map(schema.filter((r) => r.type === 'index').map((r) => [r.name, r.tbl]));
    const virtual = new Set(schema.filter((r) => r.sql?.startsWith('CREATE VIRTUAL')).map((r) => r.name));
    const byTable = new Map<string, { bytes: number; indexBytes: number }>();
    for (const r of db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[]) {
      const index = indexes.get(r.name);
      // Full-text shadow tables (customer_search_data …) count with their virtual table.
      const shadowOf = [...virtual].find((v) => r.name.startsWith(`${v}_`));
      const table = index ?? shadowOf ?? r.name;
      const entry = byTable.get(table) ?? { bytes: 0, indexBytes: 0 };
      entry.bytes += r.bytes;
      if (index) entry.indexBytes += r.bytes;
      byTable.set(table, entry);
    }
    const tables = [...byTable].map(([table, b]) => {
      let rows = 0;
      try {
        rows = db
          .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
          .pluck()
          .get() as number;
      } catch {
        rows = 0; // sqlite_schema and the like
      }
      return { table, bytes: b.bytes, indexBytes: b.indexBytes, rows };
    });
    tables.sort((a, b) => b.bytes - a.bytes);
    const log = tables.find((t) => t.table === 'change_log') ?? { bytes: 0, rows: 0 };
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return {
      tables,
      changeLog: { entries: log.rows, bytes: log.bytes, bytesPerEntry: log.rows ? Math.round(log.bytes / log.rows) : 0 },
      fileBytes: pageCount * pageSize,
    };
  } finally {
    db.close();
  }
}
