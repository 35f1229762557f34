import { z } from 'zod';
import { entityId } from '../domain/field-rules';
import { defineMethod } from './define-method';

const byId = z.object({ id: entityId }).strict();
const ok = z.object({ ok: z.literal(true) });

export const deletedCustomer = z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), deletedAt: z.string() });
export type DeletedCustomer = z.infer<typeof deletedCustomer>;

/** 已删除的客户: the deleted customers not yet purged, restoring one, and purging one for good. */
export const deletedCustomerMethods = {
  'customers.listDeleted': defineMethod({
    input: z.object({ offset: z.number().int().min(0).max(10_000_000), limit: z.number().int().min(1).max(500) }).strict(),
    output: z.object({ total: z.number().int(), rows: z.array(deletedCustomer) }),
    permission: 'read',
  }),
  'customers.restore': defineMethod({ input: byId, output: ok, permission: 'write' }),
  /** 彻底清除: removes a deleted customer's personal data from rows, log values and the search index; cannot be undone. */
  'customers.purge': defineMethod({
    input: byId,
    output: z.object({ logRowsScrubbed: z.number().int(), walEmptied: z.boolean() }),
    permission: 'manage',
  }),
} as const;
