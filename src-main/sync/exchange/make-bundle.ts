import type { BundleHeader } from '../../../src-shared/domain/sync-bundle';
import { KecardError } from '../../../src-shared/errors';
import { readOriginChanges, readRootChanges, type OriginChange } from '../../changelog/apply/log-entries';
import { inPlan, planScope, type ScopePlan } from '../scope/scope-members';
import { siteCode } from '../../changelog/site-code';
import { versionVector } from '../../changelog/site-identity';
import { latestSchemaVersion } from '../../db/migrations-folder';
import type { Workspace } from '../../db/workspace';
import { APP_VERSION } from '../../app/version';
import { bundleFileNames, sealBundle } from '../bundle/bundle-file';
import { enrolmentProof } from '../network/invitation-file';
import { mySite, partnerByCode, type Partner } from '../network/sync-tables';
import { encodeEntries } from './bundle-entries';

export interface MadeBundle {
  header: BundleHeader;
  files: { name: string; bytes: Buffer }[];
}

/**
 * The next bundle for a partner: every change this file holds that the partner has not
 * acknowledged (its own aside), and this site's acknowledgement of the partner's stream. Lost
 * bundles heal because the next one carries their changes again; nothing here waits for an answer.
 */
export function makeBundle(ws: Workspace, partnerCode: string, options: { now?: Date; maxPartBytes?: number } = {}): MadeBundle {
  const now = options.now ?? new Date();
  const db = ws.db;
  return db
    .transaction(() => {
      const me = mySite(db);
      const partner = partnerByCode(db, partnerCode.trim().toUpperCase());
      if (!partner)
        throw new KecardError('SYNC_REFUSED', `No partner ${partnerCode} in this network.`, { reason: 'unknownPartner', code: partnerCode });
      if (partner.revokedAt) throw new KecardError('SYNC_REFUSED', `${partner.code} has been revoked.`, { reason: 'revoked', code: partner.code });
      if (!partner.keys || !partner.siteId) {
        // HQ learns a store's keys from the store's first bundle.
        throw new KecardError('SYNC_REFUSED', `${partner.code} has not joined yet: import its first bundle.`, {
          reason: 'notEnrolled',
          code: partner.code,
        });
      }
      const number = partner.sentNumber + 1;
      // HQ sends a store its scope; a store sends HQ everything (docs/sync-protocol.md, "Scopes").
      const plan = me.role === 'hq' && partner.role === 'store' ? planScope(db, partner, number) : null;
      const entries = plan ? withHistoryOf(ws, plan, owedTo(ws, partner, plan), partner) : owedTo(ws, partner, null);
      const byEntity: Record<string, number> = {};
      for (const e of entries) byEntity[e.change.entity] = (byEntity[e.change.entity] ?? 0) + 1;
      const code = siteCode(db) ?? '';
      const keys = me.keys;
      const enrolling = me.role === 'store' && partner.role === 'hq' && partner.inviteSecret !== null;
      const { header, parts } = sealBundle({
        header: {
          format: 'kecard-sync',
          formatVersion: 1,
          networkId: me.networkId,
          from: { siteId: ws.siteId, code, name: me.name },
          to: { siteId: partner.siteId, code: partner.code, name: partner.name },
          number,
          createdAt: now.toISOString(),
          appVersion: APP_VERSION,
          schemaVersion: latestSchemaVersion(),
          vector: versionVector(db),
          ack: partner.heldFrom,
          ackNumber: partner.receivedNumber,
          counts: { changes: entries.length, byEntity },
          enrolment: enrolling
            ? {
                signPublic: keys.signPublic,
                boxPublic: keys.boxPublic,
                proof: enrolmentProof(partner.inviteSecret as string, me.networkId, ws.siteId, keys.signPublic, keys.boxPublic),
              }
            : undefined,
        },
        payload: encodeEntries(entries, plan ? { scopeIn: plan.entering, scopeOut: plan.leaving } : undefined),
        sender: keys,
        recipient: partner.keys,
        ...(options.maxPartBytes !== undefined ? { maxPartBytes: options.maxPartBytes } : {}),
      });
      db.prepare('UPDATE sync_partners SET sent_number = ?, last_sent_at = ? WHERE id = ?').run(number, now.toISOString(), partner.id);
      db.prepare(
        "INSERT INTO sync_bundles (direction, partner_id, number, at, changes, applied, conflicts, duration_ms) VALUES ('out', ?, ?, ?, ?, 0, 0, 0)",
      ).run(partner.id, number, now.toISOString(), entries.length);
      const names = bundleFileNames(header, parts.length);
      return { header, files: parts.map((bytes, i) => ({ name: names[i] as string, bytes })) };
    })
    .immediate();
}

/**
 * Entries of every origin but the partner's own, past what the partner acknowledged, in this
 * file's order; under a scope plan only those the partner is to hold.
 */
function owedTo(ws: Workspace, partner: Partner, plan: ScopePlan | null): OriginChange[] {
  const db = ws.db;
  const sites = db.prepare('SELECT n, site_id AS siteId FROM log_sites').all() as { n: number; siteId: string }[];
  const firstOwed = db.prepare('SELECT min(n) FROM change_log WHERE site = ? AND seq > ?').pluck();
  let start = Infinity;
  for (const s of sites) {
    if (s.siteId === partner.siteId) continue;
    const n = firstOwed.get(s.n, partner.theirAck[s.siteId] ?? 0) as number | null;
    if (n !== null) start = Math.min(start, n);
  }
  if (start === Infinity) return [];
  const out: OriginChange[] = [];
  let after = start - 1;
  for (;;) {
    const batch = readOriginChanges(ws, after, 10_000);
    if (batch.length === 0) return out;
    for (const e of batch) {
      if (e.origin.siteId === partner.siteId || e.origin.seq <= (partner.theirAck[e.origin.siteId] ?? 0)) continue;
      if (plan && !inPlan(plan, e.change.rootId)) continue;
      out.push(e);
    }
    after = batch.at(-1)?.n ?? after;
  }
}

/**
 * Customers entering the partner's scope come with their whole history: entries acknowledged
 * earlier were filtered out while the customer was outside the scope. The partner's own entries
 * stay out (it holds them). Merged into the file's order.
 */
function withHistoryOf(ws: Workspace, plan: ScopePlan, owed: OriginChange[], partner: Partner): OriginChange[] {
  // Nothing acknowledged yet: the owed entries are the whole log already.
  if (plan.entering.length === 0 || Object.keys(partner.theirAck).length === 0) return owed;
  const have = new Set(owed.map((e) => e.n));
  const extra: OriginChange[] = [];
  for (const id of plan.entering) {
    for (const e of readRootChanges(ws, id)) {
      if (e.origin.siteId === partner.siteId || have.has(e.n)) continue;
      have.add(e.n);
      extra.push(e);
    }
  }
  if (extra.length === 0) return owed;
  return [...owed, ...extra].sort((a, b) => a.n - b.n);
}
