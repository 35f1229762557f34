import { z } from 'zod';

// The reports the renderer may ask for and their parameters: the input of reports.run, checked at
// the boundary like every other method. Main adds jobs of its own (run-report.ts) that no caller
// may start. What each report answers is in report-results.ts.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const month = z.string().regex(/^\d{4}-\d{2}$/);
const days = z.number().int().min(1).max(3660);
const rfmScoring = z.union([
  z.object({ kind: z.literal('quantiles'), buckets: z.union([z.literal(3), z.literal(4), z.literal(5)]) }).strict(),
  z
    .object({
      kind: z.literal('thresholds'),
      recency: z.array(z.number()).max(4),
      frequency: z.array(z.number()).max(4),
      monetary: z.array(z.number()).max(4),
    })
    .strict(),
]);
const score = z.number().int().min(1).max(5);
/**
 * 门店 filter of a report (HQ of a sync network): only the customers whose 门店 is this site code,
 * and their orders, records and snapshots. Absent: every customer (全部门店). The shape of a
 * customer's storeCode (src-shared/domain/customer.ts).
 */
export const reportStore = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,8}$/);
const store = reportStore.optional();

/** What a drill asks for: the bar, slice or cell of a report (src-main/analysis/drill.ts turns each into a query). */
export const drillTarget = z.discriminatedUnion('of', [
  z.object({ of: z.literal('paretoTop'), asOf: date, windowDays: days, share: z.number().min(0).max(1) }).strict(),
  z.object({ of: z.literal('rfmSegment'), asOf: date, windowDays: days, scoring: rfmScoring, segment: z.string().max(10) }).strict(),
  z.object({ of: z.literal('rfmCell'), asOf: date, windowDays: days, scoring: rfmScoring, r: score, f: score }).strict(),
  z.object({ of: z.literal('snapshotClass'), schemeId: z.string().max(64), period: z.string().max(20), classKey: z.string().max(10) }).strict(),
  z
    .object({
      of: z.literal('transition'),
      schemeId: z.string().max(64),
      from: z.string().max(20),
      to: z.string().max(20),
      fromClass: z.string().max(10),
      toClass: z.string().max(10),
    })
    .strict(),
  z
    .object({
      of: z.literal('transitionMove'),
      schemeId: z.string().max(64),
      from: z.string().max(20),
      to: z.string().max(20),
      move: z.enum(['up', 'down', 'same', 'stopped']),
    })
    .strict(),
  z.object({ of: z.literal('dormant'), asOf: date, dormantDays: days }).strict(),
  z
    .object({
      of: z.literal('buyers'),
      asOf: date,
      windowDays: days,
      /** From the CLV report: the list shows each buyer's lifetime value. */
      clv: z
        .object({ lifespanYears: z.number().min(0.1).max(50), grossMargin: z.number().min(0).max(1) })
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ of: z.literal('records'), typeId: z.string().max(64), status: z.string().max(40), from: date, to: date }).strict(),
  z
    .object({
      of: z.literal('month'),
      month,
      measure: z.enum(['active', 'new']),
      by: z.enum(['class', 'province', 'store']).optional(),
      key: z.string().max(200).nullable().optional(),
    })
    .strict(),
  z.object({ of: z.literal('relationship'), level: z.number().int().nullable() }).strict(),
  z.object({ of: z.literal('owner'), ownerId: z.string().max(64) }).strict(),
]);
export type DrillTarget = z.infer<typeof drillTarget>;

/** Every report by name with its parameters; the renderer asks for one (reports.run), a worker computes it. */
export const reportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pareto'), asOf: date, windowDays: days, store }).strict(),
  z
    .object({
      kind: z.literal('rfm'),
      asOf: date,
      windowDays: days,
      scoring: rfmScoring,
      store,
    })
    .strict(),
  z.object({ kind: z.literal('pyramid'), schemeId: z.string().max(64), period: z.string().max(20).optional(), store }).strict(),
  z.object({ kind: z.literal('distribution'), schemeId: z.string().max(64), store }).strict(),
  z.object({ kind: z.literal('transitions'), schemeId: z.string().max(64), from: z.string().max(20), to: z.string().max(20), store }).strict(),
  /** `all`: list every dormant customer (the export), not only the first 200. */
  z.object({ kind: z.literal('dormant'), asOf: date, dormantDays: days, all: z.boolean().optional(), store }).strict(),
  z
    .object({ kind: z.literal('timeSeries'), fromMonth: month, toMonth: month, by: z.enum(['class', 'province', 'store']).optional(), store })
    .strict(),
  z
    .object({
      kind: z.literal('clv'),
      asOf: date,
      windowDays: days,
      lifespanYears: z.number().min(0.1).max(50),
      grossMargin: z.number().min(0).max(1),
      store,
    })
    .strict(),
  z.object({ kind: z.literal('managers'), asOf: date, windowDays: days, visitTypeId: z.string().max(64).optional(), store }).strict(),
  z.object({ kind: z.literal('relationship'), store }).strict(),
  z.object({ kind: z.literal('business'), typeId: z.string().max(64), asOf: date, windowDays: days, store }).strict(),
  z.object({ kind: z.literal('schemePreview'), definition: z.unknown(), asOf: date }).strict(),
  z.object({ kind: z.literal('schemeApply'), schemeId: z.string().max(64), period: z.string().trim().min(1).max(20), asOf: date }).strict(),
  z.object({ kind: z.literal('lifecycleApply'), asOf: date }).strict(),
  z
    .object({
      kind: z.literal('drill'),
      target: drillTarget,
      /** The 门店 filter of the report drilled into: the drill lists that store's customers only. */
      store,
    })
    .strict(),
]);
export type ReportRequest = z.infer<typeof reportRequest>;
export type ReportKind = ReportRequest['kind'];
