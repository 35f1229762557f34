import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { customers } from './customers';

export const departments = sqliteTable(
  'departments',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    parentId: text('parent_id').references((): AnySQLiteColumn => departments.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [
    index('departments_customer_idx').on(t.customerId),
    // Deleting a department (scope removal) checks for sub-departments naming it; without this
    // index each check scans the table and removing n customers costs n². Only sub-departments pay.
    index('departments_parent_idx')
      .on(t.parentId)
      .where(sql`${t.parentId} IS NOT NULL`),
  ],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    departmentId: text('department_id').references(() => departments.id),
    name: text('name').notNull(),
    title: text('title'),
    mobile: text('mobile'),
    phone: text('phone'),
    email: text('email'),
    birthday: text('birthday'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [index('contacts_customer_idx').on(t.customerId), index('contacts_department_idx').on(t.departmentId)],
);
