import { AsyncLocalStorage } from 'node:async_hooks';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import { rulesFor } from './permission-policy';

// Record scope (issue 19): a role whose rules say `scope: 'own'` sees and changes only
//   - the customers its user's linked employee is responsible for (customers.owner_id, 负责人),
//   - the customers that employee serves (a live customer_staff row),
//   - and the shared customers: those with no owner at all.
// A user with scope 'own' and no linked employee sees only the shared customers.
//
// The scope is resolved once per call (the router, and the workers that run a call's work) and
// held in an AsyncLocalStorage for the call's duration, so the query layer adds the same predicate
// to every customer-rooted read without each service growing a parameter (the services are shared
// with import, sync and jobs, which work on the whole file). Work outside a call — jobs that are
// not a person's reads, migrations, tests calling services directly — runs unrestricted.

/**
 * A test of one customer's staff rows looks them up by customer (a few rows), never by employee
 * (all of a colleague's accounts, once per customer tested): the unary + keeps SQLite from using
 * customer_staff_employee_idx for that term. The set form (setSql) is the one that wants it.
 */
const STAFF_EMPLOYEE = '+ss.employee_id';

/** `null`: every customer. Otherwise the employee whose customers are visible (null: shared ones only). */
export type ScopeLimit = { employeeId: string | null } | null;

const current = new AsyncLocalStorage<ScopeLimit>();

/** The caller's scope from the workspace's permission matrix and the user's linked employee. */
export function scopeFor(ws: Workspace, ctx: CallContext): ScopeLimit {
  if (rulesFor(ws, ctx).scope === 'all') return null;
  const employeeId = ws.db.prepare('SELECT employee_id FROM users WHERE id = ?').pluck().get(ctx.userId) as string | null | undefined;
  return { employeeId: employeeId ?? null };
}

/** Runs one call's work under a scope (the router wraps every handler; workers wrap their request). */
export function withScope<T>(scope: ScopeLimit, work: () => T): T {
  return current.run(scope, work);
}

/**
 * Work that reads or matches every customer at once in a worker that knows no scope (the whole
 * workbook export, an import that matches existing customers by code or phone) is refused to a
 * caller who sees only their own: it would hand them, or let them change, their colleagues'.
 */
export function refuseUnderScope(what: string): void {
  if (currentScope() !== null)
    throw new KecardError('FORBIDDEN', `${what} covers every customer; your role sees only its own.`, { reason: 'ownScope' });
}

/** The scope of the call being served; null (unrestricted) outside any call. */
export function currentScope(): ScopeLimit {
  return current.getStore() ?? null;
}

/** The named parameter every scope fragment uses; pass `scopeParams()` with the statement's other values. */
export function scopeParams(): { scopeEmployee: string | null } | Record<string, never> {
  const scope = currentScope();
  return scope ? { scopeEmployee: scope.employeeId } : {};
}

/**
 * The predicate on a customers alias, for reads over many customers (lists, counts, queries,
 * totals): the visible customers' seqs are gathered once per statement through the owner index
 * and the (small) customer_staff table, then each row is a lookup in that set — the list's sort
 * index stays the driving index and no row is read to test it. '1' when unrestricted.
 */
export function scopeWhere(alias = 'c'): string {
  return setSql(alias, '@scopeEmployee');
}

/**
 * The rule tested on the row of a customers alias itself, for a page walked along a sort index
 * or rows already being read (search candidates): it stops after a page of matches, where
 * gathering the whole visible set first costs more (100k bench: page 1 in 0.6 ms instead of 13–29).
 */
export function scopeRowTest(alias = 'c'): string {
  const scope = currentScope();
  if (!scope) return '1';
  if (scope.employeeId === null) return `${alias}.owner_id IS NULL`;
  return `(${alias}.owner_id IS NULL OR ${alias}.owner_id = @scopeEmployee OR EXISTS (SELECT 1 FROM customer_staff ss WHERE ss.customer_id = ${alias}.id AND ss.deleted = 0 AND ${STAFF_EMPLOYEE} = @scopeEmployee))`;
}

/** The same rule as a test of one row (a customer id column), for point reads and related tables. */
export function scopeTest(customerIdSql: string): string {
  return rowSql(customerIdSql, '@scopeEmployee');
}

/**
 * `scopeWhere` / `scopeTest` for statements with positional parameters (the query compiler's):
 * the employee id is pushed onto `params` once per placeholder, in text order.
 */
export function scopeWherePositional(alias: string, params: unknown[]): string {
  return pushing(setSql(alias, '?'), params);
}
export function scopeTestPositional(customerIdSql: string, params: unknown[]): string {
  return pushing(rowSql(customerIdSql, '?'), params);
}

/**
 * The seqs of the live customers the current call may see, as a statement of its own (null when
 * unrestricted): a count over it is an index count — owner and staff indexes, a few thousand
 * entries — where `count(*) … WHERE scopeWhere` walks every live customer to test each (100k:
 * ~45 ms against ~5). UNION: a customer both owned and served counts once. Uses @scopeEmployee.
 */
export function scopeLiveSeqsSql(): string | null {
  const scope = currentScope();
  if (!scope) return null;
  const shared = 'SELECT seq FROM customers WHERE owner_id IS NULL AND deleted = 0';
  if (scope.employeeId === null) return shared;
  return `SELECT seq FROM customers WHERE owner_id = @scopeEmployee AND deleted = 0 UNION ${shared}
    UNION SELECT sc.seq FROM customer_staff ss JOIN customers sc ON sc.id = ss.customer_id WHERE ss.employee_id = @scopeEmployee AND ss.deleted = 0 AND sc.deleted = 0`;
}

/**
 * "The customer id in `column` is visible", for statements over other tables (snapshots, business
 * records, orders) with positional parameters: the visible ids are gathered once per statement
 * through the owner and staff indexes (as scopeWhere's seqs), not tested row by row. '1' when
 * unrestricted. Whether a deleted customer's rows count stays the statement's own rule.
 */
export function scopeIdsPositional(column: string, params: unknown[]): string {
  const scope = currentScope();
  if (!scope) return '1';
  if (scope.employeeId === null) return `${column} IN (SELECT id FROM customers WHERE owner_id IS NULL)`;
  return pushing(
    `${column} IN (SELECT id FROM customers WHERE owner_id = ? OR owner_id IS NULL
      UNION ALL SELECT customer_id FROM customer_staff WHERE employee_id = ? AND deleted = 0)`,
    params,
  );
}

/**
 * The row ids (customers.seq) of every customer the current call may see, live or deleted (one
 * may come twice: owned and served); null when unrestricted. The reports mask their in-memory sales facts with it (analysis/customer-mask.ts).
 */
export function visibleCustomerSeqs(ws: Workspace): number[] | null {
  const scope = currentScope();
  if (!scope) return null;
  const own = scope.employeeId === null ? '' : ' OR owner_id = @scopeEmployee';
  const staff =
    scope.employeeId === null
      ? ''
      : ' UNION ALL SELECT c.seq FROM customer_staff ss JOIN customers c ON c.id = ss.customer_id WHERE ss.employee_id = @scopeEmployee AND ss.deleted = 0';
  const statement = ws.db.prepare(`SELECT seq FROM customers WHERE owner_id IS NULL${own}${staff}`).pluck();
  return (scope.employeeId === null ? statement.all() : statement.all(scopeParams())) as number[];
}

function pushing(sql: string, params: unknown[]): string {
  const scope = currentScope();
  if (scope) for (let i = sql.split('?').length - 1; i > 0; i--) params.push(scope.employeeId);
  return sql;
}

function setSql(alias: string, ph: string): string {
  const scope = currentScope();
  if (!scope) return '1';
  if (scope.employeeId === null) return `${alias}.seq IN (SELECT seq FROM customers WHERE owner_id IS NULL)`;
  return `${alias}.seq IN (SELECT seq FROM customers WHERE owner_id = ${ph} OR owner_id IS NULL
    UNION ALL SELECT sc.seq FROM customer_staff ss JOIN customers sc ON sc.id = ss.customer_id WHERE ss.employee_id = ${ph} AND ss.deleted = 0)`;
}

function rowSql(customerIdSql: string, ph: string): string {
  const scope = currentScope();
  if (!scope) return '1';
  const own =
    scope.employeeId === null
      ? ''
      : ` OR so.owner_id = ${ph} OR EXISTS (SELECT 1 FROM customer_staff ss WHERE ss.customer_id = so.id AND ss.deleted = 0 AND ${STAFF_EMPLOYEE} = ${ph})`;
  return `EXISTS (SELECT 1 FROM customers so WHERE so.id = ${customerIdSql} AND (so.owner_id IS NULL${own}))`;
}

/** Whether the current call may see this customer (live or deleted). */
export function customerVisible(ws: Workspace, customerId: string): boolean {
  if (!currentScope()) return true;
  return (
    ws.db
      .prepare(`SELECT ${scopeTest('?')}`)
      .pluck()
      .get(customerId, scopeParams()) === 1
  );
}

/**
 * Refuses a call about a customer outside the caller's scope exactly as if it did not exist, so an
 * id guessed or copied from someone else's screen reveals nothing (not even that it exists).
 */
export function requireVisible(ws: Workspace, customerIds: Iterable<string | null | undefined>): void {
  if (!currentScope()) return;
  for (const id of customerIds) {
    if (id && !customerVisible(ws, id)) throw new KecardError('NOT_FOUND', 'Customer not found.', { id });
  }
}

/** The owner a customer created by this call gets when none is given: the caller's own employee under scope 'own'. */
export function defaultOwner(): string | null {
  return currentScope()?.employeeId ?? null;
}
