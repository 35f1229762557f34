import { z } from 'zod';
import { reportRequest } from '../../src-shared/contract/report-requests';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import type { ApplyHooks } from './apply-hooks';
import { applyScheme, previewScheme } from './classification-service';
import { drillQuery } from './drill';
import { applyLifecycleRules } from './lifecycle-service';
import { exportWorkspaceWorkbook } from '../services/export/export-workspace';
import { fieldViewFor } from '../people/field-view';
import { refuseUnderScope, scopeFor, withScope } from '../people/record-scope';
import { businessSummary, classDistribution, classPyramid, classTransitions, relationshipDistribution } from './reports';
import { clvReport, dormantReport, managerPerformance, paretoReport, rfmReport, timeSeries } from './sales-reports';

/**
 * Every job of the report worker: the reports callers may ask for (reports.run, the contract's
 * reportRequest) and main's own, which no caller can start through reports.run.
 */
export const jobRequest = z.discriminatedUnion('kind', [
  ...reportRequest.options,
  /** Not a chart: the whole workspace as an xlsx workbook, written to `outputPath` (set by main, never by the renderer). */
  z.object({ kind: z.literal('workspaceWorkbook'), outputPath: z.string().max(4096).optional() }).strict(),
  /** The full quick_check of a large workspace, run after it opened (see needsBackgroundCheck). */
  z.object({ kind: z.literal('integrityCheck') }).strict(),
]);
export type JobRequest = z.infer<typeof jobRequest>;

/**
 * Reports that change data (applying a scheme or the lifecycle rules) need the caller. With a
 * caller, the report runs under their record scope (people/record-scope.ts), as their calls in main
 * do: under scope 'own' every figure is computed over their own customers (customer-mask.ts).
 */
export async function runReport(ws: Workspace, r: JobRequest, ctx?: CallContext, hooks: ApplyHooks = {}): Promise<unknown> {
  return ctx ? withScope(scopeFor(ws, ctx), () => run(ws, r, ctx, hooks)) : run(ws, r, ctx, hooks);
}

async function run(ws: Workspace, r: JobRequest, ctx: CallContext | undefined, hooks: ApplyHooks): Promise<unknown> {
  switch (r.kind) {
    case 'integrityCheck': {
      const result = ws.db.pragma('quick_check', { simple: true }) as string;
      return { ok: result === 'ok', message: result };
    }
    case 'workspaceWorkbook': {
      refuseUnderScope('The workbook export');
      if (!r.outputPath) throw new KecardError('VALIDATION', 'No output file.');
      // The workbook holds what its exporter may see (per-field rules, people/field-view.ts).
      return { path: r.outputPath, ...(await exportWorkspaceWorkbook(ws, r.outputPath, ctx ? fieldViewFor(ws, ctx) : undefined)) };
    }
    case 'pareto':
      return paretoReport(ws, r.asOf, r.windowDays, r.store);
    case 'rfm':
      return rfmReport(ws, r.asOf, r.windowDays, r.scoring, r.store);
    case 'pyramid':
      return classPyramid(ws, r.schemeId, r.period, r.store);
    case 'distribution':
      return classDistribution(ws, r.schemeId, r.store);
    case 'transitions':
      return classTransitions(ws, r.schemeId, r.from, r.to, r.store);
    case 'dormant':
      return dormantReport(ws, r.asOf, r.dormantDays, r.all === true ? null : 200, r.store);
    case 'timeSeries':
      return timeSeries(ws, r.fromMonth, r.toMonth, r.by, r.store);
    case 'clv':
      return clvReport(ws, r.asOf, r.windowDays, r.lifespanYears, r.grossMargin, r.store);
    case 'managers':
      return managerPerformance(ws, r.asOf, r.windowDays, r.visitTypeId, r.store);
    case 'relationship':
      return relationshipDistribution(ws, r.store);
    case 'business':
      return businessSummary(ws, r.typeId, r.asOf, r.windowDays, r.store);
    case 'schemePreview':
      return previewScheme(ws, r.definition, r.asOf);
    // Both write every customer's class or stage from every customer's sales (main refuses them
    // under a scope before the job starts; this holds for any other way in).
    case 'schemeApply':
      refuseUnderScope('Applying a classification');
      return applyScheme(ws, requireCtx(ctx), r.schemeId, r.period, r.asOf, hooks);
    case 'lifecycleApply':
      refuseUnderScope('Applying the lifecycle rules');
      return applyLifecycleRules(ws, requireCtx(ctx), r.asOf, hooks);
    case 'drill':
      return drillQuery(ws, r.target, r.store);
    default:
      throw new KecardError('VALIDATION', 'Unknown report.');
  }
}

function requireCtx(ctx: CallContext | undefined): CallContext {
  if (!ctx) throw new KecardError('FORBIDDEN', 'This report changes data and needs a user.');
  return ctx;
}
