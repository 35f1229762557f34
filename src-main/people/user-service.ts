import { v7 as uuidv7 } from 'uuid';
import { userCreateInput, userPatch, type UserSummary } from '../../src-shared/domain/people';
import type { Role } from '../../src-shared/domain/enums';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import { validate } from '../services/shared/validate';
import { actorOf, appendAudit } from './audit-log';
import { hashSecret, newRecoveryCode, normaliseRecoveryCode, verifySecret } from './password-hash';
import { dropUserKeys, wrapForUser, wrapRecovery } from './workspace-encryption';
import { findUserByLogin, getUserRow, listUserRows, requireUserRow, toUserSummary, type UserRow } from './user-rows';

// User administration (manager) and one's own password. Users are this file's own: written here
// directly, recorded in audit_events, never in the change log or a sync bundle.

const MANAGING_ROLES: readonly Role[] = ['manager', 'admin'];

export function listUsers(ws: Workspace): UserSummary[] {
  const now = new Date();
  return listUserRows(ws).map((row) => toUserSummary(ws, row, now));
}

/**
 * The owner of a workspace nobody has signed in to yet: its first (and only) user, created as
 * manager on first need. Its id is `local:<OS user>` — the id the change log used before users
 * existed — so earlier entries and the owner's new ones name the same person.
 */
export function ensureOwner(ws: Workspace, osUserName: string, now: Date = new Date()): UserRow {
  const active = ws.db.prepare('SELECT * FROM users WHERE active = 1 ORDER BY created_at LIMIT 2').all() as UserRow[];
  if (active.length > 0) return active[0] as UserRow;
  const id = `local:${osUserName}`;
  const existing = getUserRow(ws, id);
  if (existing) return existing; // disabled owner with nobody else: signInRequired() is false, but it stays disabled
  let login = osUserName.replace(/[^\p{L}\p{N}._@-]/gu, '').slice(0, 40) || 'owner';
  if (findUserByLogin(ws, login)) login = `${login.slice(0, 30)}-${id.length}`;
  const at = now.toISOString();
  ws.db
    .prepare("INSERT INTO users (id, login, display_name, role, active, created_at, updated_at) VALUES (?, ?, ?, 'manager', 1, ?, ?)")
    .run(id, login, osUserName.slice(0, 60) || login, at, at);
  appendAudit(ws, { action: 'ownerCreated', actor: { userId: id, userName: osUserName }, targetId: id }, now);
  return requireUserRow(ws, id);
}

function checkEmployee(ws: Workspace, employeeId: string | null | undefined): void {
  if (!employeeId) return;
  const found = ws.db.prepare('SELECT 1 FROM employees WHERE id = ? AND deleted = 0').get(employeeId);
  if (!found) throw new KecardError('VALIDATION', 'No such employee.', { fields: { employeeId: 'notFound' } });
}

/**
 * The matrix may let an assistant administer users (the users area at manage), but only a manager
 * or HQ admin may make, change, disable, reset or unlock a manager or admin: otherwise whoever was
 * delegated could make themselves manager, or take the owner's account over.
 */
function checkMayAdminister(ctx: CallContext, ...roles: (Role | undefined)[]): void {
  if (MANAGING_ROLES.includes(ctx.role)) return;
  if (roles.some((r) => r !== undefined && MANAGING_ROLES.includes(r))) {
    throw new KecardError('FORBIDDEN', 'Only a manager can change a manager.', { reason: 'managersOnly' });
  }
}

/** A workspace must keep one active manager who can sign in, or nobody could administer it. */
function checkManagersLeft(ws: Workspace, without: string): void {
  const left = ws.db
    .prepare(`SELECT COUNT(*) FROM users WHERE active = 1 AND role IN ('manager', 'admin') AND id <> ?`)
    .pluck()
    .get(without) as number;
  if (left === 0) throw new KecardError('CONFLICT', 'The last active manager cannot be disabled or demoted.', { reason: 'lastManager' });
}

export async function createUser(ws: Workspace, ctx: CallContext, input: unknown, now: Date = new Date()): Promise<UserSummary> {
  const values = validate(userCreateInput, input);
  checkMayAdminister(ctx, values.role);
  // A second user makes the workspace ask for sign-in: the manager needs a password first, or
  // they would lock themselves out.
  const me = getUserRow(ws, ctx.userId);
  if (!me?.password_hash) throw new KecardError('CONFLICT', 'Set your own password before adding users.', { reason: 'setOwnPasswordFirst' });
  if (findUserByLogin(ws, values.login)) throw new KecardError('VALIDATION', 'That login is taken.', { fields: { login: 'loginTaken' } });
  checkEmployee(ws, values.employeeId);
  const id = uuidv7();
  const at = now.toISOString();
  const hash = await hashSecret(values.password);
  ws.db
    .prepare(
      'INSERT INTO users (id, login, display_name, role, employee_id, active, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)',
    )
    .run(id, values.login, values.displayName, values.role, values.employeeId ?? null, hash, at, at);
  wrapForUser(ws, id, values.password);
  appendAudit(ws, { action: 'userCreated', actor: actorOf(ctx), targetId: id, detail: { login: values.login, role: values.role } }, now);
  return toUserSummary(ws, requireUserRow(ws, id), now);
}

export function updateUser(ws: Workspace, ctx: CallContext, id: string, patch: unknown, now: Date = new Date()): UserSummary {
  const values = validate(userPatch, patch);
  const before = requireUserRow(ws, id);
  checkMayAdminister(ctx, before.role, values.role);
  if (values.role !== undefined && !MANAGING_ROLES.includes(values.role) && MANAGING_ROLES.includes(before.role) && before.active === 1) {
    checkManagersLeft(ws, id);
  }
  if (values.employeeId !== undefined) checkEmployee(ws, values.employeeId);
  ws.db
    .prepare('UPDATE users SET display_name = ?, role = ?, employee_id = ?, updated_at = ? WHERE id = ?')
    .run(
      values.displayName ?? before.display_name,
      values.role ?? before.role,
      values.employeeId !== undefined ? values.employeeId : before.employee_id,
      now.toISOString(),
      id,
    );
  appendAudit(ws, { action: 'userUpdated', actor: actorOf(ctx), targetId: id, detail: values }, now);
  return toUserSummary(ws, requireUserRow(ws, id), now);
}

/** Disabling a user ends their sessions (the caller ends this process's; other processes see it at the next call). */
export function setUserActive(
  ws: Workspace,
  ctx: CallContext,
  id: string,
  active: boolean,
  now: Date = new Date(),
  { dropKeys = true }: { dropKeys?: boolean } = {},
): UserSummary {
  const before = requireUserRow(ws, id);
  checkMayAdminister(ctx, before.role);
  if (!active && before.active === 1 && MANAGING_ROLES.includes(before.role)) checkManagersLeft(ws, id);
  if ((before.active === 1) !== active) {
    ws.db.prepare('UPDATE users SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, now.toISOString(), id);
    appendAudit(ws, { action: active ? 'userEnabled' : 'userDisabled', actor: actorOf(ctx), targetId: id, detail: { login: before.login } }, now);
    // A disabled user's password must not open an encrypted file any more (re-enabled: their copy
    // comes back at a password reset, or at their next sign-in while the file is open).
    if (!active && dropKeys) dropUserKeys(ws, id);
  }
  return toUserSummary(ws, requireUserRow(ws, id), now);
}

/** The manager sets another user's password (and clears a lock); the user's sessions end. */
export async function resetPassword(ws: Workspace, ctx: CallContext, id: string, password: string, now: Date = new Date()): Promise<UserSummary> {
  const before = requireUserRow(ws, id);
  checkMayAdminister(ctx, before.role);
  const hash = await hashSecret(password);
  ws.db
    .prepare('UPDATE users SET password_hash = ?, failed_attempts = 0, last_failed_at = NULL, locked_until = NULL, updated_at = ? WHERE id = ?')
    .run(hash, now.toISOString(), id);
  wrapForUser(ws, id, password);
  appendAudit(ws, { action: 'passwordReset', actor: actorOf(ctx), targetId: id, detail: { login: before.login } }, now);
  return toUserSummary(ws, requireUserRow(ws, id), now);
}

export function unlockUser(ws: Workspace, ctx: CallContext, id: string, now: Date = new Date()): UserSummary {
  const before = requireUserRow(ws, id);
  checkMayAdminister(ctx, before.role);
  ws.db.prepare('UPDATE users SET failed_attempts = 0, last_failed_at = NULL, locked_until = NULL WHERE id = ?').run(id);
  appendAudit(ws, { action: 'userUnlocked', actor: actorOf(ctx), targetId: id, detail: { login: before.login } }, now);
  return toUserSummary(ws, requireUserRow(ws, id), now);
}

/**
 * 设置密码 for oneself. Once a password is set, the current one is asked for. A manager's first
 * password comes with a recovery code, returned here once and stored only as a hash.
 */
export async function setOwnPassword(
  ws: Workspace,
  ctx: CallContext,
  currentPassword: string | undefined,
  password: string,
  now: Date = new Date(),
): Promise<{ recoveryCode: string | null }> {
  const me = requireUserRow(ws, ctx.userId);
  if (me.password_hash !== null && !(await verifySecret(currentPassword ?? '', me.password_hash))) {
    throw new KecardError('VALIDATION', 'The current password is wrong.', { fields: { currentPassword: 'wrongPassword' } });
  }
  const recoveryCode = MANAGING_ROLES.includes(me.role) && me.recovery_hash === null ? newRecoveryCode() : null;
  const hash = await hashSecret(password);
  const recoveryHash = recoveryCode ? await hashSecret(normaliseRecoveryCode(recoveryCode)) : me.recovery_hash;
  ws.db
    .prepare('UPDATE users SET password_hash = ?, recovery_hash = ?, updated_at = ? WHERE id = ?')
    .run(hash, recoveryHash, now.toISOString(), me.id);
  wrapForUser(ws, me.id, password);
  if (recoveryCode) wrapRecovery(ws, me.id, recoveryCode);
  appendAudit(ws, { action: 'passwordSet', actor: actorOf(ctx), targetId: me.id, detail: { recoveryCodeIssued: recoveryCode !== null } }, now);
  return { recoveryCode };
}
