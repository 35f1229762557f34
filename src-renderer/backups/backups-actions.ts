import i18next from 'i18next';
import type { WorkspaceInfo } from '../../src-shared/contract/methods';
import type { ApiError } from '../../src-shared/errors';
import { api, ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { useApp, useDataVersion } from '../app/app-store';
import { useCard } from '../card/card-store';
import { toast } from '../components/toast-store';
import { confirmAsk } from '../components/confirm-store';
import { formatDateTime } from '../i18n/labels';
import { useBackups, type BackupInfo } from './backups-store';

const t = i18next.t.bind(i18next);

export function openBackupsDialog(): void {
  if (useApp.getState().workspace) useBackups.getState().set({ open: true });
}

/** Newest first (backups.list's order is not promised). */
export function sortBackups(backups: readonly BackupInfo[]): BackupInfo[] {
  return [...backups].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

function isBackup(value: unknown): value is BackupInfo {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Partial<BackupInfo>;
  return typeof b.file === 'string' && typeof b.takenAt === 'string' && typeof b.reason === 'string' && typeof b.bytes === 'number';
}

/**
 * A WORKSPACE_CORRUPT error carries the file's path and its backups: offer them instead of a
 * plain error. Returns true when the error was taken over.
 */
export function offerRestore(err: unknown): boolean {
  if (!(err instanceof ApiCallError) || err.code !== 'WORKSPACE_CORRUPT') return false;
  const { details, message } = err.error;
  const path = typeof details?.path === 'string' ? details.path : '';
  if (!path) return false;
  const backups = Array.isArray(details?.backups) ? details.backups.filter(isBackup) : [];
  useBackups.getState().set({ corrupt: { path, message, backups: sortBackups(backups) } });
  return true;
}

/** Opens the damaged-workspace dialog for a file, with the backups main listed for it. */
export function offerBackupsFor(path: string, message: string, backups: readonly unknown[]): void {
  useBackups.getState().set({ corrupt: { path, message, backups: sortBackups(backups.filter(isBackup)) } });
}

/** After a restore the restored file is the open workspace: show it afresh. */
export function showRestored(info: WorkspaceInfo): void {
  useCard.getState().reset();
  useApp.getState().setWorkspace(info);
  useDataVersion.getState().bump(['customer', 'contact', 'department', 'employee'], undefined);
  void useApp
    .getState()
    .refreshRecent()
    .catch(() => undefined);
  toast.success(t('bk.restored', { name: info.name }));
}

/**
 * Restores a backup (after the caller's confirmation). A plain backup over an encrypted workspace
 * is refused by main until the user, told plainly that the result will be unencrypted, accepts it
 * (session 15 review, finding 9). False when they did not.
 */
export async function restoreBackup(backup: Pick<BackupInfo, 'file' | 'takenAt'>, path?: string): Promise<boolean> {
  const input = path ? { file: backup.file, path } : { file: backup.file };
  let info: WorkspaceInfo;
  try {
    info = await api.backups.restore(input);
  } catch (err) {
    if (!(err instanceof ApiCallError && err.code === 'CONFLICT' && err.error.details?.reason === 'restoresPlain')) throw err;
    if (!(await confirmAsk(t('enc.restorePlainWarning', { time: formatDateTime(backup.takenAt) }), true))) return false;
    info = await api.backups.restore({ ...input, plainOk: true });
    showRestored(info);
    toast.info(t('enc.restoredPlain'));
    return true;
  }
  showRestored(info);
  return true;
}

/** What a failed automatic backup says to the user (toast, status bar, backups dialog): the failure in their language. */
export function backupFailureText(failure: { code: string; message: string; details?: unknown }): string {
  return t('bk.scheduledFailed', { reason: errorText(t, new ApiCallError(failure as ApiError)) });
}
