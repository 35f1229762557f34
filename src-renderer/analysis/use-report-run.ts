import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ReportKind, ReportRequest } from '../../src-shared/contract/report-requests';
import type { ReportResultOf } from '../../src-shared/contract/report-results';
import { useAnalysis } from './analysis-store';
import { useReportStore } from './report-store';
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
 * (a parameter that reruns at once: a scheme, a period, the scoring) or the 门店 filter does, and on 计算 for the others
 * (dates, windows, typed numbers); it remembers which request the shown result answers. The 门店
 * (HQ's filter, report-store.ts) is added here, so every report takes it the same way.
 */
export function useReportRun<K extends StoreFilteredKind>(request: RequestOf<K> | null, rerunKey = ''): ReportRun<RequestOf<K>, ReportResultOf<K>> {
  const { state, run, cancel, reset } = useReport<ReportResultOf<K>>();
  const [ran, setRan] = useState<RequestOf<K> | null>(null);
  const store = useReportStore();
  const setShownStore = useAnalysis((s) => s.setShownStore);
  const go = useCallback(
    (r: RequestOf<K> | null) => {
      if (!r) {
        reset();
        return;
      }
      // Set once its answer is in: until then the shown result is still the previous request's.
      void run(r).then((data) => {
        if (data === null) return;
        setRan(r);
        setShownStore((r as { store?: string }).store);
      });
    },
    [run, reset, setShownStore],
  );
  const withStore = (): RequestOf<K> | null => (request && store !== undefined ? { ...request, store } : request);
  // Reads the request of the render that changed the key, without making the request a dependency.
  const rerun = useEffectEvent(() => go(withStore()));
  useEffect(() => rerun(), [rerunKey, store]);
  return { state, ran, run: () => go(withStore()), cancel };
}

/** The reports that take a 门店 filter: every report a screen runs. */
type StoreFilteredKind = { [K in ReportKind]: 'store' extends keyof RequestOf<K> ? K : never }[ReportKind];

/** The request of one report kind. */
export type RequestOf<K extends ReportRequest['kind']> = Extract<ReportRequest, { kind: K }>;

/** 分析日期 and 统计期 as they stand in the analysis store. */
export function useAsOfWindow(): { asOf: string; windowDays: number } {
  const asOf = useAnalysis((s) => s.asOf);
  const windowDays = useAnalysis((s) => s.windowDays);
  return { asOf, windowDays };
}
