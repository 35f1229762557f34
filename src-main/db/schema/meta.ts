import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Workspace identity (workspace id, site id, name, creation time) as key/value rows. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
