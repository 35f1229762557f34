import { snapshotFieldKey, snapshotRevenueFieldKey } from '../../../src-shared/query/query-fields';
import { listSchemes, schemePeriods } from '../../analysis/classification-service';
import type { Workspace } from '../../db/workspace';
import type { CatalogueField } from './query-catalogue';

/**
 * "Class in the snapshot of <scheme> <period>" and the revenue behind it: two fields per applied period of every live
 * scheme. The scheme and period are bound parameters of a fixed subquery (the snapshot's
 * customer index finds the row), so nothing the user typed reaches the SQL text.
 */
export function snapshotFields(ws: Workspace, alias: string): CatalogueField[] {
  const fromSnapshot = `FROM classification_snapshots s WHERE s.customer_id = ${alias}.id AND s.scheme_id = ? AND s.period = ?`;
  return listSchemes(ws).flatMap((scheme) =>
    schemePeriods(ws, scheme.id).flatMap((period) => [
      {
        key: snapshotFieldKey(scheme.id, period),
        type: 'enum' as const,
        label: `${scheme.name} · ${period}`,
        snapshot: true,
        options: scheme.definition.classes.map((c) => c.key),
        optionLabels: Object.fromEntries(scheme.definition.classes.map((c) => [c.key, `${c.key} ${c.label}`])),
        sql: `SELECT s.class ${fromSnapshot}`,
        params: [scheme.id, period],
      },
      {
        // The revenue the period's class was computed from (0 = bought nothing in its window):
        // "stopped buying" between two periods is revenue > 0 in one and = 0 in the next.
        key: snapshotRevenueFieldKey(scheme.id, period),
        type: 'number' as const,
        money: true,
        label: `${scheme.name} · ${period}`,
        snapshot: true,
        snapshotMetric: 'revenue' as const,
        sql: `SELECT CAST(json_extract(s.metrics, '$.revenue') AS INTEGER) ${fromSnapshot}`,
        params: [scheme.id, period],
      },
    ]),
  );
}
