import { allows } from '../../src-shared/domain/permissions';
import { refuseUnderScope } from '../people/record-scope';
import { KecardError } from '../../src-shared/errors';
import { deleteScheme, listSchemes, overrideClass, saveScheme, schemePeriods } from '../analysis/classification-service';
import { checkReportResult } from '../analysis/check-report-result';
import { getLifecycleRules, saveLifecycleRules } from '../analysis/lifecycle-service';
import { salesDateRange } from '../analysis/sales-dates';
import type { Handlers, RouterDeps } from './handlers';
import { auditJobDone } from '../people/audit-log';
import { fieldViewFor } from '../people/field-view';
import { presentReport } from '../people/field-reports';

type Names =
  | 'classification.schemes'
  | 'classification.save'
  | 'classification.delete'
  | 'classification.periods'
  | 'classification.override'
  | 'lifecycle.rules'
  | 'lifecycle.saveRules'
  | 'reports.run'
  | 'reports.salesDates';

const WRITING_REPORTS = new Set(['schemeApply', 'lifecycleApply']);

export function createAnalysisHandlers({ host, jobs, log = console.error }: RouterDeps): Pick<Handlers, Names> {
  const ws = () => host.workspace;
  return {
    'classification.schemes': () => listSchemes(ws()),
    'classification.save': (input, ctx) => {
      const s = saveScheme(ws(), ctx, input);
      return s;
    },
    'classification.delete': ({ id }, ctx) => {
      deleteScheme(ws(), ctx, id);
      return { ok: true };
    },
    'classification.periods': ({ schemeId }) => schemePeriods(ws(), schemeId),
    'classification.override': ({ schemeId, customerId, customerClass, reason }, ctx) => {
      overrideClass(ws(), ctx, schemeId, customerId, customerClass, reason);
      return { ok: true };
    },
    'lifecycle.rules': () => getLifecycleRules(ws()),
    'lifecycle.saveRules': ({ rules }, ctx) => {
      const saved = saveLifecycleRules(ws(), ctx, rules);
      return saved;
    },
    'reports.run': ({ request }, ctx) => {
      // Checked against the contract's reportRequest already: main's own jobs are not among its kinds.
      // The worker runs the report under the caller's record scope: under 'own' every figure is
      // over their own customers (analysis/customer-mask.ts). Applying a scheme or the lifecycle
      // rules writes every customer's class or stage, so it is refused under a scope.
      const writes = WRITING_REPORTS.has(request.kind);
      if (writes) refuseUnderScope('Applying classification or lifecycle rules');
      if (writes && !allows(host.rulesOf(ctx), 'classification', 'manage'))
        throw new KecardError('FORBIDDEN', 'Only a manager can apply classification rules.');
      // What a classification run writes is announced from the log when the job ends (compose-app).
      const path = ws().path;
      // The caller's field rules as they are now apply to the result (people/field-reports.ts).
      const view = fieldViewFor(ws(), ctx);
      const jobId = jobs.startResident('report', 'analysis', path, request, ctx, (result) => {
        const checked = presentReport(view, request.kind, checkReportResult(request.kind, result, log));
        auditJobDone(host, path, ctx, { action: 'reportRun', rowCount: reportRowCount(checked), detail: { what: request.kind } });
        return checked;
      });
      return { jobId };
    },
    'reports.salesDates': () => salesDateRange(ws()),
  };
}

/** A report's size for the audit row: the customers it covers when it says, else its rows, else nothing. */
function reportRowCount(result: unknown): number | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as { customers?: unknown; rows?: unknown };
  if (typeof r.customers === 'number') return r.customers;
  if (Array.isArray(r.rows)) return r.rows.length;
  return null;
}
