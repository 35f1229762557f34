import { useEffect, useState } from 'react';
import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { api, ApiCallError } from '../api/client';
import { useQuery, type QueryProblem } from './query-store';

const DEBOUNCE_MS = 300;

export interface LiveCount {
  count: number | null;
  busy: boolean;
  error: string | null;
}

function problemsOf(err: unknown): QueryProblem[] | null {
  if (!(err instanceof ApiCallError) || err.code !== 'QUERY_INVALID') return null;
  const raw = err.error.details?.['problems'];
  return Array.isArray(raw) ? (raw as QueryProblem[]) : [];
}

/**
 * The builder's live result count (queries.count, debounced). A tree main refuses comes back
 * with the path of each condition that does not fit; those are marked in the builder.
 */
export function useLiveCount(definition: QueryDefinition, version: number): LiveCount {
  const [state, setState] = useState<{ count: number | null; error: string | null; for: QueryDefinition | null; version: number }>({
    count: null,
    error: null,
    for: null,
    version,
  });
  // Not useData: counted as the builder is edited (debounced), and its refusals mark the builder's conditions.
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      api.queries
        .count({ definition })
        .then((res) => {
          if (!live) return;
          useQuery.getState().setProblems([]);
          setState({ count: res.count, error: null, for: definition, version });
        })
        .catch((err: unknown) => {
          if (!live) return;
          const problems = problemsOf(err);
          if (problems) useQuery.getState().setProblems(problems);
          setState({ count: null, error: problems ? null : err instanceof Error ? err.message : String(err), for: definition, version });
        });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [definition, version]);
  return { count: state.count, error: state.error, busy: state.for !== definition || state.version !== version };
}
