import type Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { latestSchemaVersion } from '../../../src-main/db/migrations-folder';
import { SINGLETON_TABLES } from '../../../src-main/changelog/singleton-ids';
import { buildWorkspaceAtVersion } from '../../support/old-workspace';
import { tempDir } from '../../support/temp-workspace';

// Each migration applied to a workspace of the version before it, holding data: a row in every
// user table as that version defined it (every required column filled, references pointing at
// the seeded rows), then opened by this release. Every row must still be there with its values,
// and the file must pass SQLite's integrity and foreign-key checks. The change log's own
// migrations (0013, 0014) are tested on workspaces built by the releases before them
// (tests/integration/changelog/log-migration.test.ts); the log and search tables are left out here.

const SKIP = /^(sqlite_|__drizzle|change_log|log_|customer_search|meta$)/;

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}

/** One row per user table; returns what was written, by table. */
function seedEveryTable(db: Database.Database): Map<string, Record<string, unknown>> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter(
    (t) => !SKIP.test(t),
  );
  // A table keyed by an INTEGER id (the sync tables) gets id 1, and references to it point there.
  const integerKeyed = (t: string) =>
    (db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = 'id' AND pk = 1 AND upper(type) = 'INTEGER'").get(t) ?? null) !== null;
  const ids = new Map<string, string | number>(tables.map((t) => [t, integerKeyed(t) ? 1 : uuidv7()]));
  const written = new Map<string, Record<string, unknown>>();
  db.pragma('foreign_keys = OFF');
  for (const table of tables) {
    const columns = db.prepare(`SELECT * FROM pragma_table_info(?)`).all(table) as Column[];
    const refs = new Map(
      (db.prepare('SELECT "from" AS col, "table" AS target FROM pragma_foreign_key_list(?)').all(table) as { col: string; target: string }[]).map(
        (r) => [r.col, r.target],
      ),
    );
    const row: Record<string, unknown> = {};
    // Only a lone INTEGER primary key is the rowid; a column of a composite key (sync_scope_members) is filled like any other.
    const rowidKey = columns.filter((c) => c.pk).length === 1;
    for (const c of columns) {
      if (c.pk && rowidKey && c.type.toUpperCase() === 'INTEGER') {
        if (c.name === 'id') row.id = ids.get(table);
        continue;
      }
      const target = refs.get(c.name);
      if (c.name === 'id') row.id = ids.get(table);
      else if (target) row[c.name] = ids.get(target) ?? null;
      else if (c.notnull && c.dflt_value === null) row[c.name] = /INT/i.test(c.type) ? 1 : /REAL/i.test(c.type) ? 1.5 : valueFor(c.name);
    }
    const names = Object.keys(row);
    db.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
      ...names.map((n) => row[n]),
    );
    written.set(table, row);
  }
  return written;
}

function valueFor(column: string): string {
  if (/_at$|date$/.test(column)) return '2024-03-01T08:00:00.000Z';
  if (/^(phones|tags|options|statuses|list_columns|fields|mapping|layout|definition|value)$/.test(column)) return '[]';
  if (column === 'transitions') return '{}';
  return `旧数据-${column}`;
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('every migration, on a workspace of the version before it with data', () => {
  const latest = latestSchemaVersion();
  for (let version = 1; version < latest; version += 1) {
    it(`from schema ${version} to ${latest}: every seeded row kept, integrity and foreign keys intact`, () => {
      const path = join(dir, `v${version}.kecard`);
      let written = new Map<string, Record<string, unknown>>();
      buildWorkspaceAtVersion(path, version, (db) => {
        written = seedEveryTable(db);
      });
      expect(written.size).toBeGreaterThan(0);
      const ws = openWorkspace(path);
      try {
        expect(ws.db.pragma('user_version', { simple: true })).toBe(latest);
        for (const [table, row] of written) {
          const exists = ws.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
          if (!exists) continue;
          const columns = new Set(ws.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
          const kept = Object.keys(row).filter((c) => columns.has(c));
          // Singleton rows get their name-based id in 0013 (singleton-ids.ts): found by their key instead.
          const singleton = SINGLETON_TABLES.find((t) => t.table === table);
          // A table without an id column (sync_scope_members) by its primary key.
          const keyColumns = ws.db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(table) as string[];
          const by: string[] = singleton ? [...singleton.key] : columns.has('id') ? ['id'] : keyColumns;
          const compared = singleton ? kept.filter((c) => c !== 'id') : kept;
          const found = ws.db
            .prepare(`SELECT ${compared.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE ${by.map((c) => `"${c}" = ?`).join(' AND ')}`)
            .get(...by.map((c) => row[c])) as Record<string, unknown> | undefined;
          expect(found, `${table} after migrating from ${version}`).toEqual(Object.fromEntries(compared.map((c) => [c, row[c]])));
        }
        expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(ws.db.pragma('foreign_key_check')).toEqual([]);
      } finally {
        ws.close();
      }
    });
  }
});
