import { create } from 'zustand';
import { CUSTOMER_LIST_COLUMNS, CUSTOMER_SORTABLE, type CustomerListColumn, type CustomerSortField } from '../../src-shared/domain/customer';

export type ListView = 'list' | 'cards';
export interface ListSort {
  field: CustomerSortField;
  dir: 'asc' | 'desc';
}

export const DEFAULT_COLUMNS: CustomerListColumn[] = [
  'colorLabel',
  'name',
  'code',
  'customerClass',
  'lifecycle',
  'industry',
  'province',
  'city',
  'phones',
  'ownerName',
  'updatedAt',
];
const DEFAULT_SORT: ListSort = { field: 'name', dir: 'asc' };
const KEY = 'kecard.customerList';

interface Saved {
  columns: CustomerListColumn[];
  view: ListView;
  sort: ListSort;
}

function load(): Saved {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    const columns = Array.isArray(raw.columns)
      ? raw.columns.filter((c): c is CustomerListColumn => (CUSTOMER_LIST_COLUMNS as readonly string[]).includes(c))
      : [];
    const sortOk = raw.sort && (CUSTOMER_SORTABLE as readonly string[]).includes(raw.sort.field) && ['asc', 'desc'].includes(raw.sort.dir);
    return {
      columns: columns.length > 0 ? [...new Set(columns)] : DEFAULT_COLUMNS,
      view: raw.view === 'cards' ? 'cards' : 'list',
      sort: sortOk && raw.sort ? raw.sort : DEFAULT_SORT,
    };
  } catch {
    return { columns: DEFAULT_COLUMNS, view: 'list', sort: DEFAULT_SORT };
  }
}

interface ListState extends Saved {
  setColumns(columns: CustomerListColumn[]): void;
  setView(view: ListView): void;
  toggleSort(field: string): void;
  resetColumns(): void;
}

function persist(s: Saved): void {
  localStorage.setItem(KEY, JSON.stringify({ columns: s.columns, view: s.view, sort: s.sort }));
}

export function isSortable(field: string): field is CustomerSortField {
  return (CUSTOMER_SORTABLE as readonly string[]).includes(field);
}

/** The list's view settings, remembered between sessions (per computer, not per workspace). */
export const useListSettings = create<ListState>((set, get) => ({
  ...load(),
  setColumns(columns) {
    if (columns.length === 0) return;
    set({ columns });
    persist(get());
  },
  setView(view) {
    set({ view });
    persist(get());
  },
  toggleSort(field) {
    if (!isSortable(field)) return;
    const cur = get().sort;
    set({ sort: cur.field === field ? { field, dir: cur.dir === 'asc' ? 'desc' : 'asc' } : { field, dir: 'asc' } });
    persist(get());
  },
  resetColumns() {
    set({ columns: DEFAULT_COLUMNS });
    persist(get());
  },
}));
