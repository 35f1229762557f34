import { z } from 'zod';

// 'evict': a customer left this site's sync scope and its rows were removed here (the log keeps
// its history); other sites log it and change nothing (docs/sync-protocol.md, "Scopes").
export const CHANGE_OPS = ['create', 'update', 'delete', 'restore', 'record', 'purge', 'evict'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];
export const ENTITIES = [
  'customer',
  'department',
  'contact',
  'employee',
  'savedQuery',
  'favouriteFolder',
  'favouriteItem',
  'product',
  'order',
  'orderLine',
  'receipt',
  'customerStaff',
  'customField',
  'cardLayout',
  'businessType',
  'businessRecord',
  'expenseCategory',
  'expense',
  'queryForm',
  'importMapping',
  'classificationScheme',
  'classificationOverride',
  'classificationRun',
  'setting',
] as const;
export type Entity = (typeof ENTITIES)[number];

/** One row of the change log as the card's history tab and the audit view see it. */
export const changeEntry = z.object({
  id: z.string(),
  txId: z.string(),
  hlc: z.string(),
  at: z.string(),
  siteId: z.string(),
  userId: z.string(),
  userName: z.string(),
  op: z.enum(CHANGE_OPS),
  entity: z.enum(ENTITIES),
  entityId: z.string(),
  entityLabel: z.string().nullable(),
  field: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  undoOf: z.string().nullable(),
  source: z.string().nullable(),
  effectiveDate: z.string().nullable(),
});
export type ChangeEntry = z.infer<typeof changeEntry>;
