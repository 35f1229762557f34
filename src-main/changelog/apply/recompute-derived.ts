import { sumFen } from '../../../src-shared/money';
import { applyOrderDiscount, storedDiscount } from '../../../src-shared/order-discount';
import { sortKeyOf } from '../../services/search/pinyin-keys';
import { reindexCustomers } from '../../services/search/search-index';
import { closeSearchBacklog } from '../../services/search/search-backlog';
import type { WriteTx } from '../write-tx';

// The derived values of entity-registry.ts, computed from the data a file holds. Runs before a
// write transaction commits for the rows it touched, whatever made the change (a service, undo,
// a remote change), so a total or a sort key never lags behind its data.

/** What a transaction touched that has derived values. */
export class DerivedInputs {
  /** Order ids whose totals follow their lines (the value: the time of the write that touched them, kept for diagnostics). */
  readonly orders = new Map<string, string>();
  readonly customerNames = new Set<string>();
  readonly searchDocuments = new Set<string>();
  /**
   * Set by the apply of a large bundle: the customers it creates get no search document in its
   * transaction but go to the search backlog (search-backlog.ts), written afterwards by the index
   * job as after an import. `backlogLast` is the seq of the last one, once the range is open.
   */
  deferNewSearch = false;
  backlogLast: number | null = null;

  get empty(): boolean {
    return this.orders.size === 0 && this.customerNames.size === 0 && this.searchDocuments.size === 0 && this.backlogLast === null;
  }
}

export function recomputeDerived(tx: WriteTx, inputs: DerivedInputs): void {
  for (const id of inputs.orders.keys()) recomputeOrderTotals(tx, id);
  for (const id of inputs.customerNames) recomputeSortKey(tx, id);
  if (inputs.searchDocuments.size > 0) reindexCustomers(tx.ws, inputs.searchDocuments);
  if (inputs.backlogLast !== null) closeSearchBacklog(tx.ws, inputs.backlogLast);
}

/** The order's discount amount (for a rate) and its total, from its live lines. */
export function recomputeOrderTotals(tx: WriteTx, orderId: string): void {
  const db = tx.ws.db;
  const order = db
    .prepare('SELECT discount_fen AS discountFen, discount_bp AS discountBp, total_fen AS totalFen FROM orders WHERE id = ?')
    .get(orderId) as { discountFen: number; discountBp: number | null; totalFen: number } | undefined;
  if (!order) return;
  const amounts = (db.prepare('SELECT amount_fen FROM order_lines WHERE order_id = ? AND deleted = 0').pluck().all(orderId) as number[]) ?? [];
  const applied = applyOrderDiscount(sumFen(amounts), storedDiscount(order.discountFen, order.discountBp));
  if (applied.discountFen === order.discountFen && applied.totalFen === order.totalFen) return;
  // Not updatedAt: a derived value follows its data, and whether it moves depends on the order
  // changes arrive in, so bumping the time here would make sites disagree about it.
  db.prepare('UPDATE orders SET discount_fen = ?, total_fen = ? WHERE id = ?').run(applied.discountFen, applied.totalFen, orderId);
}

function recomputeSortKey(tx: WriteTx, customerId: string): void {
  const row = tx.ws.db.prepare('SELECT name, sort_key AS sortKey FROM customers WHERE id = ?').get(customerId) as
    { name: string; sortKey: string } | undefined;
  if (!row) return;
  const sortKey = sortKeyOf(row.name);
  if (sortKey !== row.sortKey) tx.ws.db.prepare('UPDATE customers SET sort_key = ? WHERE id = ?').run(sortKey, customerId);
}
