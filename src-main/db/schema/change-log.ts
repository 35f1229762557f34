import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only record of every change to user data: one row per changed field (a create is one row
 * holding the whole new record). History, audit, undo and sync bundles all read this table.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    id: text('id').primaryKey(),
    // Hybrid logical clock: sorts causally across sites, so merges can pick the latest write per field.
    hlc: text('hlc').notNull(),
    txId: text('tx_id').notNull(),
    at: text('at').notNull(),
    siteId: text('site_id').notNull(),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    op: text('op', { enum: ['create', 'update', 'delete', 'restore', 'record', 'purge'] }).notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    // The customer whose card shows this change (the customer itself, or its contact/department).
    rootId: text('root_id'),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    undoOf: text('undo_of'),
    // For a value recorded for a past date (年收入 2021 …): the date it applies to. Null = at \`at\`.
    effectiveDate: text('effective_date'),
    source: text('source'),
  },
  (t) => [
    index('change_log_root_idx').on(t.rootId, t.hlc),
    index('change_log_entity_idx').on(t.entity, t.entityId, t.hlc),
    index('change_log_hlc_idx').on(t.hlc),
    index('change_log_tx_idx').on(t.txId),
    index('change_log_undo_idx').on(t.undoOf),
  ],
);
