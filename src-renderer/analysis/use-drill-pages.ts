import { useCallback, useRef, useState } from 'react';
import { api } from '../api/client';
import type { ResultPages, ResultRow } from '../queries/use-result-pages';

const PAGE = 200;

/** The drilled customers (one drill per mounted list: the panel is keyed by its target) as pages of reports.customers, fetched as they scroll into view (ResultTable's interface). */
export function useDrillPages(ids: readonly string[] | null): ResultPages {
  const pages = useRef(new Map<number, ResultRow[]>());
  const inflight = useRef(new Set<number>());
  const [, setTick] = useState(0);
  const ensure = useCallback(
    (start: number, end: number) => {
      if (!ids) return;
      for (let p = Math.floor(start / PAGE); p <= Math.floor(Math.max(start, end - 1) / PAGE); p++) {
        if (pages.current.has(p) || inflight.current.has(p) || p * PAGE >= ids.length) continue;
        const mine = pages.current;
        inflight.current.add(p);
        api.reports
          .customers({ ids: ids.slice(p * PAGE, (p + 1) * PAGE) })
          .then((rows) => {
            if (pages.current !== mine) return;
            mine.set(p, rows.map((row) => ({ kind: 'customer', row })));
            setTick((n) => n + 1);
          })
          .catch(() => undefined)
          .finally(() => inflight.current.delete(p));
      }
    },
    [ids],
  );
  const row = useCallback((i: number) => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE], []);
  return { total: ids ? ids.length : null, row, ensure };
}
