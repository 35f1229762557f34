import { create } from 'zustand';

interface ListSearchState {
  /** The quick-search text the list is filtered by (查看全部), or null for every customer. */
  q: string | null;
  showAll(q: string): void;
  clear(): void;
}

/** The customer list's search filter; not remembered between sessions, unlike the view settings. */
export const useListSearch = create<ListSearchState>((set) => ({
  q: null,
  showAll: (q) => set({ q }),
  clear: () => set({ q: null }),
}));
