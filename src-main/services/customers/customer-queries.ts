import { recordVersion } from '../../changelog/apply/field-stamps';
import type { Customer, CustomerSortField } from '../../../src-shared/domain/customer';
import type { Contact, Department } from '../../../src-shared/domain/organisation';
import { KecardError } from '../../../src-shared/errors';
import type { Workspace } from '../../db/workspace';
import { readCustomValues } from '../custom-fields/custom-values';
import { searchFilter } from '../search/search-matches';
import { scopeLiveSeqsSql, scopeParams, scopeRowTest, scopeTest, scopeWhere } from '../../people/record-scope';
import { CUSTOMER_COLUMNS_SQL, CUSTOMER_FROM_SQL, toCustomer, type CustomerDbRow } from './customer-row';

// Read side of customers. Sort columns come from this fixed map, never from the caller's text.
/** The one map from a list column to its SQL; the query results list sorts with it too. */
export const SORT_SQL: Record<CustomerSortField, string> = {
  name: 'c.sort_key',
  code: 'c.code',
  industry: 'c.industry',
  province: 'c.province',
  city: 'c.city',
  customerClass: 'c.class',
  lifecycle: 'c.lifecycle',
  relationshipLevel: 'c.relationship_level',
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  storeCode: 'c.store_code',
};

/** The index that holds each sort column in order after `deleted` (rowid last, the tie-break). */
export const SORT_INDEX: Record<CustomerSortField, string> = {
  name: 'customers_sort_key_idx',
  code: 'customers_code_idx',
  industry: 'customers_industry_idx',
  province: 'customers_province_idx',
  city: 'customers_city_idx',
  customerClass: 'customers_class_idx',
  lifecycle: 'customers_lifecycle_idx',
  relationshipLevel: 'customers_relationship_idx',
  createdAt: 'customers_created_idx',
  updatedAt: 'customers_updated_idx',
  storeCode: 'customers_store_idx',
};

export interface ListInput {
  offset: number;
  limit: number;
  sort?: { field: CustomerSortField; dir: 'asc' | 'desc' } | undefined;
  /** Only the customers this quick-search text matches (查看全部 from the search dropdown). */
  q?: string | undefined;
}

/** The live customers the current call may see (record-scope.ts). */
export function countCustomers(ws: Workspace): number {
  const visible = scopeLiveSeqsSql();
  if (visible !== null) return ws.db.prepare(`SELECT count(*) FROM (${visible})`).pluck().get(scopeParams()) as number;
  return ws.db
    .prepare(`SELECT count(*) FROM customers c WHERE c.deleted = 0 AND ${scopeWhere('c')}`)
    .pluck()
    .get(scopeParams()) as number;
}

/** From this offset on, a scoped page looks rows up in the visible set rather than testing each row. */
const DEEP_PAGE = 500;

/** `blind`: quick-search sources the caller may not see in clear, for a list filtered by `q` (search-blind.ts). */
export function listCustomers(ws: Workspace, input: ListInput, blind = 0): { total: number; rows: Customer[] } {
  const sort = input.sort ?? { field: 'name', dir: 'asc' };
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  // Page on the narrow (deleted, column) index first, then read only the rows of that page: a
  // deep OFFSET then walks index entries, not whole rows. The seq tiebreaker keeps paging stable
  // when many rows share a sort value.
  const order = `${SORT_SQL[sort.field]} ${dir}, c.seq ${dir}`;
  if (input.q !== undefined) return listSearchMatches(ws, input, order, blind);
  // Under a record scope, the first pages test rows as the sort index is walked; deep pages
  // (each skipped row would be read) look rows up in the visible set instead (record-scope.ts).
  const scoped = input.offset < DEEP_PAGE ? scopeRowTest('c') : scopeWhere('c');
  const sql = `SELECT ${CUSTOMER_COLUMNS_SQL} FROM ${CUSTOMER_FROM_SQL}
    WHERE c.seq IN (SELECT c.seq FROM customers c WHERE c.deleted = 0 AND ${scoped} ORDER BY ${order} LIMIT ? OFFSET ?)
    ORDER BY ${order}`;
  const rows = ws.db.prepare(sql).all(input.limit, input.offset, scopeParams()) as CustomerDbRow[];
  return { total: countCustomers(ws), rows: withCustomValues(ws, rows.map(toCustomer)) };
}

/** Every customer the search matches (not only the dropdown's best 20), in the list's sort order. */
function listSearchMatches(ws: Workspace, input: ListInput, order: string, blind: number): { total: number; rows: Customer[] } {
  const filter = searchFilter(ws, input.q ?? '', blind);
  if (!filter) return { total: 0, rows: [] };
  const matched = `FROM customers c WHERE c.deleted = 0 AND ${filter.where} AND ${scopeWhere('c')}`;
  const sql = `SELECT ${CUSTOMER_COLUMNS_SQL} FROM ${CUSTOMER_FROM_SQL}
    WHERE c.seq IN (SELECT c.seq ${matched} ORDER BY ${order} LIMIT @limit OFFSET @offset)
    ORDER BY ${order}`;
  const params = { ...filter.params, ...scopeParams() };
  const rows = ws.db.prepare(sql).all({ ...params, limit: input.limit, offset: input.offset }) as CustomerDbRow[];
  const total = ws.db.prepare(`SELECT count(*) ${matched}`).pluck().get(params) as number;
  return { total, rows: withCustomValues(ws, rows.map(toCustomer)) };
}

export function getCustomer(ws: Workspace, id: string): Customer {
  // Outside the caller's scope reads as not found (record-scope.ts).
  const row = ws.db
    .prepare(`SELECT ${CUSTOMER_COLUMNS_SQL} FROM ${CUSTOMER_FROM_SQL} WHERE c.id = ? AND c.deleted = 0 AND ${scopeTest('c.id')}`)
    .get(id, scopeParams()) as CustomerDbRow | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'Customer not found.', { id });
  return { ...(withCustomValues(ws, [toCustomer(row)])[0] as Customer), version: recordVersion(ws.db, [id]) };
}

/** Adds the live custom field values (stored and computed) to customers read from the table. */
export function withCustomValues(ws: Workspace, customers: Customer[]): Customer[] {
  const values = readCustomValues(
    ws,
    'customer',
    customers.map((c) => c.id),
  );
  return customers.map((c) => ({ ...c, custom: values.get(c.id) ?? {} }));
}

export function getCustomerCard(ws: Workspace, id: string): { customer: Customer; departments: Department[]; contacts: Contact[] } {
  const customer = getCustomer(ws, id);
  const departments = ws.db
    .prepare(
      `SELECT id, customer_id AS customerId, parent_id AS parentId, name, sort_order AS sortOrder
       FROM departments WHERE customer_id = ? AND deleted = 0 ORDER BY sort_order, name`,
    )
    .all(id) as Department[];
  const contacts = ws.db
    .prepare(
      `SELECT id, customer_id AS customerId, department_id AS departmentId, name, title, mobile, phone, email, birthday, notes
       FROM contacts WHERE customer_id = ? AND deleted = 0 ORDER BY name`,
    )
    .all(id) as Contact[];
  const custom = readCustomValues(
    ws,
    'contact',
    contacts.map((c) => c.id),
  );
  return { customer, departments, contacts: contacts.map((c) => ({ ...c, custom: custom.get(c.id) ?? {} })) };
}
