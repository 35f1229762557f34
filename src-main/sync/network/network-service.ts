import { v7 as uuidv7 } from 'uuid';
import type { SyncPartnerSummary, SyncScope, SyncSiteSummary } from '../../../src-shared/domain/sync';
import { scopeOf, setPartnerScope } from '../scope/scope-rules';
import { customersInScope } from '../scope/scope-members';
import { decodeId } from '../../changelog/log-codec';
import { partnerError } from './partner-errors';
import { KecardError } from '../../../src-shared/errors';
import type { Workspace } from '../../db/workspace';
import type { CallContext } from '../../changelog/call-context';
import { runWrite } from '../../changelog/write-tx';
import { readRow, updateRow } from '../../services/shared/entity-writes';
import { setSiteCode, siteCode } from '../../changelog/site-code';
import { generateSiteKeys, publicKeysOf, safetyCode } from '../bundle/site-keys';
import { newInviteSecret, readInvitation, writeInvitation } from './invitation-file';
import { findMySite, insertMySite, insertPartner, listPartners, mySite, partnerByCode, type Partner } from './sync-tables';

// Sites and enrolment (加入同步组): a workspace is on its own until it creates a network (and is
// HQ, 总部) or opens an invitation (and is a store, 门店). Sync bookkeeping is the site's own and
// is not logged; the data it carries is (docs/sync-protocol.md).

const ALL_CUSTOMERS = JSON.stringify({ customers: 'all' } satisfies SyncScope);
/** A new store receives the customers whose 门店 is the store (docs/sync-protocol.md, "Scopes"). */
const OWN_CUSTOMERS = JSON.stringify({ customers: 'own' } satisfies SyncScope);

export interface NewSite {
  code: string;
  name: string;
}

export function createNetwork(ws: Workspace, site: NewSite, now = new Date()): SyncSiteSummary {
  const db = ws.db;
  db.transaction(() => {
    if (findMySite(db)) throw new KecardError('SYNC_REFUSED', 'This workspace is in a sync network already.', { reason: 'alreadyInNetwork' });
    checkName(site.name);
    setSiteCode(db, site.code);
    insertMySite(db, { networkId: uuidv7(), role: 'hq', name: site.name.trim(), keys: generateSiteKeys(), joinedAt: now.toISOString() });
  }).immediate();
  return syncStatus(ws);
}

/** HQ adds a store and gets the invitation file to hand it (by e-mail, a USB stick…). */
export function inviteStore(ws: Workspace, store: NewSite, now = new Date()): { invitation: Buffer; fileName: string } {
  const db = ws.db;
  return db
    .transaction(() => {
      const me = mySite(db);
      if (me.role !== 'hq') throw new KecardError('SYNC_REFUSED', 'Only HQ invites stores.', { reason: 'notHq' });
      checkName(store.name);
      const code = store.code.trim().toUpperCase();
      if (code === siteCode(db) || partnerByCode(db, code)) {
        throw new KecardError('DUPLICATE_CODE', `The code ${code} is taken in this network.`, { fields: { code: 'duplicate' } });
      }
      const secret = newInviteSecret();
      insertPartner(db, {
        siteId: null,
        code,
        name: store.name.trim(),
        role: 'store',
        keys: null,
        inviteSecret: secret,
        scope: OWN_CUSTOMERS,
        createdAt: now.toISOString(),
      });
      const invitation = writeInvitation({
        format: 'kecard-invite',
        formatVersion: 1,
        networkId: me.networkId,
        hq: { siteId: ws.siteId, code: siteCode(db) ?? 'HQ', name: me.name, ...publicKeysOf(me.keys) },
        store: { code, name: store.name.trim() },
        secret,
        createdAt: now.toISOString(),
      });
      return { invitation, fileName: `${me.name}-${store.name.trim()}-邀请${'.kcinvite'}`.replace(/[\\/:*?"<>|]/g, '_') };
    })
    .immediate();
}

/**
 * A store opens its invitation: this workspace (new or with data of its own) joins HQ's network.
 * Its own customers without a 门店 become the store's (logged, so HQ learns it with the rest):
 * otherwise the store's first exchange would take them out of its scope.
 */
export function joinNetwork(
  ws: Workspace,
  ctx: CallContext,
  invitationBytes: Buffer,
  now = new Date(),
): { hq: { code: string; name: string }; safetyCode: string } {
  const invitation = readInvitation(invitationBytes);
  const db = ws.db;
  return runWrite(
    ws,
    ctx,
    (tx) => {
      if (findMySite(db)) throw new KecardError('SYNC_REFUSED', 'This workspace is in a sync network already.', { reason: 'alreadyInNetwork' });
      if (invitation.hq.siteId === ws.siteId) {
        throw new KecardError('SYNC_REFUSED', 'An invitation is opened by the store, not by HQ itself.', { reason: 'badInvitation' });
      }
      const keys = generateSiteKeys();
      setSiteCode(db, invitation.store.code);
      insertMySite(db, { networkId: invitation.networkId, role: 'store', name: invitation.store.name, keys, joinedAt: now.toISOString() });
      const hqKeys = { signPublic: invitation.hq.signPublic, boxPublic: invitation.hq.boxPublic };
      // The store keeps the secret until HQ has answered: its bundles prove the enrolment till then.
      insertPartner(db, {
        siteId: invitation.hq.siteId,
        code: invitation.hq.code,
        name: invitation.hq.name,
        role: 'hq',
        keys: hqKeys,
        inviteSecret: invitation.secret,
        scope: ALL_CUSTOMERS,
        createdAt: now.toISOString(),
      });
      const unassigned = db.prepare('SELECT id FROM customers WHERE store_code IS NULL').pluck().all() as string[];
      for (const id of unassigned) {
        const before = readRow(tx, 'customer', id);
        if (before) updateRow(tx, 'customer', id, before, { storeCode: invitation.store.code });
      }
      return { hq: { code: invitation.hq.code, name: invitation.hq.name }, safetyCode: safetyCode(publicKeysOf(keys), hqKeys) };
    },
    { source: 'sync:join' },
  );
}

/** HQ stops a store: its bundles are refused from now on and none is made for it. */
export function revokeStore(ws: Workspace, code: string, now = new Date()): void {
  const db = ws.db;
  db.transaction(() => {
    const me = mySite(db);
    if (me.role !== 'hq') throw new KecardError('SYNC_REFUSED', 'Only HQ revokes stores.', { reason: 'notHq' });
    const partner = partnerByCode(db, code.trim().toUpperCase());
    if (!partner) throw new KecardError('SYNC_REFUSED', `No store ${code} in this network.`, { reason: 'unknownPartner', code });
    db.prepare('UPDATE sync_partners SET revoked_at = coalesce(revoked_at, ?), invite_secret = NULL WHERE id = ?').run(now.toISOString(), partner.id);
  }).immediate();
}

/**
 * 门店管理 → 修改范围, `sync.setScope`, `kecard site scope`: the rule itself and its checks are
 * scope-rules.ts's; the codes go in sorted and once, so an unchanged scope compares equal. Answers
 * the status the screen shows next.
 */
export function changeStoreScope(ws: Workspace, code: string, scope: SyncScope): SyncSiteSummary {
  const normal: SyncScope = scope.customers === 'stores' ? { customers: 'stores', stores: [...new Set(scope.stores)].sort() } : scope;
  setPartnerScope(ws.db, code, normal);
  return syncStatus(ws);
}

export function syncStatus(ws: Workspace): SyncSiteSummary {
  const db = ws.db;
  const me = findMySite(db);
  return {
    networkId: me?.networkId ?? null,
    role: me?.role ?? null,
    code: me ? siteCode(db) : null,
    name: me?.name ?? null,
    siteId: ws.siteId,
    partners: me ? listPartners(db).map((p) => summary(ws, p, publicKeysOf(me.keys))) : [],
  };
}

function summary(ws: Workspace, p: Partner, mine: { signPublic: string; boxPublic: string }): SyncPartnerSummary {
  return {
    code: p.code,
    name: p.name,
    role: p.role,
    siteId: p.siteId,
    enrolled: p.keys !== null && p.siteId !== null,
    revoked: p.revokedAt !== null,
    sentNumber: p.sentNumber,
    receivedNumber: p.receivedNumber,
    lastSentAt: p.lastSentAt,
    lastReceivedAt: p.lastReceivedAt,
    waiting: waitingFor(ws, p),
    safetyCode: p.keys ? safetyCode(mine, p.keys) : null,
    folder: p.folder,
    scope: scopeOf(p),
    lastError: partnerError(ws.db, p.id),
  };
}

/**
 * Entries this file holds that the partner has not acknowledged (its own changes aside). For a
 * store that receives part of HQ's customers, only the entries it will be sent: those of the
 * customers in its scope and those hanging from no customer (what HQ shares with all).
 */
export function waitingFor(ws: Workspace, p: Partner): number {
  const db = ws.db;
  const sites = db.prepare('SELECT n, site_id AS siteId FROM log_sites').all() as { n: number; siteId: string }[];
  const scoped = p.role === 'store' && scopeOf(p).customers !== 'all' && findMySite(db)?.role === 'hq' ? customersInScope(db, p) : null;
  const count = db.prepare('SELECT count(*) FROM change_log WHERE site = ? AND seq > ?').pluck();
  const byRoot = db.prepare('SELECT root_id AS root, count(*) AS n FROM change_log WHERE site = ? AND seq > ? GROUP BY root_id');
  let waiting = 0;
  for (const s of sites) {
    if (s.siteId === p.siteId) continue;
    const after = p.theirAck[s.siteId] ?? 0;
    if (!scoped) {
      waiting += count.get(s.n, after) as number;
      continue;
    }
    for (const { root, n } of byRoot.all(s.n, after) as { root: Buffer | string | null; n: number }[]) {
      if (root === null || scoped.has(decodeId(root))) waiting += n;
    }
  }
  return waiting;
}

function checkName(name: string): void {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) throw new KecardError('VALIDATION', 'A site needs a name.', { fields: { name: 'required' } });
}
