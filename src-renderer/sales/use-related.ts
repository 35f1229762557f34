import { api } from '../api/client';
import { SALES_ENTITIES, useData } from '../api/use-data';

/** customers.related of the open customer: totals, orders, receipts, staff, purchased products. */
export function useRelated(customerId: string | null) {
  return useData(() => (customerId ? api.customers.related({ id: customerId }) : Promise.resolve(null)), [customerId], SALES_ENTITIES);
}

/** Business records of one type on one customer. */
export function useCustomerRecords(customerId: string, typeId: string) {
  return useData(
    () => api.records.list({ customerId, typeId, limit: 500 }),
    [customerId, typeId],
    ['businessRecord', 'expense', 'customer', 'customField'],
  );
}

/** Expenses of one customer (all records) or one record. */
export function useExpenses(filter: { customerId?: string; recordId?: string }) {
  const { customerId, recordId } = filter;
  return useData(
    () => api.expenses.list({ ...(customerId ? { customerId } : {}), ...(recordId ? { recordId } : {}) }),
    [customerId, recordId],
    ['expense', 'businessRecord', 'customer', 'expenseCategory', 'employee'],
  );
}
