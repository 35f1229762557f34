import i18next from 'i18next';
import { create } from 'zustand';
import type { FavouriteFolderDto, SavedQueryDto } from '../../src-shared/contract/query-methods';
import type { Employee } from '../../src-shared/domain/organisation';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import type { FieldCatalogue } from './field-meta';

export interface PinnedCount {
  count: number | null;
  broken: boolean;
}

/** What the query screens and the sidebar share: the field catalogue, staff, folders, saved queries and pinned counts. */
interface QueriesData {
  catalogue: FieldCatalogue | null;
  /** Workflow status key → label, for business-record status options. */
  statusLabels: Record<string, string>;
  employees: Employee[];
  folders: FavouriteFolderDto[];
  saved: SavedQueryDto[];
  pinned: Record<string, PinnedCount>;
  loadCatalogue(): Promise<void>;
  loadEmployees(): Promise<void>;
  loadFolders(): Promise<void>;
  loadSaved(): Promise<void>;
  loadPinned(): Promise<void>;
  loadAll(): Promise<void>;
}

const report = (err: unknown) => toast.error(errorText(i18next.t.bind(i18next), err));

export const useQueriesData = create<QueriesData>((set, get) => ({
  catalogue: null,
  statusLabels: {},
  employees: [],
  folders: [],
  saved: [],
  pinned: {},
  async loadCatalogue() {
    const [catalogue, types] = await Promise.all([api.queries.fields({}), api.businessTypes.list({})]);
    const statusLabels: Record<string, string> = {};
    for (const type of types) for (const s of type.statuses) statusLabels[s.key] = s.label;
    set({ catalogue, statusLabels });
  },
  async loadEmployees() {
    set({ employees: await api.employees.list({ includeInactive: true }) });
  },
  async loadFolders() {
    set({ folders: await api.favourites.folders({}) });
  },
  async loadSaved() {
    set({ saved: await api.queries.saved({}) });
  },
  async loadPinned() {
    const rows = await api.queries.pinnedCounts({});
    const pinned: Record<string, PinnedCount> = {};
    for (const r of rows) pinned[r.id] = { count: r.count, broken: r.broken };
    set({ pinned });
  },
  async loadAll() {
    const s = get();
    await Promise.all([s.loadCatalogue(), s.loadEmployees(), s.loadFolders(), s.loadSaved(), s.loadPinned()]).catch(report);
  },
}));

let pinnedTimer: number | null = null;
/** Pinned counts are re-read at most every 300 ms while data is changing. */
function refreshPinnedSoon(): void {
  if (pinnedTimer !== null) return;
  pinnedTimer = window.setTimeout(() => {
    pinnedTimer = null;
    void useQueriesData
      .getState()
      .loadPinned()
      .catch(() => undefined);
  }, 300);
}

/** Which loads a `data.changed` event calls for. */
export function onDataChanged(entities: readonly string[]): void {
  const s = useQueriesData.getState();
  const has = (...names: string[]) => names.some((n) => entities.includes(n));
  if (has('customField', 'businessType')) void s.loadCatalogue().catch(report);
  if (has('employee')) void s.loadEmployees().catch(report);
  if (has('favouriteFolder', 'favouriteItem')) void s.loadFolders().catch(report);
  if (has('savedQuery')) void s.loadSaved().catch(report);
  // Any change of data or of a query may move a pinned count.
  refreshPinnedSoon();
}
