import { ChangeFeed } from '../changelog/change-feed';
import { forkSite } from '../changelog/site-identity';
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { WorkspaceInfo } from '../../src-shared/contract/methods';
import { apiErrorOf, KecardError } from '../../src-shared/errors';
import { forgetKey, keyFor, openSqlite, rememberKey, type WorkspaceKey } from '../db/workspace-key';
import { copyKeysFile, keysFilePath } from '../db/keys-file';
import { slowDownMs } from '../people/sign-in';
import { unlockWithPassword, unlockWithRecoveryCode } from '../people/workspace-encryption';
import type { CallContext } from '../changelog/call-context';
import { openWorkspace } from '../db/open-workspace';
import { latestSchemaVersion } from '../db/migrations-folder';
import { MAIN_BUSY_TIMEOUT_MS } from '../db/pragmas';
import { acquireWorkspaceLock, currentHolder, lockedError, type LockApp, type WorkspaceLock } from '../db/workspace-lock';
import { WORKSPACE_EXTENSION } from '../db/workspace-format';
import type { Workspace } from '../db/workspace';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../files/private-files';
import { finishPurges } from '../services/customers/purge-customer';
import { searchCompactionPending } from '../services/search/search-compaction';
import { countCustomers } from '../services/customers/customer-queries';
import {
  backupDue,
  checkRestorable,
  createBackup,
  listBackups,
  removePartialFiles,
  restoreBackupFile,
  type RestoreOptions,
  type CheckedBackup,
} from '../backup/backup-service';
import { StagedFiles } from '../import/staged-files';
import { RecentList } from './recent-list';
import { SessionStore } from '../people/sessions';
import { WindowSession } from '../people/window-session';
import type { SessionState } from '../../src-shared/domain/people';
import { defaultWorkspacePath } from './user-paths';
import { rulesFor } from '../people/permission-policy';
import { scopeFor, withScope } from '../people/record-scope';
import { DEFAULT_POLICY, rulesOf, type RoleRules } from '../../src-shared/domain/permissions';

export type ShellKind = 'electron' | 'browser';

export const DEMO_WORKSPACE_NAME = '演示数据';

export interface NativeDialogs {
  choosePath(purpose: 'open' | 'create' | 'saveCopy'): Promise<string | null>;
  /** Optional: a spreadsheet or text file to import. */
  chooseImportFile?(): Promise<string | null>;
  /** Optional: where to save a file main produced (an export). */
  chooseSavePath?(fileName: string): Promise<string | null>;
  /** Optional: a folder (where backups go). */
  chooseFolder?(purpose: 'backups'): Promise<string | null>;
  /** Optional: a sync invitation, or sync bundle files (several); none when cancelled. */
  chooseSyncFiles?(kind: 'invitation' | 'bundles'): Promise<string[]>;
}

export interface AppHostOptions {
  dataDir: string;
  shell: ShellKind;
  emit?: (event: KecardEvent) => void;
  dialogs?: NativeDialogs;
  /** The CLI opens files for a script, not for the user: it leaves the app's recent list alone. */
  rememberRecent?: boolean;
  /**
   * A scheduled backup waits until the workspace has been open, and left alone, this long: a
   * full copy of a 10 GB file must not start the moment it opens, nor while someone is typing.
   */
  backupIdleMs?: number;
  /** Announce writes by other connections and processes (change-feed.ts); the CLI does not need it. */
  watchChanges?: boolean;
}

/** Ten minutes after open or after the last call (see AppHostOptions.backupIdleMs). */
export const DEFAULT_BACKUP_IDLE_MS = 10 * 60_000;

/**
 * Owns the open workspace for one app process (Electron main or the browser shell) and the
 * identity of the local user. Single-user for now: the OS user is the manager of their files.
 */
export class AppHost {
  private ws: Workspace | null = null;
  private backupTimer: NodeJS.Timeout | undefined;
  private backupFailure: { path: string; failure: NonNullable<WorkspaceInfo['backupFailure']> } | null = null;
  /** The scheduled backup being written, so quitting or switching can stop it. */
  private backupRun: { cancelled: boolean; done: Promise<unknown> } | null = null;
  private lastActivityAt = Date.now();
  private restoring = false;
  private feed: ChangeFeed | null = null;
  /** A workspace named at startup (--workspace FILE) that does not exist: the UI offers to create it. */
  private missing: string | null = null;
  private startupFailure: { path: string; error: { code: string; message: string; details: Record<string, unknown> } } | null = null;
  /**
   * An encrypted workspace that could not open for want of its key: the sign-in screen is shown
   * for it, and a sign-in unwraps the key from its keys file and opens it (workspace-encryption.ts).
   */
  private locked: string | null = null;
  /** Wrong passwords for the locked file, in memory: the file cannot be opened to count them. */
  private lockedPace = { failures: 0, lastAt: 0 };
  /** The open workspace was opened read-only beside the Kecard that holds it. */
  private readOnly = false;
  /** Files chosen for import, by token. */
  readonly staged: StagedFiles;
  readonly recent: RecentList;
  /** This process's sign-in sessions, and the one of its window (or shell session, or CLI run). */
  readonly sessions = new SessionStore();
  readonly window: WindowSession;

  constructor(readonly options: AppHostOptions) {
    // The data folder holds the default workspace, the recent list and staged files: the user's alone.
    ensurePrivateDir(options.dataDir);
    this.recent = new RecentList(options.dataDir);
    this.staged = new StagedFiles(options.dataDir);
    this.window = new WindowSession(this.sessions, localUserContext().userName);
  }

  /**
   * Who the window's calls come from: the signed-in user of the open workspace (resolved afresh
   * per call), the signed-out context while the workspace waits for a sign-in, and the OS user
   * while no workspace is open (nothing but choosing a workspace can run then).
   */
  get context(): CallContext {
    if (!this.ws || this.restoring) return { ...localUserContext(), origin: 'local' };
    return this.window.context(this.ws);
  }

  /** For work the app starts by itself (integrity check, read-ahead): never refused for lack of a sign-in. */
  get systemContext(): CallContext {
    const ctx = this.context;
    return ctx.signedOut ? localUserContext() : ctx;
  }

  /** Rows changed so far by main's connection to the open workspace (the router's busy retry). */
  writeMark(): number | null {
    if (!this.ws?.db.open) return null;
    return (this.ws.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /** The caller's rules in the open workspace's permission matrix; the defaults while none is open or a restore runs. */
  rulesOf(ctx: CallContext): RoleRules {
    if (!this.ws || this.restoring) return rulesOf(DEFAULT_POLICY, ctx.role);
    return rulesFor(this.ws, ctx);
  }

  sessionState(): SessionState {
    if (!this.ws) return { signInRequired: this.locked !== null, user: null };
    return this.window.state(this.ws);
  }

  /** The encrypted workspace waiting for a sign-in, if any. */
  get lockedWorkspace(): string | null {
    return this.ws ? null : this.locked;
  }

  async signIn(login: string, password: string): Promise<SessionState> {
    const locked = !this.ws ? this.locked : null;
    if (locked) this.unlockAndOpen(locked, () => unlockWithPassword(locked, login, password));
    const state = await this.window.signIn(this.workspace, login, password);
    this.emit({ type: 'workspace.changed', info: this.info() });
    return state;
  }

  async recover(login: string, code: string, password: string): Promise<SessionState & { recoveryCode: string }> {
    // A locked file: the recovery code's own copy of the key opens it (the manager's password is lost).
    const locked = !this.ws ? this.locked : null;
    if (locked) this.unlockAndOpen(locked, () => unlockWithRecoveryCode(locked, login, code));
    const state = await this.window.recover(this.workspace, login, code, password);
    this.emit({ type: 'workspace.changed', info: this.info() });
    return state;
  }

  /**
   * Signing in to a locked file: the password unwraps the key (same answer and pace as a wrong
   * password in sign-in.ts), then the file opens as any other and the sign-in goes on as usual.
   */
  private unlockAndOpen(path: string, unwrap: () => WorkspaceKey | null): void {
    const pace = this.lockedPace;
    const waitMs = pace.failures > 0 ? pace.lastAt + slowDownMs(pace.failures) - Date.now() : 0;
    if (waitMs > 0) {
      throw new KecardError('SIGN_IN_FAILED', `Too many wrong tries: wait ${Math.ceil(waitMs / 1000)} s.`, {
        reason: 'tooSoon',
        waitMs,
        waitSeconds: Math.ceil(waitMs / 1000),
      });
    }
    const key = unwrap();
    if (!key) {
      pace.failures += 1;
      pace.lastAt = Date.now();
      throw new KecardError('SIGN_IN_FAILED', 'Wrong login or password.', {
        reason: 'wrong',
        waitMs: slowDownMs(pace.failures),
        failures: pace.failures,
      });
    }
    rememberKey(path, key);
    this.lockedPace = { failures: 0, lastAt: 0 };
    this.adopt(path, false, null);
  }

  /** 退出登录 / 切换用户: back to the sign-in screen (a one-person workspace without a password signs its owner in again). */
  signOut(): SessionState {
    this.window.signOut(this.ws);
    const state = this.sessionState();
    this.emit({ type: 'workspace.changed', info: this.info() });
    return state;
  }

  /** A user was disabled or their password reset: their sessions in this process end now. */
  endSessionsOf(userId: string): void {
    this.sessions.endForUser(userId);
  }

  emit(event: KecardEvent): void {
    this.options.emit?.(event);
  }

  /** Announces what the log gained since the last look (the router calls this after every call it served, and a job's end). */
  announceChanges(): void {
    try {
      this.feed?.poll();
    } catch (err) {
      // Busy or a damaged log: the timer (or the next call) catches up; a call's answer must not fail for it.
      console.error('[kecard] could not announce changes', err);
    }
  }

  get workspace(): Workspace {
    // While a restore checks its backup and waits for a running backup to stop, nothing may start
    // on the file: a job begun then would write into the file about to be replaced, its "ok" lost.
    if (this.restoring) throw new KecardError('WORKSPACE_BUSY', 'A backup is being restored; try again in a moment.');
    if (!this.ws) throw new KecardError('NO_WORKSPACE', 'No workspace is open.');
    return this.ws;
  }

  get hasWorkspace(): boolean {
    return this.ws !== null;
  }

  /** The open workspace's file (also while a restore runs), for error messages. */
  get workspacePath(): string | null {
    return this.ws?.path ?? null;
  }

  /**
   * `caller`: who asks (workspace.info), when not this computer's window user. The customer count
   * is the caller's: under record scope 'own' the customers they may see, not the file's total.
   */
  info(caller?: CallContext): WorkspaceInfo | null {
    const ws = this.ws;
    if (!ws) return null;
    const ctx = this.context;
    const asker = caller ?? ctx;
    return {
      path: ws.path,
      name: ws.identity.name,
      siteId: ws.siteId,
      workspaceId: ws.identity.workspaceId,
      schemaVersion: latestSchemaVersion(),
      // Before sign-in the start of the window learns the file's name, not what it holds.
      customerCount: ctx.signedOut || asker.signedOut ? 0 : withScope(scopeFor(ws, asker), () => countCustomers(ws)),
      userName: ctx.userName,
      role: ctx.role,
      backupPath: ws.backupPath,
      ...(this.readOnly ? { readOnly: true } : {}),
      backupFailure: this.backupFailure?.path === ws.path ? this.backupFailure.failure : null,
    };
  }

  /**
   * Opens the workspace named on the command line. A file that is not there is no error: nothing
   * opens, and the start screen offers to create it there or open another (workspace.missing).
   */
  openRequested(path: string): WorkspaceInfo | null {
    const target = resolve(path);
    if (!existsSync(target)) {
      this.missing = target;
      return null;
    }
    try {
      return this.open(target);
    } catch (err) {
      // An encrypted copy that cannot even ask for a password (its keys file missing, another
      // workspace's, unreadable), or a file another Kecard holds (who, since when): the start
      // screen says why, naming the file or the holder, not just a log line.
      const says =
        err instanceof KecardError && ((err.code === 'WORKSPACE_ENCRYPTED' && err.details?.reason !== 'signIn') || err.code === 'WORKSPACE_LOCKED');
      if (says) {
        this.startupFailure = { path: target, error: { code: err.code, message: err.message, details: err.details ?? {} } };
      }
      throw err;
    }
  }

  /** The startup workspace that was not found, until a workspace opens. */
  get missingStartup(): string | null {
    return this.ws ? null : this.missing;
  }

  /** Why the workspace named at startup could not be opened (an encrypted copy without its keys file), until one opens. */
  get startupFailureShown(): { path: string; error: { code: string; message: string; details: Record<string, unknown> } } | null {
    return this.ws ? null : this.startupFailure;
  }

  /** A call from the UI: scheduled backups wait for a quiet moment. */
  noteActivity(): void {
    this.lastActivityAt = Date.now();
  }

  /** The last workspace if it still opens, otherwise the default one (created on first start). */
  openStartup(): WorkspaceInfo {
    const last = this.recent.lastOpened();
    if (last && existsSync(last)) {
      try {
        return this.open(last);
      } catch (err) {
        // In use by another Kecard: say so rather than quietly open something else. Encrypted:
        // the sign-in screen is shown for it (this.locked), not another workspace.
        if (err instanceof KecardError && (err.code === 'WORKSPACE_LOCKED' || err.code === 'WORKSPACE_ENCRYPTED')) throw err;
        this.recent.forgetLastOpened(); // the UI will show the default; the bad file stays in "recent"
      }
    }
    return this.openDefault();
  }

  openDefault(): WorkspaceInfo {
    const path = defaultWorkspacePath(this.options.dataDir);
    // Folders Kecard made for itself are private; folders the user chose are left as they are.
    ensurePrivateDir(dirname(path));
    // Empty: a first start that was killed before the file was written; it is Kecard's own.
    return this.switchTo(path, !existsSync(path) || statSync(path).size === 0);
  }

  open(path: string): WorkspaceInfo {
    return this.switchTo(resolve(path), false);
  }

  /**
   * 以只读方式打开: a file another Kecard holds (its lock names it), opened to look at. No lock is
   * taken and SQLite refuses every write (WORKSPACE_READ_ONLY); what the holder saves shows here
   * through the change feed, as for any other writer.
   */
  openReadOnly(path: string): WorkspaceInfo {
    const target = resolve(path);
    if (this.ws && this.ws.path === target) throw lockedError(target, currentHolder(target));
    return this.adopt(target, false, null, true);
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
    const dir = ensurePrivateDir(dirname(defaultWorkspacePath(this.options.dataDir)));
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
    // A copy holds the same personal data as the workspace: private from the start (VACUUM INTO
    // fills an existing empty file and keeps its mode).
    closeSync(openSync(target, 'wx', PRIVATE_FILE_MODE));
    try {
      ws.db.prepare('VACUUM INTO ?').run(target);
      // An encrypted workspace's copy is encrypted with the same key (VACUUM INTO keeps it) and
      // gets the keys file beside it, or it could never be opened.
      const key = keyFor(ws.path);
      if (key) copyKeysFile(ws.path, target);
      // The copy is a workspace of its own from now on: its own site (site-identity.ts).
      const copy = openSqlite(target, {}, key);
      try {
        forkSite(copy, 'copy');
      } finally {
        copy.close();
      }
    } catch (err) {
      rmSync(target, { force: true });
      rmSync(keysFilePath(target), { force: true });
      throw err;
    }
    return target;
  }

  /**
   * Replaces a workspace file with one of its backups and opens it. Every refusal (a bad name, a
   * missing or damaged backup, the file in use by another process) comes before the open
   * workspace is touched; the lock is held from before the file is replaced until it is open
   * again, so no other process can slip in and write into the file being replaced.
   */
  async restoreBackup(file: string, path?: string, options: RestoreOptions = {}): Promise<WorkspaceInfo> {
    const target = resolve(path ?? this.workspace.path);
    const own = this.ws && this.ws.path === target ? this.ws : null;
    let lock: WorkspaceLock | null;
    let checked: CheckedBackup;
    // From here until the file is closed, no call may start work on it (see the workspace getter):
    // the backup's check and a running backup's stop are both awaited.
    if (own) this.restoring = true;
    try {
      checked = await checkRestorable(target, file, options);
      if (own) {
        await this.cancelBackup();
        this.stopFeed();
        lock = own.closeKeepingLock();
        this.ws = null;
        // Workers and resident readers let go of the file before it is replaced.
        this.emit({ type: 'workspace.changed', info: null });
      } else {
        lock = acquireWorkspaceLock(target, this.lockApp);
      }
    } finally {
      this.restoring = false;
    }
    try {
      await restoreBackupFile(target, checked);
    } catch (err) {
      if (own) {
        try {
          this.adopt(target, false, lock); // the file was not replaced: go on working on it
        } catch (reopen) {
          console.error('[kecard] could not reopen after a failed restore', reopen);
        }
      } else lock?.release();
      throw err;
    }
    return this.adopt(target, false, lock);
  }

  /** A backup when the newest is older than a day; called by the schedule when the workspace is idle. */
  async backupIfDue(): Promise<void> {
    const ws = this.ws;
    // Read-only: the holder backs its file up; this app must not write beside it.
    if (!ws || this.readOnly || this.backupRun || !backupDue(ws.path)) return;
    const run: { cancelled: boolean; done: Promise<unknown> } = { cancelled: false, done: Promise.resolve() };
    const backup = createBackup(ws, 'scheduled', new Date(), { isCancelled: () => run.cancelled });
    run.done = backup.catch(() => undefined);
    this.backupRun = run;
    try {
      await backup;
    } catch (err) {
      // Stopped because the app quits or the workspace changes: nothing to report.
      if (run.cancelled || (err instanceof KecardError && err.code === 'JOB_CANCELLED')) return;
      const error = apiErrorOf(err);
      this.backupFailure = { path: ws.path, failure: { ...error, at: new Date().toISOString() } };
      // Now, for a window already open; info() keeps it for one that opens later.
      this.emit({ type: 'backup.failed', reason: 'scheduled', error });
      this.emit({ type: 'workspace.changed', info: this.info() });
      throw err;
    } finally {
      if (this.backupRun === run) this.backupRun = null;
    }
    if (this.backupFailure?.path === ws.path) {
      this.backupFailure = null;
      this.emit({ type: 'workspace.changed', info: this.info() });
    }
  }

  /** Checks every minute (or sooner in tests) for a backup that is due while nobody is working. */
  startBackupSchedule(): void {
    const idleMs = this.options.backupIdleMs ?? DEFAULT_BACKUP_IDLE_MS;
    const tick = () => {
      if (Date.now() - this.lastActivityAt < idleMs) return;
      void this.backupIfDue().catch((err: unknown) => console.error('[kecard] scheduled backup failed', err));
    };
    this.backupTimer ??= setInterval(tick, Math.min(60_000, Math.max(1_000, idleMs)));
    this.backupTimer.unref();
    tick();
  }

  /** Stops a running scheduled backup between two steps and waits until its partial file is gone. */
  async cancelBackup(): Promise<void> {
    const run = this.backupRun;
    if (!run) return;
    run.cancelled = true;
    await run.done;
  }

  close(): void {
    // 其他工作区 on the sign-in screen of a locked file: it is no longer waiting for a sign-in.
    if (!this.ws && this.locked) {
      this.locked = null;
      this.emit({ type: 'workspace.changed', info: null });
    }
    if (this.ws) {
      if (this.backupRun) this.backupRun.cancelled = true;
      this.stopFeed();
      this.window.signOut(this.ws);
      this.ws.close();
      // The key stays in memory only while its workspace is open: reopened, it asks for a sign-in.
      forgetKey(this.ws.path);
      this.ws = null;
      this.recent.forgetLastOpened();
      this.emit({ type: 'workspace.changed', info: null });
    }
  }

  dispose(): void {
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = undefined;
    if (this.backupRun) this.backupRun.cancelled = true;
    this.staged.disposeAll();
    this.stopFeed();
    this.ws?.close();
    this.ws = null;
  }

  private stopFeed(): void {
    this.feed?.stop();
    this.feed = null;
  }

  private get lockApp(): LockApp {
    return this.options.shell;
  }

  /** Opens the new file first and only then closes the old one, so a refused file changes nothing. */
  private switchTo(path: string, create: boolean): WorkspaceInfo {
    if (this.ws && this.ws.path === path && !create) return this.info() as WorkspaceInfo;
    return this.adopt(path, create, null);
  }

  /** Opens `path` under `lock` (taken here when null) and makes it the open workspace. */
  private adopt(path: string, create: boolean, held: WorkspaceLock | null, readOnly = false): WorkspaceInfo {
    // What the file itself answers comes first: a taken name is WORKSPACE_EXISTS even while it is
    // the workspace open here (whose lock would otherwise answer).
    let next: Workspace;
    try {
      if (create && existsSync(path) && statSync(path).size > 0) throw new KecardError('WORKSPACE_EXISTS', `File already exists: ${path}`, { path });
      if (!create && !existsSync(path)) throw new KecardError('WORKSPACE_NOT_FOUND', `No such workspace: ${path}`, { path });
      // Another app, shell or CLI working on this file is refused here, naming who it is.
      if (readOnly) next = openWorkspace(path, { readOnly: true, busyTimeoutMs: MAIN_BUSY_TIMEOUT_MS });
      else {
        const lock = held ?? acquireWorkspaceLock(path, this.lockApp);
        next = openWorkspace(path, { create, lock, busyTimeoutMs: MAIN_BUSY_TIMEOUT_MS });
      }
    } catch (err) {
      held?.release(); // a lock handed over by a restore is not kept for a file that did not open
      if (err instanceof KecardError && err.code === 'WORKSPACE_ENCRYPTED' && err.details?.reason === 'signIn') {
        // Opening a locked file is switching to it: the open workspace closes, and the window
        // shows the sign-in screen for this one (without it the sign-in would have nothing to unlock).
        if (this.ws && !held) this.close();
        this.locked = path;
        this.lockedPace = { failures: 0, lastAt: 0 };
        this.emit({ type: 'workspace.changed', info: null });
      }
      // A damaged file comes back with the way out: the backups that can replace it.
      if (err instanceof KecardError && err.code === 'WORKSPACE_CORRUPT') {
        throw new KecardError(err.code, err.message, { ...err.details, path, backups: listBackups(path) });
      }
      throw err;
    }
    // Holding the lock, nothing that is still running can own these: a crash's leftovers.
    // Read-only, they may be the holder's work in progress: left alone.
    if (!readOnly) removePartialFiles(path);
    if (this.backupRun) this.backupRun.cancelled = true;
    this.stopFeed();
    // A session belongs to one workspace: the new one asks (or signs its owner in) afresh.
    this.window.forget();
    this.ws?.close();
    if (this.ws && this.ws.path !== path) forgetKey(this.ws.path);
    this.ws = next;
    this.readOnly = readOnly;
    // What changed reaches open screens: after each call (announceChanges), and writes by anyone
    // else on the file (workers, the CLI, another window) by the feed's timer.
    this.feed = new ChangeFeed(next, (event) => this.emit(event));
    if (this.options.watchChanges !== false) this.feed.start();
    else this.feed.skipToNow();
    this.missing = null;
    this.locked = null;
    this.lastActivityAt = Date.now();
    if (this.options.rememberRecent !== false) this.recent.remember(path, next.identity.name);
    const info = this.info() as WorkspaceInfo;
    this.emit({ type: 'workspace.changed', info });
    // A purge cut short by a crash left its customer's terms in the search index: finish it.
    if (!readOnly && searchCompactionPending(next)) {
      finishPurges(next).catch((err: unknown) => console.error('[kecard] could not finish a purge', err));
    }
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
