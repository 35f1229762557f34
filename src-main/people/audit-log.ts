import type { Workspace } from '../db/workspace';

// The audit trail (audit_events): appended to here and nowhere else; the table's triggers refuse
// updates and deletes, so nothing in the app can rewrite it.

export type AuditAction =
  | 'signIn'
  | 'signInFailed'
  | 'signOut'
  | 'recoveryUsed'
  | 'passwordSet'
  | 'userCreated'
  | 'userUpdated'
  | 'userDisabled'
  | 'userEnabled'
  | 'passwordReset'
  | 'userUnlocked'
  | 'ownerCreated'
  | 'permissionsChanged'
  /** 停用并移交: disabled, and their customers and open records moved to another employee. */
  | 'userTransferred'
  | 'encryptionOn'
  | 'encryptionOff';

export interface AuditEntry {
  action: AuditAction;
  /** Who did it; null for a failed sign-in under a login that does not exist. */
  actor: { userId: string | null; userName: string };
  /** The user acted on (administration) or signed in. */
  targetId?: string | null;
  customerId?: string | null;
  rowCount?: number | null;
  detail?: Record<string, unknown>;
}

export function appendAudit(ws: Workspace, entry: AuditEntry, now: Date = new Date()): void {
  ws.db
    .prepare(
      `INSERT INTO audit_events (at, user_id, user_name, action, target_id, customer_id, row_count, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      now.toISOString(),
      entry.actor.userId,
      entry.actor.userName,
      entry.action,
      entry.targetId ?? null,
      entry.customerId ?? null,
      entry.rowCount ?? null,
      JSON.stringify(entry.detail ?? {}),
    );
}
