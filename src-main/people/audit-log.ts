import type { Workspace } from '../db/workspace';

// The audit trail (audit_events): appended to here and nowhere else; the table's triggers refuse
// updates and deletes, so nothing in the app can rewrite it.

export type { AuditAction } from '../../src-shared/domain/audit';
import type { AuditAction } from '../../src-shared/domain/audit';
import type { CallContext } from '../changelog/call-context';

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
  // A window that opened the file read-only beside its holder (以只读方式打开) cannot append: its
  // reads are not audited. It adds no reach — whoever can open the file can read it with any
  // SQLite tool unless it is encrypted — and refusing the read would leave the window useless.
  if (ws.db.readonly) return;
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

/** The signed-in caller as an audit actor. */
export const actorOf = (ctx: CallContext): AuditEntry['actor'] => ({ userId: ctx.userId, userName: ctx.userName });

/** Where a job's finished row goes: the workspace it ran on, if that is still the open one (a closed or replaced file is not written to). */
export interface AuditTarget {
  readonly hasWorkspace: boolean;
  readonly workspace: Workspace;
}

/**
 * The audit row of a job that finished (export, import, report, sync): written in main when the
 * job's result arrives, with the real count, as the user who started it. Never fails the job: a
 * workspace closed meanwhile simply gets no row (the job's own file went with it).
 */
export function auditJobDone(host: AuditTarget, workspacePath: string, ctx: CallContext, entry: Omit<AuditEntry, 'actor'>): void {
  if (!host.hasWorkspace || host.workspace.path !== workspacePath) return;
  try {
    appendAudit(host.workspace, { ...entry, actor: actorOf(ctx) });
  } catch (err) {
    console.error('[kecard] could not write the audit row of a finished job', err);
  }
}
