import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** 配置查询条件: the fields (and default operators) the manager puts on an entity's simple query form. */
export const queryForms = sqliteTable('query_forms', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  entity: text('entity').notNull(),
  fields: text('fields').notNull().default('[]'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});
