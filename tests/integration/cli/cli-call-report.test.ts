import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { tempDir } from '../../support/temp-workspace';

// `kecard init | call | report | info` as a script runs them: the bundled CLI in a child process.
const root = join(import.meta.dirname, '..', '..', '..');
const cliFile = join(root, 'dist', 'main', 'cli.mjs');

let dir: string;
let home: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  home = join(dir, 'home');
});
afterAll(() => cleanup());

function kecard(args: string[], stdin?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliFile, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, KECARD_HOME: home },
    ...(stdin !== undefined ? { input: stdin } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Envelope<T> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string; details?: { fields?: Record<string, string> } };
  job?: { ok: boolean; result?: unknown };
}

describe('kecard init, call, report, info', () => {
  it('init creates a workspace once and never touches an existing file', () => {
    const file = join(dir, 'new.kecard');
    const made = kecard(['init', '--workspace', file, '--json']);
    expect(made.code, made.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    const again = kecard(['init', '--workspace', file, '--json']);
    expect(again.code).toBe(1);
    expect((JSON.parse(again.stdout) as Envelope<unknown>).error?.code).toBe('WORKSPACE_EXISTS');
  });

  it('call runs any contract method through the router: validation, writes, and JSON from stdin', () => {
    const file = join(dir, 'call.kecard');
    expect(kecard(['init', '-w', file]).code).toBe(0);

    const created = kecard([
      'call',
      'customers.create',
      JSON.stringify({ values: { name: '华为技术（深圳）有限公司', phones: ['13800138000'] } }),
      '-w',
      file,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const customer = (JSON.parse(created.stdout) as Envelope<{ id: string; name: string }>).value;
    expect(customer?.name).toBe('华为技术（深圳）有限公司');

    // The same validation as the app: a bad input is an envelope, exit code 1, and nothing written.
    const bad = kecard(['call', 'customers.create', JSON.stringify({ values: { name: '' } }), '-w', file]);
    expect(bad.code).toBe(1);
    expect((JSON.parse(bad.stdout) as Envelope<unknown>).error?.code).toBe('VALIDATION');
    // People read why in Chinese (stderr), in the words of the app's forms; the envelope keeps the codes.
    expect(bad.stderr).toContain('数据无效，未做任何更改 / Invalid data; nothing was changed:');
    expect(bad.stderr).toContain('  name：必填 / name: required');
    const badOrder = kecard(['call', 'orders.create', JSON.stringify({ customerId: customer?.id, orderDate: '2999-01-01', lines: [] }), '-w', file]);
    expect(badOrder.code).toBe(1);
    expect(badOrder.stderr).toContain('  orderDate：日期超出范围（1900–2100 年） / orderDate: dateRange');
    expect(badOrder.stderr).not.toMatch(/Some fields are not valid/);
    const unknown = kecard(['call', 'customers.nothing', '-w', file]);
    expect((JSON.parse(unknown.stdout) as Envelope<unknown>).error?.code).toBe('UNKNOWN_METHOD');

    const fetched = kecard(['call', 'customers.get', '-', '-w', file], JSON.stringify({ id: customer?.id }));
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(fetched.stdout))).toContain('华为技术（深圳）有限公司');

    // Written through the one write path: the change log holds it, under the local user.
    const ws = openWorkspace(file);
    try {
      const n = ws.db.prepare("SELECT count(*) FROM change_log_entries WHERE entity = 'customer' AND op = 'create'").pluck().get();
      expect(n).toBe(1);
      expect(ws.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    } finally {
      ws.close();
    }
    // A script's call is not the user opening a file: the app's recent list stays as it was.
    const settings = join(home, 'settings.json');
    expect(existsSync(settings) ? readFileSync(settings, 'utf8') : '').not.toContain('call.kecard');
  });

  it('refuses --as for a user the workspace does not have, and input that is not JSON', () => {
    const file = join(dir, 'call.kecard');
    expect(kecard(['call', 'customers.list', '{}', '-w', file, '--as', 'somebody-else']).code).toBe(2);
    expect(kecard(['call', 'customers.list', '{oops', '-w', file]).code).toBe(2);
  });

  // Found by hand (session 11): the help's example sent {"customer": …}, which the contract refuses.
  it("the help's example of call works as printed", () => {
    const help = kecard(['help']).stdout;
    const example = /kecard call (\S+) '([^']+)' -w \S+/.exec(help);
    expect(example, help).not.toBeNull();
    const [, method, json] = example as unknown as [string, string, string];
    const file = join(dir, 'help-example.kecard');
    expect(kecard(['init', '--workspace', file]).code).toBe(0);
    const run = kecard(['call', method, json, '-w', file, '--json']);
    expect(JSON.parse(run.stdout) as Envelope<unknown>, run.stdout).toMatchObject({ ok: true });
  });

  it('report runs a report on the last sale date by default and info shows the sales', () => {
    const file = join(dir, 'sales.kecard');
    const demo = kecard(['demo', '-w', file, '--customers', '300', '--orders-per-customer', '4', '--seed', '7']);
    expect(demo.code, demo.stderr).toBe(0);

    const info = JSON.parse(kecard(['info', '-w', file, '--json']).stdout) as Envelope<{
      sales: { orders: number; revenueFen: number; firstSaleDate: string; lastSaleDate: string };
    }>;
    const sales = info.value?.sales;
    const ws = openWorkspace(file);
    let expected: { orders: number; revenue: number; last: string };
    try {
      expected = ws.db
        .prepare(
          `SELECT count(*) AS orders, sum(o.total_fen) AS revenue, max(o.order_date) AS last FROM orders o JOIN customers c ON c.id = o.customer_id
           WHERE o.deleted = 0 AND o.status <> 'cancelled' AND c.deleted = 0`,
        )
        .get() as typeof expected;
    } finally {
      ws.close();
    }
    expect(sales).toMatchObject({ orders: expected.orders, revenueFen: expected.revenue, lastSaleDate: expected.last });
    expect(expected.orders).toBeGreaterThan(0);

    const report = kecard(['report', 'pareto', '-w', file, '--days', '3650', '--json']);
    expect(report.code, report.stderr).toBe(0);
    const out = (JSON.parse(report.stdout) as Envelope<{ request: { asOf: string }; result: { totalFen?: number; buyers?: number } }>).value;
    const today = new Date().toISOString().slice(0, 10);
    expect(out?.request.asOf).toBe(expected.last < today ? expected.last : today);
    expect(JSON.stringify(out?.result)).not.toBe('{}');

    const text = kecard(['report', 'dormant', '-w', file, '--days', '30', '--as-of', '2030-01-01']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('count: 300');

    expect(kecard(['report', 'nope', '-w', file]).code).toBe(2);
    expect(kecard(['report', 'pyramid', '-w', file]).stderr).toContain('--scheme');
  });
});
