import { useCallback } from 'react';
import { api } from '../api/client';
import { useCard } from '../card/card-store';
import { useMetaVersion } from '../card/meta-version';
import { useAsync } from '../card/use-async';

/** customers.related of the open customer: totals, orders, receipts, staff, purchased products. */
export function useRelated(customerId: string | null) {
  const sales = useMetaVersion((s) => s.sales);
  const revision = useCard((s) => s.revision);
  const load = useCallback(() => (customerId ? api.customers.related({ id: customerId }) : Promise.resolve(null)), [customerId]);
  return useAsync(load, `${sales}:${revision}`);
}

/** Business records of one type on one customer. */
export function useCustomerRecords(customerId: string, typeId: string) {
  const sales = useMetaVersion((s) => s.sales);
  const load = useCallback(() => api.records.list({ customerId, typeId, limit: 500 }), [customerId, typeId]);
  return useAsync(load, sales);
}

/** Expenses of one customer (all records) or one record. */
export function useExpenses(filter: { customerId?: string; recordId?: string }) {
  const sales = useMetaVersion((s) => s.sales);
  const { customerId, recordId } = filter;
  const load = useCallback(
    () => api.expenses.list({ ...(customerId ? { customerId } : {}), ...(recordId ? { recordId } : {}) }),
    [customerId, recordId],
  );
  return useAsync(load, sales);
}
