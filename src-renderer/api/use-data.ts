import i18next from 'i18next';
import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { Entity } from '../../src-shared/domain/change-log';
import { useApp } from '../app/app-store';
import { onEvent } from './client';
import { errorText } from './errors';

export interface Loaded<T> {
  data: T | null;
  /** The last read's error in words; the previous data stays shown. */
  error: string | null;
  reload(): void;
}

/** Entities whose changes a screen of definitions (fields, layouts, business types …) follows. */
export const META_ENTITIES: readonly Entity[] = ['customField', 'cardLayout', 'businessType', 'expenseCategory'];
/** Entities behind a customer's related lists and the business lists (orders … expenses). */
export const SALES_ENTITIES: readonly Entity[] = ['order', 'receipt', 'customerStaff', 'product', 'businessRecord', 'expense', 'customer'];
/** Entities a customer query's answer depends on (its fields, related orders and records, favourites folders). */
export const QUERY_ENTITIES: readonly Entity[] = ['customer', 'contact', 'favouriteItem', 'order', 'businessRecord', 'customField'];

// Many data.changed events arrive together during imports and bulk edits: one re-read for a burst.
const COALESCE_MS = 50;

/**
 * Reads something from main and keeps it current: `fetcher` runs on mount, when `deps` change (the
 * lint checks them as for useEffect, see eslint.config.js), when another workspace opens, when
 * main reports `data.changed` for one of `on`, and when a job (import, demo data …) finishes (unless
 * `on` is empty: read once per deps, as a dialog's form wants).
 * A late answer to an older read is dropped; the previous data stays shown while a re-read runs.
 */
export function useData<T>(fetcher: () => Promise<T>, deps: DependencyList, on: readonly Entity[]): Loaded<T> {
  const path = useApp((s) => s.workspace?.path ?? null);
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  const [tick, setTick] = useState(0);
  // The caller's deps stand for the fetcher's inputs, as in useEffect: a new fetcher is taken
  // when they change (state adjusted during render, React's pattern for "when a prop changes").
  const [current, setCurrent] = useState({ deps, fetcher });
  if (!sameDeps(current.deps, deps)) setCurrent({ deps, fetcher });

  const onKey = on.join(',');
  useEffect(() => {
    const names = new Set(onKey.split(',').filter(Boolean));
    let timer: number | null = null;
    const off = onEvent((e) => {
      const concerned = (e.type === 'data.changed' && e.entities.some((x) => names.has(x))) || (e.type === 'job.finished' && e.ok && names.size > 0);
      if (!concerned || timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        setTick((x) => x + 1);
      }, COALESCE_MS);
    });
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [onKey]);

  useEffect(() => {
    if (!path) return;
    let live = true;
    current.fetcher().then(
      (data) => {
        if (live) setState({ data, error: null });
      },
      (err: unknown) => {
        if (live) setState((s) => ({ data: s.data, error: errorText(i18next.t.bind(i18next), err) }));
      },
    );
    return () => {
      live = false;
    };
  }, [current, tick, path]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { ...state, reload };
}

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
