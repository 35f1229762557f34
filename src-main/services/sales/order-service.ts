import { generatedNumberPrefix } from '../../changelog/site-code';
import { v7 as uuidv7 } from 'uuid';
import { lineAmount, sumFen } from '../../../src-shared/money';
import { applyOrderDiscount, requestedDiscount, type OrderDiscount } from '../../../src-shared/order-discount';
import { orderInput, orderPatch, type Order, type OrderLineInput } from '../../../src-shared/domain/sales';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { requireLiveCustomer } from '../organisation/department-service';
import { readCustomValues, writeCustomValues } from '../custom-fields/custom-values';
import { insertRow, readRow, sameValue, setDeleted, updateRow } from '../shared/entity-writes';
import { holdConflicts } from '../shared/save-conflicts';
import { latestChangeSince, recordVersion } from '../../changelog/apply/field-stamps';
import type { FieldConflict } from '../../../src-shared/domain/save-conflict';
import { validate } from '../shared/validate';

type ParsedLine = ReturnType<typeof orderInput.parse>['lines'][number];

export function createOrder(ws: Workspace, ctx: CallContext, input: unknown, options: { source?: string } = {}): Order {
  const values = validate(orderInput, input);
  const id = runWrite(ws, ctx, (tx) => insertOrder(tx, values), options);
  return getOrder(ws, id);
}

/** Inserts an order with its lines and derived totals inside a running write (demo data, import). */
export function insertOrder(tx: WriteTx, values: ReturnType<typeof orderInput.parse>, id: string = uuidv7()): string {
  requireLiveCustomer(tx, values.customerId);
  checkOwner(tx, values.ownerId);
  const { lines, custom, ...header } = values;
  const orderNo = header.orderNo ?? nextOrderNo(tx, header.orderDate);
  const amounts = lines.map((l) => lineAmountOf(l));
  const discount = discountOf(header, null);
  insertRow(tx, 'order', values.customerId, id, { ...header, orderNo, ...discountColumns(discount, applyOrderDiscount(sumFen(amounts), discount)) });
  lines.forEach((line, i) => insertLine(tx, values.customerId, id, line, i, amounts[i] as number));
  writeCustomValues(tx, 'order', id, values.customerId, custom ?? {}, { creating: true });
  return id;
}

/** With `baseVersion`, header and custom fields changed by someone else since, and the lines as one field, are held back (save-conflicts.ts). */
export function updateOrder(
  ws: Workspace,
  ctx: CallContext,
  id: string,
  patch: unknown,
  baseVersion?: number,
): Order & { conflicts: FieldConflict[] } {
  const values = validate(orderPatch, patch);
  const conflicts = runWrite(ws, ctx, (tx) => {
    const before = requireOrder(tx, id);
    const customerId = before.customerId as string;
    const { lines: givenLines, custom: givenCustom, ...givenHeader } = values;
    const currentCustom = givenCustom ? (readCustomValues(tx.ws, 'order', [id]).get(id) ?? {}) : {};
    const held = holdConflicts(tx, id, before, currentCustom, { builtIn: givenHeader, custom: givenCustom }, baseVersion);
    const linesConflict = givenLines && baseVersion !== undefined ? linesConflictOf(tx, id, givenLines, baseVersion) : null;
    if (linesConflict) held.conflicts.push(linesConflict);
    const lines = linesConflict ? undefined : givenLines;
    const { custom } = held;
    const { discountFen, discountBp, ...header } = held.builtIn;
    checkOwner(tx, header.ownerId ?? null);
    const discount = discountOf(
      { discountFen, discountBp },
      { discountFen: before.discountFen as number, discountBp: before.discountBp as number | null },
    );
    if (lines) replaceLines(tx, customerId, id, lines);
    if (custom) writeCustomValues(tx, 'order', id, customerId, custom, { creating: false });
    updateRow(tx, 'order', customerId, before, { ...header, ...discountColumns(discount, applyOrderDiscount(subtotalOf(tx, id), discount)) });
    return held.conflicts;
  });
  return { ...getOrder(ws, id), conflicts };
}

/**
 * The lines are one field for the save-conflict check: held back when any line was created,
 * changed or deleted after `baseVersion` and the lines now stored differ from the ones sent.
 * What the user started from is not rebuilt (`base` null); the dialog offers mine or theirs.
 */
function linesConflictOf(tx: WriteTx, orderId: string, given: ParsedLine[], baseVersion: number): FieldConflict | null {
  const lineIds = tx.ws.db.prepare('SELECT id FROM order_lines WHERE order_id = ?').pluck().all(orderId) as string[];
  const latest = latestChangeSince(tx.ws.db, lineIds, baseVersion);
  if (!latest) return null;
  const theirs = linesOf(tx.ws, [orderId]).get(orderId) ?? [];
  const shape = (l: {
    id?: string | null;
    productId?: string | null;
    productName: string;
    quantityMilli: number;
    unitPriceFen: number;
    discountBp?: number;
  }) => [l.id ?? null, l.productId ?? null, l.productName, l.quantityMilli, l.unitPriceFen, l.discountBp ?? 0];
  if (sameValue(given.map(shape), theirs.map(shape))) return null;
  return {
    field: 'lines',
    base: null,
    mine: given,
    theirs,
    byUserId: latest.userId,
    byUserName: latest.userName,
    at: new Date(latest.at).toISOString(),
  };
}

export function deleteOrder(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = requireOrder(tx, id);
    setDeleted(tx, 'order', before.customerId as string, id, true);
  });
}

/** Lines keep their ids across edits so history shows "quantity 2 → 3", not delete + insert. */
function replaceLines(tx: WriteTx, customerId: string, orderId: string, lines: ParsedLine[]): void {
  const existing = tx.ws.db.prepare('SELECT id FROM order_lines WHERE order_id = ? AND deleted = 0').all(orderId) as { id: string }[];
  const keep = new Set(lines.map((l) => l.id).filter((v): v is string => Boolean(v)));
  for (const row of existing) if (!keep.has(row.id)) setDeleted(tx, 'orderLine', customerId, row.id, true);
  lines.forEach((line, i) => {
    const before = line.id ? readRow(tx, 'orderLine', line.id) : undefined;
    const amount = lineAmountOf(line, before);
    if (line.id && (!before || before.orderId !== orderId || before.deleted === 1)) {
      throw new KecardError('VALIDATION', 'An order line does not belong to this order.', { fields: { lines: 'invalid' } });
    }
    if (before) {
      const { id: _id, ...rest } = line;
      updateRow(tx, 'orderLine', customerId, before, { ...rest, amountFen: amount, sortOrder: i });
    } else insertLine(tx, customerId, orderId, line, i, amount);
  });
}

/**
 * A line's amount: the one its source gave (an import's 金额), else the one it had while its
 * quantity, price and discount stay as they were (so saving an imported order unchanged keeps
 * its amounts), else quantity × price × (1 − discount).
 */
export function lineAmountOf(
  line: Pick<ParsedLine, 'quantityMilli' | 'unitPriceFen' | 'discountBp' | 'amountFen'>,
  before?: Record<string, unknown>,
): number {
  if (line.amountFen !== undefined) return line.amountFen;
  if (
    before &&
    before.deleted !== 1 &&
    before.quantityMilli === line.quantityMilli &&
    before.unitPriceFen === line.unitPriceFen &&
    before.discountBp === line.discountBp &&
    typeof before.amountFen === 'number'
  ) {
    return before.amountFen;
  }
  return lineAmount(line.quantityMilli, line.unitPriceFen, line.discountBp);
}

function insertLine(tx: WriteTx, customerId: string, orderId: string, line: OrderLineInput & ParsedLine, index: number, amountFen: number): void {
  const { id: _ignored, ...rest } = line;
  insertRow(tx, 'orderLine', customerId, uuidv7(), { ...rest, orderId, amountFen, sortOrder: index });
}

function subtotalOf(tx: WriteTx, orderId: string): number {
  const amounts = (
    tx.ws.db.prepare('SELECT amount_fen AS a FROM order_lines WHERE order_id = ? AND deleted = 0').all(orderId) as { a: number }[]
  ).map((r) => r.a);
  return sumFen(amounts);
}

export function discountOf(input: Parameters<typeof requestedDiscount>[0], before: Parameters<typeof requestedDiscount>[1]): OrderDiscount {
  const discount = requestedDiscount(input, before);
  if (discount === 'conflict') {
    throw new KecardError('VALIDATION', 'An order discount is either an amount or a rate, not both.', { fields: { discountBp: 'invalid' } });
  }
  return discount;
}

/** The order's discount columns and total: a rate stores its derived amount beside it, so both show in the history. */
export function discountColumns(discount: OrderDiscount, applied: { discountFen: number; totalFen: number }) {
  return { discountFen: applied.discountFen, discountBp: discount.kind === 'rate' ? discount.bp : null, totalFen: applied.totalFen };
}

function nextOrderNo(tx: WriteTx, orderDate: string): string {
  const prefix = `${generatedNumberPrefix(tx.ws.db)}SO${orderDate.replace(/-/g, '')}-`;
  const row = tx.ws.db.prepare('SELECT count(*) AS n FROM orders WHERE order_no LIKE ?').get(`${prefix}%`) as { n: number };
  return `${prefix}${String(row.n + 1).padStart(4, '0')}`;
}

function checkOwner(tx: WriteTx, ownerId: string | null): void {
  if (!ownerId) return;
  if (!tx.ws.db.prepare('SELECT 1 FROM employees WHERE id = ? AND deleted = 0').get(ownerId)) {
    throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { ownerId: 'invalid' } });
  }
}

function requireOrder(tx: WriteTx, id: string): Record<string, unknown> {
  const row = readRow(tx, 'order', id);
  if (!row || row.deleted === 1) throw new KecardError('NOT_FOUND', 'Order not found.', { id });
  return row;
}

interface OrderRow {
  id: string;
  customerId: string;
  orderNo: string;
  orderDate: string;
  ownerId: string | null;
  status: Order['status'];
  discountFen: number;
  discountBp: number | null;
  totalFen: number;
  receivedFen: number;
  notes: string | null;
}

const ORDER_SELECT = `SELECT o.id, o.customer_id AS customerId, o.order_no AS orderNo, o.order_date AS orderDate, o.owner_id AS ownerId,
  o.status, o.discount_fen AS discountFen, o.discount_bp AS discountBp, o.total_fen AS totalFen, o.notes,
  COALESCE((SELECT sum(r.amount_fen) FROM receipts r WHERE r.order_id = o.id AND r.deleted = 0), 0) AS receivedFen
  FROM orders o`;

export function getOrder(ws: Workspace, id: string): Order {
  const row = ws.db.prepare(`${ORDER_SELECT} WHERE o.id = ? AND o.deleted = 0`).get(id) as OrderRow | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'Order not found.', { id });
  return {
    ...row,
    lines: linesOf(ws, [id]).get(id) ?? [],
    custom: readCustomValues(ws, 'order', [id]).get(id) ?? {},
    version: orderVersion(ws, id),
  };
}

/** An order's version: the latest log entry of its row and of its lines (live or deleted). */
function orderVersion(ws: Workspace, id: string): number {
  const lineIds = ws.db.prepare('SELECT id FROM order_lines WHERE order_id = ?').pluck().all(id) as string[];
  return recordVersion(ws.db, [id, ...lineIds]);
}

export function customerOrders(ws: Workspace, customerId: string): Order[] {
  const rows = ws.db
    .prepare(`${ORDER_SELECT} WHERE o.customer_id = ? AND o.deleted = 0 ORDER BY o.order_date DESC, o.order_no DESC`)
    .all(customerId) as OrderRow[];
  const lines = linesOf(
    ws,
    rows.map((r) => r.id),
  );
  const custom = readCustomValues(
    ws,
    'order',
    rows.map((r) => r.id),
  );
  // The version travels with each row: the order dialog opens from this list (issue 20).
  return rows.map((r) => ({ ...r, lines: lines.get(r.id) ?? [], custom: custom.get(r.id) ?? {}, version: orderVersion(ws, r.id) }));
}

function linesOf(ws: Workspace, orderIds: string[]): Map<string, Order['lines']> {
  const map = new Map<string, Order['lines']>();
  if (orderIds.length === 0) return map;
  const rows = ws.db
    .prepare(
      `SELECT order_id AS orderId, id, product_id AS productId, product_name AS productName, quantity_milli AS quantityMilli,
        unit_price_fen AS unitPriceFen, discount_bp AS discountBp, amount_fen AS amountFen
       FROM order_lines WHERE deleted = 0 AND order_id IN (${orderIds.map(() => '?').join(',')}) ORDER BY sort_order`,
    )
    .all(...orderIds) as (Order['lines'][number] & { orderId: string })[];
  for (const { orderId, ...line } of rows) map.set(orderId, [...(map.get(orderId) ?? []), line]);
  return map;
}
