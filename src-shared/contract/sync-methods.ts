import { z } from 'zod';
import { syncScope } from '../domain/sync';
import { defineMethod } from './define-method';
import { jobStarted } from './methods-base';

// Sync between sites (issue 18): the 同步中心 and 门店管理. Keys never cross; files cross by token
// (uploads staged by the shell, downloads offered by token) or by a folder the user typed.

const fileToken = z.string().regex(/^[0-9a-f]{32}$/);
const siteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,8}$/, { error: 'siteCode' });
const siteName = z.string().trim().min(1, { error: 'required' }).max(100);
const role = z.enum(['hq', 'store']);

const partner = z.object({
  code: z.string(),
  name: z.string(),
  role,
  siteId: z.string().nullable(),
  enrolled: z.boolean(),
  revoked: z.boolean(),
  sentNumber: z.number().int(),
  receivedNumber: z.number().int(),
  lastSentAt: z.string().nullable(),
  lastReceivedAt: z.string().nullable(),
  waiting: z.number().int(),
  safetyCode: z.string().nullable(),
  folder: z.string().nullable(),
  scope: syncScope,
  lastError: z.object({ code: z.string(), reason: z.string().nullable(), message: z.string(), at: z.string() }).nullable(),
});

export const syncStatusOutput = z.object({
  networkId: z.string().nullable(),
  role: role.nullable(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  siteId: z.string(),
  partners: z.array(partner),
  openConflicts: z.number().int(),
  history: z.array(
    z.object({
      direction: z.enum(['in', 'out']),
      partner: z.string(),
      number: z.number().int(),
      at: z.string(),
      changes: z.number().int(),
      applied: z.number().int(),
      conflicts: z.number().int(),
    }),
  ),
});
export type SyncStatusOutput = z.infer<typeof syncStatusOutput>;

const applied = z.object({
  from: z.object({ code: z.string(), name: z.string() }),
  number: z.number().int(),
  changes: z.number().int(),
  applied: z.number().int(),
  conflicts: z.number().int(),
  duplicate: z.boolean(),
  /** Customers removed here because they left this site's scope (a store's side). */
  removed: z.array(z.object({ id: z.string(), name: z.string() })),
  enrolled: z.boolean(),
  safetyCode: z.string().nullable(),
});
export const importOutcome = z.object({
  applied: z.array(applied),
  waiting: z.array(z.object({ from: z.string(), number: z.number().int(), missing: z.array(z.number().int()) })),
  refused: z.array(z.object({ code: z.string(), reason: z.string(), message: z.string(), files: z.array(z.string()) })),
});
export type ImportOutcomeOutput = z.infer<typeof importOutcome>;

const download = z.object({ downloadToken: z.string(), fileName: z.string() });

/** What the 'sync' jobs hand back (job.finished's result), checked in main before it is sent. */
export const syncExportResult = z.object({
  bundles: z.array(z.object({ to: z.string(), number: z.number().int(), changes: z.number().int(), files: z.array(download) })),
});
export type SyncExportResult = z.infer<typeof syncExportResult>;
export const syncNowResult = z.object({
  sent: z.object({ number: z.number().int(), changes: z.number().int() }).nullable(),
  received: importOutcome,
});
export type SyncNowResult = z.infer<typeof syncNowResult>;
export const syncJoinResult = z.object({ hq: z.object({ code: z.string(), name: z.string() }), safetyCode: z.string() });
export type SyncJoinResult = z.infer<typeof syncJoinResult>;

const conflictSide = z.object({
  value: z.unknown(),
  site: z.object({ siteId: z.string(), code: z.string().nullable(), name: z.string().nullable() }),
  user: z.string(),
  at: z.string(),
});
export const syncConflict = z.object({
  id: z.number().int(),
  kind: z.enum(['field', 'deleted', 'renamed']),
  entity: z.string(),
  entityId: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  field: z.string().nullable(),
  kept: conflictSide,
  lost: conflictSide,
  detectedAt: z.string(),
  resolution: z.enum(['kept', 'restored']).nullable(),
  resolvedAt: z.string().nullable(),
});

export const syncMethods = {
  'sync.status': defineMethod({ input: z.object({}).strict(), output: syncStatusOutput, permission: 'read' }),
  /** This workspace becomes HQ (总部) of a new network. */
  'sync.createNetwork': defineMethod({
    input: z.object({ code: siteCode, name: siteName }).strict(),
    output: syncStatusOutput,
    permission: 'manage',
  }),
  /** HQ adds a store and gets its invitation file (download token). */
  'sync.invite': defineMethod({ input: z.object({ code: siteCode, name: siteName }).strict(), output: download, permission: 'manage' }),
  /**
   * A store opens its invitation (an uploaded file). A job (the 'sync' worker): a workspace with
   * many customers of its own gives each the store's 门店 as it joins. Result: `SyncJoinResult`.
   */
  'sync.join': defineMethod({ input: z.object({ fileToken }).strict(), output: jobStarted, permission: 'manage' }),
  'sync.revoke': defineMethod({ input: z.object({ code: siteCode }).strict(), output: syncStatusOutput, permission: 'manage' }),
  /** HQ: which customers a store receives (门店管理 → 修改范围); applies at the next exchange. */
  'sync.setScope': defineMethod({
    input: z.object({ code: siteCode, scope: syncScope }).strict(),
    output: syncStatusOutput,
    permission: 'manage',
  }),
  /** The folder both sites reach for this partner (null: none). */
  'sync.setFolder': defineMethod({
    input: z.object({ code: siteCode, folder: z.string().trim().min(1).max(4096).nullable() }).strict(),
    output: syncStatusOutput,
    permission: 'manage',
    local: true,
  }),
  /**
   * 导出同步包: the next bundle for one partner (or every enrolled one), as files to download. A
   * job (the 'sync' worker): its result is `SyncExportResult`.
   */
  'sync.export': defineMethod({ input: z.object({ to: siteCode.nullable() }).strict(), output: jobStarted, permission: 'write' }),
  /**
   * 导入同步包: uploaded bundle files (parts of several bundles may come together). A job with
   * progress and 取消; its result is `ImportOutcomeOutput`. A large bundle goes in resumable chunks.
   */
  'sync.import': defineMethod({
    input: z.object({ fileTokens: z.array(fileToken).min(1).max(200) }).strict(),
    output: jobStarted,
    permission: 'write',
  }),
  /** 立即同步 through the partner's folder: apply what arrived, then write the next bundle. A job; result `SyncNowResult`. */
  'sync.now': defineMethod({ input: z.object({ code: siteCode }).strict(), output: jobStarted, permission: 'write' }),
  /**
   * Desktop: the OS file dialog for an invitation or bundle files, staged in place (not copied).
   * `native: false` in the browser shell, where the page uploads the files it is given instead.
   */
  'sync.chooseFiles': defineMethod({
    input: z.object({ kind: z.enum(['invitation', 'bundles']) }).strict(),
    output: z.object({ native: z.boolean(), files: z.array(z.object({ fileToken: z.string(), fileName: z.string() })) }),
    permission: 'write',
    local: true,
  }),
  'conflicts.list': defineMethod({ input: z.object({ all: z.boolean().optional() }).strict(), output: z.array(syncConflict), permission: 'read' }),
  /** Keep the record as it is ('kept') or write the value that lost back ('lost'). */
  'conflicts.resolve': defineMethod({
    input: z.object({ id: z.number().int().min(1), keep: z.enum(['kept', 'lost']) }).strict(),
    output: z.object({ ok: z.literal(true) }),
    permission: 'write',
  }),
} as const;
