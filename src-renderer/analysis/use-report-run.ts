import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ReportKind, ReportRequest } from '../../src-shared/contract/report-requests';
import type { ReportResultOf } from '../../src-shared/contract/report-results';
import { useAnalysis } from './analysis-store';
import { useReport, type ReportState } from './use-report';

export interface ReportRun<R extends ReportRequest, T> {
  state: ReportState<T>;
  /** The request the shown result was computed from: drills and exports use it, not what the inputs say now. */
  ran: R | null;
  /** 计算: runs the request as the inputs stand (null: nothing to run, the report goes idle). */
  run(): void;
  cancel(): void;
}

/**
 * The one run cycle every report screen shares (its result typed from the contract by the kind): it runs on open, again whenever `rerunKey` changes
 * (a parameter that reruns at once: a scheme, a period, the scoring), and on 计算 for the others
 * (dates, windows, typed numbers); it remembers which request the shown result answers.
 */
export function useReportRun<K extends ReportKind>(request: RequestOf<K> | null, rerunKey = ''): ReportRun<RequestOf<K>, ReportResultOf<K>> {
  const { state, run, cancel, reset } = useReport<ReportResultOf<K>>();
  const [ran, setRan] = useState<RequestOf<K> | null>(null);
  const go = useCallback(
    (r: RequestOf<K> | null) => {
      if (!r) {
        reset();
        return;
      }
      // Set once its answer is in: until then the shown result is still the previous request's.
      void run(r).then((data) => data !== null && setRan(r));
    },
    [run, reset],
  );
  // Reads the request of the render that changed the key, without making the request a dependency.
  const rerun = useEffectEvent(() => go(request));
  useEffect(() => rerun(), [rerunKey]);
  return { state, ran, run: () => go(request), cancel };
}

/** The request of one report kind. */
export type RequestOf<K extends ReportRequest['kind']> = Extract<ReportRequest, { kind: K }>;

/** 分析日期 and 统计期 as they stand in the analysis store. */
export function useAsOfWindow(): { asOf: string; windowDays: number } {
  const asOf = useAnalysis((s) => s.asOf);
  const windowDays = useAnalysis((s) => s.windowDays);
  return { asOf, windowDays };
}
