import { singletonId } from '../changelog/singleton-ids';
import { v7 as uuidv7 } from 'uuid';
import { classesByContribution } from '../../src-shared/analysis/contribution';
import type { ClassPreview } from '../../src-shared/contract/report-results';
import { schemeDefinition, type SchemeDefinition } from '../../src-shared/analysis/scheme';
import { KecardError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/query/relative-dates';
import type { CallContext } from '../changelog/call-context';
import { runWrite, type WriteTx } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { insertRow, readRow, setDeleted, updateRow } from '../services/shared/entity-writes';
import { validate } from '../services/shared/validate';
import { applySteps, type ApplyHooks } from './apply-hooks';
import { customerMetrics, metricValue, windowEnding, type CustomerMetrics } from './customer-metrics';

export interface Scheme {
  id: string;
  name: string;
  definition: SchemeDefinition;
  setsCustomerClass: boolean;
}

export function listSchemes(ws: Workspace): Scheme[] {
  return (
    ws.db.prepare('SELECT id, name, definition, sets_customer_class AS s FROM classification_schemes WHERE deleted = 0 ORDER BY name').all() as {
      id: string;
      name: string;
      definition: string;
      s: number;
    }[]
  ).map((r) => ({ id: r.id, name: r.name, definition: schemeDefinition.parse(JSON.parse(r.definition)), setsCustomerClass: r.s === 1 }));
}

export function getScheme(ws: Workspace, id: string): Scheme {
  const scheme = listSchemes(ws).find((s) => s.id === id);
  if (!scheme) throw new KecardError('NOT_FOUND', 'Scheme not found.', { id });
  return scheme;
}

export function saveScheme(
  ws: Workspace,
  ctx: CallContext,
  input: { id?: string; name: string; definition: unknown; setsCustomerClass: boolean },
): Scheme {
  const definition = validate(schemeDefinition, input.definition);
  const id = input.id ?? uuidv7();
  runWrite(ws, ctx, (tx) => {
    const values = { name: input.name, definition, setsCustomerClass: input.setsCustomerClass };
    if (input.id) {
      const before = readRow(tx, 'classificationScheme', id);
      if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Scheme not found.', { id });
      updateRow(tx, 'classificationScheme', null, before, values);
    } else insertRow(tx, 'classificationScheme', null, id, values);
  });
  return getScheme(ws, id);
}

export function deleteScheme(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    getScheme(ws, id);
    setDeleted(tx, 'classificationScheme', null, id, true);
  });
}

/** The class each customer gets under a scheme on a date, before manual overrides. */
export function classify(definition: SchemeDefinition, metrics: readonly CustomerMetrics[]): Map<string, string> {
  const keys = definition.classes.map((c) => c.key);
  const last = keys[keys.length - 1] as string;
  if (definition.method.kind === 'contribution') {
    const metric = definition.method.metric;
    const cuts = definition.method.cuts.map((upTo, i) => ({ key: keys[i] as string, upTo }));
    return classesByContribution(
      metrics.map((m) => ({ id: m.id, value: metric === 'profit' ? m.profit : m.revenue })),
      cuts,
    );
  }
  const rules = definition.method.rules;
  const cmp = (v: number | null, op: string, x: number) =>
    v !== null && (op === 'gt' ? v > x : op === 'gte' ? v >= x : op === 'lt' ? v < x : op === 'lte' ? v <= x : v === x);
  return new Map(metrics.map((m) => [m.id, rules.find((r) => r.all.every((c) => cmp(metricValue(m, c.metric), c.op, c.value)))?.classKey ?? last]));
}

function metricsFor(ws: Workspace, definition: SchemeDefinition, asOf: string): CustomerMetrics[] {
  const needs = definition.method.kind === 'rules' ? definition.method.rules.flatMap((r) => r.all.map((c) => c.metric)) : [definition.method.metric];
  return customerMetrics(ws, windowEnding(asOf, definition.windowDays), {
    profit: needs.includes('profit'),
    custom: needs.filter((m) => m.startsWith('custom:')).map((m) => m.slice(7)),
  });
}

/** How many customers land in each class, and their revenue share, on live data; writes nothing. */
export function previewScheme(ws: Workspace, definition: unknown, asOf = localDate(new Date())): ClassPreview[] {
  const def = validate(schemeDefinition, definition);
  const metrics = metricsFor(ws, def, asOf);
  const classes = classify(def, metrics);
  const total = metrics.reduce((a, m) => a + m.revenue, 0);
  return def.classes.map((c) => {
    const members = metrics.filter((m) => classes.get(m.id) === c.key);
    const revenue = members.reduce((a, m) => a + m.revenue, 0);
    return {
      key: c.key,
      label: c.label,
      customers: members.length,
      revenue,
      revenueShare: total === 0 ? 0 : revenue / total,
      customerShare: metrics.length === 0 ? 0 : members.length / metrics.length,
    };
  });
}

/**
 * Runs a scheme for a period: stores a snapshot row per customer (class history), applies manual
 * overrides, and, if the scheme drives the card's class, changes it through the logged write path
 * so every customer's history shows the move. Re-running a period replaces its snapshot.
 */
export function applyScheme(
  ws: Workspace,
  ctx: CallContext,
  schemeId: string,
  period: string,
  asOf = localDate(new Date()),
  hooks: ApplyHooks = {},
): ClassPreview[] {
  const scheme = getScheme(ws, schemeId);
  runWrite(
    ws,
    ctx,
    (tx) => {
      const result = writeSnapshot(tx, scheme, period, asOf, hooks);
      if (scheme.setsCustomerClass) {
        const setClass = tx.ws.db.prepare('UPDATE customers SET class = ?, updated_at = ? WHERE id = ?');
        for (const m of result.metrics) {
          const cls = result.classes.get(m.id) as string;
          if (m.customerClass === cls) continue;
          setClass.run(cls, tx.at, m.id);
          tx.log({
            op: 'update',
            entity: 'customer',
            entityId: m.id,
            rootId: m.id,
            field: 'customerClass',
            oldValue: m.customerClass,
            newValue: cls,
          });
        }
      }
      tx.log({
        op: 'create',
        entity: 'classificationRun',
        entityId: schemeId,
        rootId: null,
        newValue: { period, asOf, customers: result.metrics.length },
      });
    },
    { source: `classification:${scheme.name}` },
  );
  return previewFromSnapshot(ws, schemeId, period);
}

/**
 * The snapshot of a run (a row per customer: class, the metrics it came from, overridden or not),
 * replacing the period's earlier one. Derived, not logged: the logged run (scheme, period, as-of
 * date) recomputes it from the orders, the scheme and the overrides a file holds at that point
 * of the log, which is how a replayed or merged log gets it (changelog/apply).
 */
export function writeSnapshot(
  tx: WriteTx,
  scheme: Scheme,
  period: string,
  asOf: string,
  hooks: ApplyHooks = {},
): { metrics: CustomerMetrics[]; classes: Map<string, string> } {
  const metrics = metricsFor(tx.ws, scheme.definition, asOf);
  const computed = classify(scheme.definition, metrics);
  const overrides = new Map(
    (
      tx.ws.db.prepare('SELECT customer_id AS c, class AS k FROM classification_overrides WHERE scheme_id = ? AND deleted = 0').all(scheme.id) as {
        c: string;
        k: string;
      }[]
    ).map((o) => [o.c, o.k]),
  );
  tx.ws.db.prepare('DELETE FROM classification_snapshots WHERE scheme_id = ? AND period = ?').run(scheme.id, period);
  const insert = tx.ws.db.prepare(
    'INSERT INTO classification_snapshots (id, site_id, scheme_id, period, customer_id, class, metrics, overridden, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const classes = new Map<string, string>();
  const step = applySteps(hooks, metrics.length);
  for (const [i, m] of metrics.entries()) {
    step(i);
    const manual = overrides.get(m.id);
    const cls = (manual ?? computed.get(m.id)) as string;
    classes.set(m.id, cls);
    insert.run(
      uuidv7(),
      tx.ws.siteId,
      scheme.id,
      period,
      m.id,
      cls,
      JSON.stringify({ revenue: m.revenue, orders: m.orders, lastOrder: m.lastOrder }),
      manual ? 1 : 0,
      tx.rowAt,
    );
  }
  return { metrics, classes };
}

export function previewFromSnapshot(ws: Workspace, schemeId: string, period: string): ClassPreview[] {
  const scheme = getScheme(ws, schemeId);
  const rows = ws.db
    .prepare(
      `SELECT class AS k, count(*) AS n, COALESCE(sum(json_extract(metrics, '$.revenue')), 0) AS revenue FROM classification_snapshots
       WHERE scheme_id = ? AND period = ? GROUP BY class`,
    )
    .all(schemeId, period) as { k: string; n: number; revenue: number }[];
  const total = rows.reduce((a, r) => a + r.revenue, 0);
  const count = rows.reduce((a, r) => a + r.n, 0);
  return scheme.definition.classes.map((c) => {
    const r = rows.find((x) => x.k === c.key);
    return {
      key: c.key,
      label: c.label,
      customers: r?.n ?? 0,
      revenue: r?.revenue ?? 0,
      revenueShare: total === 0 ? 0 : (r?.revenue ?? 0) / total,
      customerShare: count === 0 ? 0 : (r?.n ?? 0) / count,
    };
  });
}

/**
 * The applied periods of a scheme, oldest first. One index seek per period (a run holds a row per
 * customer, so DISTINCT would read them all); the query catalogue asks on every compile.
 */
export function schemePeriods(ws: Workspace, schemeId: string): string[] {
  const next = ws.db.prepare('SELECT min(period) FROM classification_snapshots WHERE scheme_id = ? AND period > ?').pluck();
  const periods: string[] = [];
  for (let p = next.get(schemeId, '') as string | null; p !== null; p = next.get(schemeId, p) as string | null) periods.push(p);
  return periods;
}

/** A manager's manual class for one customer, with the reason; it wins over the rules from the next run on. */
export function overrideClass(ws: Workspace, ctx: CallContext, schemeId: string, customerId: string, customerClass: string, reason: string): void {
  const scheme = getScheme(ws, schemeId);
  if (!scheme.definition.classes.some((c) => c.key === customerClass))
    throw new KecardError('VALIDATION', 'Unknown class.', { fields: { customerClass: 'invalid' } });
  if (reason.trim().length < 2) throw new KecardError('VALIDATION', 'A reason is required.', { fields: { reason: 'required' } });
  runWrite(ws, ctx, (tx) => {
    const existing = tx.ws.db
      .prepare('SELECT id FROM classification_overrides WHERE scheme_id = ? AND customer_id = ? AND deleted = 0')
      .get(schemeId, customerId) as { id: string } | undefined;
    if (existing)
      updateRow(tx, 'classificationOverride', customerId, readRow(tx, 'classificationOverride', existing.id) as Record<string, unknown>, {
        customerClass,
        reason,
      });
    else
      insertRow(tx, 'classificationOverride', customerId, singletonId('classificationOverride', schemeId, customerId), {
        schemeId,
        customerId,
        customerClass,
        reason,
      });
  });
}

/** Class of every live customer in a period's snapshot. */
export function snapshotClasses(ws: Workspace, schemeId: string, period: string): Map<string, string> {
  return new Map(
    (
      ws.db
        // Not one of the (few, indexed) deleted customers: see LIVE_SNAPSHOTS in reports.ts.
        .prepare(
          'SELECT customer_id AS c, class AS k FROM classification_snapshots WHERE scheme_id = ? AND period = ? AND customer_id NOT IN (SELECT id FROM customers WHERE deleted = 1)',
        )
        .all(schemeId, period) as { c: string; k: string }[]
    ).map((r) => [r.c, r.k]),
  );
}
