import type { AppliedBundle } from '../../../src-shared/domain/sync';
import type { BundleHeader } from '../../../src-shared/domain/sync-bundle';
import { KecardError } from '../../../src-shared/errors';
import { applyChange, logChangeOnly } from '../../changelog/apply/apply-change';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import { latestSchemaVersion } from '../../db/migrations-folder';
import type { Workspace } from '../../db/workspace';
import { withPageCache } from '../../db/page-cache';
import { openBundle } from '../bundle/bundle-file';
import { publicKeysOf, safetyCode, type SitePublicKeys } from '../bundle/site-keys';
import { enrolmentProof, proofHolds } from '../network/invitation-file';
import { maxVector, mySite, partnerByCode, partnerBySite, type Partner } from '../network/sync-tables';
import { recordContests } from '../conflicts/conflict-inbox';
import { clearPartnerError } from '../network/partner-errors';
import { decodePayload, type BundleEntry } from './bundle-entries';
import { rebuildCustomer, removeCustomer, wasRemoved, type RemovedCustomer } from '../scope/customer-removal';
import { noteHeldBySender } from '../scope/scope-members';

/**
 * Applies one complete bundle (all its parts). Everything that can refuse it — network, recipient,
 * sender enrolled and not revoked, schema, every part, hash, signature, each entry's shape — is
 * checked before the first write; then the entries, the acknowledgements and the history row
 * commit in one transaction, so a bundle is applied whole or not at all. A bundle already applied
 * is a no-op that writes nothing.
 */
export function applyBundle(ws: Workspace, ctx: CallContext, parts: Buffer[], header: BundleHeader, now = new Date()): AppliedBundle {
  const started = Date.now();
  const db = ws.db;
  const me = mySite(db);
  if (header.networkId !== me.networkId) refuse('wrongNetwork', 'The bundle belongs to another sync network.');
  if (header.to.siteId !== ws.siteId) refuse('notForThisSite', `The bundle is for ${header.to.name} (${header.to.code}), not this site.`);
  if (header.schemaVersion > latestSchemaVersion()) {
    refuse('newerSchema', `The bundle was made by a newer Kecard (schema ${header.schemaVersion}): upgrade to apply it.`, {
      appVersion: header.appVersion,
    });
  }
  const sender = senderOf(ws, header, me.networkId);
  const { payload } = openBundle(parts, { recipient: me.keys, sender: sender.keys });
  const decoded = decodePayload(payload);
  const entries = decoded.entries;
  const partner = sender.partner;
  // Only HQ decides scopes: removals or returns named in a store's bundle are not obeyed (a store
  // could otherwise take customers out of HQ's file).
  const scope = partner.role === 'hq' ? decoded.scope : { scopeIn: [], scopeOut: [] };
  if (isHeldAlready(partner, header)) {
    return {
      from: { code: partner.code, name: partner.name },
      number: header.number,
      changes: entries.length,
      applied: 0,
      conflicts: 0,
      duplicate: true,
      removed: [],
      enrolled: false,
      safetyCode: null,
    };
  }
  let applied = 0;
  let conflicts = 0;
  const removed: RemovedCustomer[] = [];
  const write = (tx: WriteTx) => {
    // Scopes (docs/sync-protocol.md): customers that left this site's scope go first; those coming
    // back after a removal have their entries logged and their rows rebuilt from the whole log.
    for (const id of scope.scopeOut) {
      const gone = removeCustomer(tx, id);
      if (gone) removed.push(gone);
    }
    const returning = new Set(scope.scopeIn.filter((id) => wasRemoved(tx, id)));
    tx.contests = [];
    tx.derived.deferNewSearch = isLarge(entries.length);
    for (const e of entries) {
      const apply = e.change.rootId !== null && returning.has(e.change.rootId) ? logChangeOnly : applyChange;
      if (apply(tx, e.change, e.origin)) applied += 1;
    }
    for (const id of returning) rebuildCustomer(tx, id);
    // HQ: the store holds every customer it sent entries of (scope-members.ts).
    if (me.role === 'hq') noteHeldBySender(db, partner.id, heldRoots(entries, header.from.siteId));
    recordContests(ws, tx.contests, now);
    conflicts = tx.contests.length;
    tx.contests = null;
    const at = now.toISOString();
    db.prepare(
      `UPDATE sync_partners SET site_id = ?, sign_public = ?, box_public = ?, held_from = ?, their_ack = ?,
         received_number = max(received_number, ?), their_received = max(their_received, ?), last_received_at = ?,
         invite_secret = CASE WHEN ? THEN NULL ELSE invite_secret END
       WHERE id = ?`,
    ).run(
      header.from.siteId,
      sender.keys.signPublic,
      sender.keys.boxPublic,
      JSON.stringify(maxVector(partner.heldFrom, header.vector)),
      JSON.stringify(maxVector(partner.theirAck, header.ack)),
      header.number,
      header.ackNumber ?? 0,
      at,
      // HQ's secret has done its work once the store enrolled; the store's, once HQ has answered
      // (HQ could only encrypt to the key it learned from the enrolment).
      sender.enrolling || partner.role === 'hq' ? 1 : 0,
      partner.id,
    );
    db.prepare(
      "INSERT INTO sync_bundles (direction, partner_id, number, at, changes, applied, conflicts, removed, duration_ms) VALUES ('in', ?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(partner.id, header.number, at, entries.length, applied, conflicts, removed.length, Date.now() - started);
  };
  withPageCache(ws.db, pageCacheKib(entries.length), () => runWrite(ws, ctx, write));
  clearPartnerError(db, partner.id);
  return {
    from: { code: partner.code, name: partner.name },
    number: header.number,
    changes: entries.length,
    applied,
    conflicts,
    duplicate: false,
    removed,
    enrolled: sender.enrolling,
    safetyCode: sender.enrolling ? safetyCode(publicKeysOf(me.keys), sender.keys) : null,
  };
}

/**
 * A large bundle (a store's first, thousands of customers) is applied as an import is written:
 * its new customers' search documents go to the backlog (the FTS insert was a third of the apply
 * and grows with the file; the app's index job or the CLI writes them after the commit, and quick
 * search scans pending customers meanwhile), and its transaction gets a larger page cache
 * (page-cache.ts), since its inserts land all over the customer indexes.
 */
export const LARGE_BUNDLE_ENTRIES = 2_000;

function isLarge(entries: number): boolean {
  return entries >= LARGE_BUNDLE_ENTRIES;
}

/** 0 keeps the connection's own. */
function pageCacheKib(entries: number): number {
  return isLarge(entries) ? 256 * 1024 : 0;
}

/** The sending partner and its keys: enrolled, or a store's first bundle proving its invitation. */
function senderOf(ws: Workspace, header: BundleHeader, networkId: string): { partner: Partner; keys: SitePublicKeys; enrolling: boolean } {
  const db = ws.db;
  const known = partnerBySite(db, header.from.siteId);
  if (known) {
    if (known.revokedAt) refuse('revoked', `${known.name} (${known.code}) has been revoked: its bundles are not applied.`);
    if (!known.keys) refuse('unknownSender', 'The sender is not enrolled.');
    return { partner: known, keys: known.keys, enrolling: false };
  }
  const pending = partnerByCode(db, header.from.code);
  const enrolment = header.enrolment;
  if (!pending || pending.siteId !== null || !enrolment) {
    if (pending?.revokedAt) refuse('revoked', `${pending.name} (${pending.code}) has been revoked: its bundles are not applied.`);
    refuse('unknownSender', `The sender ${header.from.name} (${header.from.code}) is not a partner of this site.`);
  }
  if (pending.revokedAt) refuse('revoked', `${pending.name} (${pending.code}) has been revoked: its bundles are not applied.`);
  if (!pending.inviteSecret) refuse('unknownSender', `${pending.code} has no open invitation.`);
  const expected = enrolmentProof(pending.inviteSecret, networkId, header.from.siteId, enrolment.signPublic, enrolment.boxPublic);
  if (!proofHolds(expected, enrolment.proof)) refuse('badProof', `The bundle does not prove ${pending.code}'s invitation.`);
  return { partner: pending, keys: { signPublic: enrolment.signPublic, boxPublic: enrolment.boxPublic }, enrolling: true };
}

/**
 * Applied already, or superseded: every bundle carries everything the recipient has not
 * acknowledged, so one numbered at or below the last applied holds nothing that is not held — and
 * applying an older one after a newer would bring back a customer the newer one removed.
 */
function isHeldAlready(partner: Partner, header: BundleHeader): boolean {
  return partner.siteId !== null && header.number <= partner.receivedNumber;
}

/**
 * The customers a store's bundle shows it holds: every root of its entries, but those whose last
 * entry from the store itself is its removal ('evict': it stopped holding them; a bundle resent
 * before HQ's acknowledgement must not mark them held again).
 */
function heldRoots(entries: readonly BundleEntry[], senderSiteId: string): Set<string> {
  const roots = new Set<string>();
  for (const e of entries) {
    const root = e.change.rootId;
    if (root === null) continue;
    if (e.origin.siteId === senderSiteId && e.change.op === 'evict') roots.delete(root);
    else roots.add(root);
  }
  return roots;
}

function refuse(reason: string, message: string, extra: Record<string, unknown> = {}): never {
  throw new KecardError('SYNC_REFUSED', message, { reason, ...extra });
}
