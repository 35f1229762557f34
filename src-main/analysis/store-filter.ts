import type { SalesFacts } from './facts/sales-facts';

// The 门店 filter of the reports (HQ reading one store): a customer counts when its 门店
// (customers.store_code) is the store asked for. The reports over the sales facts test the coded
// column in memory; the SQL reports add STORE_CUSTOMERS with the code as a bound parameter.

/**
 * The dictionary code of `store` in the facts' 门店 column, null for every store. A code no
 * customer has is −1, which no customer carries: the report is then empty, not everyone's.
 */
export function storeCode(f: SalesFacts, store: string | undefined): number | null {
  return store === undefined ? null : f.stores.find(store);
}

/** Whether customer `c` (a facts index) is of the store (`storeCode`; null: every customer is). */
export const inStore = (f: SalesFacts, code: number | null, c: number): boolean => code === null || f.customerStore[c] === code;

/**
 * SQL for "the customer of this row is of the store": `${column} IN (…)` with one `?` for the
 * code. `deleted IN (0, 1)` lets customers_store_idx (deleted, store_code) find them; whether a
 * deleted customer's rows count is each report's own rule, as without the filter.
 */
export const storeCustomers = (column: string): string => `${column} IN (SELECT id FROM customers WHERE deleted IN (0, 1) AND store_code = ?)`;
