import { v7 as uuidv7 } from 'uuid';
import { receiptInput, receiptPatch, type Receipt } from '../../../src-shared/domain/sales';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { requireLiveCustomer } from '../organisation/department-service';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';

const SELECT = `SELECT r.id, r.customer_id AS customerId, r.order_id AS orderId, o.order_no AS orderNo, r.receipt_date AS receiptDate,
  r.amount_fen AS amountFen, r.method, r.notes FROM receipts r LEFT JOIN orders o ON o.id = r.order_id`;

export function createReceipt(ws: Workspace, ctx: CallContext, input: unknown): Receipt {
  const values = validate(receiptInput, input);
  const id = runWrite(ws, ctx, (tx) => insertReceipt(tx, values));
  return getReceipt(ws, id);
}

export function insertReceipt(tx: WriteTx, values: ReturnType<typeof receiptInput.parse>, id: string = uuidv7()): string {
  requireLiveCustomer(tx, values.customerId);
  if (values.orderId) orderOf(tx, values.orderId, values.customerId);
  insertRow(tx, 'receipt', values.customerId, id, values);
  return id;
}

export function updateReceipt(ws: Workspace, ctx: CallContext, id: string, patch: unknown): Receipt {
  const values = validate(receiptPatch, patch);
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'receipt', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Receipt not found.', { id });
    if (values.orderId) orderOf(tx, values.orderId, before.customerId as string);
    updateRow(tx, 'receipt', before.customerId as string, before, values);
  });
  return getReceipt(ws, id);
}

export function deleteReceipt(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'receipt', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Receipt not found.', { id });
    setDeleted(tx, 'receipt', before.customerId as string, id, true);
  });
}

export function getReceipt(ws: Workspace, id: string): Receipt {
  const row = ws.db.prepare(`${SELECT} WHERE r.id = ? AND r.deleted = 0`).get(id) as Receipt | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'Receipt not found.', { id });
  return row;
}

export function customerReceipts(ws: Workspace, customerId: string): Receipt[] {
  return ws.db.prepare(`${SELECT} WHERE r.customer_id = ? AND r.deleted = 0 ORDER BY r.receipt_date DESC`).all(customerId) as Receipt[];
}

function orderOf(tx: WriteTx, orderId: string, customerId: string): void {
  const row = tx.ws.db.prepare('SELECT customer_id AS c FROM orders WHERE id = ? AND deleted = 0').get(orderId) as { c: string } | undefined;
  if (!row || row.c !== customerId) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { orderId: 'invalid' } });
}
