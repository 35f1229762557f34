import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { createField, deleteField, updateField } from '../../../src-main/services/custom-fields/field-definition-service';
import { buildIndex, buildMissingIndexes, existingIndexes, indexName, missingIndexes } from '../../../src-main/services/custom-fields/field-indexes';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { tempDir, testUser } from '../../support/temp-workspace';

// Adding an indexed field is instant: the column is added in the field's write and its index is
// built afterwards by the 'index' job, in a worker with its own connection (field-indexes.ts).

const root = join(import.meta.dirname, '..', '..', '..');
const workerDir = pathToFileURL(join(root, 'dist', 'main') + '/');

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const options = [
  { value: 'a', label: '甲' },
  { value: 'b', label: '乙' },
];

function seeded(path: string, customers: number): Workspace {
  const ws = openWorkspace(path, { create: true });
  for (let i = 0; i < customers; i += 1) createCustomer(ws, testUser, { name: `索引客户${i}` });
  return ws;
}

const plan = (ws: Workspace, column: string) =>
  (ws.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM customers WHERE deleted = 0 AND ${column} = 'a'`).all() as { detail: string }[])
    .map((r) => r.detail)
    .join(' ');

function waitFor<T extends KecardEvent>(events: KecardEvent[], match: (e: KecardEvent) => e is T, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const hit = events.find(match);
      if (hit) {
        clearInterval(timer);
        resolve(hit);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error('timed out waiting for an event'));
      }
    }, 20);
  });
}
const indexFinished = (e: KecardEvent): e is Extract<KecardEvent, { type: 'job.finished' }> => e.type === 'job.finished' && e.kind === 'index';

describe('indexed custom fields', () => {
  it('adds the column at once and builds the index afterwards; the field works meanwhile', () => {
    const ws = seeded(join(dir, 'a.kecard'), 30);
    try {
      const f = createField(ws, testUser, { entity: 'customer', label: '等级', type: 'select', options, indexed: true });
      expect(existingIndexes(ws).has(indexName(f.columnName))).toBe(false);
      expect(missingIndexes(ws)).toEqual([{ fieldId: f.id, entity: 'customer', columnName: f.columnName }]);
      ws.db.prepare(`UPDATE customers SET ${f.columnName} = 'a' WHERE seq % 3 = 0`).run();
      const unindexed = ws.db.prepare(`SELECT count(*) FROM customers WHERE deleted = 0 AND ${f.columnName} = 'a'`).pluck().get();
      expect(plan(ws, f.columnName)).not.toContain(indexName(f.columnName));

      const progress: [number, number, string][] = [];
      expect(buildMissingIndexes(ws, { chunk: 7, onProgress: (done, total, phase) => progress.push([done, total, phase]) })).toEqual({
        built: [f.id],
        cancelled: false,
      });
      expect(existingIndexes(ws).has(indexName(f.columnName))).toBe(true);
      expect(plan(ws, f.columnName)).toContain(indexName(f.columnName));
      expect(ws.db.prepare(`SELECT count(*) FROM customers WHERE deleted = 0 AND ${f.columnName} = 'a'`).pluck().get()).toBe(unindexed);
      expect(missingIndexes(ws)).toEqual([]);
      // Read in steps of 7 rows over 30 customers, then the build itself.
      const reading = progress.filter((p) => p[2] === 'reading');
      expect(reading.map((p) => p[0])).toEqual([0, 7, 14, 21, 28, 30]);
      expect(reading.every((p) => p[1] === 30)).toBe(true);
      expect(progress.at(-1)).toEqual([30, 30, 'building']);
    } finally {
      ws.close();
    }
  });

  it('leaves no index when cancelled while reading or during the build', () => {
    const ws = seeded(join(dir, 'b.kecard'), 20);
    try {
      const f = createField(ws, testUser, { entity: 'customer', label: '区域', type: 'text', indexed: true });
      const target = missingIndexes(ws)[0];
      if (!target) throw new Error('expected a missing index');
      let asked = 0;
      expect(buildIndex(ws, target, { chunk: 5, cancelled: () => ++asked > 2 })).toBe('cancelled');
      expect(existingIndexes(ws).has(indexName(f.columnName))).toBe(false);
      // Cancel seen only after CREATE INDEX ran: the build's transaction is rolled back.
      let calls = 0;
      const total = 20 / 5 + 2; // one per step, one before the build, one after it
      expect(buildIndex(ws, target, { chunk: 5, cancelled: () => ++calls >= total })).toBe('cancelled');
      expect(calls).toBe(total);
      expect(existingIndexes(ws).has(indexName(f.columnName))).toBe(false);
      expect(buildIndex(ws, target)).toBe('built');
      expect(existingIndexes(ws).has(indexName(f.columnName))).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('turning indexed on goes through the build, off drops the index, a deleted field is skipped', () => {
    const ws = seeded(join(dir, 'c.kecard'), 5);
    try {
      const f = createField(ws, testUser, { entity: 'customer', label: '渠道', type: 'text' });
      expect(missingIndexes(ws)).toEqual([]);
      updateField(ws, testUser, f.id, { indexed: true });
      expect(existingIndexes(ws).has(indexName(f.columnName))).toBe(false);
      expect(buildMissingIndexes(ws).built).toEqual([f.id]);
      updateField(ws, testUser, f.id, { indexed: false });
      expect(existingIndexes(ws).has(indexName(f.columnName))).toBe(false);

      const g = createField(ws, testUser, { entity: 'customer', label: '行业细分', type: 'text', indexed: true });
      const target = missingIndexes(ws)[0];
      if (!target) throw new Error('expected a missing index');
      deleteField(ws, testUser, g.id);
      expect(buildIndex(ws, target)).toBe('skipped');
      expect(existingIndexes(ws).has(indexName(g.columnName))).toBe(false);
    } finally {
      ws.close();
    }
  });
});

describe('the index job in the app', () => {
  let app: ComposedApp | null = null;
  afterEach(async () => {
    await app?.dispose();
    app = null;
  });

  function start(): { app: ComposedApp; events: KecardEvent[] } {
    const events: KecardEvent[] = [];
    const a = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir });
    a.setEventSink((e) => events.push(e));
    app = a;
    return { app: a, events };
  }

  it('answers fields.create at once and reports the index as building, then ready', async () => {
    const path = join(dir, 'app.kecard');
    seeded(path, 50).close();
    const { app: a, events } = start();
    a.host.open(path);
    const ctx = a.host.context;
    const created = await a.dispatch('fields.create', { entity: 'customer', label: '信用', type: 'select', options, indexed: true }, ctx);
    if (!created.ok) throw new Error(created.error.message);
    const field = created.value as { id: string; columnName: string };
    const listed = await a.dispatch('fields.list', { entity: 'customer' }, ctx);
    if (!listed.ok) throw new Error(listed.error.message);
    const state = (listed.value as { id: string; indexState: string }[]).find((f) => f.id === field.id)?.indexState;
    expect(['building', 'ready']).toContain(state);

    const done = await waitFor(events, indexFinished);
    expect(done.ok).toBe(true);
    expect(events.some((e) => e.type === 'job.progress' && e.kind === 'index' && e.phase === `building:${field.id}`)).toBe(true);
    expect(existingIndexes(a.host.workspace).has(indexName(field.columnName))).toBe(true);
    const after = await a.dispatch('fields.list', { entity: 'customer' }, ctx);
    if (!after.ok) throw new Error(after.error.message);
    expect((after.value as { id: string; indexState: string }[]).find((f) => f.id === field.id)?.indexState).toBe('ready');
  }, 60_000);

  it('builds a missing index when the workspace opens again after the app stopped', async () => {
    // The app stopped before the build: the field and its column are there, the index is not.
    const path = join(dir, 'restart.kecard');
    const ws = seeded(path, 40);
    const f = createField(ws, testUser, { entity: 'customer', label: '会员级别', type: 'select', options, indexed: true });
    ws.close();

    // Stopped mid-way: the app is disposed (its worker terminated) right after the job started.
    const first = start();
    first.app.host.open(path);
    await first.app.dispose();
    app = null;
    const check = openWorkspace(path);
    const stillMissing = !existingIndexes(check).has(indexName(f.columnName));
    check.close();

    const { app: a, events } = start();
    a.host.open(path);
    if (stillMissing) {
      const done = await waitFor(events, indexFinished);
      expect(done.ok).toBe(true);
    }
    expect(existingIndexes(a.host.workspace).has(indexName(f.columnName))).toBe(true);
    expect(missingIndexes(a.host.workspace)).toEqual([]);
  }, 60_000);

  it('stops on cancel and leaves the field pending until asked again', async () => {
    const path = join(dir, 'cancel.kecard');
    seeded(path, 10).close();
    const { app: a, events } = start();
    a.host.open(path);
    const ctx = a.host.context;
    // The worker takes a moment to start, so the cancel usually lands before its first check; if the
    // build won the race, the index is simply there.
    const created = await a.dispatch('fields.create', { entity: 'customer', label: '来源渠道', type: 'text', indexed: true }, ctx);
    if (!created.ok) throw new Error(created.error.message);
    await a.dispatch('fields.cancelIndexing', {}, ctx);
    const done = await waitFor(events, indexFinished);
    const field = created.value as { id: string; columnName: string };
    const listed = await a.dispatch('fields.list', { entity: 'customer' }, ctx);
    if (!listed.ok) throw new Error(listed.error.message);
    const state = (listed.value as { id: string; indexState: string }[]).find((x) => x.id === field.id)?.indexState;
    if (done.cancelled) {
      expect(state).toBe('pending');
      expect(existingIndexes(a.host.workspace).has(indexName(field.columnName))).toBe(false);
      events.length = 0;
      const again = await a.dispatch('fields.buildIndexes', {}, ctx);
      if (!again.ok) throw new Error(again.error.message);
      expect((again.value as { jobId: string | null }).jobId).not.toBeNull();
      expect((await waitFor(events, indexFinished)).ok).toBe(true);
    } else expect(state).toBe('ready');
    expect(existingIndexes(a.host.workspace).has(indexName(field.columnName))).toBe(true);
  }, 60_000);
});
