import { snapshotFieldKey } from '../../../src-shared/query/query-fields';
import { listSchemes, schemePeriods } from '../../analysis/classification-service';
import type { Workspace } from '../../db/workspace';
import type { CatalogueField } from './query-catalogue';

/**
 * "Class in the snapshot of <scheme> <period>": one enum field per applied period of every live
 * scheme. The scheme and period are bound parameters of a fixed subquery (the snapshot's
 * customer index finds the row), so nothing the user typed reaches the SQL text.
 */
export function snapshotFields(ws: Workspace, alias: string): CatalogueField[] {
  return listSchemes(ws).flatMap((scheme) =>
    schemePeriods(ws, scheme.id).map((period) => ({
      key: snapshotFieldKey(scheme.id, period),
      type: 'enum' as const,
      label: `${scheme.name} · ${period}`,
      snapshot: true,
      options: scheme.definition.classes.map((c) => c.key),
      optionLabels: Object.fromEntries(scheme.definition.classes.map((c) => [c.key, `${c.key} ${c.label}`])),
      sql: `SELECT s.class FROM classification_snapshots s WHERE s.customer_id = ${alias}.id AND s.scheme_id = ? AND s.period = ?`,
      params: [scheme.id, period],
    })),
  );
}
