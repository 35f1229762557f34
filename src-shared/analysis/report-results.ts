import type { SegmentSummary } from './rfm';
import type { SchemeDefinition } from './scheme';
import type { LifecycleStage } from '../domain/enums';
import type { DrillTarget } from '../contract/report-requests';
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

/** What a drill asks for: its schema is the contract's (report-requests.ts). */
export type { DrillTarget } from '../contract/report-requests';
export type TransitionMove = DrillTarget & { of: 'transitionMove' } extends { move: infer M } ? M : never;
