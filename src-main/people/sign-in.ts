import type Database from 'better-sqlite3-multiple-ciphers';
import { openSqlite } from '../db/workspace-key';
import { fileIsEncrypted } from '../db/keys-file';
import { KecardError } from '../../src-shared/errors';
import type { Workspace } from '../db/workspace';
import { appendAudit } from './audit-log';
import { hashSecret, newRecoveryCode, normaliseRecoveryCode, verifySecret } from './password-hash';
import { findUserByLogin, lockedNow, requireUserRow, type UserRow } from './user-rows';
import { wrapAtSignIn, wrapForUser, wrapRecovery } from './workspace-encryption';

// Sign-in: a wrong password slows the next try down (1 s, 2 s, 4 s, 8 s …), the fifth in a row
// locks the user for LOCK_MS (a manager unlocks sooner). Only a correct password reveals that a
// user is disabled, so a stranger cannot list logins by trying them.

export const MAX_FAILURES = 5;
export const LOCK_MS = 30 * 60_000;
const MAX_DELAY_MS = 30_000;

/** How long after the k-th failure in a row the next try is refused unheard. */
export function slowDownMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - 1));
}

/** A workspace asks for sign-in once anyone has a password or it has more than one active user. */
export function signInRequired(ws: Workspace): boolean {
  const row = ws.db
    .prepare('SELECT COUNT(*) AS users, COALESCE(SUM(password_hash IS NOT NULL), 0) AS withPassword FROM users WHERE active = 1')
    .get() as {
    users: number;
    withPassword: number;
  };
  return row.users > 1 || row.withPassword > 0;
}

/**
 * Whether a workspace file that is not open here asks for sign-in (read-only, nothing written).
 * A file that cannot be read as a workspace (damaged, another program's, older than users) does
 * not: restoring a backup over it is the way back, and its users table cannot be checked anyway.
 */
export function fileRequiresSignIn(path: string): boolean {
  // Encrypted: its users cannot be read without a sign-in, and it has users with passwords.
  if (fileIsEncrypted(path)) return true;
  let db: Database.Database | null = null;
  try {
    db = openSqlite(path, { readonly: true, fileMustExist: true });
    const row = db
      .prepare('SELECT COUNT(*) AS users, COALESCE(SUM(password_hash IS NOT NULL), 0) AS withPassword FROM users WHERE active = 1')
      .get() as { users: number; withPassword: number };
    return row.users > 1 || row.withPassword > 0;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function refused(reason: 'wrong' | 'locked' | 'disabled' | 'tooSoon', message: string, details: Record<string, unknown> = {}): KecardError {
  return new KecardError('SIGN_IN_FAILED', message, { reason, ...details });
}

/** What paces a login's tries: its user row, or for a login without a password, a record in memory. */
type Pace = Pick<UserRow, 'failed_attempts' | 'last_failed_at' | 'locked_until'>;

/**
 * Logins that have no user (or no password) get the same slow-down and lock as real ones, kept in
 * memory per open workspace: the answers and their pace must not tell which logins exist.
 */
const ghosts = new WeakMap<Workspace['db'], Map<string, Pace>>();

function ghostOf(ws: Workspace, login: string): Pace {
  let byLogin = ghosts.get(ws.db);
  if (!byLogin) {
    byLogin = new Map();
    ghosts.set(ws.db, byLogin);
  }
  const key = login.trim().toLowerCase().slice(0, 100);
  let pace = byLogin.get(key);
  if (!pace) {
    pace = { failed_attempts: 0, last_failed_at: null, locked_until: null };
    if (byLogin.size > 10_000) byLogin.clear();
    byLogin.set(key, pace);
  }
  return pace;
}

/** Refuses a try that comes before the slow-down of the previous failures is over. */
function checkPace(row: Pace, now: Date): void {
  if (row.failed_attempts === 0 || !row.last_failed_at) return;
  const waitMs = Date.parse(row.last_failed_at) + slowDownMs(row.failed_attempts) - now.getTime();
  if (waitMs > 0)
    throw refused('tooSoon', `Too many wrong tries: wait ${Math.ceil(waitMs / 1000)} s.`, { waitMs, waitSeconds: Math.ceil(waitMs / 1000) });
}

/** A failure of a login without a password, counted as a user's would be. */
function recordGhostFailure(pace: Pace, now: Date): KecardError {
  const failures = pace.failed_attempts + 1;
  pace.failed_attempts = failures;
  pace.last_failed_at = now.toISOString();
  if (failures >= MAX_FAILURES) {
    pace.locked_until = new Date(now.getTime() + LOCK_MS).toISOString();
    return refused('locked', 'Too many wrong passwords: this user is locked.', { lockedUntil: pace.locked_until });
  }
  return refused('wrong', 'Wrong login or password.', { waitMs: slowDownMs(failures), failures });
}

/**
 * Tries run one at a time per workspace: a try checks the slow-down, then waits for scrypt; run
 * side by side, hundreds of tries would pass the check before the first failure was counted.
 */
const queues = new WeakMap<Workspace['db'], Promise<unknown>>();

function oneAtATime<T>(ws: Workspace, attempt: () => Promise<T>): Promise<T> {
  const previous = queues.get(ws.db) ?? Promise.resolve();
  const next = previous.then(attempt, attempt);
  queues.set(
    ws.db,
    next.catch(() => undefined),
  );
  return next;
}

/** Counts a failure; returns the refusal to throw (locked once MAX_FAILURES is reached). */
function recordFailure(ws: Workspace, row: UserRow, now: Date, what: 'password' | 'recoveryCode'): KecardError {
  const failures = row.failed_attempts + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
  ws.db
    .prepare('UPDATE users SET failed_attempts = ?, last_failed_at = ?, locked_until = COALESCE(?, locked_until) WHERE id = ?')
    .run(failures, now.toISOString(), lockedUntil, row.id);
  appendAudit(
    ws,
    { action: 'signInFailed', actor: { userId: row.id, userName: row.display_name }, targetId: row.id, detail: { what, failures } },
    now,
  );
  if (lockedUntil) return refused('locked', 'Too many wrong passwords: this user is locked.', { lockedUntil });
  return refused('wrong', 'Wrong login or password.', { waitMs: slowDownMs(failures), failures });
}

function clearFailures(ws: Workspace, id: string): void {
  ws.db.prepare('UPDATE users SET failed_attempts = 0, last_failed_at = NULL, locked_until = NULL WHERE id = ?').run(id);
}

export function signIn(ws: Workspace, login: string, password: string, now?: Date): Promise<UserRow> {
  return oneAtATime(ws, () => signInNow(ws, login, password, now ?? new Date()));
}

async function signInNow(ws: Workspace, login: string, password: string, now: Date): Promise<UserRow> {
  const row = findUserByLogin(ws, login);
  const real = row && row.password_hash !== null ? row : null;
  const pace: Pace = real ?? ghostOf(ws, login);
  const actor = { userId: row?.id ?? null, userName: row?.display_name ?? login.slice(0, 40) };
  // Every refusal costs one scrypt, as a real check does, whatever the login.
  if (lockedNow(pace as UserRow, now)) {
    await verifySecret(password, null);
    appendAudit(ws, { action: 'signInFailed', actor, ...(row ? { targetId: row.id } : {}), detail: { what: 'locked' } }, now);
    throw refused('locked', 'Too many wrong passwords: this user is locked.', { lockedUntil: pace.locked_until });
  }
  try {
    checkPace(pace, now);
  } catch (err) {
    await verifySecret(password, null);
    throw err;
  }
  if (!real) {
    await verifySecret(password, null);
    appendAudit(ws, { action: 'signInFailed', actor, detail: { login: login.slice(0, 40), what: row ? 'noPassword' : 'unknownLogin' } }, now);
    throw recordGhostFailure(pace, now);
  }
  if (!(await verifySecret(password, real.password_hash))) throw recordFailure(ws, requireUserRow(ws, real.id), now, 'password');
  if (real.active !== 1) {
    appendAudit(
      ws,
      { action: 'signInFailed', actor: { userId: real.id, userName: real.display_name }, targetId: real.id, detail: { what: 'disabled' } },
      now,
    );
    throw refused('disabled', 'This user is disabled.');
  }
  clearFailures(ws, real.id);
  // An encrypted workspace: a user whose password predates the encryption gets their copy of the key.
  wrapAtSignIn(ws, real.id, password);
  appendAudit(ws, { action: 'signIn', actor: { userId: real.id, userName: real.display_name }, targetId: real.id }, now);
  return requireUserRow(ws, real.id);
}

/**
 * A manager who lost their password: the recovery code shown when they first set one lets them
 * set a new password. The code is used up; a new one is returned, to be shown once.
 */
export function recoverWithCode(
  ws: Workspace,
  login: string,
  code: string,
  password: string,
  now?: Date,
): Promise<{ user: UserRow; recoveryCode: string }> {
  return oneAtATime(ws, () => recoverNow(ws, login, code, password, now ?? new Date()));
}

async function recoverNow(ws: Workspace, login: string, code: string, password: string, now: Date): Promise<{ user: UserRow; recoveryCode: string }> {
  const found = findUserByLogin(ws, login);
  const row = found && found.recovery_hash !== null && found.active === 1 ? found : null;
  // A lock does not stop the recovery code (it is the way out of one); the slow-down does, for
  // every login alike.
  const pace: Pace = row ?? ghostOf(ws, `recover:${login}`);
  try {
    checkPace(pace, now);
  } catch (err) {
    await verifySecret(normaliseRecoveryCode(code), null);
    throw err;
  }
  if (!row) {
    await verifySecret(normaliseRecoveryCode(code), null);
    const failure = recordGhostFailure(pace, now);
    pace.locked_until = null;
    throw refused('wrong', 'Wrong login or recovery code.', {
      waitMs: (failure.details as { waitMs?: number } | undefined)?.waitMs ?? slowDownMs(pace.failed_attempts),
    });
  }
  if (!(await verifySecret(normaliseRecoveryCode(code), row.recovery_hash))) {
    recordFailure(ws, requireUserRow(ws, row.id), now, 'recoveryCode');
    throw refused('wrong', 'Wrong login or recovery code.', { waitMs: slowDownMs(row.failed_attempts + 1) });
  }
  const recoveryCode = newRecoveryCode();
  const [passwordHash, recoveryHash] = await Promise.all([hashSecret(password), hashSecret(normaliseRecoveryCode(recoveryCode))]);
  ws.db
    .prepare(
      'UPDATE users SET password_hash = ?, recovery_hash = ?, failed_attempts = 0, last_failed_at = NULL, locked_until = NULL, updated_at = ? WHERE id = ?',
    )
    .run(passwordHash, recoveryHash, now.toISOString(), row.id);
  wrapForUser(ws, row.id, password);
  wrapRecovery(ws, row.id, recoveryCode);
  appendAudit(ws, { action: 'recoveryUsed', actor: { userId: row.id, userName: row.display_name }, targetId: row.id }, now);
  return { user: requireUserRow(ws, row.id), recoveryCode };
}
