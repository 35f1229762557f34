import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Sync between sites (issue 18): this file's own bookkeeping, never logged and never sent —
// each site keeps its own keys, partners and bundle history (docs/sync-protocol.md).

/**
 * This site's membership of a sync network (one row, id 1; none while the workspace is on its
 * own). The site's code is meta `site_code` (generated numbers start with it). The private keys
 * sign and decrypt this site's bundles.
 */
export const syncSite = sqliteTable('sync_site', {
  id: integer('id').primaryKey(),
  networkId: text('network_id').notNull(),
  /** 'hq' (总部, made the network) or 'store' (门店/分公司, joined by invitation). */
  role: text('role').notNull(),
  name: text('name').notNull(),
  signPublic: text('sign_public').notNull(),
  signPrivate: text('sign_private').notNull(),
  boxPublic: text('box_public').notNull(),
  boxPrivate: text('box_private').notNull(),
  joinedAt: text('joined_at').notNull(),
});

/**
 * The sites this one exchanges bundles with. HQ adds a store by code before it knows the store's
 * site id and keys: they arrive with the store's first bundle, proven by the invitation's secret.
 */
export const syncPartners = sqliteTable('sync_partners', {
  id: integer('id').primaryKey(),
  siteId: text('site_id').unique(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  signPublic: text('sign_public'),
  boxPublic: text('box_public'),
  /** HQ's side of an invitation not yet answered; cleared once the store has enrolled. */
  inviteSecret: text('invite_secret'),
  /** Which customers the partner receives (JSON, see sync/scope). */
  scope: text('scope').notNull(),
  revokedAt: text('revoked_at'),
  createdAt: text('created_at').notNull(),
  /** Numbers of the last bundle made for it and the last one applied from it. */
  sentNumber: integer('sent_number').notNull().default(0),
  receivedNumber: integer('received_number').notNull().default(0),
  /** What the partner has acknowledged holding: origin site id → seq (JSON). */
  theirAck: text('their_ack').notNull().default('{}'),
  /** What this site holds of the partner's stream, the acknowledgement it sends (JSON). */
  heldFrom: text('held_from').notNull().default('{}'),
  /** The highest bundle number the partner says it has applied from this site (header.ackNumber). */
  theirReceived: integer('their_received').notNull().default(0),
  lastSentAt: text('last_sent_at'),
  lastReceivedAt: text('last_received_at'),
  /**
   * The folder both sites reach (a VPN share, a network drive, a synced cloud folder): bundles go
   * to its "to-<code>" subfolder of the recipient (docs/sync-protocol.md, "Folder transport").
   */
  folder: text('folder'),
});

/** Bundles made and applied, for the 同步中心's history. Refused bundles change nothing, so are not here. */
export const syncBundles = sqliteTable('sync_bundles', {
  id: integer('id').primaryKey(),
  /** 'out' (made for the partner) or 'in' (applied from it). */
  direction: text('direction').notNull(),
  partnerId: integer('partner_id')
    .notNull()
    .references(() => syncPartners.id),
  number: integer('number').notNull(),
  at: text('at').notNull(),
  changes: integer('changes').notNull(),
  /** In: entries new to this site (the rest were held already). */
  applied: integer('applied').notNull(),
  conflicts: integer('conflicts').notNull().default(0),
  /** In: customers removed here because they left this site's scope. */
  removed: integer('removed').notNull().default(0),
  durationMs: integer('duration_ms').notNull(),
});

/**
 * The conflict inbox (冲突箱): a value that lost to a concurrent change from another site, kept
 * here with both values, who and when. Keeping the loser is a new change that syncs like any other;
 * each site detects the conflicts it meets, so the inbox is the site's own.
 */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: integer('id').primaryKey(),
    /** 'field' (two values for one field) or 'deleted' (an edit of a record deleted elsewhere). */
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** The customer whose card shows it, when there is one. */
    rootId: text('root_id'),
    field: text('field'),
    /** JSON of the value in the record now, and of the one that lost. */
    keptValue: text('kept_value'),
    lostValue: text('lost_value'),
    keptSiteId: text('kept_site_id').notNull(),
    keptUser: text('kept_user').notNull(),
    keptAt: text('kept_at').notNull(),
    lostSiteId: text('lost_site_id').notNull(),
    lostUser: text('lost_user').notNull(),
    lostAt: text('lost_at').notNull(),
    detectedAt: text('detected_at').notNull(),
    /** Null while open; 'kept' (the record's value stands) or 'restored' (the lost value written back). */
    resolution: text('resolution'),
    resolvedAt: text('resolved_at'),
  },
  // A customer leaving a store's scope takes its conflicts with it (one lookup per customer).
  (t) => [
    index('sync_conflicts_root_idx')
      .on(t.rootId)
      .where(sql`${t.rootId} IS NOT NULL`),
  ],
);

/**
 * HQ's view of which customers each store holds (partial replication, docs/sync-protocol.md
 * "Scopes"): a customer entering a store's scope is sent with its whole history, one leaving it is
 * sent as a removal. `held` is the state last sent; `changedIn` the bundle number that sent it,
 * confirmed once the store says it applied that bundle (their_received >= changedIn). Rows the store
 * itself sent are held from the start (changedIn 0).
 */
export const syncScopeMembers = sqliteTable(
  'sync_scope_members',
  {
    partnerId: integer('partner_id')
      .notNull()
      .references(() => syncPartners.id),
    customerId: text('customer_id').notNull(),
    held: integer('held').notNull(),
    changedIn: integer('changed_in').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.customerId] })],
);
