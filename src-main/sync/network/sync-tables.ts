import type Database from 'better-sqlite3-multiple-ciphers';
import type { SiteRole } from '../../../src-shared/domain/sync';
import { KecardError } from '../../../src-shared/errors';
import type { SiteKeyPair, SitePublicKeys } from '../bundle/site-keys';

// Rows of this file's sync bookkeeping (db/schema/sync.ts). Plain statements: these tables are
// the site's own, never logged or sent.

export interface MySite {
  networkId: string;
  role: SiteRole;
  name: string;
  keys: SiteKeyPair;
  joinedAt: string;
}

export type Vector = Record<string, number>;

export interface Partner {
  id: number;
  siteId: string | null;
  code: string;
  name: string;
  role: SiteRole;
  keys: SitePublicKeys | null;
  inviteSecret: string | null;
  scope: string;
  revokedAt: string | null;
  createdAt: string;
  sentNumber: number;
  receivedNumber: number;
  theirAck: Vector;
  heldFrom: Vector;
  lastSentAt: string | null;
  lastReceivedAt: string | null;
  folder: string | null;
  /** The highest bundle number the partner says it applied from this site. */
  theirReceived: number;
}

interface PartnerRow {
  id: number;
  siteId: string | null;
  code: string;
  name: string;
  role: string;
  signPublic: string | null;
  boxPublic: string | null;
  inviteSecret: string | null;
  scope: string;
  revokedAt: string | null;
  createdAt: string;
  sentNumber: number;
  receivedNumber: number;
  theirAck: string;
  heldFrom: string;
  lastSentAt: string | null;
  lastReceivedAt: string | null;
  folder: string | null;
  theirReceived: number;
}

const PARTNER_COLUMNS = `id, site_id AS siteId, code, name, role, sign_public AS signPublic, box_public AS boxPublic,
  invite_secret AS inviteSecret, scope, revoked_at AS revokedAt, created_at AS createdAt, sent_number AS sentNumber,
  received_number AS receivedNumber, their_ack AS theirAck, held_from AS heldFrom, last_sent_at AS lastSentAt,
  last_received_at AS lastReceivedAt, folder, their_received AS theirReceived`;

export function findMySite(db: Database.Database): MySite | null {
  const row = db
    .prepare(
      `SELECT network_id AS networkId, role, name, sign_public AS signPublic, sign_private AS signPrivate, box_public AS boxPublic,
              box_private AS boxPrivate, joined_at AS joinedAt FROM sync_site WHERE id = 1`,
    )
    .get() as
    | {
        networkId: string;
        role: string;
        name: string;
        signPublic: string;
        signPrivate: string;
        boxPublic: string;
        boxPrivate: string;
        joinedAt: string;
      }
    | undefined;
  if (!row) return null;
  return {
    networkId: row.networkId,
    role: row.role as SiteRole,
    name: row.name,
    keys: { signPublic: row.signPublic, signPrivate: row.signPrivate, boxPublic: row.boxPublic, boxPrivate: row.boxPrivate },
    joinedAt: row.joinedAt,
  };
}

/** This site's membership, or SYNC_REFUSED notInNetwork. */
export function mySite(db: Database.Database): MySite {
  const site = findMySite(db);
  if (!site) throw new KecardError('SYNC_REFUSED', 'This workspace is not in a sync network.', { reason: 'notInNetwork' });
  return site;
}

export function insertMySite(db: Database.Database, site: MySite): void {
  db.prepare(
    `INSERT INTO sync_site (id, network_id, role, name, sign_public, sign_private, box_public, box_private, joined_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(site.networkId, site.role, site.name, site.keys.signPublic, site.keys.signPrivate, site.keys.boxPublic, site.keys.boxPrivate, site.joinedAt);
}

export function listPartners(db: Database.Database): Partner[] {
  return (db.prepare(`SELECT ${PARTNER_COLUMNS} FROM sync_partners ORDER BY id`).all() as PartnerRow[]).map(toPartner);
}

export function partnerByCode(db: Database.Database, code: string): Partner | null {
  const row = db.prepare(`SELECT ${PARTNER_COLUMNS} FROM sync_partners WHERE code = ?`).get(code) as PartnerRow | undefined;
  return row ? toPartner(row) : null;
}

export function partnerBySite(db: Database.Database, siteId: string): Partner | null {
  const row = db.prepare(`SELECT ${PARTNER_COLUMNS} FROM sync_partners WHERE site_id = ?`).get(siteId) as PartnerRow | undefined;
  return row ? toPartner(row) : null;
}

export function insertPartner(
  db: Database.Database,
  p: {
    siteId: string | null;
    code: string;
    name: string;
    role: SiteRole;
    keys: SitePublicKeys | null;
    inviteSecret: string | null;
    scope: string;
    createdAt: string;
  },
): void {
  db.prepare(
    `INSERT INTO sync_partners (site_id, code, name, role, sign_public, box_public, invite_secret, scope, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.siteId, p.code, p.name, p.role, p.keys?.signPublic ?? null, p.keys?.boxPublic ?? null, p.inviteSecret, p.scope, p.createdAt);
}

function toPartner(r: PartnerRow): Partner {
  return {
    id: r.id,
    siteId: r.siteId,
    code: r.code,
    name: r.name,
    role: r.role as SiteRole,
    keys: r.signPublic && r.boxPublic ? { signPublic: r.signPublic, boxPublic: r.boxPublic } : null,
    inviteSecret: r.inviteSecret,
    scope: r.scope,
    revokedAt: r.revokedAt,
    createdAt: r.createdAt,
    sentNumber: r.sentNumber,
    receivedNumber: r.receivedNumber,
    theirAck: JSON.parse(r.theirAck) as Vector,
    heldFrom: JSON.parse(r.heldFrom) as Vector,
    lastSentAt: r.lastSentAt,
    lastReceivedAt: r.lastReceivedAt,
    folder: r.folder,
    theirReceived: r.theirReceived,
  };
}

/** Pointwise maximum: acknowledgements and held vectors only ever grow. */
export function maxVector(a: Vector, b: Vector): Vector {
  const out: Vector = { ...a };
  for (const [site, seq] of Object.entries(b)) out[site] = Math.max(out[site] ?? 0, seq);
  return out;
}

/** Whether `a` holds everything `b` names. */
export function covers(a: Vector, b: Vector): boolean {
  return Object.entries(b).every(([site, seq]) => (a[site] ?? 0) >= seq);
}
