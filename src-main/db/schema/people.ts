import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// People (issue 19): this file's own accounts and its audit trail. Neither is in the change log
// nor in sync bundles — each workspace file signs in its own people (docs/security.md).

/**
 * Who may open this workspace. The owner of a one-person workspace is a row too (created on first
 * need, id `local:<OS user>` so entries logged before users existed name the same person).
 */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** As typed; unique regardless of case (the index below). */
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    /** One of ROLES (src-shared/domain/enums.ts). */
    role: text('role').notNull(),
    employeeId: text('employee_id'),
    active: integer('active').notNull().default(1),
    /** `scrypt$N$r$p$salt$hash` (people/password-hash.ts); null while the user has no password. */
    passwordHash: text('password_hash'),
    /** The owner's recovery code, hashed the same way; shown once, never stored in clear. */
    recoveryHash: text('recovery_hash'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lastFailedAt: text('last_failed_at'),
    lockedUntil: text('locked_until'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_login_nocase_idx').on(sql`${t.login} COLLATE NOCASE`)],
);

/** Append-only: who signed in (or failed to), who administered whom; triggers refuse edits. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: text('user_id'),
    userName: text('user_name').notNull(),
    action: text('action').notNull(),
    targetId: text('target_id'),
    customerId: text('customer_id'),
    rowCount: integer('row_count'),
    detail: text('detail').notNull().default('{}'),
  },
  // 审计日志 pages newest first (by id) filtered by action or by customer: each filter walks its own index.
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_user_idx').on(t.userId, t.at),
    index('audit_events_action_idx').on(t.action, t.id),
    index('audit_events_customer_idx').on(t.customerId, t.id),
  ],
);
