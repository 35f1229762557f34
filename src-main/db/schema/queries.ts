import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A named query tree, personal or shared with the team, optionally pinned to the sidebar. */
export const savedQueries = sqliteTable(
  'saved_queries',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    name: text('name').notNull(),
    entity: text('entity').notNull(),
    definition: text('definition').notNull(),
    shared: integer('shared').notNull().default(0),
    pinned: integer('pinned').notNull().default(0),
    ownerUserId: text('owner_user_id').notNull(),
    ownerName: text('owner_name').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [index('saved_queries_owner_idx').on(t.ownerUserId)],
);

/** 收藏夹: named folders of customers or contacts. */
export const favouriteFolders = sqliteTable('favourite_folders', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull(),
  name: text('name').notNull(),
  entity: text('entity').notNull(),
  ownerUserId: text('owner_user_id').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted').notNull().default(0),
});

/** Membership of a customer or contact in a folder; removing it is a logged soft delete. */
export const favouriteItems = sqliteTable(
  'favourite_items',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    folderId: text('folder_id')
      .notNull()
      .references(() => favouriteFolders.id),
    itemId: text('item_id').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [uniqueIndex('favourite_items_uq').on(t.folderId, t.itemId), index('favourite_items_item_idx').on(t.itemId, t.folderId)],
);
