import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestShell } from '../../support/test-app';

// Report requests are checked against the contract at the boundary, like every other method: a
// bad date, an unknown kind or one of main's own jobs is refused before any job starts. A drill's
// figure goes through queries.run the same way.

type Shell = Awaited<ReturnType<typeof startTestShell>>;
type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string } };

let shell: Shell;
const call = async <T>(method: string, input: unknown): Promise<Result<T>> =>
  (await shell.app.dispatch(method, input, shell.app.host.context)) as Result<T>;
const everyone = { entity: 'customer', where: { kind: 'group', op: 'and', children: [] } };

beforeAll(async () => {
  shell = await startTestShell();
  for (const [name, yuan] of [
    ['甲商行', 300],
    ['乙商行', 900],
    ['丙商行', 0],
  ] as const) {
    const c = await call<{ id: string }>('customers.create', { values: { name } });
    if (!c.ok) throw new Error(c.error.code);
    if (yuan > 0) {
      const o = await call('orders.create', {
        customerId: c.value.id,
        orderDate: '2026-05-01',
        status: 'confirmed',
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
      });
      if (!o.ok) throw new Error(o.error.code);
    }
  }
});
afterAll(async () => shell.stop());

describe('the report boundary', () => {
  it.each([
    ['a date that is no date', { kind: 'pareto', asOf: '2026-13-45x', windowDays: 365 }],
    ['an unknown kind', { kind: 'everything' }],
    ['main’s own workbook job', { kind: 'workspaceWorkbook', outputPath: '/tmp/anywhere.xlsx' }],
    ['main’s own integrity check', { kind: 'integrityCheck' }],
    ['an extra parameter', { kind: 'relationship', sql: 'DROP TABLE customers' }],
    ['a drill of an unknown element', { kind: 'drill', target: { of: 'everyone' } }],
  ])('refuses %s', async (_what, request) => {
    const r = await call('reports.run', { request });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION');
  });

  it('starts a valid report', async () => {
    const r = await call<{ jobId: string }>('reports.run', { request: { kind: 'pareto', asOf: '2026-06-30', windowDays: 365 } });
    expect(r.ok).toBe(true);
  });

  it('queries.run: a figure sorts and comes back beside each customer; a figure sort needs a figure, contacts have none', async () => {
    const figure = { kind: 'revenue', from: '2026-01-01', to: '2026-06-30' };
    const r = await call<{ customers: { name: string }[]; figures: (number | null)[] }>('queries.run', {
      definition: everyone,
      offset: 0,
      limit: 10,
      figure,
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.customers.map((c) => c.name)).toEqual(['乙商行', '甲商行', '丙商行']);
      expect(r.value.figures).toEqual([90_000, 30_000, 0]);
    }
    const noFigure = await call('queries.run', { definition: everyone, offset: 0, limit: 10, sort: { field: 'figure', dir: 'desc' } });
    expect(noFigure.ok).toBe(false);
    if (!noFigure.ok) expect(noFigure.error.code).toBe('VALIDATION');
    const contacts = await call('queries.run', { definition: { ...everyone, entity: 'contact' }, offset: 0, limit: 10, figure });
    expect(contacts.ok).toBe(false);
    if (!contacts.ok) expect(contacts.error.code).toBe('VALIDATION');
  });
});
