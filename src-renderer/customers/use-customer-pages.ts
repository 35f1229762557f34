import i18next from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Customer } from '../../src-shared/domain/customer';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import type { ListSort } from './list-store';

export const PAGE_SIZE = 200;
/** Pages kept in memory (8,000 rows); the ones farthest from the view are dropped first. */
const MAX_PAGES = 40;
/** Throttle while scrolling: pages for the latest visible range are fetched at most this often. */
const FETCH_DELAY_MS = 60;

interface Page {
  rows: Customer[];
  gen: number;
}

interface Cache {
  pages: Map<number, Page>;
  inflight: Map<number, number>;
  /** Bumped when data changes: older pages stay on screen until their fresh copy arrives. */
  gen: number;
  sortKey: string;
  sort: ListSort;
  q: string | null;
  range: [number, number];
  timer: number | null;
  errorShown: boolean;
}

export interface CustomerPages {
  /** Rows in the list; null until the first page has answered. */
  total: number | null;
  row(index: number): Customer | undefined;
  /** Tells the cache which rows are visible; missing pages are fetched shortly after. */
  ensure(start: number, end: number): void;
}

/**
 * The list's window onto `customers.list`: pages of 200 rows fetched on demand, cached, refreshed
 * in place when data changes, dropped when the sort changes. The total comes from each answer.
 */
export function useCustomerPages(sort: ListSort, dataVersion: number, q: string | null = null): CustomerPages {
  const sortKey = `${sort.field}:${sort.dir}:${q ?? ''}`;
  const cache = useRef<Cache>({
    pages: new Map(),
    inflight: new Map(),
    gen: 0,
    sortKey,
    sort,
    q,
    range: [0, 60],
    timer: null,
    errorShown: false,
  });
  const [total, setTotal] = useState<number | null>(null);
  const [, setVersion] = useState(0);

  const fetchPage = useCallback((page: number) => {
    const c = cache.current;
    const gen = c.gen;
    const key = c.sortKey;
    if (c.inflight.get(page) === gen) return;
    c.inflight.set(page, gen);
    api.customers
      .list({ offset: page * PAGE_SIZE, limit: PAGE_SIZE, sort: c.sort, ...(c.q === null ? {} : { q: c.q }) })
      .then((res) => {
        if (c.sortKey !== key) return;
        if (c.inflight.get(page) === gen) c.inflight.delete(page);
        const existing = c.pages.get(page);
        if (existing && existing.gen > gen) return;
        c.pages.set(page, { rows: res.rows, gen });
        c.errorShown = false;
        evict(c);
        setTotal(res.total);
        setVersion((v) => v + 1);
      })
      .catch((err: unknown) => {
        if (c.inflight.get(page) === gen) c.inflight.delete(page);
        if (!c.errorShown) toast.error(errorText(i18next.t.bind(i18next), err));
        c.errorShown = true;
      });
  }, []);

  const load = useCallback(() => {
    const c = cache.current;
    c.timer = null;
    const [start, end] = c.range;
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor(Math.max(start, end - 1) / PAGE_SIZE);
    for (let p = first; p <= last; p++) {
      const page = c.pages.get(p);
      if (!page || page.gen < c.gen) fetchPage(p);
    }
  }, [fetchPage]);

  const ensure = useCallback(
    (start: number, end: number) => {
      const c = cache.current;
      c.range = [start, end];
      if (c.timer === null) c.timer = window.setTimeout(load, FETCH_DELAY_MS);
    },
    [load],
  );

  // Not useData: pages of a virtualised list fetched as they scroll into view (useData holds one answer).
  // A new sort order or search: nothing cached is valid any more.
  useEffect(() => {
    const c = cache.current;
    if (c.sortKey === sortKey && c.pages.size > 0) return;
    c.sortKey = sortKey;
    c.sort = sort;
    c.q = q;
    c.pages.clear();
    setTotal(null);
    c.inflight.clear();
    c.gen++;
    c.range = [0, 60];
    setVersion((v) => v + 1);
    load();
  }, [sortKey, sort, q, load]);

  // Data changed: refetch what is visible; the rest is refreshed when it scrolls into view.
  useEffect(() => {
    if (dataVersion === 0) return;
    cache.current.gen++;
    load();
  }, [dataVersion, load]);

  useEffect(
    () => () => {
      const c = cache.current;
      if (c.timer !== null) window.clearTimeout(c.timer);
    },
    [],
  );

  const row = useCallback((index: number) => {
    const page = cache.current.pages.get(Math.floor(index / PAGE_SIZE));
    return page?.rows[index % PAGE_SIZE];
  }, []);

  return { total, row, ensure };
}

function evict(c: Cache): void {
  if (c.pages.size <= MAX_PAGES) return;
  const centre = (c.range[0] + c.range[1]) / 2 / PAGE_SIZE;
  const far = [...c.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const p of far.slice(0, c.pages.size - MAX_PAGES)) c.pages.delete(p);
}
