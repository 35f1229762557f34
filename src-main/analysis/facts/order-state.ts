import { ORDER_STATUSES } from '../../../src-shared/domain/sales';

/**
 * One byte per order fact for the query builder's related-orders conditions: the low bits hold
 * deleted (0), the status (1 + its place in ORDER_STATUSES) or another status text (OTHER_STATUS);
 * ODD_DATE is set when order_date is not a plain YYYY-MM-DD, whose text comparisons a day number
 * cannot reproduce.
 */
export const DELETED_STATE = 0;
export const OTHER_STATUS = ORDER_STATUSES.length + 1;
export const STATUS_MASK = 7;
export const ODD_DATE = 8;

/** The state code of a known status, or undefined. */
export function statusCode(status: string): number | undefined {
  const i = (ORDER_STATUSES as readonly string[]).indexOf(status);
  return i < 0 ? undefined : i + 1;
}

// The statuses are our own constants, never user text.
const statusCase = ORDER_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i + 1}`).join(' ');
export const ORDER_STATE_SQL = `((CASE WHEN deleted <> 0 THEN ${DELETED_STATE} ELSE CASE status ${statusCase} ELSE ${OTHER_STATUS} END END)
  + (CASE WHEN date(order_date) IS order_date THEN 0 ELSE ${ODD_DATE} END))`;

/** An order whose date or status the facts cannot compare as SQL would (deleted ones never count). */
export function isOddOrder(state: number): boolean {
  const status = state & STATUS_MASK;
  return status !== DELETED_STATE && (status === OTHER_STATUS || (state & ODD_DATE) !== 0);
}
