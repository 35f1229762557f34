import { basename } from 'node:path';
import { importOutcome, syncExportResult, syncJoinResult, syncNowResult, type SyncStatusOutput } from '../../src-shared/contract/sync-methods';
import type { Workspace } from '../db/workspace';
import { ensurePrivateDir } from '../files/private-files';
import { listConflicts, openConflictCount, resolveConflict } from '../sync/conflicts/conflict-inbox';
import { checkConflictField } from '../people/field-guard';
import { fieldViewFor } from '../people/field-view';
import { notePartnerNotes, type ExportedBundle, type ImportOutcome } from '../sync/exchange/bundle-files';
import type { SyncJobParams } from '../sync/exchange/sync-worker';
import { reachableFolder, setPartnerFolder, type FolderSync } from '../sync/exchange/folder-transport';
import { createNetwork, inviteStore, revokeStore, changeStoreScope, syncStatus } from '../sync/network/network-service';
import { rmSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../files/private-files';
import type { Handlers, RouterDeps } from './handlers';
import type { CallContext } from '../changelog/call-context';
import { auditJobDone } from '../people/audit-log';

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
export function createSyncHandlers({ host, jobs }: RouterDeps): Pick<Handlers, SyncMethod> {
  const ws = () => host.workspace;
  const status = (): SyncStatusOutput => fullStatus(ws());
  // Paths of files the user did not choose stay in main: the renderer sees file names only.
  /** A job's partner notes go to the connection of the workspace it ran on, if that is still the open one. */
  const noteOn = (path: string, notes: ImportOutcome['partnerNotes']) => {
    if (host.hasWorkspace && host.workspace.path === path) notePartnerNotes(host.workspace.db, notes);
  };
  const outcomeForUser = ({ partnerNotes: _notes, ...o }: ImportOutcome) => ({
    applied: o.applied.map(({ files: _files, ...a }) => a),
    waiting: o.waiting.map(({ files: _files, ...w }) => w),
    refused: o.refused.map((r) => ({ ...r, files: r.files.map((f) => basename(f)) })),
  });
  /** One row per import that brought something (applied or refused bundles), counting the changes applied. */
  const auditSyncImport = (path: string, ctx: CallContext, outcome: ImportOutcome) => {
    if (outcome.applied.length === 0 && outcome.refused.length === 0) return;
    auditJobDone(host, path, ctx, {
      action: 'syncImported',
      rowCount: outcome.applied.reduce((n, a) => n + a.applied, 0),
      detail: { from: outcome.applied.map((a) => a.from.code), bundles: outcome.applied.length, refused: outcome.refused.length },
    });
  };
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
      const params: SyncJobParams = { op: 'join', invitationPath: file.path };
      const jobId = jobs.start('sync', ws().path, params, ctx, (result) => syncJoinResult.parse(result));
      // The invitation holds its secret: not kept in staging, whichever way the join ended.
      jobs.whenSettled(jobId, () => host.staged.release(fileToken));
      return { jobId };
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
    // Export, import and 立即同步 run in the 'sync' worker (progress, 取消, the window stays
    // responsive); their answers arrive with job.finished, shaped here for the renderer.
    'sync.export': ({ to }, ctx) => {
      const dir = ensurePrivateDir(host.staged.exportPath(''));
      const params: SyncJobParams = { op: 'export', to: to === null ? 'all' : [to], dir };
      const path = ws().path;
      const jobId = jobs.start('sync', path, params, ctx, (result) => {
        const made = result as ExportedBundle[];
        auditJobDone(host, path, ctx, {
          action: 'syncExported',
          rowCount: made.reduce((n, b) => n + b.changes, 0),
          detail: { to: made.map((b) => b.to), bundles: made.length },
        });
        return syncExportResult.parse({
          bundles: (result as ExportedBundle[]).map((b) => ({
            to: b.to,
            number: b.number,
            changes: b.changes,
            files: b.files.map((path) => ({ downloadToken: host.staged.stageDownload(path, basename(path)), fileName: basename(path) })),
          })),
        });
      });
      // A failed or cancelled export leaves no bundle files behind in staging.
      jobs.whenSettled(jobId, ({ ok }) => (ok ? undefined : rmSync(dir, { recursive: true, force: true })));
      return { jobId };
    },
    'sync.import': ({ fileTokens }, ctx) => {
      const files = fileTokens.map((t) => host.staged.get(t));
      const params: SyncJobParams = { op: 'import', files: files.map((f) => f.path) };
      const path = ws().path;
      const jobId = jobs.start('sync', path, params, ctx, (result) => {
        const outcome = result as ImportOutcome;
        noteOn(path, outcome.partnerNotes);
        auditSyncImport(path, ctx, outcome);
        // Uploads are named by token: the user recognises them by the names they had.
        const names = new Map(files.map((f) => [basename(f.path), f.fileName]));
        const shown = outcomeForUser(outcome);
        return importOutcome.parse({ ...shown, refused: shown.refused.map((r) => ({ ...r, files: r.files.map((f) => names.get(f) ?? f) })) });
      });
      // The uploaded copies go whichever way the job ends; the user chooses the files again to go
      // on after a cancel (a large bundle then goes on where it stopped).
      jobs.whenSettled(jobId, () => {
        for (const t of fileTokens) host.staged.release(t);
      });
      return { jobId };
    },
    'sync.now': ({ code }, ctx) => {
      // An unreachable folder is said at once (and kept as the partner's last error on main's connection).
      reachableFolder(ws(), code);
      const params: SyncJobParams = { op: 'now', code };
      const path = ws().path;
      const jobId = jobs.start('sync', path, params, ctx, (result) => {
        const { sent, received } = result as FolderSync;
        noteOn(path, received.partnerNotes);
        if (sent) auditJobDone(host, path, ctx, { action: 'syncExported', rowCount: sent.changes, detail: { to: [code], bundles: 1, folder: true } });
        auditSyncImport(path, ctx, received);
        return syncNowResult.parse({ sent: sent ? { number: sent.number, changes: sent.changes } : null, received: outcomeForUser(received) });
      });
      return { jobId };
    },
    'sync.chooseFiles': async ({ kind }) => {
      const dialogs = host.options.dialogs;
      if (!dialogs?.chooseSyncFiles) return { native: false, files: [] };
      const paths = await dialogs.chooseSyncFiles(kind);
      return { native: true, files: paths.map((path) => ({ fileToken: host.staged.stagePath(path, basename(path)), fileName: basename(path) })) };
    },
    'conflicts.list': ({ all }) => listConflicts(ws(), { open: all !== true }),
    'conflicts.resolve': ({ id, keep }, ctx) => {
      // Settling a conflict decides a field's value: not for a field the caller may not change.
      resolveConflict(ws(), ctx, id, keep, undefined, (c) => checkConflictField(fieldViewFor(ws(), ctx), c));
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
