import i18next from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactResultDto } from '../../src-shared/contract/query-methods';
import type { Customer } from '../../src-shared/domain/customer';
import type { ResultFigure } from '../../src-shared/query/figure';
import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import type { ResultSort } from './result-columns';

export const RESULT_PAGE = 200;
/** `figure`: the number asked for beside each customer (a drill's revenue, quiet days…). */
export type ResultRow = { kind: 'customer'; row: Customer; figure?: number | null } | { kind: 'contact'; row: ContactResultDto };

export interface ResultPages {
  total: number | null;
  row(index: number): ResultRow | undefined;
  ensure(start: number, end: number): void;
}

/** Pages of `queries.run` for one definition and order, fetched as they scroll into view; re-read when data changes. */
export function useResultPages(
  definition: QueryDefinition | null,
  runSeq: number,
  dataVersion: number,
  sort: ResultSort | null = null,
  figure: ResultFigure | null = null,
): ResultPages {
  const pages = useRef(new Map<number, ResultRow[]>());
  const inflight = useRef(new Set<number>());
  const gen = useRef(0);
  const range = useRef<[number, number]>([0, 60]);
  const [total, setTotal] = useState<number | null>(null);
  const [, setTick] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      if (!definition || inflight.current.has(page)) return;
      const mine = gen.current;
      inflight.current.add(page);
      api.queries
        .run({ definition, offset: page * RESULT_PAGE, limit: RESULT_PAGE, ...(sort ? { sort } : {}), ...(figure ? { figure } : {}) })
        .then((res) => {
          if (gen.current !== mine) return;
          inflight.current.delete(page);
          const rows: ResultRow[] =
            definition.entity === 'contact'
              ? res.contacts.map((row) => ({ kind: 'contact', row }))
              : res.customers.map((row, i) => ({ kind: 'customer', row, ...(res.figures ? { figure: res.figures[i] ?? null } : {}) }));
          pages.current.set(page, rows);
          setTotal(res.total);
          setTick((v) => v + 1);
        })
        .catch((err: unknown) => {
          inflight.current.delete(page);
          if (gen.current === mine) toast.error(errorText(i18next.t.bind(i18next), err));
        });
    },
    [definition, sort, figure],
  );

  const load = useCallback(() => {
    const [start, end] = range.current;
    for (let p = Math.floor(start / RESULT_PAGE); p <= Math.floor(Math.max(start, end - 1) / RESULT_PAGE); p++) {
      if (!pages.current.has(p)) fetchPage(p);
    }
  }, [fetchPage]);

  // Not useData: pages fetched as they scroll into view (useData holds one answer).
  // A new run (or changed data): start over, keeping the old total on screen until the answer.
  useEffect(() => {
    gen.current++;
    pages.current.clear();
    inflight.current.clear();
    load();
  }, [definition, runSeq, dataVersion, load]);

  const ensure = useCallback(
    (start: number, end: number) => {
      range.current = [start, end];
      load();
    },
    [load],
  );
  const row = useCallback((index: number) => pages.current.get(Math.floor(index / RESULT_PAGE))?.[index % RESULT_PAGE], []);
  return { total: definition ? total : null, row, ensure };
}
