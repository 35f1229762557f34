import type { UserSummary } from '../../src-shared/domain/people';
import type { Role } from '../../src-shared/domain/enums';
import { KecardError } from '../../src-shared/errors';
import type { Workspace } from '../db/workspace';

/** A users row as stored (people.ts schema). */
export interface UserRow {
  id: string;
  login: string;
  display_name: string;
  role: Role;
  employee_id: string | null;
  active: number;
  password_hash: string | null;
  recovery_hash: string | null;
  failed_attempts: number;
  last_failed_at: string | null;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export function getUserRow(ws: Workspace, id: string): UserRow | undefined {
  return ws.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function requireUserRow(ws: Workspace, id: string): UserRow {
  const row = getUserRow(ws, id);
  if (!row) throw new KecardError('NOT_FOUND', 'User not found.', { id });
  return row;
}

/** Logins match regardless of case (the unique index is COLLATE NOCASE too). */
export function findUserByLogin(ws: Workspace, login: string): UserRow | undefined {
  return ws.db.prepare('SELECT * FROM users WHERE login = ? COLLATE NOCASE').get(login.trim()) as UserRow | undefined;
}

export function listUserRows(ws: Workspace): UserRow[] {
  return ws.db.prepare('SELECT * FROM users ORDER BY active DESC, login COLLATE NOCASE').all() as UserRow[];
}

export function lockedNow(row: UserRow, now: Date): boolean {
  return row.locked_until !== null && row.locked_until > now.toISOString();
}

export function toUserSummary(ws: Workspace, row: UserRow, now: Date = new Date()): UserSummary {
  const employeeName = row.employee_id
    ? ((ws.db.prepare('SELECT name FROM employees WHERE id = ? AND deleted = 0').pluck().get(row.employee_id) as string | undefined) ?? null)
    : null;
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    employeeId: row.employee_id,
    employeeName,
    active: row.active === 1,
    hasPassword: row.password_hash !== null,
    lockedUntil: lockedNow(row, now) ? row.locked_until : null,
    failedAttempts: row.failed_attempts,
    createdAt: row.created_at,
  };
}
