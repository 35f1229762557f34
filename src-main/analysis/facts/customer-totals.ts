import type { CustomerMask } from '../customer-mask';
import type { SalesFacts } from './sales-facts';

/** No order: the day columns hold this. */
export const NO_DAY = -2_147_483_648;

/**
 * Per customer (indexed as in SalesFacts), from one pass over the order facts: sales in the
 * window [from, to], and all sales up to `to`. Deleted customers keep zeros: reports count what
 * their drill-down (a query over live customers) lists.
 */
export interface CustomerTotals {
  windowRevenue: Float64Array;
  windowOrders: Int32Array;
  windowLast: Int32Array;
  totalUpTo: Float64Array;
  firstUpTo: Int32Array;
  lastUpTo: Int32Array;
}

/** `mask`: the customers a report counts (customer-mask.ts: 门店 and record scope); the others keep zeros, as the deleted do. */
export function customerTotals(f: SalesFacts, from: number, to: number, mask: CustomerMask = null): CustomerTotals {
  const n = f.customerCount;
  const t: CustomerTotals = {
    windowRevenue: new Float64Array(n),
    windowOrders: new Int32Array(n),
    windowLast: new Int32Array(n).fill(NO_DAY),
    totalUpTo: new Float64Array(n),
    firstUpTo: new Int32Array(n).fill(NO_DAY),
    lastUpTo: new Int32Array(n).fill(NO_DAY),
  };
  const { orderCustomer, orderDay, orderTotal, orderLive, customerDeleted } = f;
  for (let i = 0; i < f.orderCount; i++) {
    const day = orderDay[i] as number;
    if (orderLive[i] === 0 || day > to) continue;
    const c = orderCustomer[i] as number;
    if (customerDeleted[c] === 1 || (mask !== null && mask[c] === 0)) continue;
    const total = orderTotal[i] as number;
    t.totalUpTo[c] = (t.totalUpTo[c] as number) + total;
    if (t.lastUpTo[c]! < day) t.lastUpTo[c] = day;
    if (t.firstUpTo[c] === NO_DAY || t.firstUpTo[c]! > day) t.firstUpTo[c] = day;
    if (day >= from) {
      t.windowRevenue[c] = (t.windowRevenue[c] as number) + total;
      t.windowOrders[c] = (t.windowOrders[c] as number) + 1;
      if (t.windowLast[c]! < day) t.windowLast[c] = day;
    }
  }
  return t;
}

/**
 * Whether customer `c` is a buyer of the window: revenue > 0 in it. One definition for every
 * report that counts buyers (Pareto, RFM, lifetime value, the time series' active customers) and
 * their drills: a customer whose only orders came to nothing (free samples, 100 % off) is not one.
 */
export const isWindowBuyer = (t: CustomerTotals, c: number): boolean => (t.windowRevenue[c] as number) > 0;

/** Indexes of the live customers who bought in the window (`isWindowBuyer`), in customer order. */
export function windowBuyerIndexes(f: SalesFacts, t: CustomerTotals): Int32Array {
  let size = 0;
  const out = new Int32Array(f.customerCount);
  for (let c = 0; c < f.customerCount; c++) if (isWindowBuyer(t, c)) out[size++] = c;
  return out.slice(0, size);
}

export function liveCustomers(f: SalesFacts, mask: CustomerMask = null): number {
  let n = 0;
  for (let c = 0; c < f.customerCount; c++) if (f.customerDeleted[c] === 0 && (mask === null || mask[c] === 1)) n += 1;
  return n;
}
