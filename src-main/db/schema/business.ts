import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { customers } from './customers';

/** 自定义业务: a record type the manager defines (销售机会, 客户投诉 …) with its workflow. */
export const businessTypes = sqliteTable('business_types', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  name: text('name').notNull(),
  icon: text('icon'),
  template: text('template'),
  /** Which cards it belongs to: customer always; contact and staff optionally. */
  linkContact: integer('link_contact').notNull().default(0),
  linkStaff: integer('link_staff').notNull().default(0),
  /** Workflow: [{key, label, color, final}] and allowed transitions {from: [to…]}. */
  statuses: text('statuses').notNull().default('[]'),
  transitions: text('transitions').notNull().default('{}'),
  listColumns: text('list_columns').notNull().default('[]'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});

/** Records of every business type share this table; each type's custom fields are cf_ columns here. */
export const businessRecords = sqliteTable(
  'business_records',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    typeId: text('type_id')
      .notNull()
      .references(() => businessTypes.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    contactId: text('contact_id'),
    employeeId: text('employee_id'),
    title: text('title').notNull(),
    status: text('status').notNull(),
    statusChangedAt: text('status_changed_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [
    index('business_records_type_idx').on(t.typeId, t.deleted, t.status),
    index('business_records_customer_idx').on(t.customerId, t.typeId, t.deleted),
  ],
);

/** 费用分类: a tree the manager edits. */
export const expenseCategories = sqliteTable('expense_categories', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});

/** 费用: expense lines on a business record; `customer_id` is the record's customer, for card totals. */
export const expenses = sqliteTable(
  'expenses',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    recordId: text('record_id')
      .notNull()
      .references(() => businessRecords.id),
    customerId: text('customer_id').notNull(),
    categoryId: text('category_id')
      .notNull()
      .references(() => expenseCategories.id),
    employeeId: text('employee_id'),
    amountFen: integer('amount_fen').notNull(),
    expenseDate: text('expense_date').notNull(),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [
    index('expenses_record_idx').on(t.recordId, t.deleted),
    index('expenses_customer_idx').on(t.customerId, t.deleted),
    index('expenses_category_idx').on(t.categoryId),
  ],
);
