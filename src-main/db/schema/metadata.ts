import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * User-defined fields. Each live field owns a real, nullable column (`column_name`, cf_…) on its
 * entity's table: SQLite adds such a column without rewriting the table, and an indexed custom
 * field then sorts and filters exactly like a built-in one. Deleting a field only marks it; the
 * column and its values stay until the field is purged, so it can be restored.
 */
export const customFields = sqliteTable(
  'custom_fields',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    entity: text('entity').notNull(),
    businessTypeId: text('business_type_id'),
    columnName: text('column_name').notNull(),
    label: text('label').notNull(),
    type: text('type').notNull(),
    options: text('options').notNull().default('[]'),
    required: integer('required').notNull().default(0),
    uniqueValues: integer('unique_values').notNull().default(0),
    defaultValue: text('default_value'),
    help: text('help'),
    searchable: integer('searchable').notNull().default(0),
    indexed: integer('indexed').notNull().default(0),
    trackHistory: integer('track_history').notNull().default(0),
    computed: text('computed'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
    purged: integer('purged').notNull().default(0),
  },
  (t) => [uniqueIndex('custom_fields_column_uq').on(t.entity, t.columnName), index('custom_fields_entity_idx').on(t.entity, t.deleted)],
);

/** Card layout per entity (or business type): tabs, sections, fields and related lists, as JSON. */
export const cardLayouts = sqliteTable('card_layouts', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  entity: text('entity').notNull(),
  layout: text('layout').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});
