import { decodeId } from '../../changelog/log-codec';
import { KecardError } from '../../../src-shared/errors';
import { ChangeCursor } from '../../changelog/change-cursor';
import type { Workspace } from '../../db/workspace';
import { Dictionary, ensureCapacity } from './growable';
import { isOddOrder, ORDER_STATE_SQL } from './order-state';

/**
 * The few columns every sales report aggregates — per order: customer, day, total, counts or not;
 * per customer: live or not, class, province, owner, and the few other fields the query builder
 * tests (coded text, see CODED_CUSTOMER_FIELDS) — held in typed arrays. A report over 10M
 * orders then scans memory instead of an index of the same size (SQLite needed 6–38 s per report
 * at 6M orders here; see docs/performance.md).
 *
 * The columns are derived, never written: they are read from the tables, and kept current from
 * the change log, which every write goes through (services, import, sync, undo): a refresh
 * re-reads only the customers and orders logged after its cursor.
 */

export interface FactsProgress {
  /** Called now and then during a full read; throwing (a cancelled job) abandons the read. */
  onProgress?: (done: number, total: number) => void;
}

/** When a refresh stops following the log row by row; tests lower them to take every path on small data. */
export const FACTS_LIMITS = {
  /** Beyond this many changed orders since the last read, reading everything again is cheaper. */
  rebuildAfterOrderChanges: 200_000,
  /**
   * Beyond this many changed customers one pass over the customers table beats looking each up:
   * applying a scheme logs a class change for most customers and no order, and must not cost a
   * full read of 10M orders (54 s at 1M × 10M).
   */
  rereadCustomersAfter: 20_000,
};
const PROGRESS_EVERY = 100_000;
const ID_CHUNK = 500;

// Day numbers (days since 1970-01-01) are worked out by SQLite: julianday of a date is exact.
const ORDER_COLUMNS = `rowid, customer_id, CAST(julianday(order_date) - 2440587.5 AS INTEGER) AS day, total_fen,
  (deleted = 0 AND status <> 'cancelled' AND order_date IS NOT NULL) AS live, ${ORDER_STATE_SQL} AS state`;

/**
 * Customer text columns held as codes of a Dictionary each: reports group by class, province and
 * owner; the query worker answers conditions on all of them from memory (customer-facts-test.ts),
 * so a query over these fields and orders never reads a customer row it does not show.
 */
export const CODED_CUSTOMER_FIELDS = [
  { column: 'customerClass', dictionary: 'classes', sql: 'class', queryField: 'customerClass' },
  { column: 'customerProvince', dictionary: 'provinces', sql: 'province', queryField: 'province' },
  { column: 'customerOwner', dictionary: 'owners', sql: 'owner_id', queryField: 'ownerId' },
  { column: 'customerCity', dictionary: 'cities', sql: 'city', queryField: 'city' },
  { column: 'customerIndustry', dictionary: 'industries', sql: 'industry', queryField: 'industry' },
  { column: 'customerLifecycle', dictionary: 'lifecycles', sql: 'lifecycle', queryField: 'lifecycle' },
  // The JSON text of the list: customers share few distinct lists, and a condition is tested once per list.
  { column: 'customerTags', dictionary: 'tagLists', sql: 'tags', queryField: 'tags' },
  // 门店 (sync scopes): HQ's reports group sales by store, queries select a store's customers.
  { column: 'customerStore', dictionary: 'stores', sql: 'store_code', queryField: 'storeCode' },
] as const;
export type CodedColumn = (typeof CODED_CUSTOMER_FIELDS)[number]['column'];
export type DictionaryName = (typeof CODED_CUSTOMER_FIELDS)[number]['dictionary'];

const CUSTOMER_COLUMNS = `id, deleted, relationship_level, seq, ${CODED_CUSTOMER_FIELDS.map((f) => f.sql).join(', ')}`;

type OrderRow = [number, string, number | null, number, number, number];
type CustomerRow = [string, number, number | null, number, ...(string | null)[]];

/** The typed columns of SalesFacts, by name: what a facts file stores. */
export type FactColumns = Record<CodedColumn, Int32Array<ArrayBuffer>> & {
  customerDeleted: Uint8Array<ArrayBuffer>;
  customerLevel: Float64Array<ArrayBuffer>;
  customerHead: Int32Array<ArrayBuffer>;
  customerSeq: Float64Array<ArrayBuffer>;
  orderRowid: Float64Array<ArrayBuffer>;
  orderCustomer: Int32Array<ArrayBuffer>;
  orderDay: Int32Array<ArrayBuffer>;
  orderTotal: Float64Array<ArrayBuffer>;
  orderLive: Uint8Array<ArrayBuffer>;
  orderState: Uint8Array<ArrayBuffer>;
  orderNext: Int32Array<ArrayBuffer>;
};

export class SalesFacts {
  /** Counts full reads: customer indexes of one generation stay valid until the next. */
  generation = 0;
  /** Where in the change log these columns stand. */
  readonly cursor = new ChangeCursor();

  customerCount = 0;
  customerIds: string[] = [];
  private readonly customerIndex = new Map<string, number>();
  customerDeleted = new Uint8Array(0);
  customerClass = new Int32Array(0);
  customerProvince = new Int32Array(0);
  customerOwner = new Int32Array(0);
  customerCity = new Int32Array(0);
  customerIndustry = new Int32Array(0);
  customerLifecycle = new Int32Array(0);
  customerTags = new Int32Array(0);
  customerStore = new Int32Array(0);
  /** Relationship level; NaN when not set. */
  customerLevel = new Float64Array(0);
  readonly classes = new Dictionary();
  readonly provinces = new Dictionary();
  readonly owners = new Dictionary();
  readonly cities = new Dictionary();
  readonly industries = new Dictionary();
  readonly lifecycles = new Dictionary();
  readonly tagLists = new Dictionary();
  readonly stores = new Dictionary();
  /** First fact of each customer's chain (−1: none); facts link on through orderNext. */
  customerHead = new Int32Array(0);
  /** The customer's row id (customers.seq): queries look customers up by it, see customerOfSeq. */
  customerSeq = new Float64Array(0);
  /** Customer index by seq (−1: none). A query tests a customer from an index entry by its rowid, before SQLite fetches the row. */
  private seqIndex = new Int32Array(0);

  orderCount = 0;
  orderRowid = new Float64Array(0);
  orderCustomer = new Int32Array(0);
  orderDay = new Int32Array(0);
  orderTotal = new Float64Array(0);
  /** 1 when the order counts as a sale: not deleted, not cancelled. */
  orderLive = new Uint8Array(0);
  /** Deleted, cancelled or the status, plus ODD_DATE (order-state.ts): what the query builder filters on. */
  orderState = new Uint8Array(0);
  orderNext = new Int32Array(0);
  maxOrderRowid = 0;
  /** Live orders with a date that is not a plain YYYY-MM-DD or an unknown status; while there are any, queries leave related-orders conditions to SQL. */
  oddOrders = 0;

  /**
   * Brings the columns up to the workspace's current state; returns what it had to do. With
   * `rebuild: false` (a reader that must stay quick) it gives up instead of reading everything
   * again: 'behind', and these facts are then unusable.
   */
  refresh(ws: Workspace, progress: FactsProgress & { rebuild?: boolean } = {}): 'fresh' | 'updated' | 'rebuilt' | 'behind' {
    // One read transaction: the change-log position and the rows read belong to the same snapshot.
    return ws.db.transaction(() => {
      const { top, topId, continues } = this.cursor.peek(ws);
      const from = this.cursor.position;
      if (continues && top === from) return 'fresh';
      const applied = continues && this.applyChanges(ws, from, top);
      if (!applied && progress.rebuild === false) return 'behind';
      const outcome = applied ? 'updated' : (this.rebuild(ws, progress), 'rebuilt');
      this.cursor.moveTo(top, topId);
      return outcome;
    })();
  }

  /** Bytes held in the typed columns (the ids and their map come on top). */
  columnBytes(): number {
    return Object.keys(this.columns()).reduce((a, k) => a + this[k as keyof FactColumns].byteLength, 0);
  }

  /** The typed columns by name, trimmed to what is filled (what a facts file holds). */
  columns(): FactColumns {
    const c = this.customerCount;
    const o = this.orderCount;
    return {
      ...(Object.fromEntries(CODED_CUSTOMER_FIELDS.map((f) => [f.column, this[f.column].subarray(0, c)])) as Record<
        CodedColumn,
        Int32Array<ArrayBuffer>
      >),
      customerDeleted: this.customerDeleted.subarray(0, c),
      customerLevel: this.customerLevel.subarray(0, c),
      customerHead: this.customerHead.subarray(0, c),
      customerSeq: this.customerSeq.subarray(0, c),
      orderRowid: this.orderRowid.subarray(0, o),
      orderCustomer: this.orderCustomer.subarray(0, o),
      orderDay: this.orderDay.subarray(0, o),
      orderTotal: this.orderTotal.subarray(0, o),
      orderLive: this.orderLive.subarray(0, o),
      orderState: this.orderState.subarray(0, o),
      orderNext: this.orderNext.subarray(0, o),
    };
  }

  /** Takes over columns read back from a facts file (see facts-file.ts), then refreshes as usual. */
  adopt(state: {
    ids: string[];
    orders: number;
    columns: FactColumns;
    dictionaries: Record<DictionaryName, (string | null)[]>;
    maxOrderRowid: number;
    cursor: { position: number; positionId: string | null };
  }): void {
    this.customerIds = state.ids;
    this.customerCount = state.ids.length;
    this.customerIndex.clear();
    state.ids.forEach((id, i) => this.customerIndex.set(id, i));
    Object.assign(this, state.columns);
    this.seqIndex = new Int32Array(0);
    for (let c = 0; c < this.customerCount; c++) this.indexSeq(this.customerSeq[c] as number, c);
    // The columns may be longer than what is filled (room to append): the counts say how much is.
    this.orderCount = state.orders;
    this.maxOrderRowid = state.maxOrderRowid;
    this.oddOrders = 0;
    for (let i = 0; i < this.orderCount; i++) if (isOddOrder(this.orderState[i] ?? 0)) this.oddOrders += 1;
    for (const { dictionary } of CODED_CUSTOMER_FIELDS) for (const v of state.dictionaries[dictionary].slice(1)) this[dictionary].code(v);
    this.generation += 1;
    this.cursor.moveTo(state.cursor.position, state.cursor.positionId);
  }

  /** Index of a customer id, or −1. */
  customerOf(id: string): number {
    return this.customerIndex.get(id) ?? -1;
  }

  /** Index of the customer whose row id (customers.seq) this is, or −1. */
  customerOfSeq(seq: number): number {
    return seq >= 0 && seq < this.seqIndex.length ? (this.seqIndex[seq] as number) : -1;
  }

  private indexSeq(seq: number, c: number): void {
    if (seq >= this.seqIndex.length) {
      const before = this.seqIndex.length;
      const grown = new Int32Array(Math.max(seq + 1, before + (before >> 3) + 1024));
      grown.set(this.seqIndex);
      grown.fill(-1, before);
      this.seqIndex = grown;
    }
    this.seqIndex[seq] = c;
  }

  private rebuild(ws: Workspace, progress: FactsProgress): void {
    const customers = ws.db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    const orders = ws.db.prepare('SELECT count(*) FROM orders').pluck().get() as number;
    this.reset(customers, orders);
    this.generation += 1;
    const total = customers + orders || 1;
    let done = 0;
    const tick = () => {
      done += 1;
      if (done % PROGRESS_EVERY === 0) progress.onProgress?.(done, total);
    };
    this.readAllCustomers(ws, tick);
    // In customer order (orders_customer_idx covers every column, rowid included), so the
    // customer lookup runs once per customer rather than once per order.
    let lastId = '';
    let lastIndex = -1;
    for (const row of ws.db
      .prepare(`SELECT ${ORDER_COLUMNS} FROM orders INDEXED BY orders_customer_idx ORDER BY customer_id`)
      .raw(true)
      .iterate() as IterableIterator<OrderRow>) {
      if (row[1] !== lastId) {
        lastId = row[1];
        lastIndex = this.customerOf(lastId);
      }
      this.appendOrder(row, lastIndex);
      tick();
    }
    progress.onProgress?.(total, total);
  }

  /** Re-reads what changed after `from`; false when only a rebuild can be trusted. */
  private applyChanges(ws: Workspace, from: number, top: number): boolean {
    const customers = new Set<string>();
    const orders = new Set<string>();
    // NOT INDEXED: by the entity index SQLite would walk every customer and order entry ever
    // logged (tens of millions) to find the few after the cursor.
    for (const [entity, id] of ws.db
      .prepare(
        "SELECT e.name, l.entity_id FROM change_log l NOT INDEXED JOIN log_names e ON e.n = l.entity WHERE l.n > ? AND l.n <= ? AND e.name IN ('customer', 'order')",
      )
      .raw(true)
      .iterate(from, top) as IterableIterator<[string, Buffer | string]>) {
      if (entity === 'customer') customers.add(decodeId(id));
      else if (orders.add(decodeId(id)).size > FACTS_LIMITS.rebuildAfterOrderChanges) return false;
    }
    if (customers.size > FACTS_LIMITS.rereadCustomersAfter) this.readAllCustomers(ws);
    else {
      for (const chunk of chunks([...customers])) {
        for (const row of ws.db
          .prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id IN (${marks(chunk.length)})`)
          .raw(true)
          .all(...chunk) as CustomerRow[])
          this.putCustomer(row);
      }
    }
    const rows: OrderRow[] = [];
    for (const chunk of chunks([...orders]))
      rows.push(
        ...(ws.db
          .prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id IN (${marks(chunk.length)})`)
          .raw(true)
          .all(...chunk) as OrderRow[]),
      );
    rows.sort((a, b) => a[0] - b[0]);
    for (const row of rows) {
      const c = this.customerOf(row[1]);
      if (c < 0) return false;
      const at = this.findOrder(c, row[0]);
      if (at >= 0) this.setOrder(at, row);
      // An order read before but not in its customer's chain moved customer: rebuild.
      else if (row[0] <= this.maxOrderRowid) return false;
      else this.appendOrder(row, c);
    }
    return true;
  }

  private readAllCustomers(ws: Workspace, each?: () => void): void {
    for (const row of ws.db
      .prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers ORDER BY rowid`)
      .raw(true)
      .iterate() as IterableIterator<CustomerRow>) {
      this.putCustomer(row);
      each?.();
    }
  }

  private findOrder(customer: number, rowid: number): number {
    for (let f = this.customerHead[customer] ?? -1; f >= 0; f = this.orderNext[f] ?? -1) if (this.orderRowid[f] === rowid) return f;
    return -1;
  }

  private putCustomer(row: CustomerRow): void {
    const [id, deleted, level, seq, ...coded] = row;
    let c = this.customerIndex.get(id);
    if (c === undefined) {
      c = this.customerCount++;
      this.customerIndex.set(id, c);
      this.customerIds.push(id);
      this.customerDeleted = ensureCapacity(this.customerDeleted, this.customerCount);
      for (const { column } of CODED_CUSTOMER_FIELDS) this[column] = ensureCapacity(this[column], this.customerCount);
      this.customerLevel = ensureCapacity(this.customerLevel, this.customerCount);
      const before = this.customerHead.length;
      this.customerHead = ensureCapacity(this.customerHead, this.customerCount);
      this.customerHead.fill(-1, before);
      this.customerSeq = ensureCapacity(this.customerSeq, this.customerCount);
    }
    this.customerSeq[c] = seq;
    this.indexSeq(seq, c);
    this.customerDeleted[c] = deleted ? 1 : 0;
    CODED_CUSTOMER_FIELDS.forEach(({ column, dictionary }, i) => {
      this[column][c] = this[dictionary].code(coded[i] ?? null);
    });
    this.customerLevel[c] = level ?? Number.NaN;
  }

  private appendOrder(row: OrderRow, customer: number): void {
    if (customer < 0) throw new KecardError('INTERNAL', 'An order refers to a customer that does not exist.', { order: row[0] });
    const f = this.orderCount++;
    if (f >= this.orderRowid.length) {
      this.orderRowid = ensureCapacity(this.orderRowid, f + 1);
      this.orderCustomer = ensureCapacity(this.orderCustomer, f + 1);
      this.orderDay = ensureCapacity(this.orderDay, f + 1);
      this.orderTotal = ensureCapacity(this.orderTotal, f + 1);
      this.orderLive = ensureCapacity(this.orderLive, f + 1);
      this.orderState = ensureCapacity(this.orderState, f + 1);
      this.orderNext = ensureCapacity(this.orderNext, f + 1);
    }
    this.orderCustomer[f] = customer;
    this.orderNext[f] = this.customerHead[customer] ?? -1;
    this.customerHead[customer] = f;
    this.orderState[f] = 0;
    this.setOrder(f, row);
    if (row[0] > this.maxOrderRowid) this.maxOrderRowid = row[0];
  }

  private setOrder(f: number, [rowid, , day, total, live, state]: OrderRow): void {
    this.orderRowid[f] = rowid;
    this.orderDay[f] = day ?? 0;
    this.orderTotal[f] = total;
    this.orderLive[f] = live && day !== null ? 1 : 0;
    this.oddOrders += (isOddOrder(state) ? 1 : 0) - (isOddOrder(this.orderState[f] ?? 0) ? 1 : 0);
    this.orderState[f] = state;
  }

  /** Sized for what is there plus a little: doubling a 10M-order column on the last append would hold twice the memory. */
  private reset(customers: number, orders: number): void {
    const c = customers + (customers >> 5) + 16;
    const o = orders + (orders >> 5) + 16;
    this.customerCount = 0;
    this.customerIds = [];
    this.customerIndex.clear();
    this.customerDeleted = new Uint8Array(c);
    for (const { column } of CODED_CUSTOMER_FIELDS) this[column] = new Int32Array(c);
    this.customerLevel = new Float64Array(c);
    this.customerHead = new Int32Array(c).fill(-1);
    this.customerSeq = new Float64Array(c);
    this.seqIndex = new Int32Array(0);
    this.orderCount = 0;
    this.orderRowid = new Float64Array(o);
    this.orderCustomer = new Int32Array(o);
    this.orderDay = new Int32Array(o);
    this.orderTotal = new Float64Array(o);
    this.orderLive = new Uint8Array(o);
    this.orderState = new Uint8Array(o);
    this.orderNext = new Int32Array(o);
    this.maxOrderRowid = 0;
    this.oddOrders = 0;
  }
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += ID_CHUNK) yield items.slice(i, i + ID_CHUNK);
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Day number of an ISO date (YYYY-MM-DD), the unit of orderDay. */
export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
