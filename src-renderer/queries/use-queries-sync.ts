import { useEffect } from 'react';
import { onEvent } from '../api/client';
import { useApp } from '../app/app-store';
import { onDataChanged, useQueriesData } from './queries-data';

/** Keeps the shared query data (catalogue, folders, saved queries, pinned counts) in step with main. */
export function useQueriesSync(): void {
  const path = useApp((s) => s.workspace?.path ?? null);
  // Not useData: fills a store shared by many screens (catalogue, folders, saved queries, pinned counts).
  useEffect(() => {
    if (!path) return;
    void useQueriesData.getState().loadAll();
    return onEvent((e) => {
      if (e.type === 'data.changed') onDataChanged(e.entities);
      else if (e.type === 'job.finished') onDataChanged(['customer', 'employee', 'customField', 'businessType']);
    });
  }, [path]);
}
