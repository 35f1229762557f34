import { useMemo } from 'react';
import { storeSitesOf, type StoreSite } from './store-text';
import { useSync } from './sync-store';

/** This site and its partners (store-text.ts), following sync.status. */
export function useStoreSites(): StoreSite[] {
  const status = useSync((s) => s.status);
  return useMemo(() => storeSitesOf(status), [status]);
}

/** The sites as last read, for code that draws outside React's hooks (the list's cells). */
export function currentStoreSites(): StoreSite[] {
  return storeSitesOf(useSync.getState().status);
}
