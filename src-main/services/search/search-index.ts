import { documentTokens } from '../../../src-shared/search/search-tokens';
import type { Workspace } from '../../db/workspace';
import { pinyinKeys } from './pinyin-keys';
import { SEARCH_BLIND } from './search-blind';
import { isSearchPending, pendingSearchRanges } from './search-backlog';

interface SearchSource {
  seq: number;
  name: string;
  short_name: string | null;
  code: string | null;
  phones: string;
  email: string | null;
  deleted: number;
}

/** Rebuilds one customer's search document from its current row and live contacts. */
export function reindexCustomer(ws: Workspace, customerId: string): void {
  const row = ws.db.prepare('SELECT seq, name, short_name, code, phones, email, deleted FROM customers WHERE id = ?').get(customerId) as
    SearchSource | undefined;
  if (!row) return;
  // A customer waiting in the backlog has no document yet; the backlog job writes it from the row as it is then.
  if (isSearchPending(pendingSearchRanges(ws), row.seq)) return;
  ws.db.prepare('DELETE FROM customer_search WHERE rowid = ?').run(row.seq);
  if (row.deleted) return;
  const contacts = ws.db.prepare('SELECT name, mobile, phone FROM contacts WHERE customer_id = ? AND deleted = 0').all(customerId) as {
    name: string;
    mobile: string | null;
    phone: string | null;
  }[];
  ws.db.prepare('INSERT INTO customer_search (rowid, doc) VALUES (?, ?)').run(row.seq, searchDocument(row, contacts));
}

/**
 * reindexCustomer for every customer a transaction touched (recompute-derived.ts): one read of the
 * backlog and statements prepared once, instead of per customer; a bundle's apply touches
 * thousands.
 */
export function reindexCustomers(ws: Workspace, customerIds: Iterable<string>): void {
  const db = ws.db;
  const read = db.prepare('SELECT seq, name, short_name, code, phones, email, deleted FROM customers WHERE id = ?');
  const remove = db.prepare('DELETE FROM customer_search WHERE rowid = ?');
  const contactsOf = db.prepare('SELECT name, mobile, phone FROM contacts WHERE customer_id = ? AND deleted = 0');
  const insert = db.prepare('INSERT INTO customer_search (rowid, doc) VALUES (?, ?)');
  const pending = pendingSearchRanges(ws);
  for (const customerId of customerIds) {
    const row = read.get(customerId) as SearchSource | undefined;
    if (!row || isSearchPending(pending, row.seq)) continue;
    remove.run(row.seq);
    if (row.deleted) continue;
    const contacts = contactsOf.all(customerId) as { name: string; mobile: string | null; phone: string | null }[];
    insert.run(row.seq, searchDocument(row, contacts));
  }
}

export function searchDocument(
  row: Pick<SearchSource, 'name' | 'short_name' | 'code' | 'phones' | 'email'>,
  contacts: readonly { name: string; mobile: string | null; phone: string | null }[],
): string {
  return documentTokens(searchTexts(row, contacts));
}

/**
 * The texts a customer's search document is made of. `blind` (search-visibility.ts) leaves out
 * the fields a caller may not see in clear, for re-checking a candidate against the rest;
 * `pinyin: false` leaves out the pinyin keys (the dearest part), for a cheap first try.
 */
export function searchTexts(
  row: Pick<SearchSource, 'name' | 'short_name' | 'code' | 'phones' | 'email'>,
  contacts: readonly { name: string; mobile: string | null; phone: string | null }[],
  blind = 0,
  pinyin = true,
): (string | null)[] {
  const seen = (bit: number) => (blind & bit) === 0;
  const texts: (string | null)[] = [
    seen(SEARCH_BLIND.name) ? row.name : null,
    seen(SEARCH_BLIND.shortName) ? row.short_name : null,
    seen(SEARCH_BLIND.code) ? row.code : null,
    seen(SEARCH_BLIND.email) ? row.email : null,
  ];
  if (seen(SEARCH_BLIND.phones)) for (const phone of JSON.parse(row.phones) as string[]) texts.push(phone.replace(/\D/g, ''));
  const contactNames = seen(SEARCH_BLIND.contactName) ? contacts.map((c) => c.name) : [];
  if (pinyin) {
    for (const name of [texts[0], texts[1], ...contactNames]) {
      if (!name) continue;
      const keys = pinyinKeys(name);
      texts.push(keys.full, keys.initials);
    }
  }
  for (const c of contacts) {
    texts.push(
      seen(SEARCH_BLIND.contactName) ? c.name : null,
      seen(SEARCH_BLIND.contactMobile) ? (c.mobile?.replace(/\D/g, '') ?? null) : null,
      seen(SEARCH_BLIND.contactPhone) ? (c.phone?.replace(/\D/g, '') ?? null) : null,
    );
  }
  return texts;
}
