import { create } from 'zustand';
import type { MethodOutput, RecentWorkspace, WorkspaceInfo } from '../../src-shared/contract/methods';
import { api } from '../api/client';

export type Screen =
  'customers' | 'employees' | 'queries' | 'records' | 'expenses' | 'settings' | 'analysis' | 'products' | 'sync' | 'users' | 'permissions' | 'audit';
type AppInfo = MethodOutput<'app.info'>;

interface AppState {
  /** null until the first workspace.info answer; then the open workspace or `closed`. */
  workspace: WorkspaceInfo | null;
  loaded: boolean;
  appInfo: AppInfo | null;
  recent: RecentWorkspace[];
  screen: Screen;
  setWorkspace(info: WorkspaceInfo | null): void;
  setScreen(screen: Screen): void;
  refreshWorkspace(): Promise<void>;
  refreshRecent(): Promise<void>;
  loadAppInfo(): Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  workspace: null,
  loaded: false,
  appInfo: null,
  recent: [],
  screen: 'customers',
  setWorkspace(info) {
    set({ workspace: info, loaded: true });
  },
  setScreen(screen) {
    set({ screen });
  },
  async refreshWorkspace() {
    const info = await api.workspace.info({});
    set({ workspace: info, loaded: true });
  },
  async refreshRecent() {
    const recent = await api.workspace.recent({});
    set({ recent });
  },
  async loadAppInfo() {
    set({ appInfo: await api.app.info({}) });
  },
}));

/**
 * Counters bumped by `data.changed`: screens that show an entity re-read it when its counter moves.
 * `ids` of the latest change let an open card decide whether it is concerned.
 */
interface DataVersionState {
  customers: number;
  organisation: number;
  employees: number;
  lastIds: string[] | null;
  bump(entities: string[], ids: string[] | undefined): void;
}

export const useDataVersion = create<DataVersionState>((set, get) => ({
  customers: 0,
  organisation: 0,
  employees: 0,
  lastIds: null,
  bump(entities, ids) {
    const s = get();
    const has = (e: string) => entities.includes(e);
    set({
      customers: has('customer') || has('contact') ? s.customers + 1 : s.customers,
      organisation: has('customer') || has('contact') || has('department') ? s.organisation + 1 : s.organisation,
      employees: has('employee') ? s.employees + 1 : s.employees,
      lastIds: ids ?? null,
    });
  },
}));
