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
import { rebuildCustomer, removeCustomer, wasRemoved } from '../scope/customer-removal';
import { noteHeldBySender } from '../scope/scope-members';
import { clearPartialApply, readPartialApply, savePartialApply, type PartialApply } from './partial-apply';

export interface ApplyOptions {
  now?: Date;
  /** Entries gone through, of all the bundle's; called between batches of entries. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches: a cancel rolls back the batch's transaction (see `CHUNK_ENTRIES`). */
  isCancelled?: () => boolean;
  /** Entries per committed chunk of a large bundle (tests use small ones). */
  chunkEntries?: number;
}

/**
 * A bundle of more entries than this (a store's first, thousands of customers) is applied in
 * chunks of this many, each its own transaction (partial-apply.ts): cancel, a crash or a kill
 * loses one chunk at most and importing the bundle again goes on. Smaller bundles are applied in
 * one transaction, whole or not at all. 20,000 entries take about 2.5 s to apply.
 */
export const CHUNK_ENTRIES = 20_000;
/** Entries between progress reports and cancel checks. */
const BATCH = 1_000;

/**
 * Applies one complete bundle (all its parts). Everything that can refuse it — network, recipient,
 * sender enrolled and not revoked, schema, every part, hash, signature, each entry's shape — is
 * checked before the first write; then the entries, the acknowledgements and the history row
 * commit in one transaction, so a bundle is applied whole or not at all (a large one in resumable
 * chunks, the acknowledgements with the last). A bundle already applied is a no-op that writes
 * nothing.
 */
export function applyBundle(ws: Workspace, ctx: CallContext, parts: Buffer[], header: BundleHeader, options: ApplyOptions = {}): AppliedBundle {
  const now = options.now ?? new Date();
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
  if (isHeldAlready(partner, header)) return superseded(partner, header, entries.length);
  const total = entries.length;
  const chunk = Math.max(1, options.chunkEntries ?? CHUNK_ENTRIES);
  const earlier = readPartialApply(db, partner.id);
  // An older bundle than one partly applied holds nothing that one does not: superseded (it could
  // otherwise bring back customers the newer one removed).
  if (earlier && header.number < earlier.number) return superseded(partner, header, total);
  const state: PartialApply =
    earlier && earlier.number === header.number && total > chunk
      ? earlier
      : // A later bundle carries all an unfinished one did; the customers that one removed are
        // named with this one's answer (they are gone already, so this one's removals skip them).
        { number: header.number, done: 0, applied: 0, conflicts: 0, removed: earlier?.removed ?? [], returning: [] };
  const cancelled = () => options.isCancelled?.() === true;
  options.onProgress?.(state.done, total);
  /** Entries [from, to) in one transaction; the last chunk also settles the partner's bookkeeping. */
  const write = (tx: WriteTx, to: number) => {
    if (state.done === 0) {
      // Scopes (docs/sync-protocol.md): customers that left this site's scope go first; those
      // coming back after a removal have their entries logged and their rows rebuilt from the
      // whole log (with the last chunk).
      for (const id of scope.scopeOut) {
        const gone = removeCustomer(tx, id);
        if (gone) state.removed.push(gone);
      }
      state.returning = scope.scopeIn.filter((id) => wasRemoved(tx, id));
    }
    const returning = new Set(state.returning);
    tx.contests = [];
    tx.derived.deferNewSearch = isLarge(total);
    for (let i = state.done; i < to; i += 1) {
      if ((i - state.done) % BATCH === 0 && i > state.done) {
        if (cancelled()) throw cancelledAt(state.done, total, state.done > 0);
        options.onProgress?.(i, total);
      }
      const e = entries[i] as BundleEntry;
      const apply = e.change.rootId !== null && returning.has(e.change.rootId) ? logChangeOnly : applyChange;
      if (apply(tx, e.change, e.origin)) state.applied += 1;
    }
    const last = to === total;
    // Rebuilding a returning customer may meet a clash (its code taken here meanwhile): that goes
    // to the inbox with the rest, so the rebuild comes before the contests are recorded.
    if (last) for (const id of returning) rebuildCustomer(tx, id);
    recordContests(ws, tx.contests, now);
    state.conflicts += tx.contests.length;
    tx.contests = null;
    if (!last) {
      savePartialApply(db, partner.id, { ...state, done: to });
      return;
    }
    // HQ: the store holds every customer it sent entries of (scope-members.ts).
    if (me.role === 'hq') noteHeldBySender(db, partner.id, heldRoots(entries, header.from.siteId));
    clearPartialApply(db, partner.id);
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
    ).run(partner.id, header.number, at, total, state.applied, state.conflicts, state.removed.length, Date.now() - started);
  };
  // Chunks commit one by one; a chunk that fails or is cancelled rolls back alone. The state is
  // copied back only after a commit, so a rolled-back chunk's counts do not stay.
  do {
    if (cancelled()) throw cancelledAt(state.done, total, state.done > 0);
    const to = Math.min(total, state.done + chunk);
    const before = { ...state, removed: [...state.removed], returning: [...state.returning] };
    try {
      withPageCache(ws.db, pageCacheKib(total, state.done === 0 ? scope.scopeOut.length : 0), () => runWrite(ws, ctx, (tx) => write(tx, to)));
    } catch (err) {
      Object.assign(state, before);
      throw err;
    }
    state.done = to;
    options.onProgress?.(state.done, total);
  } while (state.done < total);
  clearPartnerError(db, partner.id);
  return {
    from: { code: partner.code, name: partner.name },
    number: header.number,
    changes: total,
    applied: state.applied,
    conflicts: state.conflicts,
    duplicate: false,
    removed: state.removed,
    enrolled: sender.enrolling,
    safetyCode: sender.enrolling ? safetyCode(publicKeysOf(me.keys), sender.keys) : null,
  };
}

/** Applied already, or superseded by a later bundle of the partner: a no-op, reported as a duplicate. */
function superseded(partner: Partner, header: BundleHeader, changes: number): AppliedBundle {
  return {
    from: { code: partner.code, name: partner.name },
    number: header.number,
    changes,
    applied: 0,
    conflicts: 0,
    duplicate: true,
    removed: [],
    enrolled: false,
    safetyCode: null,
  };
}

/** Cancelled at entry `done`: what is committed stays when the bundle goes in chunks, and importing it again goes on. */
function cancelledAt(done: number, total: number, resumable: boolean): KecardError {
  return new KecardError(
    'JOB_CANCELLED',
    resumable ? `Cancelled after ${done} of ${total} changes: import the bundle again to go on.` : 'Cancelled: nothing was applied.',
    { reason: resumable ? 'partly' : 'nothing', done, total },
  );
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

/**
 * 0 keeps the connection's own. Removing many customers (a scope narrowed) touches every table's
 * pages as much as inserting them does: each removed customer counts as ten entries.
 */
function pageCacheKib(entries: number, removals: number): number {
  return isLarge(entries + removals * 10) ? 256 * 1024 : 0;
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
