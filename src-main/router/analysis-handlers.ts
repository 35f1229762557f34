import { roleAllows } from '../../src-shared/contract/permissions';
import { KecardError } from '../../src-shared/errors';
import { deleteScheme, listSchemes, overrideClass, saveScheme, schemePeriods } from '../analysis/classification-service';
import { checkReportResult } from '../analysis/check-report-result';
import { getLifecycleRules, saveLifecycleRules } from '../analysis/lifecycle-service';
import { salesDateRange } from '../analysis/sales-dates';
import type { Handlers, RouterDeps } from './handlers';

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
  const changed = (entities: string[]) => host.emit({ type: 'data.changed', entities });
  return {
    'classification.schemes': () => listSchemes(ws()),
    'classification.save': (input, ctx) => {
      const s = saveScheme(ws(), ctx, input);
      changed(['classificationScheme']);
      return s;
    },
    'classification.delete': ({ id }, ctx) => {
      deleteScheme(ws(), ctx, id);
      changed(['classificationScheme']);
      return { ok: true };
    },
    'classification.periods': ({ schemeId }) => schemePeriods(ws(), schemeId),
    'classification.override': ({ schemeId, customerId, customerClass, reason }, ctx) => {
      overrideClass(ws(), ctx, schemeId, customerId, customerClass, reason);
      changed(['classificationOverride']);
      return { ok: true };
    },
    'lifecycle.rules': () => getLifecycleRules(ws()),
    'lifecycle.saveRules': ({ rules }, ctx) => {
      const saved = saveLifecycleRules(ws(), ctx, rules);
      changed(['setting']);
      return saved;
    },
    'reports.run': ({ request }, ctx) => {
      // Checked against the contract's reportRequest already: main's own jobs are not among its kinds.
      const writes = WRITING_REPORTS.has(request.kind);
      if (writes && !roleAllows(ctx.role, 'manage')) throw new KecardError('FORBIDDEN', 'Only a manager can apply classification rules.');
      const jobId = jobs.startResident('report', 'analysis', ws().path, request, ctx, (result) => {
        // What was written is written, whatever the result looks like: the screens re-read.
        if (writes) changed(['customer', 'classificationRun']);
        return checkReportResult(request.kind, result, log);
      });
      return { jobId };
    },
    'reports.salesDates': () => salesDateRange(ws()),
  };
}
