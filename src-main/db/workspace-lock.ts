import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { KecardError } from '../../src-shared/errors';
import { PRIVATE_FILE_MODE } from '../files/private-files';

// One workspace file, one writer process. SQLite's own locks keep each transaction safe, but a
// restore swaps the whole file: a second app, shell or CLI that kept the old file open would go
// on writing into a file nobody reads any more (a write that "succeeded" vanished). So whoever
// opens a workspace for work first takes "<file>.lock", created atomically (O_EXCL), naming the
// holder; a second opener is refused with that name. Host mode will read the same holder to know
// where to connect instead.

export type LockApp = 'electron' | 'browser' | 'cli';

export interface LockHolder {
  app: LockApp;
  user: string;
  host: string;
  pid: number;
  /** ISO time the lock was taken. */
  since: string;
  /** Linux's boot id: a lock from before a reboot is stale even if its pid runs again. */
  bootId: string | null;
  /**
   * When the holding process started, as the system tells it (Linux: ticks since boot, field 22
   * of /proc/<pid>/stat; macOS/BSD: `ps -o lstart`); null where unknown. After a crash the pid
   * may be given to an unrelated process: same pid, another start time — the lock is stale.
   * Absent in locks written before it was recorded.
   */
  startTime?: string | null;
  /** Random, so a process only ever removes its own lock. */
  token: string;
  /**
   * Where the holder shares the workspace (共享给同事), while it does: a second opener offers to
   * connect there instead of being turned away. Absent when not sharing.
   */
  hosting?: LockHosting | null;
}

export interface LockHosting {
  address: string;
  port: number;
  pairingCode: string;
}

export interface WorkspaceLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Records (or clears) where the holder shares the workspace, in the lock file itself. */
  setHosting(hosting: LockHosting | null): void;
  release(): void;
}

export function lockPathOf(workspacePath: string): string {
  return `${workspacePath}.lock`;
}

/** Tokens of the locks this process holds: the same pid with another token is a dead predecessor. */
const heldHere = new Map<string, string>();
let exitHookInstalled = false;

/** A lock file still empty (its writer between create and write) is presumed live this long. */
const FRESH_MS = 10_000;

/**
 * Takes the workspace's lock for this process or throws WORKSPACE_LOCKED naming the holder. A lock
 * left by a crash (its pid gone on this machine, or from before a reboot) is taken over.
 */
export function acquireWorkspaceLock(workspacePath: string, app: LockApp, now = new Date()): WorkspaceLock {
  const file = lockPathOf(workspacePath);
  const holder: LockHolder = {
    app,
    user: osUser(),
    host: hostname(),
    pid: process.pid,
    since: now.toISOString(),
    bootId: bootId(),
    startTime: processStartTime(process.pid),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(file, holder)) {
      heldHere.set(holder.token, file);
      installExitHook();
      return {
        path: workspacePath,
        holder,
        setHosting: (hosting) => {
          holder.hosting = hosting;
          rewriteLock(file, holder);
        },
        release: () => releaseLock(file, holder.token),
      };
    }
    const current = readHolder(file);
    if (current === 'gone') continue;
    if (!isStale(current, file)) throw lockedError(workspacePath, current === 'unreadable' ? null : current);
    takeOver(file, current);
  }
  throw lockedError(workspacePath, null);
}

/** Who holds the workspace's lock right now, if anyone live does (for messages and host mode). */
export function currentHolder(workspacePath: string): LockHolder | null {
  const current = readHolder(lockPathOf(workspacePath));
  if (current === 'gone' || current === 'unreadable') return null;
  return isStale(current, lockPathOf(workspacePath)) ? null : current;
}

export function lockedError(workspacePath: string, holder: LockHolder | null): KecardError {
  const who = holder ? `${holder.user}@${holder.host} (${holder.app}, pid ${holder.pid}) since ${holder.since}` : 'another program';
  return new KecardError('WORKSPACE_LOCKED', `The workspace is in use by ${who}.`, {
    path: workspacePath,
    ...(holder ? { app: holder.app, user: holder.user, host: holder.host, pid: holder.pid, since: holder.since } : {}),
    // The holder shares it: the second app can connect there (host mode) instead.
    ...(holder?.hosting ? { hostAddress: holder.hosting.address, hostPort: holder.hosting.port, hostPairingCode: holder.hosting.pairingCode } : {}),
  });
}

/**
 * Rewrites a lock this process holds (its hosting changed): written beside it and renamed over it,
 * so a second opener reads the old holder or the new one, never half of either; the lock's name
 * is never free meanwhile. A lock that is no longer ours (taken over after a suspend) is left alone.
 */
function rewriteLock(file: string, holder: LockHolder): void {
  if (!heldHere.has(holder.token)) return;
  const current = readHolder(file);
  if (current === 'gone' || current === 'unreadable' || current.token !== holder.token) return;
  const next = `${file}.${process.pid}.next`;
  const fd = openSync(next, 'w', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, JSON.stringify(holder));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(next, file);
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw lockFileError(file, err as NodeJS.ErrnoException);
  }
  try {
    writeSync(fd, JSON.stringify(holder));
    fsyncSync(fd);
  } catch (err) {
    // A full disk: an empty lock left behind would turn the next opener away as "in use".
    closeSync(fd);
    rmSync(file, { force: true });
    throw lockFileError(file, err as NodeJS.ErrnoException);
  }
  closeSync(fd);
  return true;
}

function lockFileError(file: string, err: NodeJS.ErrnoException): KecardError {
  const path = file.replace(/\.lock$/, '');
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') {
    return new KecardError('WORKSPACE_READ_ONLY', `The workspace's folder cannot be written: ${err.message}`, { path });
  }
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT') return new KecardError('DISK_FULL', `The disk is full: ${err.message}`, { path });
  if (err.code === 'ENOENT') return new KecardError('WORKSPACE_NOT_FOUND', 'The folder does not exist.', { path });
  return new KecardError('WORKSPACE_CANNOT_OPEN', `The workspace cannot be opened: ${err.message}`, { path });
}

function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') return value as LockHolder;
  } catch {
    // fall through: half-written or foreign
  }
  return 'unreadable';
}

function isStale(holder: LockHolder | 'unreadable', file: string): boolean {
  if (holder === 'unreadable') return ageMs(file) > FRESH_MS;
  // Another machine's process cannot be checked from here: only its owner may free the lock.
  if (holder.host !== hostname()) return false;
  const boot = bootId();
  if (boot && holder.bootId && boot !== holder.bootId) return true;
  if (holder.pid === process.pid) return !heldHere.has(holder.token);
  if (!pidAlive(holder.pid)) return true;
  // Alive — but is it still the process that took the lock?
  if (typeof holder.startTime !== 'string') return false;
  const now = processStartTime(holder.pid);
  return now !== null && now !== holder.startTime;
}

/**
 * Two openers may both find the same stale lock: a short mutex file lets one of them remove it,
 * and only if it is still the lock judged stale (not a fresh one the other has taken meanwhile).
 */
function takeOver(file: string, stale: LockHolder | 'unreadable'): void {
  const mutex = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(mutex, 'wx', PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw lockFileError(file, err as NodeJS.ErrnoException);
    // A takeover that crashed half-way leaves its mutex: after a while it is ignored.
    if (ageMs(mutex) > FRESH_MS) rmSync(mutex, { force: true });
    return;
  }
  closeSync(fd);
  try {
    const again = readHolder(file);
    const same = again === 'unreadable' ? stale === 'unreadable' : again !== 'gone' && stale !== 'unreadable' && again.token === stale.token;
    if (same) {
      // Renamed aside, then removed: the lock name is free in one step.
      const aside = `${file}.stale-${process.pid}`;
      renameSync(file, aside);
      rmSync(aside, { force: true });
    }
  } finally {
    rmSync(mutex, { force: true });
  }
}

function releaseLock(file: string, token: string): void {
  if (!heldHere.has(token)) return;
  heldHere.delete(token);
  const current = readHolder(file);
  if (current !== 'gone' && current !== 'unreadable' && current.token === token) rmSync(file, { force: true });
}

/** A process that exits without closing (an error in the CLI, process.exit) still frees its locks. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [token, file] of [...heldHere]) releaseLock(file, token);
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A process that has exited but is not yet collected by its parent (a zombie, after kill -9)
  // still answers kill(pid, 0) and keeps its start time, but holds nothing.
  return !exitedOnLinux(pid);
}

/** Linux: the state in /proc/<pid>/stat is Z (zombie) or X (dead). */
function exitedOnLinux(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The start time of a process, in the system's own terms; null where it cannot be read. */
export function processStartTime(pid: number): string | null {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[22 - 3] ?? null;
    } catch {
      return null;
    }
  }
  if (process.platform === 'win32') return null;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      timeout: 2_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out || null;
  } catch {
    return null;
  }
}

let cachedBootId: string | null | undefined;
function bootId(): string | null {
  if (cachedBootId !== undefined) return cachedBootId;
  try {
    cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    cachedBootId = null;
  }
  return cachedBootId;
}

function osUser(): string {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
}
