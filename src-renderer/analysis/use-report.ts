import i18next from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReportRequest } from '../../src-shared/contract/report-requests';
import { errorText } from '../api/errors';
import { cancelReport, startReport, type ReportProgress } from './report-job';

export type ReportState<T> =
  | { status: 'idle' }
  | { status: 'running'; progress: ReportProgress | null; jobId: string | null }
  | { status: 'done'; data: T }
  | { status: 'error'; message: string };

/**
 * Runs a report job on demand and keeps its latest state; a newer run supersedes an older one
 * (whose answer is ignored), and leaving the screen ignores any answer still to come.
 */
export function useReport<T>(): {
  state: ReportState<T>;
  last: T | null;
  run(request: ReportRequest): Promise<T | null>;
  cancel(): void;
  reset(): void;
} {
  const [state, setState] = useState<ReportState<T>>({ status: 'idle' });
  /** The latest result, kept while the next one computes. */
  const [last, setLast] = useState<T | null>(null);
  const seq = useRef(0);
  const jobRef = useRef<string | null>(null);
  useEffect(() => () => void (seq.current += 1), []);

  const run = useCallback(async (request: ReportRequest): Promise<T | null> => {
    const mine = ++seq.current;
    setState({ status: 'running', progress: null, jobId: null });
    const job = startReport<T>(request, (progress) => {
      if (seq.current === mine) setState((s) => (s.status === 'running' ? { ...s, progress } : s));
    });
    try {
      const id = await job.jobId;
      jobRef.current = id;
      if (seq.current === mine) setState((s) => (s.status === 'running' ? { ...s, jobId: id } : s));
      const data = await job.result;
      if (seq.current !== mine) return null;
      setState({ status: 'done', data });
      setLast(data);
      return data;
    } catch (err) {
      if (seq.current === mine) setState({ status: 'error', message: errorText(i18next.t.bind(i18next), err) });
      return null;
    }
  }, []);

  const cancel = useCallback(() => {
    const id = jobRef.current;
    seq.current += 1;
    setState({ status: 'idle' });
    if (id) void cancelReport(id).catch(() => undefined);
  }, []);
  const reset = useCallback(() => {
    seq.current += 1;
    setState({ status: 'idle' });
  }, []);
  return { state, last, run, cancel, reset };
}
