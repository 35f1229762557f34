// `npm run bench:scope -- --workspace FILE [--audit N] [--before]`: record scope 'own' on a demo
// workspace with sales (`kecard demo --customers N --orders-per-customer K`): the staff list's count
// and first page, the 审计日志 filtered by action and by customer, the first/last sale date, and
// the reports for the owner with the most customers next to the same for everyone. Works on a
// copy of FILE: `--audit N` adds N audit rows (spread over actions and customers) to the copy,
// `--before` drops migration 0020's indexes from it (customers_owner_idx back) for the figures
// before that migration. Not part of the tests; the figures go into docs/performance.md.
import { copyFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../src-main/db/open-workspace';
import type { Workspace } from '../src-main/db/workspace';
import { runReport, type JobRequest } from '../src-main/analysis/run-report';
import { salesFacts } from '../src-main/analysis/facts/facts-cache';
import { salesDateRange } from '../src-main/analysis/sales-dates';
import { withScope, type ScopeLimit } from '../src-main/people/record-scope';
import { listAudit } from '../src-main/people/audit-query';
import { countCustomers, listCustomers } from '../src-main/services/customers/customer-queries';

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    audit: { type: 'string', default: '200000' },
    before: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '15' },
  },
});
if (!values.workspace) throw new Error('--workspace FILE (a demo with orders) is required');
const copy = `${values.workspace}.bench-scope-${process.pid}.kecard`;
copyFileSync(values.workspace, copy);
const rounds = Number(values.rounds);

function time<T>(label: string, work: () => T): T {
  let out: T = work(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    out = work();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] as number).toFixed(1);
  console.log(`${label.padEnd(52)} median ${at(0.5).padStart(8)} ms   p90 ${at(0.9).padStart(8)} ms`);
  return out;
}

function prepare(ws: Workspace): void {
  const n = Number(values.audit);
  const customers = ws.db.prepare('SELECT id FROM customers ORDER BY seq LIMIT 5000').pluck().all() as string[];
  const actions = ['signIn', 'signInFailed', 'exported', 'reportRun', 'customersViewed', 'printed', 'imported', 'customerPurged'];
  const insert = ws.db.prepare(
    "INSERT INTO audit_events (at, user_id, user_name, action, customer_id, row_count, detail) VALUES (?, 'u', '王经理', ?, ?, 1, '{}')",
  );
  ws.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      insert.run(at, actions[i % actions.length], i % 3 === 0 ? customers[i % customers.length] : null);
    }
  })();
  if (values.before) {
    ws.db.exec(`DROP INDEX customers_owner_deleted_idx; DROP INDEX customer_staff_employee_idx;
      DROP INDEX audit_events_action_idx; DROP INDEX audit_events_customer_idx;
      CREATE INDEX customers_owner_idx ON customers (owner_id);`);
  }
  ws.db.exec('ANALYZE');
}

try {
  const ws = openWorkspace(copy);
  prepare(ws);
  const top = ws.db
    .prepare(
      'SELECT owner_id AS id, count(*) AS n FROM customers WHERE deleted = 0 AND owner_id IS NOT NULL GROUP BY owner_id ORDER BY n DESC LIMIT 1',
    )
    .get() as { id: string; n: number };
  const total = countCustomers(ws);
  const staffRows = ws.db.prepare('SELECT count(*) FROM customer_staff WHERE deleted = 0').pluck().get() as number;
  console.log(
    `${values.before ? 'BEFORE 0020 (indexes dropped)' : 'AFTER 0020'}: ${total} customers, top owner ${top.n}, ${staffRows} staff rows, ${values.audit} audit rows`,
  );
  const own: ScopeLimit = { employeeId: top.id };
  for (const [name, scope] of [
    ['all', null],
    ['own', own],
  ] as const) {
    withScope(scope, () => {
      time(`${name}: list count`, () => countCustomers(ws));
      time(`${name}: list page 1 (100 rows) with its total`, () => listCustomers(ws, { offset: 0, limit: 100 }));
      time(`${name}: reports.salesDates`, () => salesDateRange(ws));
    });
  }
  time('audit list, action = exported (50 newest + total)', () => listAudit(ws, { offset: 0, limit: 50, action: 'exported' }));
  const someCustomer = ws.db.prepare('SELECT customer_id FROM audit_events WHERE customer_id IS NOT NULL LIMIT 1').pluck().get() as string;
  time('audit list, one customer (50 newest + total)', () => listAudit(ws, { offset: 0, limit: 50, customerId: someCustomer }));
  time('audit list, unfiltered (50 newest + total)', () => listAudit(ws, { offset: 0, limit: 50 }));
  salesFacts(ws);
  const asOf = salesDateRange(ws).lastOrderDate as string;
  const requests: JobRequest[] = [
    { kind: 'pareto', asOf, windowDays: 365 },
    { kind: 'rfm', asOf, windowDays: 365, scoring: { kind: 'quantiles', buckets: 5 } },
    { kind: 'dormant', asOf, dormantDays: 180 },
    { kind: 'timeSeries', fromMonth: `${asOf.slice(0, 4)}-01`, toMonth: asOf.slice(0, 7) },
    { kind: 'relationship' },
  ];
  for (const r of requests) {
    for (const [name, scope] of [
      ['all', null],
      ['own', own],
    ] as const) {
      await withScope(scope, () => time(`${name}: report ${r.kind}`, () => runReport(ws, r)));
    }
  }
  ws.close();
} finally {
  for (const suffix of ['', '-wal', '-shm', '.lock', '.keys']) rmSync(`${copy}${suffix}`, { force: true });
}
