import { reportResults } from '../../src-shared/contract/report-results';
import type { ReportKind } from '../../src-shared/contract/report-requests';
import { KecardError } from '../../src-shared/errors';

/** Where a refused result is told (main's log; tests pass their own). */
export type ReportLog = (message: string, err: unknown) => void;

/**
 * A report job's result checked against its kind's schema before job.finished carries it, as the
 * router checks every method's output: a report that drifted from the contract is our bug, logged
 * here with its kind and answered as INTERNAL; the renderer never gets a half-checked result.
 */
export function checkReportResult(kind: ReportKind, result: unknown, log: ReportLog): unknown {
  const checked = reportResults[kind].safeParse(result);
  if (checked.success) return checked.data;
  log(`[kecard] report ${kind}: result does not match the contract`, checked.error);
  throw new KecardError('INTERNAL', 'An unexpected error occurred.', { report: kind });
}
