import type { ContactSortField } from '../../../src-shared/contract/query-methods';
import type { Customer, CustomerSortField } from '../../../src-shared/domain/customer';
import type { ResultFigure } from '../../../src-shared/query/figure';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import type { Workspace } from '../../db/workspace';
import { SORT_INDEX, SORT_SQL, withCustomValues } from '../customers/customer-queries';
import { CUSTOMER_COLUMNS_SQL, CUSTOMER_FROM_SQL, toCustomer, type CustomerDbRow } from '../customers/customer-row';
import { compileWhere } from './compile-query';
import { factsMatches, type FactsMatches } from './customer-facts-test';
import { figurePage, figuresOf } from './figure-page';
import { factsTestSql } from './order-facts-conditions';

export interface ContactResult {
  id: string;
  customerId: string;
  customerName: string;
  name: string;
  title: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
}

export interface RunOptions {
  offset: number;
  limit: number;
  /** `figure` sorts by the figure below (its list's default order when no sort is given). */
  sort?: { field: CustomerSortField | 'figure'; dir: 'asc' | 'desc' } | undefined;
  /** A number per customer shown beside the rows (a drill's revenue, quiet days…). */
  figure?: ResultFigure | undefined;
  now?: Date;
}

export interface CustomerPage {
  total: number;
  rows: Customer[];
  /** The figure of each row, when one was asked for. */
  figures?: (number | null)[];
}

/** A page of the query's customers; with a figure, each row's figure too, sorted by it unless another column is asked for. */
export function runCustomerQuery(ws: Workspace, def: QueryDefinition, options: RunOptions): CustomerPage {
  const { figure, sort } = options;
  if (!figure) {
    if (sort?.field === 'figure') throw new Error('A figure sort needs a figure.');
    return runCustomerQueryBy(ws, def, { ...options, sort: sort as SortBy | undefined });
  }
  const now = options.now ?? new Date();
  if (!sort || sort.field === 'figure') {
    const page = figurePage(ws, def, figure, sort?.dir ?? 'desc', { offset: options.offset, limit: options.limit, now });
    return { total: countQuery(ws, def, now), ...page };
  }
  const r = runCustomerQueryBy(ws, def, { ...options, sort: sort as SortBy });
  return {
    ...r,
    figures: figuresOf(
      ws,
      figure,
      r.rows.map((c) => c.id),
    ),
  };
}

type SortBy = { field: CustomerSortField; dir: 'asc' | 'desc' };

/** The live rows of the query's entity: contacts count only while their customer is live, as the result list shows them. */
export function liveRows(entity: QueryDefinition['entity']): string {
  return entity === 'customer'
    ? 'customers c WHERE c.deleted = 0'
    : 'contacts ct WHERE ct.deleted = 0 AND ct.customer_id NOT IN (SELECT id FROM customers WHERE deleted = 1)';
}

export function countQuery(ws: Workspace, def: QueryDefinition, now = new Date()): number {
  const inMemory = factsMatches(ws, def, now);
  if (inMemory) return inMemory.customers.length;
  const where = compileWhere(ws, def, now);
  const row = ws.db.prepare(`SELECT count(*) AS n FROM ${liveRows(def.entity)} AND ${where.sql}`).get(...where.params) as { n: number };
  return row.n;
}

/** Ids of every live row the query matches, for bulk actions and "add result to favourites". */
export function matchingIds(ws: Workspace, def: QueryDefinition, now = new Date()): string[] {
  const inMemory = factsMatches(ws, def, now);
  if (inMemory) return Array.from(inMemory.customers, (c) => inMemory.facts.customerIds[c] as string);
  const where = compileWhere(ws, def, now);
  const alias = def.entity === 'customer' ? 'c' : 'ct';
  return (ws.db.prepare(`SELECT ${alias}.id AS id FROM ${liveRows(def.entity)} AND ${where.sql}`).all(...where.params) as { id: string }[]).map(
    (r) => r.id,
  );
}

/** Up to this many matches a result is counted while its matches are read; tests lower it. */
export const RESULT_LIMITS = { countInPassing: 100_000 };

function runCustomerQueryBy(
  ws: Workspace,
  def: QueryDefinition,
  options: Omit<RunOptions, 'sort'> & { sort?: SortBy | undefined },
): { total: number; rows: Customer[] } {
  const now = options.now ?? new Date();
  const customerDef: QueryDefinition = { ...def, entity: 'customer' };
  const sort = options.sort ?? { field: 'name', dir: 'asc' };
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  const order = `${SORT_SQL[sort.field]} ${dir}, c.seq ${dir}`;
  // A page is filled either by walking the sort column's index and testing each customer until
  // the page is full (about (offset + limit) × customers / total rows visited), or by sorting the
  // matches (about `total` rows). SQLite cannot tell which is cheaper (it has no statistics, and
  // guessed both ways wrong: walking for a selective query, 6× the count's time at 100k; sorting
  // 48k matches of a related-orders query, 1.0 s instead of 12 ms at 1M), so choose here: the
  // matches are collected up to the number below which sorting them is cheaper; if that many
  // are all there are, they are the page's candidates; otherwise the page walks the sort index
  // (INDEXED BY). Either way the filter — a related-orders one costs ~0.5 s at 1M × 10M — is
  // evaluated once for the total as well. Both ways give the same rows in the same order.
  const customers = (ws.db.prepare('SELECT max(seq) FROM customers').pluck().get() as number | null) ?? 0;
  const few = Math.floor(Math.sqrt((options.offset + options.limit) * customers));
  const inMemory = factsMatches(ws, customerDef, now);
  if (inMemory) return pageOfMatches(ws, inMemory, few, sort, order, options);
  const where = compileWhere(ws, customerDef, now);
  // Up to RESULT_LIMITS.countInPassing matches are counted as they are read (one evaluation of
  // the filter); beyond that, handing every match to JS costs more than counting again in SQL.
  const inPassing = Math.max(few, RESULT_LIMITS.countInPassing);
  const seqs: number[] = [];
  let seen = 0;
  for (const seq of ws.db
    .prepare(`SELECT c.seq FROM customers c WHERE c.deleted = 0 AND ${where.sql}`)
    .pluck()
    .iterate(...where.params) as IterableIterator<number>) {
    if (seqs.length <= few) seqs.push(seq);
    if (++seen > inPassing) break;
  }
  const filterFirst = seen <= few;
  const total = seen <= inPassing ? seen : countQuery(ws, def, now);
  const page = filterFirst
    ? {
        sql: `SELECT c.seq FROM customers c WHERE c.seq IN (SELECT value FROM json_each(?)) ORDER BY +${SORT_SQL[sort.field]} ${dir}, c.seq ${dir}`,
        params: [JSON.stringify(seqs)],
      }
    : {
        sql: `SELECT c.seq FROM customers c INDEXED BY ${SORT_INDEX[sort.field]} WHERE c.deleted = 0 AND ${where.sql} ORDER BY ${order}`,
        params: where.params,
      };
  return { total, rows: readPage(ws, page, order, options) };
}

/** The customers of one page: `page.sql` selects candidate seqs in list order; the page's rows are read in full. */
function readPage(ws: Workspace, page: { sql: string; params: unknown[] }, order: string, options: { offset: number; limit: number }): Customer[] {
  const rows = ws.db
    .prepare(`SELECT ${CUSTOMER_COLUMNS_SQL} FROM ${CUSTOMER_FROM_SQL} WHERE c.seq IN (${page.sql} LIMIT ? OFFSET ?) ORDER BY ${order}`)
    .all(...page.params, options.limit, options.offset) as CustomerDbRow[];
  return withCustomValues(ws, rows.map(toCustomer));
}

/** A page of matches the facts found: the same choice of sorting the matches or walking the sort index, without evaluating the filter in SQL. */
function pageOfMatches(
  ws: Workspace,
  matches: FactsMatches,
  few: number,
  sort: SortBy,
  order: string,
  options: { offset: number; limit: number },
): { total: number; rows: Customer[] } {
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  const total = matches.customers.length;
  const params: (string | number)[] = [];
  const page =
    total <= few
      ? {
          sql: `SELECT c.seq FROM customers c WHERE c.seq IN (SELECT value FROM json_each(?)) ORDER BY +${SORT_SQL[sort.field]} ${dir}, c.seq ${dir}`,
          params: [JSON.stringify(Array.from(matches.customers, (c) => matches.facts.customerSeq[c]))],
        }
      : {
          sql: `SELECT c.seq FROM customers c INDEXED BY ${SORT_INDEX[sort.field]} WHERE c.deleted = 0 AND ${factsTestSql(ws, matches.test, params)} ORDER BY ${order}`,
          params,
        };
  return { total, rows: readPage(ws, page, order, options) };
}

/** The whitelist of contact result sorts; the customer's name sorts by its pinyin key, as in the customer list. */
const CONTACT_SORT_SQL: Record<ContactSortField, string> = {
  name: 'ct.name',
  customerName: 'c.sort_key',
  title: 'ct.title',
  mobile: 'ct.mobile',
  phone: 'ct.phone',
  email: 'ct.email',
  birthday: 'ct.birthday',
};

export function runContactQuery(
  ws: Workspace,
  def: QueryDefinition,
  options: Omit<RunOptions, 'sort' | 'figure'> & { sort?: { field: ContactSortField; dir: 'asc' | 'desc' } | undefined },
): { total: number; rows: ContactResult[] } {
  const now = options.now ?? new Date();
  const where = compileWhere(ws, { ...def, entity: 'contact' }, now);
  const sort = options.sort ?? { field: 'name', dir: 'asc' };
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  const rows = ws.db
    .prepare(
      `SELECT ct.id, ct.customer_id AS customerId, c.name AS customerName, ct.name, ct.title, ct.mobile, ct.phone, ct.email, ct.birthday
       FROM contacts ct JOIN customers c ON c.id = ct.customer_id
       WHERE ct.deleted = 0 AND c.deleted = 0 AND ${where.sql}
       ORDER BY ${CONTACT_SORT_SQL[sort.field]} ${dir}, ct.id ${dir} LIMIT ? OFFSET ?`,
    )
    .all(...where.params, options.limit, options.offset) as ContactResult[];
  return { total: countQuery(ws, def, now), rows };
}
