import { z } from 'zod';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import type { ApplyHooks } from './apply-hooks';
import { applyScheme, previewScheme } from './classification-service';
import { drillQuery } from './drill';
import { applyLifecycleRules } from './lifecycle-service';
import { exportWorkspaceWorkbook } from '../services/export/export-workspace';
import { businessSummary, classDistribution, classPyramid, classTransitions, relationshipDistribution } from './reports';
import { clvReport, dormantReport, managerPerformance, paretoReport, rfmReport, timeSeries } from './sales-reports';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const month = z.string().regex(/^\d{4}-\d{2}$/);
const days = z.number().int().min(1).max(3660);
const rfmScoring = z.union([
  z.object({ kind: z.literal('quantiles'), buckets: z.union([z.literal(3), z.literal(4), z.literal(5)]) }).strict(),
  z.object({ kind: z.literal('thresholds'), recency: z.array(z.number()).max(4), frequency: z.array(z.number()).max(4), monetary: z.array(z.number()).max(4) }).strict(),
]);
const score = z.number().int().min(1).max(5);

/** Every report by name with its parameters; the renderer asks for one, a worker computes it. */
export const reportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pareto'), asOf: date, windowDays: days }).strict(),
  z
    .object({
      kind: z.literal('rfm'),
      asOf: date,
      windowDays: days,
      scoring: rfmScoring,
    })
    .strict(),
  z.object({ kind: z.literal('pyramid'), schemeId: z.string().max(64), period: z.string().max(20).optional() }).strict(),
  z.object({ kind: z.literal('distribution'), schemeId: z.string().max(64) }).strict(),
  z.object({ kind: z.literal('transitions'), schemeId: z.string().max(64), from: z.string().max(20), to: z.string().max(20) }).strict(),
  /** `all`: list every dormant customer (the export), not only the first 200. */
  z.object({ kind: z.literal('dormant'), asOf: date, dormantDays: days, all: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('timeSeries'), fromMonth: month, toMonth: month, by: z.enum(['class', 'province']).optional() }).strict(),
  z.object({ kind: z.literal('clv'), asOf: date, windowDays: days, lifespanYears: z.number().min(0.1).max(50), grossMargin: z.number().min(0).max(1) }).strict(),
  z.object({ kind: z.literal('managers'), asOf: date, windowDays: days, visitTypeId: z.string().max(64).optional() }).strict(),
  z.object({ kind: z.literal('relationship') }).strict(),
  z.object({ kind: z.literal('business'), typeId: z.string().max(64), asOf: date, windowDays: days }).strict(),
  z.object({ kind: z.literal('schemePreview'), definition: z.unknown(), asOf: date }).strict(),
  z.object({ kind: z.literal('schemeApply'), schemeId: z.string().max(64), period: z.string().trim().min(1).max(20), asOf: date }).strict(),
  z.object({ kind: z.literal('lifecycleApply'), asOf: date }).strict(),
  /** Not a chart: the whole workspace as an xlsx workbook, written to `outputPath` (set by main, never by the renderer). */
  z.object({ kind: z.literal('workspaceWorkbook'), outputPath: z.string().max(4096).optional() }).strict(),
  /** The full quick_check of a large workspace, run after it opened (see needsBackgroundCheck). */
  z.object({ kind: z.literal('integrityCheck') }).strict(),
  z
    .object({
      kind: z.literal('drill'),
      target: z.discriminatedUnion('of', [
        z.object({ of: z.literal('paretoTop'), asOf: date, windowDays: days, share: z.number().min(0).max(1) }).strict(),
        z.object({ of: z.literal('rfmSegment'), asOf: date, windowDays: days, scoring: rfmScoring, segment: z.string().max(10) }).strict(),
        z.object({ of: z.literal('rfmCell'), asOf: date, windowDays: days, scoring: rfmScoring, r: score, f: score }).strict(),
        z.object({ of: z.literal('snapshotClass'), schemeId: z.string().max(64), period: z.string().max(20), classKey: z.string().max(10) }).strict(),
        z
          .object({ of: z.literal('transition'), schemeId: z.string().max(64), from: z.string().max(20), to: z.string().max(20), fromClass: z.string().max(10), toClass: z.string().max(10) })
          .strict(),
        z
          .object({ of: z.literal('transitionMove'), schemeId: z.string().max(64), from: z.string().max(20), to: z.string().max(20), move: z.enum(['up', 'down', 'same', 'stopped']) })
          .strict(),
        z.object({ of: z.literal('dormant'), asOf: date, dormantDays: days }).strict(),
        z
          .object({
            of: z.literal('buyers'),
            asOf: date,
            windowDays: days,
            /** From the CLV report: the list shows each buyer's lifetime value. */
            clv: z.object({ lifespanYears: z.number().min(0.1).max(50), grossMargin: z.number().min(0).max(1) }).strict().optional(),
          })
          .strict(),
        z.object({ of: z.literal('records'), typeId: z.string().max(64), status: z.string().max(40), from: date, to: date }).strict(),
        z
          .object({ of: z.literal('month'), month, measure: z.enum(['active', 'new']), by: z.enum(['class', 'province']).optional(), key: z.string().max(200).nullable().optional() })
          .strict(),
        z.object({ of: z.literal('relationship'), level: z.number().int().nullable() }).strict(),
        z.object({ of: z.literal('owner'), ownerId: z.string().max(64) }).strict(),
      ]),
    })
    .strict(),
]);
export type ReportRequest = z.infer<typeof reportRequest>;

/** Reports that change data (applying a scheme or the lifecycle rules) need the caller. */
export async function runReport(ws: Workspace, r: ReportRequest, ctx?: CallContext, hooks: ApplyHooks = {}): Promise<unknown> {
  switch (r.kind) {
    case 'integrityCheck': {
      const result = ws.db.pragma('quick_check', { simple: true }) as string;
      return { ok: result === 'ok', message: result };
    }
    case 'workspaceWorkbook': {
      if (!r.outputPath) throw new KecardError('VALIDATION', 'No output file.');
      return { path: r.outputPath, ...(await exportWorkspaceWorkbook(ws, r.outputPath)) };
    }
    case 'pareto':
      return paretoReport(ws, r.asOf, r.windowDays);
    case 'rfm':
      return rfmReport(ws, r.asOf, r.windowDays, r.scoring);
    case 'pyramid':
      return classPyramid(ws, r.schemeId, r.period);
    case 'distribution':
      return classDistribution(ws, r.schemeId);
    case 'transitions':
      return classTransitions(ws, r.schemeId, r.from, r.to);
    case 'dormant':
      return dormantReport(ws, r.asOf, r.dormantDays, r.all === true ? null : 200);
    case 'timeSeries':
      return timeSeries(ws, r.fromMonth, r.toMonth, r.by);
    case 'clv':
      return clvReport(ws, r.asOf, r.windowDays, r.lifespanYears, r.grossMargin);
    case 'managers':
      return managerPerformance(ws, r.asOf, r.windowDays, r.visitTypeId);
    case 'relationship':
      return relationshipDistribution(ws);
    case 'business':
      return businessSummary(ws, r.typeId, r.asOf, r.windowDays);
    case 'schemePreview':
      return previewScheme(ws, r.definition, r.asOf);
    case 'schemeApply':
      return applyScheme(ws, requireCtx(ctx), r.schemeId, r.period, r.asOf, hooks);
    case 'lifecycleApply':
      return applyLifecycleRules(ws, requireCtx(ctx), r.asOf, hooks);
    case 'drill':
      return drillQuery(ws, r.target);
    default:
      throw new KecardError('VALIDATION', 'Unknown report.');
  }
}

function requireCtx(ctx: CallContext | undefined): CallContext {
  if (!ctx) throw new KecardError('FORBIDDEN', 'This report changes data and needs a user.');
  return ctx;
}
