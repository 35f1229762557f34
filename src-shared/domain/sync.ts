// Sync between sites (issue 18): what the UI and the CLI show of this site, its partners and the
// bundles it exchanged. Main owns the keys; none of them crosses to the renderer.

import { z } from 'zod';

export type SiteRole = 'hq' | 'store';

/**
 * Which customers a store receives (partial replication, docs/sync-protocol.md "Scopes"): those
 * whose 门店 is the store itself ('own', the default), those of the listed 门店 codes ('stores',
 * e.g. a regional branch), or all. What HQ shares with every site (products, custom fields,
 * business types, layouts, schemes, employees, settings) goes to every store whatever its scope.
 */
export const syncScope = z.discriminatedUnion('customers', [
  z.object({ customers: z.literal('own') }),
  z.object({ customers: z.literal('all') }),
  z.object({
    customers: z.literal('stores'),
    stores: z
      .array(z.string().regex(/^[A-Z0-9]{2,8}$/))
      .min(1)
      .max(200),
  }),
]);
export type SyncScope = z.infer<typeof syncScope>;

/** Why a bundle or an enrolment was refused (SYNC_REFUSED details.reason). */
export const SYNC_REFUSALS = [
  'notInNetwork',
  'alreadyInNetwork',
  'notHq',
  'wrongNetwork',
  'notForThisSite',
  'unknownSender',
  'revoked',
  'newerSchema',
  'notEnrolled',
  'badInvitation',
  'badProof',
  'badEntries',
  'unknownPartner',
] as const;
export type SyncRefusal = (typeof SYNC_REFUSALS)[number];

export interface SyncPartnerSummary {
  code: string;
  name: string;
  role: SiteRole;
  /** Null until a store invited by HQ has sent its first bundle. */
  siteId: string | null;
  enrolled: boolean;
  revoked: boolean;
  sentNumber: number;
  receivedNumber: number;
  lastSentAt: string | null;
  lastReceivedAt: string | null;
  /** Changes this site holds that the partner has not acknowledged. */
  waiting: number;
  /** Compare by phone with the partner's screen (null until both keys are known). */
  safetyCode: string | null;
  /** The folder both sites reach (folder transport), or null. */
  folder: string | null;
  /** Which customers the partner receives (HQ's side; a store's HQ partner shows 'all'). */
  scope: SyncScope;
  /** Why the last bundle from or for it failed, as the user was told (error code + details), or null. */
  lastError: { code: string; reason: string | null; message: string; at: string } | null;
}

export interface SyncSiteSummary {
  /** Null while the workspace is on its own. */
  networkId: string | null;
  role: SiteRole | null;
  code: string | null;
  name: string | null;
  siteId: string;
  partners: SyncPartnerSummary[];
}

export interface AppliedBundle {
  from: { code: string; name: string };
  number: number;
  changes: number;
  /** Entries new to this site; the rest were held already. */
  applied: number;
  /** Concurrent values that lost, now in the conflict inbox. */
  conflicts: number;
  /** Nothing new: an old or repeated bundle, applied before. */
  duplicate: boolean;
  /** Customers removed here because they left this site's scope (a store's side), by name. */
  removed: { id: string; name: string }[];
  /** This bundle enrolled the store (HQ's side): compare the safety code. */
  enrolled: boolean;
  safetyCode: string | null;
}

export interface ConflictSide {
  value: unknown;
  site: { siteId: string; code: string | null; name: string | null };
  user: string;
  at: string;
}

/** One entry of the conflict inbox (冲突箱). */
export interface SyncConflict {
  id: number;
  /** 'field': two values for one field; 'deleted': an edit of a record deleted elsewhere (恢复 brings it back). */
  /** 'renamed': two sites gave out one customer code; this customer got another (both kept). */
  kind: 'field' | 'deleted' | 'renamed';
  entity: string;
  entityId: string;
  customerId: string | null;
  /** The card it shows on, by name, when there is one. */
  customerName: string | null;
  field: string | null;
  /** What the record holds now. */
  kept: ConflictSide;
  /** What lost, to keep instead if wanted. */
  lost: ConflictSide;
  detectedAt: string;
  resolution: 'kept' | 'restored' | null;
  resolvedAt: string | null;
}
