import type { Customer } from '../../../src-shared/domain/customer';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import type { ResultFigure } from '../../../src-shared/query/figure';
import type { Workspace } from '../../db/workspace';
import { withCustomValues } from '../customers/customer-queries';
import { CUSTOMER_COLUMNS_SQL, CUSTOMER_FROM_SQL, toCustomer, type CustomerDbRow } from '../customers/customer-row';
import { compileWhere } from './compile-query';

// A result figure as a correlated SQL expression over the customer row `c`. "Sales" are the
// orders the reports count (sales-facts.ts): neither deleted nor cancelled, with a date. Each is
// one seek into orders_customer_idx (customer, deleted, date, status, total), which covers it.

const LIVE_ORDERS = "o.customer_id = c.id AND o.deleted = 0 AND o.status <> 'cancelled'";

export function figureSql(figure: ResultFigure): { sql: string; params: (string | number)[] } {
  switch (figure.kind) {
    case 'revenue':
      return {
        sql: `(SELECT coalesce(sum(o.total_fen), 0) FROM orders o WHERE ${LIVE_ORDERS} AND o.order_date BETWEEN ? AND ?)`,
        params: [figure.from, figure.to],
      };
    case 'clv':
      return {
        sql: `(SELECT coalesce(sum(o.total_fen), 0) * ? FROM orders o WHERE ${LIVE_ORDERS} AND o.order_date BETWEEN ? AND ?)`,
        params: [figure.factor, figure.from, figure.to],
      };
    case 'quietDays':
      return {
        sql: `(SELECT CAST(round(julianday(?) - julianday(max(o.order_date))) AS INTEGER) FROM orders o WHERE ${LIVE_ORDERS} AND o.order_date <= ?)`,
        params: [figure.asOf, figure.asOf],
      };
  }
}

/**
 * One page of the query's customers ordered by the figure (ties by name, then creation), with the
 * figure of each. Every match is evaluated once and sorted by SQLite; at 100k matches a page
 * costs one index seek per match, and only the page leaves main.
 */
export function figurePage(
  ws: Workspace,
  def: QueryDefinition,
  figure: ResultFigure,
  dir: 'asc' | 'desc',
  options: { offset: number; limit: number; now: Date },
): { rows: Customer[]; figures: (number | null)[] } {
  const where = compileWhere(ws, { ...def, entity: 'customer' }, options.now);
  const f = figureSql(figure);
  // NULL (no sale at all) goes last either way.
  const order = `v IS NULL, v ${dir === 'desc' ? 'DESC' : 'ASC'}, c.sort_key, c.seq`;
  const page = ws.db
    .prepare(`SELECT c.id, ${f.sql} AS v FROM customers c WHERE c.deleted = 0 AND ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...f.params, ...where.params, options.limit, options.offset) as { id: string; v: number | null }[];
  return {
    rows: customersInOrder(
      ws,
      page.map((p) => p.id),
    ),
    figures: page.map((p) => p.v),
  };
}

/** The figure of each of these customers, in their order. */
export function figuresOf(ws: Workspace, figure: ResultFigure, ids: readonly string[]): (number | null)[] {
  if (ids.length === 0) return [];
  const f = figureSql(figure);
  const rows = ws.db
    .prepare(`SELECT c.id, ${f.sql} AS v FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))`)
    .all(...f.params, JSON.stringify(ids)) as {
    id: string;
    v: number | null;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r.v]));
  return ids.map((id) => byId.get(id) ?? null);
}

function customersInOrder(ws: Workspace, ids: readonly string[]): Customer[] {
  if (ids.length === 0) return [];
  const rows = ws.db
    .prepare(`SELECT ${CUSTOMER_COLUMNS_SQL} FROM ${CUSTOMER_FROM_SQL} WHERE c.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as CustomerDbRow[];
  const byId = new Map(withCustomValues(ws, rows.map(toCustomer)).map((c) => [c.id, c]));
  return ids.map((id) => byId.get(id)).filter((c): c is Customer => c !== undefined);
}
