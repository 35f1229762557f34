import { z } from 'zod';
import { RFM_SEGMENTS } from '../analysis/rfm';
import { LIFECYCLE_STAGES } from '../domain/enums';
import { resultFigure } from '../query/figure';
import { queryDefinition } from '../query/query-tree';
import type { DrillTarget, ReportKind } from './report-requests';

// What each report answers in its job.finished event: the output half of reports.run, declared
// once as zod schemas. Main checks a report job's result against its kind's schema before the
// event leaves (src-main/analysis/check-report-result.ts); the renderer reads the derived types.

const count = z.number().int().min(0);
/** Money in fen; averages and values derived from sums may carry fractions of a fen. */
const fen = z.number();
/** A share of a whole (0…1); not bounded, so a float sum a hair over 1 is not refused. */
const share = z.number();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const window = z.object({ from: date, to: date });

export const classPreview = z.object({
  key: z.string(),
  label: z.string(),
  customers: count,
  revenue: fen,
  revenueShare: share,
  customerShare: share,
});
export type ClassPreview = z.infer<typeof classPreview>;

export const paretoResult = z.object({
  points: z.array(z.object({ customerShare: share, valueShare: share })),
  total: fen,
  top20Share: share,
  customers: count,
  allCustomers: count,
});
export type ParetoResult = z.infer<typeof paretoResult>;

export const segmentSummary = z.object({
  segment: z.enum(RFM_SEGMENTS),
  customers: count,
  revenue: fen,
  revenueShare: share,
  action: z.string(),
});
export type SegmentSummary = z.infer<typeof segmentSummary>;

export const rfmResult = z.object({
  customers: count,
  segments: z.array(segmentSummary),
  heatmap: z.array(z.object({ r: z.number().int(), f: z.number().int(), customers: count, avgMonetary: fen })),
});
export type RfmResult = z.infer<typeof rfmResult>;

export const pyramidResult = z.object({
  period: z.string().nullable(),
  classes: z.array(z.object({ key: z.string(), label: z.string(), color: z.string().optional(), customers: count })),
});
export type PyramidResult = z.infer<typeof pyramidResult>;

export const distributionResult = z.object({
  periods: z.array(z.string()),
  series: z.array(z.object({ key: z.string(), counts: z.array(count) })),
});
export type DistributionResult = z.infer<typeof distributionResult>;

export const transitionsResult = z.object({
  from: z.string(),
  to: z.string(),
  matrix: z.array(z.object({ from: z.string(), to: z.string(), customers: count })),
  up: count,
  down: count,
  same: count,
  stoppedBuying: count,
});
export type TransitionsResult = z.infer<typeof transitionsResult>;

export const dormantResult = z.object({
  count,
  valueAtRisk: fen,
  list: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lastOrder: date.nullable(),
      daysSinceLastOrder: z.number().int().nullable(),
      owner: z.string().nullable(),
    }),
  ),
  /** All `count` customers by days since their last order, in bands from the threshold (`toDays` null: and more). */
  bands: z.array(z.object({ fromDays: z.number().int(), toDays: z.number().int().nullable(), count })),
});
export type DormantResult = z.infer<typeof dormantResult>;

export const timeSeriesResult = z.object({
  rows: z.array(z.object({ month: z.string(), k: z.string().nullable(), revenue: fen, orders: count, active: count })),
  newCustomers: z.array(z.object({ month: z.string(), n: count })),
});
export type TimeSeriesResult = z.infer<typeof timeSeriesResult>;

export const clvResult = z.object({
  window,
  avgOrderValue: fen,
  purchasesPerYear: z.number().min(0),
  lifespanYears: z.number().min(0),
  grossMargin: share,
  clv: fen,
  formula: z.string(),
  revenue: fen,
  orders: count,
  customers: count,
});
export type ClvResult = z.infer<typeof clvResult>;

export const managerRow = z.object({
  id: z.string(),
  name: z.string(),
  customers: count,
  revenue: fen,
  visitsPlanned: count,
  visitsDone: count,
});
export type ManagerRow = z.infer<typeof managerRow>;

export const relationshipResult = z.array(z.object({ level: z.number().int().nullable(), customers: count }));
export type RelationshipResult = z.infer<typeof relationshipResult>;

export const businessResult = z.object({
  window,
  byStatus: z.array(z.object({ status: z.string(), records: count })),
  averageDaysToClose: z.number().nullable(),
  averages: z.array(z.object({ column: z.string(), label: z.string(), average: z.number().nullable() })),
});
export type BusinessResult = z.infer<typeof businessResult>;

/** Customers per lifecycle stage, every stage present. */
export const lifecycleCounts = z.record(z.enum(LIFECYCLE_STAGES), count);
export type LifecycleCounts = z.infer<typeof lifecycleCounts>;

/**
 * A drill answers with the equivalent customer query: the user sees its results and can save it.
 * `figure` is the number the report drew its customers by (revenue, quiet days, CLV): the list
 * shows it and sorts by it; null where the element has none (a class, a relationship level).
 */
export const drillResult = z.object({ definition: queryDefinition, figure: resultFigure.nullable() });
export type DrillResult = z.infer<typeof drillResult>;

/** The result schema of every kind reports.run accepts. */
export const reportResults = {
  pareto: paretoResult,
  rfm: rfmResult,
  pyramid: pyramidResult,
  distribution: distributionResult,
  transitions: transitionsResult,
  dormant: dormantResult,
  timeSeries: timeSeriesResult,
  clv: clvResult,
  managers: z.array(managerRow),
  relationship: relationshipResult,
  business: businessResult,
  schemePreview: z.array(classPreview),
  schemeApply: z.array(classPreview),
  lifecycleApply: lifecycleCounts,
  drill: drillResult,
} as const satisfies Record<ReportKind, z.ZodType>;

/** What a report of kind K answers. */
export type ReportResultOf<K extends ReportKind> = z.infer<(typeof reportResults)[K]>;

/** What a drill asks for: its schema is the contract's (report-requests.ts). */
export type { DrillTarget } from './report-requests';
export type TransitionMove = Extract<DrillTarget, { of: 'transitionMove' }>['move'];
