import { create } from 'zustand';
import type { SyncStatusOutput } from '../../src-shared/contract/sync-methods';
import { api } from '../api/client';

/**
 * The site's sync status, shared by the sidebar's conflict badge and the 同步中心. Re-read after
 * each sync action and when main reports changed data (an applied bundle, a resolved conflict):
 * conflicts are no entity of their own, so any change may have moved the count.
 */
interface SyncState {
  status: SyncStatusOutput | null;
  refresh(): Promise<void>;
  set(status: SyncStatusOutput): void;
}

let reading: Promise<void> | null = null;

export const useSync = create<SyncState>((set) => ({
  status: null,
  refresh() {
    reading ??= api.sync
      .status({})
      .then((status) => set({ status }))
      .finally(() => {
        reading = null;
      });
    return reading;
  },
  set(status) {
    set({ status });
  },
}));
