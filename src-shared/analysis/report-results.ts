import type { SegmentSummary } from './rfm';
import type { SchemeDefinition } from './scheme';
import type { LifecycleStage } from '../domain/enums';
import type { ResultFigure } from '../query/figure';
import type { QueryDefinition } from '../query/query-tree';

// Result shapes of the 'report' jobs, declared once for both processes. job.finished carries a
// result as plain JSON; src-main/analysis/report-result-checks.ts makes the compiler prove that
// each report function returns exactly these shapes.

export interface SchemeDto {
  id: string;
  name: string;
  definition: SchemeDefinition;
  setsCustomerClass: boolean;
}

export interface ClassPreview {
  key: string;
  label: string;
  customers: number;
  revenue: number;
  revenueShare: number;
  customerShare: number;
}

export interface ParetoResult {
  points: { customerShare: number; valueShare: number }[];
  total: number;
  top20Share: number;
  customers: number;
  allCustomers: number;
}

export interface RfmResult {
  customers: number;
  segments: SegmentSummary[];
  heatmap: { r: number; f: number; customers: number; avgMonetary: number }[];
}

export interface PyramidResult {
  period: string | null;
  classes: { key: string; label: string; color?: string | undefined; customers: number }[];
}

export interface DistributionResult {
  periods: string[];
  series: { key: string; counts: number[] }[];
}

export interface TransitionsResult {
  from: string;
  to: string;
  matrix: { from: string; to: string; customers: number }[];
  up: number;
  down: number;
  same: number;
  stoppedBuying: number;
}

export interface DormantResult {
  count: number;
  valueAtRisk: number;
  list: { id: string; name: string; lastOrder: string | null; daysSinceLastOrder: number | null; owner: string | null }[];
  /** All `count` customers by days since their last order, in bands from the threshold (`toDays` null: and more). */
  bands: { fromDays: number; toDays: number | null; count: number }[];
}

export interface TimeSeriesResult {
  rows: { month: string; k: string | null; revenue: number; orders: number; active: number }[];
  newCustomers: { month: string; n: number }[];
}

export interface ClvResult {
  window: { from: string; to: string };
  avgOrderValue: number;
  purchasesPerYear: number;
  lifespanYears: number;
  grossMargin: number;
  clv: number;
  formula: string;
  revenue: number;
  orders: number;
  customers: number;
}

export interface ManagerRow {
  id: string;
  name: string;
  customers: number;
  revenue: number;
  visitsPlanned: number;
  visitsDone: number;
}

export type RelationshipResult = { level: number | null; customers: number }[];

export interface BusinessResult {
  window: { from: string; to: string };
  byStatus: { status: string; records: number }[];
  averageDaysToClose: number | null;
  averages: { column: string; label: string; average: number | null }[];
}

export type LifecycleCounts = Record<LifecycleStage, number>;

/**
 * A drill answers with the equivalent customer query: the user sees its results and can save it.
 * `figure` is the number the report drew its customers by (revenue, quiet days, CLV): the list
 * shows it and sorts by it; null where the element has none (a class, a relationship level).
 */
export interface DrillResult {
  definition: QueryDefinition;
  figure: ResultFigure | null;
}

/** What a drill asks for (run-report.ts `drill` targets); main turns each into a query (analysis/drill.ts). */
export type TransitionMove = 'up' | 'down' | 'same' | 'stopped';

export type DrillTarget =
  | { of: 'paretoTop'; asOf: string; windowDays: number; share: number }
  | { of: 'rfmSegment'; asOf: string; windowDays: number; scoring: unknown; segment: string }
  | { of: 'rfmCell'; asOf: string; windowDays: number; scoring: unknown; r: number; f: number }
  | { of: 'snapshotClass'; schemeId: string; period: string; classKey: string }
  | { of: 'transition'; schemeId: string; from: string; to: string; fromClass: string; toClass: string }
  /** The transition report's totals: moved up, moved down, stayed, stopped buying. */
  | { of: 'transitionMove'; schemeId: string; from: string; to: string; move: TransitionMove }
  | { of: 'dormant'; asOf: string; dormantDays: number }
  /** The customers who bought in the window: those the lifetime value is averaged over. */
  | { of: 'buyers'; asOf: string; windowDays: number; clv?: { lifespanYears: number; grossMargin: number } | undefined }
  /** A business-summary bar: the customers with records of the type in that status, created in the window. */
  | { of: 'records'; typeId: string; status: string; from: string; to: string }
  | { of: 'month'; month: string; measure: 'active' | 'new'; by?: 'class' | 'province' | undefined; key?: string | null | undefined }
  | { of: 'relationship'; level: number | null }
  | { of: 'owner'; ownerId: string };
