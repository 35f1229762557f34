import i18next from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../api/errors';
import { useApp } from '../app/app-store';
import { ensureMetaEvents } from './meta-version';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload(): void;
}

/**
 * Runs `load` (wrap it in useCallback) and re-runs it when it changes, when `version` moves or
 * another workspace opens. Keeps the previous data while a re-read is in flight.
 */
export function useAsync<T>(load: () => Promise<T>, version: number | string = 0): Loaded<T> {
  const path = useApp((s) => s.workspace?.path ?? null);
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    ensureMetaEvents();
    if (!path) return;
    let live = true;
    load().then(
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
  }, [load, version, tick, path]);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { ...state, reload };
}
