import { recordVersion, saveConflicts } from '../domain/save-conflict';
import { z } from 'zod';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, customField, customFieldInput, customFieldPatch, selectOption } from '../domain/custom-fields';
import { entityId } from '../domain/field-rules';
import {
  customerStaffInput,
  customerStaffPatch,
  customerStaffRow,
  order,
  orderInput,
  orderPatch,
  product,
  productInput,
  productPatch,
  purchasedProduct,
  receipt,
  receiptInput,
  receiptPatch,
  salesSummary,
} from '../domain/sales';
import { defineMethod } from './define-method';

const ok = z.object({ ok: z.literal(true) });
const byId = z.object({ id: entityId }).strict();

export const typeChangePreview = z.object({
  total: z.number().int(),
  converted: z.number().int(),
  lost: z.number().int(),
  lostExamples: z.array(z.object({ id: z.string(), value: z.unknown() })),
  samples: z.array(z.object({ before: z.unknown(), after: z.unknown() })),
});

/**
 * An indexed field's index is built by a background job after the field is added or marked
 * indexed: 'building' while it runs, 'pending' when it was cancelled (built at the next open).
 */
export const fieldIndexState = z.enum(['none', 'building', 'pending', 'ready']);
export type FieldIndexState = z.infer<typeof fieldIndexState>;

export const fieldHistoryPoint = z.object({
  date: z.string(),
  value: z.unknown(),
  userName: z.string(),
  recordedAt: z.string(),
  backfilled: z.boolean(),
});

export const customerRelated = z.object({
  summary: salesSummary,
  orders: z.array(order),
  receipts: z.array(receipt),
  staff: z.array(customerStaffRow),
  purchased: z.array(purchasedProduct),
});
export type CustomerRelated = z.infer<typeof customerRelated>;

/** Custom fields, sales records on the card, and the related lists. */
export const cardMethods = {
  'fields.list': defineMethod({
    input: z
      .object({ entity: z.enum(CUSTOM_FIELD_ENTITIES), businessTypeId: z.string().max(64).optional(), includeDeleted: z.boolean().optional() })
      .strict(),
    output: z.array(customField.extend({ valueCount: z.number().int(), indexState: fieldIndexState })),
    permission: 'read',
  }),
  /** Builds the missing indexes of indexed fields now (after a cancel); the job's id, or null when none is missing. */
  'fields.buildIndexes': defineMethod({ input: z.object({}).strict(), output: z.object({ jobId: z.string().nullable() }), permission: 'manage' }),
  'fields.cancelIndexing': defineMethod({ input: z.object({}).strict(), output: ok, permission: 'manage' }),
  'fields.create': defineMethod({ input: customFieldInput, output: customField, permission: 'manage' }),
  'fields.update': defineMethod({ input: z.object({ id: entityId, patch: customFieldPatch }).strict(), output: customField, permission: 'manage' }),
  'fields.delete': defineMethod({ input: byId, output: ok, permission: 'manage' }),
  'fields.restore': defineMethod({ input: byId, output: customField, permission: 'manage' }),
  'fields.purge': defineMethod({ input: byId, output: ok, permission: 'manage' }),
  'fields.previewType': defineMethod({
    input: z.object({ id: entityId, to: z.enum(CUSTOM_FIELD_TYPES), options: z.array(selectOption).optional() }).strict(),
    output: typeChangePreview,
    permission: 'manage',
  }),
  'fields.changeType': defineMethod({
    input: z.object({ id: entityId, to: z.enum(CUSTOM_FIELD_TYPES), options: z.array(selectOption).optional(), acceptLoss: z.boolean() }).strict(),
    output: typeChangePreview,
    permission: 'manage',
  }),
  'fields.history': defineMethod({
    input: z.object({ fieldId: entityId, rowId: entityId }).strict(),
    output: z.array(fieldHistoryPoint),
    permission: 'read',
  }),
  'fields.recordValue': defineMethod({
    input: z.object({ fieldId: entityId, rowId: entityId, value: z.unknown(), effectiveDate: z.string().max(10) }).strict(),
    output: z.array(fieldHistoryPoint),
    permission: 'write',
  }),

  'products.list': defineMethod({ input: z.object({ q: z.string().max(60).optional() }).strict(), output: z.array(product), permission: 'read' }),
  'products.create': defineMethod({ input: productInput, output: product, permission: 'write' }),
  'products.update': defineMethod({ input: z.object({ id: entityId, patch: productPatch }).strict(), output: product, permission: 'write' }),
  'products.delete': defineMethod({ input: byId, output: ok, permission: 'write' }),

  'orders.get': defineMethod({ input: byId, output: order, permission: 'read' }),
  'orders.create': defineMethod({ input: orderInput, output: order, permission: 'write' }),
  /** `baseVersion` as for `customers.update`; `lines` conflict as one field. */
  'orders.update': defineMethod({
    input: z.object({ id: entityId, patch: orderPatch, baseVersion: recordVersion.optional() }).strict(),
    output: order.extend(saveConflicts),
    permission: 'write',
  }),
  'orders.delete': defineMethod({ input: byId, output: ok, permission: 'write' }),

  'receipts.create': defineMethod({ input: receiptInput, output: receipt, permission: 'write' }),
  'receipts.update': defineMethod({ input: z.object({ id: entityId, patch: receiptPatch }).strict(), output: receipt, permission: 'write' }),
  'receipts.delete': defineMethod({ input: byId, output: ok, permission: 'write' }),

  'customerStaff.add': defineMethod({ input: customerStaffInput, output: z.object({ id: z.string() }), permission: 'write' }),
  'customerStaff.update': defineMethod({ input: z.object({ id: entityId, patch: customerStaffPatch }).strict(), output: ok, permission: 'write' }),
  'customerStaff.remove': defineMethod({ input: byId, output: ok, permission: 'write' }),

  'customers.related': defineMethod({ input: byId, output: customerRelated, permission: 'read' }),
} as const;
