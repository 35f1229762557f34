import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { siteCode } from '../../changelog/site-code';
import type { Workspace } from '../../db/workspace';
import { ensurePrivateDir } from '../../files/private-files';
import { partnerByCode, type Partner } from '../network/sync-tables';
import { notePartnerError } from '../network/partner-errors';
import { exportBundles, importBundles, type ImportOutcome, type ImportProgress } from './bundle-files';

// The folder transport: both sites of a pair reach one folder (a share over VPN, a network drive,
// a synced cloud folder, a USB stick carried between them). Each writes its bundles into the
// other's "to-<code>" subfolder and applies what is in its own, moving applied files to
// "to-<code>/processed". 立即同步 does both.

export function setPartnerFolder(ws: Workspace, code: string, folder: string | null): Partner {
  const partner = partnerByCode(ws.db, code.trim().toUpperCase());
  if (!partner) throw new KecardError('SYNC_REFUSED', `No partner ${code} in this network.`, { reason: 'unknownPartner', code });
  if (folder !== null) {
    if (!isAbsolute(folder)) throw new KecardError('SYNC_FOLDER', 'Give the full path of the folder.', { reason: 'relative', folder });
    if (!existsSync(folder)) throw new KecardError('SYNC_FOLDER', 'The folder does not exist.', { reason: 'missing', folder });
    if (!statSync(folder).isDirectory()) throw new KecardError('SYNC_FOLDER', 'That is a file, not a folder.', { reason: 'notFolder', folder });
  }
  ws.db.prepare('UPDATE sync_partners SET folder = ? WHERE id = ?').run(folder, partner.id);
  return partnerByCode(ws.db, partner.code) as Partner;
}

export interface FolderSync {
  /** Null while the partner has not enrolled (HQ waits for the store's first bundle) or is revoked. */
  sent: { number: number; changes: number; files: string[] } | null;
  received: ImportOutcome;
}

/**
 * The partner's folder, if it can be reached now; otherwise refused, and an unreachable folder
 * kept as the partner's last error on this connection (main checks before it starts the job).
 */
export function reachableFolder(ws: Workspace, code: string): { partner: Partner; folder: string } {
  const partner = partnerByCode(ws.db, code.trim().toUpperCase());
  if (!partner) throw new KecardError('SYNC_REFUSED', `No partner ${code} in this network.`, { reason: 'unknownPartner', code });
  if (!partner.folder) throw new KecardError('SYNC_FOLDER', `No folder is set for ${partner.code}.`, { reason: 'notSet', code: partner.code });
  if (!existsSync(partner.folder)) {
    // An unplugged disk or a share not connected: said so (and kept as the partner's last error),
    // and nothing is made or applied.
    const error = new KecardError('SYNC_FOLDER', 'The folder cannot be reached.', { reason: 'missing', folder: partner.folder });
    notePartnerError(ws.db, partner.id, { code: error.code, reason: 'missing', message: error.message });
    throw error;
  }
  return { partner, folder: partner.folder };
}

export function syncThroughFolder(ws: Workspace, ctx: CallContext, code: string, progress: ImportProgress = {}): FolderSync {
  const { partner, folder } = reachableFolder(ws, code);
  const mine = siteCode(ws.db) ?? '';
  const inbox = ensurePrivateDir(join(folder, `to-${mine}`));
  // Received first: the bundle sent next then acknowledges what just arrived (and a store's first
  // bundle enrols it, so HQ can answer at once).
  const received = importBundles(ws, ctx, [inbox], { processedDir: join(inbox, 'processed'), ...progress });
  const now = partnerByCode(ws.db, partner.code) as Partner;
  if (!now.keys || now.revokedAt) return { sent: null, received };
  const [sent] = exportBundles(ws, ensurePrivateDir(join(folder, `to-${partner.code}`)), [partner.code]);
  if (!sent) throw new Error('no bundle made');
  return { sent: { number: sent.number, changes: sent.changes, files: sent.files }, received };
}
