import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { contract } from '../../../src-shared/contract/methods';
import type { AuditPage } from '../../../src-shared/domain/audit';
import type { Role } from '../../../src-shared/domain/enums';
import type { Envelope } from '../../../src-shared/errors';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import type { ComposedApp } from '../../../src-main/app/compose-app';
import type { CallContext } from '../../../src-main/changelog/call-context';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { appendAudit } from '../../../src-main/people/audit-log';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { makeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { joinNetwork } from '../../../src-main/sync/network/network-service';
import { startAppOnTempWorkspace } from '../../support/app-on-temp-workspace';
import { jobFinished } from '../../support/job-events';
import { testUser } from '../../support/temp-workspace';

// The audit trail (issue 19): what leaves the app or reads customers in bulk, what comes in and
// what goes for good is written to audit_events with its real row count, as the user who did it
// (jobs: when they finish); 审计日志 reads it through audit.list (manager only); nothing changes it.

let app: ComposedApp;
let events: KecardEvent[];
let dir: string;
let stop: () => Promise<void>;
let store: Workspace | null = null;
beforeEach(() => ({ app, events, dir, stop } = startAppOnTempWorkspace()));
afterEach(async () => {
  store?.close();
  store = null;
  await stop();
});

const as = (role: Role, name: string = role): CallContext => ({ userId: `user-${role}`, userName: name, role, origin: 'local' });
const manager = as('manager', '王经理');
const assistant = as('assistant', '李助理');

async function envelope<T>(ctx: CallContext, method: string, input: unknown = {}): Promise<Envelope<T>> {
  return (await app.dispatch(method, input, ctx)) as Envelope<T>;
}
async function call<T>(ctx: CallContext, method: string, input: unknown = {}): Promise<T> {
  const e = await envelope<T>(ctx, method, input);
  if (!e.ok) throw new Error(`${method}: ${e.error.code} ${e.error.message}`);
  return e.value;
}
async function job(ctx: CallContext, method: string, input: unknown): Promise<Extract<KecardEvent, { type: 'job.finished' }>> {
  const { jobId } = await call<{ jobId: string }>(ctx, method, input);
  const finished = await jobFinished(events, jobId, 120_000);
  if (!finished.ok) throw new Error(`${method} failed: ${JSON.stringify(finished.error)}`);
  return finished;
}
const list = (input: Record<string, unknown> = {}) => call<AuditPage>(manager, 'audit.list', { offset: 0, limit: 100, ...input });
/** The trail after the owner's own row (written when the workspace was first opened). */
const actions = async (input: Record<string, unknown> = {}) => (await list(input)).rows.filter((r) => r.action !== 'ownerCreated');
const db = () => app.host.workspace.db;

const named = (text: string): QueryDefinition => ({
  entity: 'customer',
  where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'name', operator: 'contains', value: text }] },
});

function seed(count: number, prefix = '华南'): string[] {
  return Array.from({ length: count }, (_, i) => createCustomer(app.host.workspace, testUser, { name: `${prefix}贸易${i}有限公司` }).id);
}

describe('audit trail', () => {
  it('records exports, report runs and imports when their jobs finish, with the real count and the user who started them', async () => {
    seed(3);
    seed(2, '江北');
    await job(assistant, 'queries.export', {
      definition: named('华南'),
      format: 'csv',
      columns: [{ key: 'name', header: '客户名称' }],
      fileName: '华南客户',
    });
    await job(manager, 'workspace.exportWorkbook', {});
    await job(assistant, 'reports.run', { request: { kind: 'pareto', asOf: '2026-06-30', windowDays: 365 } });
    const fileToken = await app.host.staged.stageUpload(
      Readable.from([Buffer.from('客户名称,电话\n东方电子有限公司,13800138000\n西部机械有限公司,13900139000\n')]),
      'c.csv',
    );
    await job(assistant, 'import.check', { fileToken, settings: { target: 'customers' } });
    await job(assistant, 'import.run', { fileToken, settings: { target: 'customers' } });

    const rows = db()
      .prepare(
        "SELECT user_id AS userId, user_name AS userName, action, row_count AS rowCount, detail FROM audit_events WHERE action != 'ownerCreated' ORDER BY id",
      )
      .all() as { userId: string; userName: string; action: string; rowCount: number | null; detail: string }[];
    const shown = rows.map(({ detail, ...r }) => ({ ...r, what: (JSON.parse(detail) as { what?: string; target?: string }).what ?? null }));
    expect(shown).toEqual([
      { userId: 'user-assistant', userName: '李助理', action: 'exported', rowCount: 3, what: 'query' },
      { userId: 'user-manager', userName: '王经理', action: 'exported', rowCount: 5, what: 'workspaceWorkbook' },
      { userId: 'user-assistant', userName: '李助理', action: 'reportRun', rowCount: 0, what: 'pareto' },
      // The check (a dry run) is not an import: one row, for the run, with the rows written.
      { userId: 'user-assistant', userName: '李助理', action: 'imported', rowCount: 2, what: null },
    ]);
    expect(JSON.parse(rows[3]!.detail)).toMatchObject({ target: 'customers', fileName: 'c.csv', inserted: 2 });
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ format: 'csv', fileName: '华南客户.csv' });
  });

  it('records a bulk view once per launch with its total, not per page, and a new filter as a new launch', async () => {
    seed(5);
    await call(manager, 'customers.list', { offset: 0, limit: 2 });
    await call(manager, 'customers.list', { offset: 2, limit: 2 });
    // The list refetching its first page (a change, a re-sort) is the same launch.
    await call(manager, 'customers.list', { offset: 0, limit: 2, sort: { field: 'name', dir: 'desc' } });
    await call(manager, 'customers.list', { offset: 0, limit: 2, q: '贸易1' });
    await call(assistant, 'queries.run', { definition: named('贸易'), offset: 0, limit: 2 });
    await call(assistant, 'queries.run', { definition: named('贸易'), offset: 2, limit: 2 });

    const viewed = await list({ action: 'customersViewed' });
    expect(viewed.rows.map((r) => [r.userName, r.rowCount, r.detail.what])).toEqual([
      ['李助理', 5, 'query'],
      ['王经理', 1, 'customerList'],
      ['王经理', 5, 'customerList'],
    ]);
  });

  it('records purges, backups and their restore, and prints the renderer reports', async () => {
    const [id] = seed(1);
    await call(manager, 'customers.delete', { id });
    await call(manager, 'customers.purge', { id });
    const backup = await call<{ file: string }>(manager, 'backups.create', {});
    await call(assistant, 'audit.noteOutput', { what: 'print', subject: 'rfm', rowCount: 12 });
    await call(assistant, 'audit.noteOutput', { what: 'reportFile', subject: 'pareto', format: 'xlsx', rowCount: 40 });

    const page = await actions();
    expect(page.map((r) => [r.action, r.userName, r.rowCount, r.customerId])).toEqual([
      ['exported', '李助理', 40, null],
      ['printed', '李助理', 12, null],
      ['backupCreated', '王经理', null, null],
      ['customerPurged', '王经理', expect.any(Number), id],
    ]);
    expect(page[0]?.detail).toEqual({ what: 'pareto', format: 'xlsx', by: 'renderer' });

    await call(manager, 'backups.restore', { file: backup.file });
    // The restored file's trail is the backup's, then the restore itself.
    const after = await actions();
    expect(after.map((r) => r.action)).toEqual(['backupRestored', 'customerPurged']);
  });

  it('records sync bundles made and read, with the changes they carry', async () => {
    await call(manager, 'sync.createNetwork', { code: 'HQ', name: '总部' });
    const invite = await call<{ downloadToken: string }>(manager, 'sync.invite', { code: 'NJ01', name: '南京店' });
    const nj = openWorkspace(join(dir, 'nj01.kecard'), { create: true });
    store = nj;
    joinNetwork(nj, testUser, readFileSync(app.host.staged.get(invite.downloadToken).path));
    for (let i = 0; i < 3; i += 1) createCustomer(nj, testUser, { name: `南京客户${i}` });
    const made = makeBundle(nj, 'HQ');
    mkdirSync(join(dir, 'inbox'));
    const tokens = made.files.map((f) => {
      writeFileSync(join(dir, 'inbox', f.name), f.bytes);
      return app.host.staged.stagePath(join(dir, 'inbox', f.name), f.name);
    });
    await job(manager, 'sync.import', { fileTokens: tokens });
    await job(manager, 'sync.export', { to: 'NJ01' });

    const rows = (await list()).rows.filter((r) => r.action.startsWith('sync'));
    expect(rows.map((r) => [r.action, r.userName])).toEqual([
      ['syncExported', '王经理'],
      ['syncImported', '王经理'],
    ]);
    expect(rows[1]?.rowCount).toBeGreaterThanOrEqual(3);
    expect(rows[1]?.detail).toMatchObject({ from: ['NJ01'], bundles: 1, refused: 0 });
    expect(rows[0]?.rowCount).toBeGreaterThanOrEqual(0);
  });

  it('filters by user, day, customer and action, newest first and paged, with names', async () => {
    const [a, b] = seed(2);
    const ws = app.host.workspace;
    const at = (iso: string) => new Date(iso);
    appendAudit(ws, { action: 'exported', actor: { userId: 'user-manager', userName: '王经理' }, rowCount: 10 }, at('2026-03-01T12:00:00'));
    appendAudit(
      ws,
      { action: 'printed', actor: { userId: 'user-staff', userName: '张销售' }, customerId: a, rowCount: 1 },
      at('2026-03-02T09:00:00'),
    );
    appendAudit(ws, { action: 'exported', actor: { userId: 'user-staff', userName: '张销售' }, rowCount: 20 }, at('2026-03-03T23:30:00'));
    appendAudit(ws, { action: 'customerPurged', actor: { userId: 'user-manager', userName: '王经理' }, customerId: b }, at('2026-03-04T08:00:00'));

    const march = { from: '2026-03-01', to: '2026-03-31' };
    const all = await list(march);
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.action)).toEqual(['customerPurged', 'exported', 'printed', 'exported']);
    expect((await list({ userId: 'user-staff' })).rows.map((r) => r.rowCount)).toEqual([20, 1]);
    // Days are the user's own: 03-03 23:30 local time is on the 3rd whatever UTC says.
    expect((await list({ from: '2026-03-02', to: '2026-03-03' })).rows.map((r) => r.rowCount)).toEqual([20, 1]);
    // Open-ended: from the 4th on (the owner's row, dated today, was written before the others:
    // the order is the order of writing, which a clock set back cannot reorder), up to the 1st.
    expect((await list({ from: '2026-03-04' })).rows.map((r) => r.action)).toEqual(['customerPurged', 'ownerCreated']);
    expect((await list({ to: '2026-03-01' })).rows.map((r) => r.rowCount)).toEqual([10]);
    const forA = await list({ customerId: a });
    expect(forA.rows.map((r) => [r.action, r.customerName])).toEqual([['printed', '华南贸易0有限公司']]);
    expect((await list({ action: 'exported', userId: 'user-manager' })).rows.map((r) => r.rowCount)).toEqual([10]);
    const paged = await list({ ...march, offset: 1, limit: 2 });
    expect(paged.total).toBe(4);
    expect(paged.rows.map((r) => r.action)).toEqual(['exported', 'printed']);
    // Input is validated in main: an unknown action or a malformed day is refused, not ignored.
    expect((await envelope(manager, 'audit.list', { offset: 0, limit: 10, action: 'dropTable' })).ok).toBe(false);
    expect((await envelope(manager, 'audit.list', { offset: 0, limit: 10, from: "2026-01-01' OR 1=1" })).ok).toBe(false);
  });

  it('lets only a manager (or admin) read the trail', async () => {
    for (const role of ['assistant', 'staff', 'viewer'] as const) {
      const refused = await envelope(as(role), 'audit.list', { offset: 0, limit: 10 });
      expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
    }
    expect((await envelope(as('admin'), 'audit.list', { offset: 0, limit: 10 })).ok).toBe(true);
  });

  it('cannot be changed: no method edits it, audit.noteOutput writes only its own rows, SQL is refused by the triggers', async () => {
    expect(Object.keys(contract).filter((m) => m.startsWith('audit.'))).toEqual(['audit.list', 'audit.noteOutput']);
    const bad = await envelope(assistant, 'audit.noteOutput', { what: 'signIn', subject: 'x' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('VALIDATION');
    const smuggled = await envelope(assistant, 'audit.noteOutput', { what: 'print', subject: 'rfm', userName: '王经理' });
    expect(smuggled.ok ? 'ok' : smuggled.error.code).toBe('VALIDATION');

    await call(assistant, 'audit.noteOutput', { what: 'print', subject: 'rfm', rowCount: 3 });
    expect(() => db().prepare('UPDATE audit_events SET row_count = 0').run()).toThrow(/append-only/);
    expect(() => db().prepare("UPDATE audit_events SET user_name = '别人'").run()).toThrow(/append-only/);
    expect(() => db().prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    const rows = db().prepare("SELECT user_name AS userName, row_count AS rowCount FROM audit_events WHERE action != 'ownerCreated'").all();
    expect(rows).toEqual([{ userName: '李助理', rowCount: 3 }]);
  });
});
