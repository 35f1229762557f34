import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Saved column mappings of the import wizard, by name; the newest also seeds suggestions. */
export const importMappings = sqliteTable('import_mappings', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  name: text('name').notNull(),
  target: text('target').notNull(),
  /** Normalised header text → target field (or null = ignore). */
  mapping: text('mapping').notNull().default('{}'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});
