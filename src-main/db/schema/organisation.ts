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
  (t) => [index('departments_customer_idx').on(t.customerId)],
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
