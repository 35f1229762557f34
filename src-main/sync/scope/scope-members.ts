import type Database from 'better-sqlite3-multiple-ciphers';
import type { Partner } from '../network/sync-tables';
import { scopeOf } from './scope-rules';

// HQ's side of partial replication (docs/sync-protocol.md, "Scopes"). A store receives the
// customers of its scope with everything hanging from them (entries whose root is the customer:
// contacts, orders, records, expenses…), and what HQ shares with every site (entries with no root:
// products, custom fields, business types, layouts, schemes, employees, settings). HQ remembers which customers each store holds
// (sync_scope_members), so that a customer entering a store's scope is sent with its whole history
// and one leaving it is sent as a removal; both are repeated until the store has applied a bundle
// carrying them.

export interface ScopePlan {
  /** Customers (ids) the partner is to hold now. */
  inScope: ReadonlySet<string>;
  /** Entering (or not yet confirmed as entered): sent with their whole history. */
  entering: string[];
  /** Leaving (or not yet confirmed as left): the partner removes them. */
  leaving: string[];
}

/** Whether an entry with this root goes to the partner under the plan. */
export function inPlan(plan: ScopePlan, rootId: string | null): boolean {
  return rootId === null || plan.inScope.has(rootId);
}

/** The customers of the partner's scope now, deleted ones included (the store learns of the delete). */
export function customersInScope(db: Database.Database, partner: Pick<Partner, 'code' | 'scope'>): Set<string> {
  const scope = scopeOf(partner);
  const ids =
    scope.customers === 'all'
      ? db.prepare('SELECT id FROM customers').pluck().all()
      : scope.customers === 'own'
        ? db.prepare('SELECT id FROM customers WHERE store_code = ?').pluck().all(partner.code)
        : db.prepare('SELECT id FROM customers WHERE store_code IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(scope.stores));
  return new Set(ids as string[]);
}

/**
 * Compares the scope with what the partner holds and records the bundle `number` as the one that
 * tells it of every change; rows the partner has confirmed (their_received >= changed_in) and that
 * left are forgotten. Runs inside the bundle's transaction.
 */
export function planScope(db: Database.Database, partner: Partner, number: number): ScopePlan {
  const inScope = customersInScope(db, partner);
  const members = db
    .prepare('SELECT customer_id AS id, held, changed_in AS changedIn FROM sync_scope_members WHERE partner_id = ?')
    .all(partner.id) as { id: string; held: number; changedIn: number }[];
  const confirmed = (changedIn: number) => changedIn <= partner.theirReceived;
  const set = db.prepare(
    `INSERT INTO sync_scope_members (partner_id, customer_id, held, changed_in) VALUES (?, ?, ?, ?)
     ON CONFLICT (partner_id, customer_id) DO UPDATE SET held = excluded.held, changed_in = excluded.changed_in`,
  );
  const forget = db.prepare('DELETE FROM sync_scope_members WHERE partner_id = ? AND customer_id = ?');
  const entering: string[] = [];
  const leaving: string[] = [];
  const known = new Set<string>();
  for (const m of members) {
    known.add(m.id);
    const wanted = inScope.has(m.id);
    if (wanted && m.held === 1) {
      if (!confirmed(m.changedIn)) entering.push(m.id);
    } else if (wanted) {
      set.run(partner.id, m.id, 1, number);
      entering.push(m.id);
    } else if (m.held === 1) {
      set.run(partner.id, m.id, 0, number);
      leaving.push(m.id);
    } else if (confirmed(m.changedIn)) {
      forget.run(partner.id, m.id);
    } else {
      leaving.push(m.id);
    }
  }
  for (const id of inScope) {
    if (known.has(id)) continue;
    set.run(partner.id, id, 1, number);
    entering.push(id);
  }
  return { inScope, entering, leaving };
}

/** A store sent entries of these customers: it holds them (unless told to remove them meanwhile). */
export function noteHeldBySender(db: Database.Database, partnerId: number, roots: Iterable<string>): void {
  const insert = db.prepare('INSERT OR IGNORE INTO sync_scope_members (partner_id, customer_id, held, changed_in) VALUES (?, ?, 1, 0)');
  for (const root of roots) insert.run(partnerId, root);
}
