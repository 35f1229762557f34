import { create } from 'zustand';
import type { MeasureFn } from '../business/group-options';

const KEY = 'kecard.customerGroups';
const FNS: readonly string[] = ['sum', 'avg', 'count', 'min', 'max'];

interface Saved {
  /** One or two grouping keys of lists.group; empty = the plain list. */
  groupBy: string[];
  /** Measure key → function; a key without a function is not shown. */
  measures: Record<string, MeasureFn>;
}

interface GroupState extends Saved {
  barOpen: boolean;
  toggleBar(): void;
  setLevel(level: 0 | 1, key: string): void;
  setMeasure(field: string, fn: MeasureFn | ''): void;
  clear(): void;
}

function load(): Saved {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    const groupBy = Array.isArray(raw.groupBy) ? raw.groupBy.filter((g): g is string => typeof g === 'string' && g !== '').slice(0, 2) : [];
    const measures: Record<string, MeasureFn> = {};
    for (const [k, v] of Object.entries(raw.measures ?? {})) if (typeof v === 'string' && FNS.includes(v)) measures[k] = v;
    return { groupBy, measures: Object.keys(measures).length > 0 || raw.measures ? measures : { orderTotalFen: 'sum' } };
  } catch {
    return { groupBy: [], measures: { orderTotalFen: 'sum' } };
  }
}

function persist(s: Saved): void {
  localStorage.setItem(KEY, JSON.stringify({ groupBy: s.groupBy, measures: s.measures }));
}

/** 分组 of the customer list: levels and measures, remembered between sessions on this computer. */
export const useCustomerGroups = create<GroupState>((set, get) => {
  const saved = load();
  return {
    ...saved,
    barOpen: saved.groupBy.length > 0,
    toggleBar() {
      set({ barOpen: !get().barOpen });
    },
    setLevel(level, key) {
      const [first = '', second = ''] = get().groupBy;
      const next = level === 0 ? [key, key && second !== key ? second : ''] : [first, key];
      set({ groupBy: next[0] ? next.filter(Boolean) : [] });
      persist(get());
    },
    setMeasure(field, fn) {
      const measures = { ...get().measures };
      if (fn) measures[field] = fn;
      else delete measures[field];
      set({ measures });
      persist(get());
    },
    clear() {
      set({ groupBy: [], barOpen: false });
      persist(get());
    },
  };
});
