import { create } from 'zustand';
import type { KecardEvent } from '../../src-shared/contract/events';
import { onEvent } from '../api/client';

/**
 * Counters bumped by `data.changed` for what the card, the settings and the business lists show:
 * `meta` for definitions (fields, layouts, business types, expense categories), `sales` for the
 * related records (orders, receipts, staff, products, business records, expenses).
 */
interface MetaVersionState {
  meta: number;
  sales: number;
  bump(entities: readonly string[]): void;
}

const META = ['customField', 'cardLayout', 'businessType', 'expenseCategory'];
const SALES = ['order', 'receipt', 'customerStaff', 'product', 'businessRecord', 'expense', 'customer'];

export const useMetaVersion = create<MetaVersionState>((set, get) => ({
  meta: 0,
  sales: 0,
  bump(entities) {
    const s = get();
    set({
      meta: entities.some((e) => META.includes(e)) ? s.meta + 1 : s.meta,
      sales: entities.some((e) => SALES.includes(e)) ? s.sales + 1 : s.sales,
    });
  },
}));

let subscribed = false;

function handle(event: KecardEvent): void {
  if (event.type === 'data.changed') useMetaVersion.getState().bump(event.entities);
  if (event.type === 'workspace.changed' || event.type === 'job.finished') useMetaVersion.getState().bump([...META, ...SALES]);
}

/** Subscribes once to main's event stream (idempotent; the stream lives as long as the page). */
export function ensureMetaEvents(): void {
  if (subscribed) return;
  subscribed = true;
  onEvent(handle);
}
