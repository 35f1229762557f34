import type { uxZhCN } from './ux.zh-CN';

/** English for ux.zh-CN.ts (same keys). */
export const uxEn: typeof uxZhCN = {
  ux: {
    search: {
      count: '{{n}} matches',
      countCapped: '{{n}}+ matches',
      showAll: 'Show all',
      filter: 'Results for “{{q}}”',
      clearFilter: 'Show all customers',
    },
  },
};
