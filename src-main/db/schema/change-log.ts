import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Append-only record of every change to user data: one row per changed field (a create is one row
 * holding the whole new record). History, audit, undo and sync bundles all read this table.
 *
 * Built to be small (it is most of a workspace) and to merge: strings that repeat (sites, users,
 * entity, field and source names) are numbers into the small tables below, uuids are 16-byte
 * blobs, stamps are integers. `change_log_entries` (a view, see the migration) shows the rows
 * with all of that spelled out. docs/data-model.md has the bytes per entry.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    // Local order of arrival; what a cursor ("what changed since") follows.
    n: integer('n').primaryKey(),
    // The site that made the change (log_sites.n) and its contiguous number there: an entry's
    // identity between sites is (site, seq), and a version vector is site → highest seq held.
    site: integer('site').notNull(),
    seq: integer('seq').notNull(),
    // Hybrid logical clock: wall-clock ms × 1024 + counter (hlc.ts). Per field, the latest
    // (hlc, site id) wins a merge.
    hlc: integer('hlc').notNull(),
    // The transaction: `n` of its first entry.
    tx: integer('tx').notNull(),
    // Wall-clock ms at the origin when the change was made.
    at: integer('at').notNull(),
    user: integer('user').notNull(),
    op: integer('op').notNull(),
    entity: integer('entity').notNull(),
    entityId: blob('entity_id').notNull(),
    // The customer whose card shows this change (the customer itself, or its contact/department).
    rootId: blob('root_id'),
    field: integer('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    // The transaction this one reverts (its `tx`).
    undoOf: integer('undo_of'),
    // For a value recorded for a past date (年收入 2021 …): the date it applies to. Null = at `at`.
    effectiveDate: text('effective_date'),
    source: integer('source'),
  },
  (t) => [
    uniqueIndex('change_log_site_seq_uq').on(t.site, t.seq),
    index('change_log_root_idx').on(t.rootId),
    index('change_log_entity_idx').on(t.entityId, t.field),
    index('change_log_undo_idx')
      .on(t.undoOf)
      .where(sql`undo_of IS NOT NULL`),
  ],
);

/** Every site whose changes this file holds; `n` is what change_log.site stores. */
export const logSites = sqliteTable('log_sites', {
  n: integer('n').primaryKey(),
  siteId: text('site_id').notNull().unique(),
});

/** Entity, field and source names of the log. */
export const logNames = sqliteTable('log_names', {
  n: integer('n').primaryKey(),
  name: text('name').notNull().unique(),
});

export const logUsers = sqliteTable(
  'log_users',
  {
    n: integer('n').primaryKey(),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
  },
  (t) => [uniqueIndex('log_users_uq').on(t.userId, t.userName)],
);

/** The file's clock: the latest stamp any writer issued or observed (one row, id 1). */
export const logClock = sqliteTable('log_clock', {
  id: integer('id').primaryKey(),
  hlc: integer('hlc').notNull(),
});
