import { scoreRfm, type RfmScoring } from '../../src-shared/analysis/rfm';
import type { Workspace } from '../db/workspace';
import { snapshotClasses } from './classification-service';
import { customerMetrics, windowEnding } from './customer-metrics';

export type DrillTarget =
  | { of: 'paretoTop'; asOf: string; windowDays: number; share: number }
  | { of: 'rfmSegment'; asOf: string; windowDays: number; scoring: unknown; segment: string }
  | { of: 'snapshotClass'; schemeId: string; period: string; classKey: string }
  | { of: 'transition'; schemeId: string; from: string; to: string; fromClass: string; toClass: string }
  | { of: 'dormant'; asOf: string; dormantDays: number };

/**
 * The customers behind one bar, slice or cell of a report, computed exactly as the report was.
 * The renderer lists them and can keep them as a favourites folder, which is itself a query.
 */
export function drillIds(ws: Workspace, t: DrillTarget): { total: number; ids: string[] } {
  let ids: string[];
  switch (t.of) {
    case 'paretoTop': {
      const buying = customerMetrics(ws, windowEnding(t.asOf, t.windowDays))
        .filter((m) => m.revenue > 0)
        .sort((a, b) => b.revenue - a.revenue);
      ids = buying.slice(0, Math.ceil(buying.length * t.share)).map((m) => m.id);
      break;
    }
    case 'rfmSegment': {
      const metrics = customerMetrics(ws, windowEnding(t.asOf, t.windowDays)).filter((m) => m.orders > 0);
      ids = scoreRfm(
        metrics.map((m) => ({ id: m.id, recencyDays: m.daysSinceLastOrder ?? 0, frequency: m.orders, monetary: m.revenue })),
        t.scoring as RfmScoring,
      )
        .filter((s) => s.segment === t.segment)
        .map((s) => s.id);
      break;
    }
    case 'snapshotClass':
      ids = [...snapshotClasses(ws, t.schemeId, t.period)].filter(([, k]) => k === t.classKey).map(([id]) => id);
      break;
    case 'transition': {
      const before = snapshotClasses(ws, t.schemeId, t.from);
      const after = snapshotClasses(ws, t.schemeId, t.to);
      const all = new Set([...before.keys(), ...after.keys()]);
      ids = [...all].filter((id) => (before.get(id) ?? '—') === t.fromClass && (after.get(id) ?? '—') === t.toClass);
      break;
    }
    case 'dormant':
      ids = customerMetrics(ws, windowEnding(t.asOf, 365))
        .filter((m) => m.daysSinceLastOrder !== null && m.daysSinceLastOrder >= t.dormantDays)
        .map((m) => m.id);
      break;
  }
  return { total: ids.length, ids: ids.slice(0, 100_000) };
}
