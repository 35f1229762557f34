import type { ChangeRecord, WriteTx } from '../write-tx';
import { sideOf, type Contest } from './contests';
import { isLater, latestFieldStamp, type Stamp } from './field-stamps';

// Customer codes are unique among live customers, and two stores may each give out the same one
// (both number from KH0001). When a change from another site brings a code a different live
// customer holds here, both customers are kept: the one whose code was set later is renamed to
// "<code>-<4 characters of its id>", the same on every site that meets the clash (the decision
// depends only on the two stamps), logged as this site's change and put in the conflict inbox.

export interface CodeRename {
  customerId: string;
  from: string;
  to: string;
}

/**
 * The code the incoming customer gets here, and whether the one holding it was renamed instead.
 * `incomingRename` must be logged after the incoming change itself (its create comes first).
 */
export function settleCodeClash(
  tx: WriteTx,
  customerId: string,
  code: unknown,
  stamp: Stamp,
  origin: { siteId: string; userName: string; at: number },
): { code: unknown; incomingRename: CodeRename | null } {
  if (typeof code !== 'string' || code === '') return { code, incomingRename: null };
  const holder = tx.ws.db.prepare('SELECT id FROM customers WHERE code = ? AND deleted = 0 AND id <> ?').pluck().get(code, customerId) as
    string | undefined;
  if (holder === undefined) return { code, incomingRename: null };
  const holderStamp = latestFieldStamp(tx, holder, 'code');
  const incomingLater = holderStamp === null || isLater(stamp, holderStamp);
  const renamed = incomingLater ? customerId : holder;
  const to = freeCode(tx, code, renamed);
  note(tx, renamed, code, to, incomingLater ? origin : holderStamp ? sideOf(tx, holder, holderStamp) : { siteId: tx.ws.siteId, userName: '', at: 0 });
  if (incomingLater) return { code: to, incomingRename: { customerId, from: code, to } };
  tx.ws.db.prepare('UPDATE customers SET code = ? WHERE id = ?').run(to, holder);
  logRename(tx, { customerId: holder, from: code, to });
  return { code, incomingRename: null };
}

/**
 * Logs a rename as this site's change at this site's time, and moves the row's updatedAt to it
 * like any logged change: each site that meets the clash logs its own, and the latest one's time
 * is the row's everywhere once all have arrived.
 */
export function logRename(tx: WriteTx, rename: CodeRename): void {
  tx.log(renameRecord(rename));
  tx.ws.db.prepare('UPDATE customers SET updated_at = max(updated_at, ?) WHERE id = ?').run(tx.at, rename.customerId);
}

function renameRecord(r: CodeRename): ChangeRecord {
  return { op: 'update', entity: 'customer', entityId: r.customerId, rootId: r.customerId, field: 'code', oldValue: r.from, newValue: r.to };
}

function freeCode(tx: WriteTx, code: string, customerId: string): string {
  const hex = customerId.replace(/-/g, '').toUpperCase();
  for (const length of [4, 8, 32]) {
    const candidate = `${code}-${hex.slice(-length)}`;
    if (!tx.ws.db.prepare('SELECT 1 FROM customers WHERE code = ? AND deleted = 0').get(candidate)) return candidate;
  }
  return `${code}-${hex}`;
}

function note(tx: WriteTx, customerId: string, from: string, to: string, renamedSide: { siteId: string; userName: string; at: number }): void {
  if (!tx.contests) return;
  const contest: Contest = {
    kind: 'renamed',
    entity: 'customer',
    entityId: customerId,
    rootId: customerId,
    field: 'code',
    keptValue: to,
    lostValue: from,
    kept: { siteId: tx.ws.siteId, userName: tx.ctx.userName, at: Date.now() },
    lost: renamedSide,
  };
  tx.contests.push(contest);
}
