import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { singletonId } from '../../../src-main/changelog/singleton-ids';
import { versionVector } from '../../../src-main/changelog/site-identity';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { latestSchemaVersion, migrationsFolder } from '../../../src-main/db/migrations-folder';
import { updateCustomer } from '../../../src-main/services/customers/customer-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { tempDir, testUser } from '../../support/temp-workspace';

// A workspace built by the release before the compact log (schema 13): a 12-customer demo with
// orders, then through `kecard call`: two edits of one customer (notes; notes + name), an undo of
// the second, a delete, and a tag on a third.
const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'workspaces', 'schema-v13.kecard');

interface OldRow {
  hlc: string;
  tx_id: string;
  at: string;
  site_id: string;
  user_id: string;
  user_name: string;
  op: string;
  entity: string;
  entity_id: string;
  root_id: string | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  undo_of: string | null;
  source: string | null;
  effective_date: string | null;
}

/** What must survive the conversion of an entry, in either schema's spelling. */
const comparable = (r: OldRow) => [
  r.at,
  r.site_id,
  r.user_id,
  r.user_name,
  r.op,
  r.entity,
  r.entity_id,
  r.root_id,
  r.field,
  r.old_value,
  r.new_value,
  r.source,
  r.effective_date,
];

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migration 0013: the compact, sync-grade change log', () => {
  it('keeps every entry of a schema-13 workspace, in order, with its values, users, sources and undo links', () => {
    const path = join(dir, 'old.kecard');
    copyFileSync(FIXTURE, path);
    const old = new Database(path, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(13);
    const before = old.prepare('SELECT * FROM change_log ORDER BY hlc').all() as OldRow[];
    const siteId = old.prepare("SELECT value FROM meta WHERE key = 'site_id'").pluck().get() as string;
    old.close();
    expect(before.length).toBeGreaterThan(200);
    expect(before.some((r) => r.undo_of !== null)).toBe(true);

    const ws = openWorkspace(path);
    try {
      expect(ws.backupPath && existsSync(ws.backupPath)).toBe(true);
      expect(ws.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      expect(ws.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'change_log_v1'").pluck().get()).toBe(0);
      const after = ws.db.prepare('SELECT * FROM change_log_entries ORDER BY n').all() as (OldRow & {
        n: number;
        tx: number;
        seq: number;
        hlc: number;
        undo_of: number | null;
      })[];
      expect(after.map(comparable)).toEqual(before.map(comparable));
      // Same transactions, the same undo links, stamps rising, numbers 1…N for the one site.
      const txOf = new Map(before.map((r, i) => [r.tx_id, after[i]!.tx]));
      after.forEach((r, i) => {
        expect(r.tx).toBe(txOf.get(before[i]!.tx_id));
        expect(r.undo_of).toBe(before[i]!.undo_of === null ? null : txOf.get(before[i]!.undo_of));
        expect(r.seq).toBe(i + 1);
        if (i > 0) expect(r.hlc).toBeGreaterThan(after[i - 1]!.hlc);
      });
      expect(versionVector(ws.db)).toEqual({ [siteId]: before.length });

      // The card's history reads as before, and undo goes on from where it was.
      const edited = before.find((r) => r.undo_of !== null)!.root_id!;
      const history = customerHistory(ws, edited);
      expect(history.map((e) => [e.op, e.field, e.newValue])).toEqual(
        before
          .filter((r) => r.root_id === edited)
          .reverse()
          .map((r) => [r.op, r.field, r.new_value === null ? null : (JSON.parse(r.new_value) as unknown)]),
      );
      undoLastChange(ws, testUser, edited); // the first edit (notes): the second was undone already
      const firstEdit = before.find((r) => r.root_id === edited && r.op === 'update' && r.field === 'notes')!;
      const notes = ws.db.prepare('SELECT notes FROM customers WHERE id = ?').pluck().get(edited);
      expect(notes).toBe(JSON.parse(firstEdit.old_value!));
      updateCustomer(ws, testUser, edited, { industry: '迁移之后' });
      expect(versionVector(ws.db)[siteId]).toBe(before.length + 2);
    } finally {
      ws.close();
    }
  });

  it('gives rows there is one of (a saved layout) their name-based id, in the table and in the log', () => {
    const path = join(dir, 'old.kecard');
    copyFileSync(FIXTURE, path);
    const old = new Database(path);
    const oldId = '01a24b61-0000-7000-8000-000000000001';
    const site = old.prepare("SELECT value FROM meta WHERE key = 'site_id'").pluck().get() as string;
    const at = '2026-12-06T12:00:00.000Z';
    // As the release before wrote a saved card layout: a random id, and its create in the log.
    old
      .prepare('INSERT INTO card_layouts (id, site_id, entity, layout, created_at, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, 0)')
      .run(oldId, site, 'customer', '{"tabs":[]}', at, at);
    old
      .prepare(
        `INSERT INTO change_log (id, hlc, tx_id, at, site_id, user_id, user_name, op, entity, entity_id, root_id, field, old_value, new_value)
         VALUES ('01a24b61-0000-7000-8000-0000000000aa', '999999999999999-000000-' || ?, 'tx-layout', ?, ?, 'local:root', 'root', 'create', 'cardLayout', ?, NULL, NULL, NULL, '{"entity":"customer"}')`,
      )
      .run(site, at, site, oldId);
    old.close();

    const ws = openWorkspace(path);
    try {
      const id = singletonId('cardLayout', 'customer');
      expect(ws.db.prepare('SELECT id FROM card_layouts').pluck().all()).toEqual([id]);
      expect(ws.db.prepare("SELECT entity_id FROM change_log_entries WHERE entity = 'cardLayout'").pluck().all()).toEqual([id]);
    } finally {
      ws.close();
    }
  });

  it('a file whose migration committed but whose conversion did not (a crash between) is converted on the next open', () => {
    const path = join(dir, 'old.kecard');
    copyFileSync(FIXTURE, path);
    const { folder, entries } = migrationsFolder();
    const entry = entries[13]!;
    const db = new Database(path);
    const total = db.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
    // What drizzle's migrator leaves after 0013 alone: the old log renamed, the new one empty.
    for (const statement of readFileSync(join(folder, `${entry.tag}.sql`), 'utf8').split('--> statement-breakpoint'))
      if (statement.trim()) db.exec(statement);
    db.prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)').run('test-0013', entry.when);
    db.pragma('user_version = 14');
    expect(db.prepare('SELECT count(*) FROM change_log_v1').pluck().get()).toBe(total);
    db.close();

    const ws = openWorkspace(path);
    try {
      expect(ws.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(total);
      expect(ws.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'change_log_v1'").pluck().get()).toBe(0);
    } finally {
      ws.close();
    }
  });
});

// A workspace built by the release before compact creates (schema 14): a 20-customer demo with
// orders, then through `kecard call` an edit of a customer and a new customer.
const FIXTURE_14 = join(import.meta.dirname, '..', '..', 'fixtures', 'workspaces', 'schema-v14.kecard');

describe('migration 0014: creates stored with numbered field names', () => {
  it('reads every entry of a schema-14 workspace exactly as before, and stores new creates small', () => {
    const path = join(dir, 'v14.kecard');
    copyFileSync(FIXTURE_14, path);
    const old = new Database(path, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(14);
    const before = old.prepare('SELECT * FROM change_log_entries ORDER BY n').all() as Record<string, unknown>[];
    old.close();
    expect(before.filter((r) => r.op === 'create').length).toBeGreaterThan(300);

    const ws = openWorkspace(path);
    try {
      expect(ws.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      const after = ws.db.prepare('SELECT * FROM change_log_entries ORDER BY n').all() as Record<string, unknown>[];
      const parsed = (rows: Record<string, unknown>[]) =>
        rows.map((r) => ({ ...r, new_value: r.new_value === null ? null : (JSON.parse(r.new_value as string) as unknown) }));
      expect(parsed(after)).toEqual(parsed(before));

      // A new customer with a contact: stored with numbered names and the root as "0", read back spelled out.
      const customer = ws.db.prepare('SELECT id FROM customers ORDER BY seq LIMIT 1').pluck().get() as string;
      updateCustomer(ws, testUser, customer, { notes: '迁移后' });
      const contact = createContact(ws, testUser, { customerId: customer, name: '周敏', mobile: '13800001234', title: '采购经理' });
      const raw = ws.db.prepare('SELECT new_value FROM change_log WHERE op = 1 ORDER BY n DESC LIMIT 1').pluck().get() as string;
      expect(raw).not.toContain('customerId');
      expect(Object.keys(JSON.parse(raw) as object).every((k) => /^\d+$/.test(k))).toBe(true);
      const spelled = ws.db
        .prepare("SELECT new_value FROM change_log_entries WHERE entity_id = ? AND op = 'create'")
        .pluck()
        .get(contact.id) as string;
      expect(raw.length).toBeLessThan(spelled.length - 30);
      expect(JSON.parse(spelled)).toMatchObject({ customerId: customer, name: '周敏', mobile: '13800001234', title: '采购经理' });
      expect(customerHistory(ws, customer).some((h) => h.op === 'create' && h.entity === 'contact')).toBe(true);
    } finally {
      ws.close();
    }
  });
});
