import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { employees } from './employees';

export const customers = sqliteTable(
  'customers',
  {
    // Local row number for the full-text index only (FTS5 needs an integer rowid that VACUUM keeps).
    // It never leaves this file: relations, the change log and sync use `id`.
    seq: integer('seq').primaryKey(),
    id: text('id').notNull(),
    siteId: text('site_id').notNull(),
    name: text('name').notNull(),
    // Pinyin of the name, so lists sort 阿里 before 中国 the way Chinese users expect.
    sortKey: text('sort_key').notNull(),
    shortName: text('short_name'),
    code: text('code'),
    kind: text('kind', { enum: ['company', 'individual'] })
      .notNull()
      .default('company'),
    industry: text('industry'),
    province: text('province'),
    city: text('city'),
    district: text('district'),
    address: text('address'),
    phones: text('phones').notNull().default('[]'),
    email: text('email'),
    website: text('website'),
    source: text('source'),
    ownerId: text('owner_id').references(() => employees.id),
    customerClass: text('class'),
    lifecycle: text('lifecycle').notNull().default('prospect'),
    relationshipLevel: integer('relationship_level'),
    colorLabel: text('color_label'),
    tags: text('tags').notNull().default('[]'),
    notes: text('notes'),
    // 门店: the site code of the store (or HQ) the customer belongs to in a sync network; a store
    // receives the customers of the 门店 codes in its scope (sync/scope). Null: 总部/unassigned.
    storeCode: text('store_code'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [
    uniqueIndex('customers_id_uq').on(t.id),
    // Codes are unique among live customers; a deleted customer's code can be reused.
    uniqueIndex('customers_code_uq')
      .on(t.code)
      .where(sql`${t.code} IS NOT NULL AND ${t.deleted} = 0`),
    // One (deleted, column) index per sortable list column: rows come out in (column, seq) order,
    // so any page of a 1M-row list is an index walk, never a sort.
    index('customers_sort_key_idx').on(t.deleted, t.sortKey),
    index('customers_updated_idx').on(t.deleted, t.updatedAt),
    index('customers_created_idx').on(t.deleted, t.createdAt),
    index('customers_class_idx').on(t.deleted, t.customerClass),
    index('customers_code_idx').on(t.deleted, t.code),
    index('customers_province_idx').on(t.deleted, t.province),
    index('customers_city_idx').on(t.deleted, t.city),
    index('customers_industry_idx').on(t.deleted, t.industry),
    index('customers_lifecycle_idx').on(t.deleted, t.lifecycle),
    index('customers_relationship_idx').on(t.deleted, t.relationshipLevel),
    // Record scope 'own' (people/record-scope.ts) gathers a user's customers by owner; with deleted
    // in the key their count is an index count, and with the id the reports' SQL over orders,
    // records and snapshots finds their ids without reading a row (replaces customers_owner_idx).
    index('customers_owner_deleted_idx').on(t.ownerId, t.deleted, t.id),
    index('customers_store_idx').on(t.deleted, t.storeCode),
  ],
);
