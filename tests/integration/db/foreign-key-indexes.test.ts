import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../../support/temp-workspace';

// Deleting a row makes SQLite's foreign-key check look for rows that still name it. Without an
// index led by the referencing column that lookup scans the whole child table, once per deleted
// row: removing the customers that left a store's scope took 37.5 s for 10k customers, growing with
// the square (docs/performance.md, "Sync"). Every reference to a table whose rows can be deleted
// for real therefore needs such an index (a partial one, `WHERE col IS NOT NULL`, is used too).

/**
 * Parents exempt, with why: employees are only ever marked deleted (an index on every order's
 * owner would cost space for a lookup that never runs); sync_partners holds a network's few sites
 * and is emptied only when a copied file takes a new identity.
 */
const EXEMPT_PARENTS = new Set(['employees', 'sync_partners']);

describe('foreign keys', () => {
  let t: ReturnType<typeof tempWorkspace>;
  beforeEach(() => {
    t = tempWorkspace();
  });
  afterEach(() => t.cleanup());

  it('every reference to a deletable row has an index led by the referencing column', () => {
    const db = t.ws.db;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const unindexed: string[] = [];
    let checked = 0;
    for (const table of tables) {
      const references = db.prepare('SELECT "table" AS parent, "from" AS col FROM pragma_foreign_key_list(?)').all(table) as {
        parent: string;
        col: string;
      }[];
      const leading = new Set(
        (db.prepare('SELECT name FROM pragma_index_list(?)').pluck().all(table) as string[]).map(
          (index) => db.prepare('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').pluck().get(index) as string,
        ),
      );
      for (const { parent, col } of references) {
        if (EXEMPT_PARENTS.has(parent)) continue;
        checked += 1;
        if (!leading.has(col)) unindexed.push(`${table}.${col} → ${parent}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(unindexed).toEqual([]);
  });

  it('no code deletes employees for real (their exemption above rests on it)', () => {
    const sources = readdirSync(join(__dirname, '../../../src-main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const deleting = sources.filter((f) => /DELETE\s+FROM\s+["`]?employees\b/i.test(readFileSync(join(__dirname, '../../../src-main', f), 'utf8')));
    expect(sources.length).toBeGreaterThan(100);
    expect(deleting).toEqual([]);
  });
});
