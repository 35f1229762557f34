import { AUDIT_ACTIONS, type AuditListInput, type AuditPage, type AuditRow } from '../../src-shared/domain/audit';
import type { Workspace } from '../db/workspace';

// 审计日志: audit_events read newest first, with the names of the user, the user acted on and the
// customer as they are now (a purged customer's row keeps its id; its name is gone with it).

interface RawRow {
  id: number;
  at: string;
  user_id: string | null;
  user_name: string;
  current_name: string | null;
  action: string;
  target_id: string | null;
  target_name: string | null;
  customer_id: string | null;
  customer_name: string | null;
  row_count: number | null;
  detail: string;
}

const KNOWN = new Set<string>(AUDIT_ACTIONS);

/** The UTC instant a local calendar day starts: the user means their own days. */
function startOfLocalDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export function listAudit(ws: Workspace, input: AuditListInput): AuditPage {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (input.userId !== undefined) {
    where.push('a.user_id = ?');
    args.push(input.userId);
  }
  if (input.from !== undefined) {
    where.push('a.at >= ?');
    args.push(startOfLocalDay(input.from));
  }
  if (input.to !== undefined) {
    where.push('a.at < ?');
    args.push(startOfLocalDay(input.to, 1));
  }
  if (input.customerId !== undefined) {
    where.push('a.customer_id = ?');
    args.push(input.customerId);
  }
  if (input.action !== undefined) {
    where.push('a.action = ?');
    args.push(input.action);
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = (ws.db.prepare(`SELECT COUNT(*) AS n FROM audit_events a ${filter}`).get(...args) as { n: number }).n;
  // The id is the order of writing (AUTOINCREMENT): newest first even when two rows share a millisecond.
  const raw = ws.db
    .prepare(
      `SELECT a.id, a.at, a.user_id, a.user_name, u.display_name AS current_name, a.action, a.target_id,
              t.display_name AS target_name, a.customer_id, c.name AS customer_name, a.row_count, a.detail
         FROM audit_events a
         LEFT JOIN users u ON u.id = a.user_id
         LEFT JOIN users t ON t.id = a.target_id
         LEFT JOIN customers c ON c.id = a.customer_id
         ${filter}
        ORDER BY a.id DESC
        LIMIT ? OFFSET ?`,
    )
    .all(...args, input.limit, input.offset) as RawRow[];
  return { total, rows: raw.map(toRow) };
}

function toRow(r: RawRow): AuditRow {
  let detail: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(r.detail);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) detail = parsed as Record<string, unknown>;
  } catch {
    // A detail that is not JSON (written by hand into the file) is shown without it.
  }
  const known = KNOWN.has(r.action);
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    userName: r.current_name ?? r.user_name,
    action: known ? r.action : 'unknown',
    targetId: r.target_id,
    targetName: r.target_name,
    customerId: r.customer_id,
    customerName: r.customer_name,
    rowCount: r.row_count,
    detail: known ? detail : { ...detail, action: r.action },
  };
}
