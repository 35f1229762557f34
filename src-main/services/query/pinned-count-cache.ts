import { decodeId } from '../../changelog/log-codec';
import { localDate } from '../../../src-shared/query/relative-dates';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { ChangeCursor } from '../../changelog/change-cursor';
import type { Workspace } from '../../db/workspace';
import { compileWhere } from './compile-query';
import { factsMatches, factsTest } from './customer-facts-test';
import { countQuery, liveRows } from './run-query';

/**
 * The sidebar's live counts, kept between refreshes. A customer query remembers which customers
 * (by rowid, one bit each) it matched; after writes it re-tests only the customers the change log
 * names as the card each change belongs to (its root), so a count after an edit costs a lookup of
 * a few rows instead of a query over every customer (seconds at 1M). Anything the log cannot pin
 * to customers — a change without a root (a scheme applied, a field defined, staff), a new day
 * (relative dates move), a replaced file, a long backlog — and every contact query, count again.
 */

const MAX_CHANGES = 20_000;
const ID_CHUNK = 500;

interface Entry {
  key: string;
  count: number;
  /** Bit per customer rowid; null for queries counted in full each time (contacts). */
  bits: Uint8Array | null;
}

class CountCache {
  readonly cursor = new ChangeCursor();
  day = '';
  readonly entries = new Map<string, Entry>();
}

const caches = new Map<string, CountCache>();

/** Counts of the given saved queries, current as of now; same results as countQuery on each. */
export function cachedCounts(ws: Workspace, queries: { id: string; definition: QueryDefinition }[], now = new Date()): Map<string, number> {
  let cache = caches.get(ws.path);
  if (!cache) caches.set(ws.path, (cache = new CountCache()));
  const state = cache;
  // One read transaction: the log position and the rows counted belong to the same snapshot.
  return ws.db.transaction(() => {
    const { top, topId, continues } = state.cursor.peek(ws);
    const day = localDate(now);
    const changed = continues && day === state.day ? changedCustomers(ws, state.cursor.position, top) : null;
    if (!changed) state.entries.clear();
    const out = new Map<string, number>();
    for (const q of queries) {
      const key = JSON.stringify(q.definition);
      let entry = state.entries.get(q.id);
      if (!entry || entry.key !== key) entry = countInFull(ws, key, q.definition, now);
      else if (changed && changed.length > 0) {
        if (entry.bits) retest(ws, entry, q.definition, changed, now);
        else entry = countInFull(ws, key, q.definition, now);
      }
      state.entries.set(q.id, entry);
      out.set(q.id, entry.count);
    }
    state.cursor.moveTo(top, topId);
    state.day = day;
    return out;
  })();
}

/** Customers the changes after `from` belong to; null when some change is not a customer's. */
function changedCustomers(ws: Workspace, from: number, top: number): string[] | null {
  if (top - from > MAX_CHANGES) return null;
  const roots = new Set<string>();
  for (const root of ws.db.prepare('SELECT root_id FROM change_log WHERE n > ? AND n <= ?').pluck().iterate(from, top) as IterableIterator<
    Buffer | string | null
  >) {
    if (root === null) return null;
    roots.add(decodeId(root));
  }
  return [...roots];
}

function countInFull(ws: Workspace, key: string, def: QueryDefinition, now: Date): Entry {
  if (def.entity !== 'customer') return { key, count: countQuery(ws, def, now), bits: null };
  const inMemory = factsMatches(ws, def, now);
  if (inMemory) {
    let bits: Uint8Array = new Uint8Array(0);
    for (const c of inMemory.customers) bits = setBit(bits, inMemory.facts.customerSeq[c] as number);
    return { key, count: inMemory.customers.length, bits };
  }
  const where = compileWhere(ws, def, now);
  let bits: Uint8Array = new Uint8Array(0);
  let count = 0;
  for (const rowid of ws.db
    .prepare(`SELECT c.rowid FROM ${liveRows('customer')} AND ${where.sql}`)
    .pluck()
    .iterate(...where.params) as IterableIterator<number>) {
    bits = setBit(bits, rowid);
    count += 1;
  }
  return { key, count, bits };
}

function retest(ws: Workspace, entry: Entry, def: QueryDefinition, customers: string[], now: Date): void {
  // In the query worker, from the facts: a lookup per customer. In SQL the id list competes with
  // the query's own indexes for the plan (10k favourites added: 5.6 s for five pinned queries at 1M).
  const inMemory = factsTest(ws, def, now);
  if (inMemory) {
    const { facts, test } = inMemory;
    for (const id of customers) {
      const c = facts.customerOf(id);
      if (c < 0) continue;
      const rowid = facts.customerSeq[c] as number;
      const was = hasBit(entry.bits as Uint8Array, rowid);
      const is = test(c);
      if (was && !is) {
        clearBit(entry.bits as Uint8Array, rowid);
        entry.count -= 1;
      } else if (is && !was) {
        entry.bits = setBit(entry.bits as Uint8Array, rowid);
        entry.count += 1;
      }
    }
    return;
  }
  const where = compileWhere(ws, def, now);
  for (let i = 0; i < customers.length; i += ID_CHUNK) {
    const ids = customers.slice(i, i + ID_CHUNK);
    // The ids as a list of placeholders, not json_each: with a list of known length SQLite looks
    // the customers up by id; given json_each it walked the query's own index instead (every
    // class-A customer, 1.5 s at 1M, for one edited card).
    const list = ids.map(() => '?').join(', ');
    for (const rowid of ws.db
      .prepare(`SELECT rowid FROM customers WHERE id IN (${list})`)
      .pluck()
      .iterate(...ids) as IterableIterator<number>) {
      if (hasBit(entry.bits as Uint8Array, rowid)) {
        clearBit(entry.bits as Uint8Array, rowid);
        entry.count -= 1;
      }
    }
    for (const rowid of ws.db
      .prepare(`SELECT c.rowid FROM ${liveRows('customer')} AND c.id IN (${list}) AND ${where.sql}`)
      .pluck()
      .iterate(...ids, ...where.params) as IterableIterator<number>) {
      entry.bits = setBit(entry.bits as Uint8Array, rowid);
      entry.count += 1;
    }
  }
}

const hasBit = (bits: Uint8Array, n: number) => n >> 3 < bits.length && ((bits[n >> 3] as number) & (1 << (n & 7))) !== 0;

function clearBit(bits: Uint8Array, n: number): void {
  bits[n >> 3] = (bits[n >> 3] as number) & ~(1 << (n & 7));
}

function setBit(bits: Uint8Array, n: number): Uint8Array {
  let out = bits;
  if (n >> 3 >= out.length) {
    out = new Uint8Array(Math.max(64, (n >> 3) * 2));
    out.set(bits);
  }
  out[n >> 3] = (out[n >> 3] as number) | (1 << (n & 7));
  return out;
}
