import type { Workspace } from '../db/workspace';
import { scopeIdsPositional, visibleCustomerSeqs } from '../people/record-scope';
import type { SalesFacts } from './facts/sales-facts';
import { storeCode, storeCustomers } from './store-filter';

// Which customers a report counts: those of HQ's 门店 filter (store-filter.ts) that the caller may
// also see (record scope, people/record-scope.ts). A caller with scope 'own' gets every report over
// their own customers only, computed as if the others did not exist: totals, counts, ranks and
// quantiles (Pareto, RFM scores) are all taken over that set, so no figure depends on a colleague's
// customer. The reports over the in-memory sales facts test a mask by customer index; the SQL
// reports add `reportCustomers(column)`.

/** One byte per facts customer, 1 = counted; null: every customer (no filter, unrestricted caller). */
export type CustomerMask = Uint8Array | null;

/** The mask of the current call's scope and the 门店 `store` (undefined: every store), over facts `f`. */
export function reportMask(ws: Workspace, f: SalesFacts, store: string | undefined): CustomerMask {
  const code = storeCode(f, store);
  const seqs = visibleCustomerSeqs(ws);
  if (code === null && seqs === null) return null;
  const mask = new Uint8Array(f.customerCount);
  if (seqs === null) mask.fill(1);
  else {
    // A customer written after the facts were brought up to date has no index yet: not counted (−1).
    for (const seq of seqs) {
      const c = f.customerOfSeq(seq);
      if (c >= 0) mask[c] = 1;
    }
  }
  if (code !== null) for (let c = 0; c < f.customerCount; c++) if (f.customerStore[c] !== code) mask[c] = 0;
  return mask;
}

/** Whether customer `c` (a facts index) is counted. */
export const counted = (mask: CustomerMask, c: number): boolean => mask === null || mask[c] === 1;

/**
 * SQL for "the customer in `column` is counted" — ` AND …` (empty when every customer is) — and its
 * positional parameters, in text order.
 */
export function reportCustomers(column: string, store: string | undefined): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  if (store !== undefined) {
    parts.push(storeCustomers(column));
    params.push(store);
  }
  const scope = scopeIdsPositional(column, params);
  if (scope !== '1') parts.push(scope);
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}
