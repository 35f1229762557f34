import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** 客户分类方案: classes and how customers land in them (rules over metrics, or contribution share). */
export const classificationSchemes = sqliteTable('classification_schemes', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  name: text('name').notNull(),
  /** The whole definition (classes, method, window, rules or cuts) as JSON; see src-shared/analysis/scheme.ts. */
  definition: text('definition').notNull(),
  /** Whether applying it also sets the customer card's class field. */
  setsCustomerClass: integer('sets_customer_class').notNull().default(1),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});

/**
 * One row per customer per period a scheme was run for: the class history. Written only by
 * applying a scheme; the run itself is one change-log entry, and class changes on the card are
 * logged field changes.
 */
export const classificationSnapshots = sqliteTable(
  'classification_snapshots',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    schemeId: text('scheme_id').notNull(),
    period: text('period').notNull(),
    customerId: text('customer_id').notNull(),
    customerClass: text('class').notNull(),
    /** The metric values the class came from, JSON. */
    metrics: text('metrics').notNull().default('{}'),
    overridden: integer('overridden').notNull().default(0),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('classification_snapshots_run_idx').on(t.schemeId, t.period, t.customerClass, t.customerId),
    index('classification_snapshots_customer_idx').on(t.customerId, t.schemeId, t.period, t.customerClass),
  ],
);

/** A manager's manual class for a customer under a scheme, with the reason; wins over the rules. */
export const classificationOverrides = sqliteTable('classification_overrides', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  schemeId: text('scheme_id').notNull(),
  customerId: text('customer_id').notNull(),
  customerClass: text('class').notNull(),
  reason: text('reason').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});

/** Workspace settings that are data (lifecycle rules …), JSON by key, logged like any row. */
export const appSettings = sqliteTable('app_settings', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  key: text('key').notNull(),
  value: text('value').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});
