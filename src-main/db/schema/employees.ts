import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Our own staff: account owners and, later, the people who log in. */
export const employees = sqliteTable('employees', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  name: text('name').notNull(),
  title: text('title'),
  mobile: text('mobile'),
  email: text('email'),
  active: integer('active').notNull().default(1),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});
