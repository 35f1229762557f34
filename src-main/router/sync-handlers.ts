import { basename } from 'node:path';
import type { SyncStatusOutput } from '../../src-shared/contract/sync-methods';
import type { Workspace } from '../db/workspace';
import { ensurePrivateDir } from '../files/private-files';
import { listConflicts, openConflictCount, resolveConflict } from '../sync/conflicts/conflict-inbox';
import { exportBundles, importBundles, type ImportOutcome } from '../sync/exchange/bundle-files';
import { setPartnerFolder, syncThroughFolder } from '../sync/exchange/folder-transport';
import { readInvitationFile } from '../sync/network/invitation-file';
import { createNetwork, inviteStore, joinNetwork, revokeStore, changeStoreScope, syncStatus } from '../sync/network/network-service';
import { writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../files/private-files';
import type { Handlers, RouterDeps } from './handlers';

type SyncMethod =
  | 'sync.status'
  | 'sync.createNetwork'
  | 'sync.invite'
  | 'sync.join'
  | 'sync.revoke'
  | 'sync.setScope'
  | 'sync.setFolder'
  | 'sync.export'
  | 'sync.import'
  | 'sync.now'
  | 'sync.chooseFiles'
  | 'conflicts.list'
  | 'conflicts.resolve';

/** The 同步中心's calls: the services of src-main/sync behind the router's validation and roles. */
export function createSyncHandlers({ host }: RouterDeps): Pick<Handlers, SyncMethod> {
  const ws = () => host.workspace;
  const status = (): SyncStatusOutput => fullStatus(ws());
  // Paths of files the user did not choose stay in main: the renderer sees file names only.
  const outcomeForUser = (o: ImportOutcome) => ({
    applied: o.applied.map(({ files: _files, ...a }) => a),
    waiting: o.waiting.map(({ files: _files, ...w }) => w),
    refused: o.refused.map((r) => ({ ...r, files: r.files.map((f) => basename(f)) })),
  });
  return {
    'sync.status': status,
    'sync.createNetwork': ({ code, name }) => {
      createNetwork(ws(), { code, name });
      return status();
    },
    'sync.invite': ({ code, name }) => {
      const { invitation, fileName } = inviteStore(ws(), { code, name });
      const path = host.staged.exportPath('.kcinvite');
      writeFileSync(path, invitation, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
      return { downloadToken: host.staged.stageDownload(path, fileName), fileName };
    },
    'sync.join': ({ fileToken }, ctx) => {
      const file = host.staged.get(fileToken);
      const joined = joinNetwork(ws(), ctx, readInvitationFile(file.path));
      host.staged.release(fileToken);
      return joined;
    },
    'sync.revoke': ({ code }) => {
      revokeStore(ws(), code);
      return status();
    },
    'sync.setScope': ({ code, scope }) => {
      changeStoreScope(ws(), code, scope);
      return status();
    },
    'sync.setFolder': ({ code, folder }) => {
      setPartnerFolder(ws(), code, folder);
      return status();
    },
    'sync.export': ({ to }) => {
      const dir = ensurePrivateDir(host.staged.exportPath(''));
      const made = exportBundles(ws(), dir, to === null ? 'all' : [to]);
      return {
        bundles: made.map((b) => ({
          to: b.to,
          number: b.number,
          changes: b.changes,
          files: b.files.map((path) => ({ downloadToken: host.staged.stageDownload(path, basename(path)), fileName: basename(path) })),
        })),
      };
    },
    'sync.import': ({ fileTokens }, ctx) => {
      const files = fileTokens.map((t) => host.staged.get(t));
      const outcome = importBundles(
        ws(),
        ctx,
        files.map((f) => f.path),
      );
      for (const t of fileTokens) host.staged.release(t);
      // Uploads are named by token: the user recognises them by the names they had.
      const names = new Map(files.map((f) => [basename(f.path), f.fileName]));
      const shown = outcomeForUser(outcome);
      return { ...shown, refused: shown.refused.map((r) => ({ ...r, files: r.files.map((f) => names.get(f) ?? f) })) };
    },
    'sync.now': ({ code }, ctx) => {
      const { sent, received } = syncThroughFolder(ws(), ctx, code);
      return { sent: sent ? { number: sent.number, changes: sent.changes } : null, received: outcomeForUser(received) };
    },
    'sync.chooseFiles': async ({ kind }) => {
      const dialogs = host.options.dialogs;
      if (!dialogs?.chooseSyncFiles) return { native: false, files: [] };
      const paths = await dialogs.chooseSyncFiles(kind);
      return { native: true, files: paths.map((path) => ({ fileToken: host.staged.stagePath(path, basename(path)), fileName: basename(path) })) };
    },
    'conflicts.list': ({ all }) => listConflicts(ws(), { open: all !== true }),
    'conflicts.resolve': ({ id, keep }, ctx) => {
      resolveConflict(ws(), ctx, id, keep);
      return { ok: true as const };
    },
  };
}

function fullStatus(ws: Workspace): SyncStatusOutput {
  const history = ws.db
    .prepare(
      `SELECT b.direction, p.code AS partner, b.number, b.at, b.changes, b.applied, b.conflicts
       FROM sync_bundles b JOIN sync_partners p ON p.id = b.partner_id ORDER BY b.id DESC LIMIT 50`,
    )
    .all() as SyncStatusOutput['history'];
  return { ...syncStatus(ws), openConflicts: openConflictCount(ws), history };
}
