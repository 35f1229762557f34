import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { WorkspaceInfo } from '../../src-shared/contract/methods';
import { apiErrorOf, KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import { openWorkspace } from '../db/open-workspace';
import { latestSchemaVersion } from '../db/migrations-folder';
import { WORKSPACE_EXTENSION } from '../db/workspace-format';
import type { Workspace } from '../db/workspace';
import { countCustomers } from '../services/customers/customer-queries';
import { backupDue, createBackup, listBackups, restoreBackupFile } from '../backup/backup-service';
import { StagedFiles } from '../import/staged-files';
import { RecentList } from './recent-list';
import { defaultWorkspacePath } from './user-paths';

export type ShellKind = 'electron' | 'browser';

export const DEMO_WORKSPACE_NAME = '演示数据';

export interface NativeDialogs {
  choosePath(purpose: 'open' | 'create' | 'saveCopy'): Promise<string | null>;
  /** Optional: a spreadsheet or text file to import. */
  chooseImportFile?(): Promise<string | null>;
  /** Optional: where to save a file main produced (an export). */
  chooseSavePath?(fileName: string): Promise<string | null>;
}

export interface AppHostOptions {
  dataDir: string;
  shell: ShellKind;
  emit?: (event: KecardEvent) => void;
  dialogs?: NativeDialogs;
  /** The CLI opens files for a script, not for the user: it leaves the app's recent list alone. */
  rememberRecent?: boolean;
}

/**
 * Owns the open workspace for one app process (Electron main or the browser shell) and the
 * identity of the local user. Single-user for now: the OS user is the manager of their files.
 */
export class AppHost {
  private ws: Workspace | null = null;
  private backupTimer: NodeJS.Timeout | undefined;
  private backupFailure: { path: string; failure: NonNullable<WorkspaceInfo['backupFailure']> } | null = null;
  /** Files chosen for import, by token. */
  readonly staged: StagedFiles;
  readonly recent: RecentList;
  readonly context: CallContext;

  constructor(readonly options: AppHostOptions) {
    this.recent = new RecentList(options.dataDir);
    this.staged = new StagedFiles(options.dataDir);
    this.context = localUserContext();
  }

  emit(event: KecardEvent): void {
    this.options.emit?.(event);
  }

  get workspace(): Workspace {
    if (!this.ws) throw new KecardError('NO_WORKSPACE', 'No workspace is open.');
    return this.ws;
  }

  get hasWorkspace(): boolean {
    return this.ws !== null;
  }

  info(): WorkspaceInfo | null {
    const ws = this.ws;
    if (!ws) return null;
    return {
      path: ws.path,
      name: ws.identity.name,
      siteId: ws.siteId,
      workspaceId: ws.identity.workspaceId,
      schemaVersion: latestSchemaVersion(),
      customerCount: countCustomers(ws),
      userName: this.context.userName,
      role: this.context.role,
      backupPath: ws.backupPath,
      backupFailure: this.backupFailure?.path === ws.path ? this.backupFailure.failure : null,
    };
  }

  /** The last workspace if it still opens, otherwise the default one (created on first start). */
  openStartup(): WorkspaceInfo {
    const last = this.recent.lastOpened();
    if (last && existsSync(last)) {
      try {
        return this.open(last);
      } catch {
        this.recent.forgetLastOpened(); // the UI will show the default; the bad file stays in "recent"
      }
    }
    return this.openDefault();
  }

  openDefault(): WorkspaceInfo {
    const path = defaultWorkspacePath(this.options.dataDir);
    mkdirSync(dirname(path), { recursive: true });
    return this.switchTo(path, !existsSync(path));
  }

  open(path: string): WorkspaceInfo {
    return this.switchTo(resolve(path), false);
  }

  create(path: string): WorkspaceInfo {
    let target = resolve(path);
    if (extname(target) === '') target += WORKSPACE_EXTENSION;
    if (!existsSync(dirname(target))) throw new KecardError('WORKSPACE_NOT_FOUND', 'The folder does not exist.', { path: target });
    return this.switchTo(target, true);
  }

  /**
   * A new workspace for demo data beside the default one (演示数据.kecard, then 演示数据 2.kecard …),
   * opened in place of the current one: trying Kecard never writes invented customers into real ones.
   */
  createDemoWorkspace(): WorkspaceInfo {
    const dir = dirname(defaultWorkspacePath(this.options.dataDir));
    mkdirSync(dir, { recursive: true });
    for (let n = 1; ; n += 1) {
      const path = join(dir, `${DEMO_WORKSPACE_NAME}${n === 1 ? '' : ` ${n}`}${WORKSPACE_EXTENSION}`);
      if (!existsSync(path)) return this.switchTo(path, true);
    }
  }

  /** Writes a consistent copy of the open workspace (SQLite VACUUM INTO) and keeps working on the original. */
  saveCopy(path: string): string {
    const ws = this.workspace;
    let target = resolve(path);
    if (extname(target) === '') target += WORKSPACE_EXTENSION;
    if (existsSync(target)) throw new KecardError('WORKSPACE_EXISTS', 'A file with that name already exists.', { path: target });
    if (!existsSync(dirname(target))) throw new KecardError('WORKSPACE_NOT_FOUND', 'The folder does not exist.', { path: target });
    ws.db.prepare('VACUUM INTO ?').run(target);
    return target;
  }

  /** Replaces a workspace file with one of its backups and opens it. */
  restoreBackup(file: string, path?: string): WorkspaceInfo {
    const target = resolve(path ?? this.workspace.path);
    if (this.ws && this.ws.path === target) {
      this.ws.close();
      this.ws = null;
    }
    restoreBackupFile(target, file);
    return this.switchTo(target, false);
  }

  /** A backup when the newest is older than a day; called at open and hourly while open. */
  async backupIfDue(): Promise<void> {
    const ws = this.ws;
    if (!ws || !backupDue(ws.path)) return;
    try {
      await createBackup(ws, 'scheduled');
    } catch (err) {
      const error = apiErrorOf(err);
      this.backupFailure = { path: ws.path, failure: { ...error, at: new Date().toISOString() } };
      // Now, for a window already open; info() keeps it for one that opens later.
      this.emit({ type: 'backup.failed', reason: 'scheduled', error });
      this.emit({ type: 'workspace.changed', info: this.info() });
      throw err;
    }
    if (this.backupFailure?.path === ws.path) {
      this.backupFailure = null;
      this.emit({ type: 'workspace.changed', info: this.info() });
    }
  }

  startBackupSchedule(): void {
    const tick = () => void this.backupIfDue().catch((err: unknown) => console.error('[kecard] scheduled backup failed', err));
    this.backupTimer ??= setInterval(tick, 3_600_000);
    this.backupTimer.unref();
    tick();
  }

  close(): void {
    if (this.ws) {
      this.ws.close();
      this.ws = null;
      this.recent.forgetLastOpened();
      this.emit({ type: 'workspace.changed', info: null });
    }
  }

  dispose(): void {
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = undefined;
    this.staged.disposeAll();
    this.ws?.close();
    this.ws = null;
  }

  /** Opens the new file first and only then closes the old one, so a refused file changes nothing. */
  private switchTo(path: string, create: boolean): WorkspaceInfo {
    if (this.ws && this.ws.path === path && !create) return this.info() as WorkspaceInfo;
    let next: Workspace;
    try {
      next = openWorkspace(path, { create });
    } catch (err) {
      // A damaged file comes back with the way out: the backups that can replace it.
      if (err instanceof KecardError && err.code === 'WORKSPACE_CORRUPT') {
        throw new KecardError(err.code, err.message, { ...err.details, path, backups: listBackups(path) });
      }
      throw err;
    }
    this.ws?.close();
    this.ws = next;
    if (this.options.rememberRecent !== false) this.recent.remember(path, next.identity.name);
    const info = this.info() as WorkspaceInfo;
    this.emit({ type: 'workspace.changed', info });
    return info;
  }
}

/** The OS user, manager of their own files; shared by the app and the CLI so both log the same user. */
export function localUserContext(): CallContext {
  const name = safeUserName();
  return { userId: `local:${name}`, userName: name, role: 'manager' };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
}
