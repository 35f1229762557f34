import type { AppliedBundle } from '../../../src-shared/domain/sync';
import type { BundleHeader } from '../../../src-shared/domain/sync-bundle';
import { KecardError } from '../../../src-shared/errors';
import { applyChange, logChangeOnly } from '../../changelog/apply/apply-change';
import type { CallContext } from '../../changelog/call-context';
import { runWrite } from '../../changelog/write-tx';
import { latestSchemaVersion } from '../../db/migrations-folder';
import type { Workspace } from '../../db/workspace';
import { openBundle } from '../bundle/bundle-file';
import { publicKeysOf, safetyCode, type SitePublicKeys } from '../bundle/site-keys';
import { enrolmentProof, proofHolds } from '../network/invitation-file';
import { maxVector, mySite, partnerByCode, partnerBySite, type Partner } from '../network/sync-tables';
import { recordContests } from '../conflicts/conflict-inbox';
import { clearPartnerError } from '../network/partner-errors';
import { decodePayload } from './bundle-entries';
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
  const { entries, scope } = decodePayload(payload);
  const partner = sender.partner;
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
  runWrite(ws, ctx, (tx) => {
    // Scopes (docs/sync-protocol.md): customers that left this site's scope go first; those coming
    // back after a removal have their entries logged and their rows rebuilt from the whole log.
    for (const id of scope.scopeOut) {
      const gone = removeCustomer(tx, id);
      if (gone) removed.push(gone);
    }
    const returning = new Set(scope.scopeIn.filter((id) => wasRemoved(tx, id)));
    tx.contests = [];
    for (const e of entries) {
      const write = e.change.rootId !== null && returning.has(e.change.rootId) ? logChangeOnly : applyChange;
      if (write(tx, e.change, e.origin)) applied += 1;
    }
    for (const id of returning) rebuildCustomer(tx, id);
    // HQ: the store holds every customer it sent entries of (scope-members.ts).
    if (me.role === 'hq') noteHeldBySender(db, partner.id, new Set(entries.flatMap((e) => (e.change.rootId === null ? [] : [e.change.rootId]))));
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
  });
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

function refuse(reason: string, message: string, extra: Record<string, unknown> = {}): never {
  throw new KecardError('SYNC_REFUSED', message, { reason, ...extra });
}
