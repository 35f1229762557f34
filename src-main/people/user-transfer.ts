import type { TransferCounts, UserSummary } from '../../src-shared/domain/people';
import { OPEN_ORDER_STATUSES } from '../../src-shared/domain/sales';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import { runWrite, type WriteTx } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { readRow, setDeleted, updateRow } from '../services/shared/entity-writes';
import { appendAudit } from './audit-log';
import { requireUserRow, toUserSummary } from './user-rows';
import { setUserActive } from './user-service';
import { dropUserKeys } from './workspace-encryption';

// 停用并移交 (issue 19: "when a salesperson leaves"): the user is disabled and what their linked
// employee is responsible for moves to another employee in one transaction. The moves are ordinary
// logged row writes (each customer's history shows the new 负责人, undo and sync carry them); the
// disabling and the audit row commit with them or not at all.

interface Moving {
  customers: string[];
  /** Orders and business records with their customer (the change log's root). */
  orders: { id: string; customerId: string }[];
  records: { id: string; customerId: string }[];
  /** Live 相关员工 rows naming the leaving employee; `taken`: the new employee already serves that customer. */
  staff: { id: string; customerId: string; taken: boolean }[];
}

function finalStatusesByType(ws: Workspace): Map<string, Set<string>> {
  const rows = ws.db.prepare('SELECT id, statuses FROM business_types').all() as { id: string; statuses: string }[];
  const out = new Map<string, Set<string>>();
  for (const row of rows) {
    const statuses = JSON.parse(row.statuses) as { key: string; final?: boolean }[];
    out.set(row.id, new Set(statuses.filter((s) => s.final).map((s) => s.key)));
  }
  return out;
}

function moving(ws: Workspace, employeeId: string | null, toEmployeeId: string | null = null): Moving {
  if (!employeeId) return { customers: [], orders: [], records: [], staff: [] };
  const customers = ws.db.prepare('SELECT id FROM customers WHERE owner_id = ? AND deleted = 0').pluck().all(employeeId) as string[];
  const marks = OPEN_ORDER_STATUSES.map(() => '?').join(', ');
  const orders = ws.db
    .prepare(`SELECT id, customer_id AS customerId FROM orders WHERE owner_id = ? AND deleted = 0 AND status IN (${marks})`)
    .all(employeeId, ...OPEN_ORDER_STATUSES) as Moving['orders'];
  const finals = finalStatusesByType(ws);
  const records = (
    ws.db
      .prepare('SELECT id, customer_id AS customerId, type_id AS typeId, status FROM business_records WHERE employee_id = ? AND deleted = 0')
      .all(employeeId) as { id: string; customerId: string; typeId: string; status: string }[]
  )
    .filter((r) => !finals.get(r.typeId)?.has(r.status))
    .map(({ id, customerId }) => ({ id, customerId }));
  const staff = (
    ws.db
      .prepare(
        `SELECT s.id, s.customer_id AS customerId,
                EXISTS (SELECT 1 FROM customer_staff t WHERE t.customer_id = s.customer_id AND t.employee_id = ? AND t.deleted = 0) AS taken
         FROM customer_staff s WHERE s.employee_id = ? AND s.deleted = 0`,
      )
      .all(toEmployeeId, employeeId) as { id: string; customerId: string; taken: number }[]
  ).map((r) => ({ id: r.id, customerId: r.customerId, taken: r.taken === 1 }));
  return { customers, orders, records, staff };
}

function counts(employeeId: string | null, m: Moving): TransferCounts {
  return { fromEmployeeId: employeeId, customers: m.customers.length, orders: m.orders.length, records: m.records.length, staff: m.staff.length };
}

/** What 停用并移交 would move, for the confirmation. */
export function previewTransfer(ws: Workspace, id: string): TransferCounts {
  const user = requireUserRow(ws, id);
  return counts(user.employee_id, moving(ws, user.employee_id));
}

export function disableAndTransfer(
  ws: Workspace,
  ctx: CallContext,
  id: string,
  toEmployeeId: string,
  now: Date = new Date(),
): { user: UserSummary; moved: TransferCounts } {
  const user = requireUserRow(ws, id);
  if (id === ctx.userId) throw new KecardError('CONFLICT', 'You cannot disable yourself.', { reason: 'self' });
  const target = ws.db.prepare('SELECT id FROM employees WHERE id = ? AND deleted = 0').get(toEmployeeId);
  if (!target || toEmployeeId === user.employee_id) {
    throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { toEmployeeId: target ? 'sameEmployee' : 'notFound' } });
  }
  const moved = runWrite(
    ws,
    ctx,
    (tx) => {
      const m = moving(tx.ws, user.employee_id, toEmployeeId);
      for (const customerId of m.customers) move(tx, 'customer', customerId, customerId, { ownerId: toEmployeeId });
      for (const o of m.orders) move(tx, 'order', o.customerId, o.id, { ownerId: toEmployeeId });
      for (const r of m.records) move(tx, 'businessRecord', r.customerId, r.id, { employeeId: toEmployeeId });
      // A customer the new employee already serves would get a second 相关员工 row for them.
      // Two rows of the leaver on one customer: the first moves, the second would duplicate it.
      const served = new Set<string>();
      for (const s of m.staff) {
        if (s.taken || served.has(s.customerId)) setDeleted(tx, 'customerStaff', s.customerId, s.id, true);
        else move(tx, 'customerStaff', s.customerId, s.id, { employeeId: toEmployeeId });
        served.add(s.customerId);
      }
      // Inside the same transaction: a refusal here (the last manager) undoes the moves too. The
      // wrapped key is dropped after the commit: the keys file is not part of the transaction.
      setUserActive(tx.ws, ctx, id, false, now, { dropKeys: false });
      const result = counts(user.employee_id, m);
      appendAudit(
        tx.ws,
        {
          action: 'userTransferred',
          actor: { userId: ctx.userId, userName: ctx.userName },
          targetId: id,
          rowCount: result.customers + result.orders + result.records + result.staff,
          detail: { login: user.login, toEmployeeId, ...result },
        },
        now,
      );
      return result;
    },
    { source: 'transfer', now },
  );
  try {
    dropUserKeys(ws, id);
  } catch (err) {
    // The transfer has committed and the user is disabled (sign-in refuses them); a keys file that
    // cannot be rewritten now (read-only folder, full disk) keeps their copy until the next change
    // to it — say so in the log rather than report the committed transfer as failed.
    console.error("[kecard] 停用并移交: the keys file could not drop the disabled user's copy", err);
  }
  return { user: toUserSummary(ws, requireUserRow(ws, id), now), moved };
}

function move(
  tx: WriteTx,
  entity: 'customer' | 'order' | 'businessRecord' | 'customerStaff',
  rootId: string,
  id: string,
  values: Record<string, unknown>,
): void {
  const before = readRow(tx, entity, id);
  if (before) updateRow(tx, entity, rootId, before, values);
}
