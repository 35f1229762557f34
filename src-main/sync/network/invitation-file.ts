import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { KecardError } from '../../../src-shared/errors';

// An invitation (邀请文件) carries HQ's public keys and the store's code and name to the store,
// with a one-time secret. The store's first bundle proves it holds that secret, so HQ enrols the
// site that opened the invitation and no other; both sides then show a safety code to compare by
// phone, which is what makes HQ's keys trustworthy to the store.

export const INVITATION_EXTENSION = '.kcinvite';

const siteSchema = z.object({
  siteId: z.string().min(1).max(64),
  code: z.string().regex(/^[A-Z0-9]{2,8}$/),
  name: z.string().min(1).max(100),
  signPublic: z.string().min(1).max(200),
  boxPublic: z.string().min(1).max(200),
});

const invitationSchema = z.object({
  format: z.literal('kecard-invite'),
  formatVersion: z.literal(1),
  networkId: z.string().min(1).max(64),
  hq: siteSchema,
  store: z.object({ code: z.string().regex(/^[A-Z0-9]{2,8}$/), name: z.string().min(1).max(100) }),
  secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  createdAt: z.string(),
  /** sha256 of the rest: a damaged file is said so, not half read. */
  check: z.string(),
});

export type Invitation = Omit<z.infer<typeof invitationSchema>, 'check'>;

/** An invitation is a few hundred bytes: anything much larger is not one, and is not read whole. */
const MAX_INVITATION_BYTES = 64 * 1024;

export function readInvitationFile(path: string): Buffer {
  if (statSync(path).size > MAX_INVITATION_BYTES) throw badInvitation('too large');
  return readFileSync(path);
}

export function newInviteSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function writeInvitation(invitation: Invitation): Buffer {
  return Buffer.from(`${JSON.stringify({ ...invitation, check: checksum(invitation) }, null, 2)}\n`, 'utf8');
}

export function readInvitation(bytes: Buffer): Invitation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badInvitation('not JSON');
  }
  const result = invitationSchema.safeParse(parsed);
  if (!result.success) throw badInvitation(result.error.issues[0]?.message ?? 'invalid');
  const { check, ...invitation } = result.data;
  if (check !== checksum(invitation)) throw badInvitation('checksum');
  return invitation;
}

function checksum(invitation: Invitation): string {
  const { format, formatVersion, networkId, hq, store, secret, createdAt } = invitation;
  return createHash('sha256').update(JSON.stringify({ format, formatVersion, networkId, hq, store, secret, createdAt })).digest('base64url');
}

function badInvitation(why: string): KecardError {
  return new KecardError('SYNC_REFUSED', `This is not a Kecard invitation, or it is damaged (${why}).`, { reason: 'badInvitation' });
}

/** What a store's first bundle carries to prove it opened the invitation. */
export function enrolmentProof(secret: string, networkId: string, siteId: string, signPublic: string, boxPublic: string): string {
  return createHmac('sha256', Buffer.from(secret, 'base64url')).update(`${networkId}|${siteId}|${signPublic}|${boxPublic}`).digest('base64url');
}

export function proofHolds(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
