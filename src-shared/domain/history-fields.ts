import { z } from 'zod';

// What the history shows of a logged field, shared by main (which resolves the ids) and the
// renderer (which words everything): no internal name, id or code reaches the screen.

/** Bookkeeping a reader never sees: row ids, sort helpers, timestamps, flags, physical column names. */
export const HISTORY_HIDDEN_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'siteId',
  'seq',
  'sortKey',
  'sortOrder',
  'createdAt',
  'updatedAt',
  'deleted',
  'purged',
  'ownerUserId',
  'columnName',
  'customerId',
]);

/** Fields holding another row's id (any table): history shows that row's name instead. */
export const HISTORY_REFERENCE_FIELDS: ReadonlySet<string> = new Set([
  'ownerId',
  'employeeId',
  'departmentId',
  'parentId',
  'contactId',
  'productId',
  'folderId',
  'itemId',
  'categoryId',
  'typeId',
  'businessTypeId',
  'schemeId',
  'orderId',
  'recordId',
  'customerId',
]);

/** Names and definitions main looks up for a set of log entries, so the renderer can word them. */
export const historyLexicon = z.object({
  /** Row id → its name (customer, contact, staff, department, product, folder, order number, record title …). */
  names: z.record(z.string(), z.string()),
  /** Custom column (cf_…) → its label, type and options, deleted and purged fields included. */
  fields: z.record(
    z.string(),
    z.object({ label: z.string(), type: z.string(), options: z.array(z.object({ value: z.string(), label: z.string() })) }),
  ),
  /** Business record id → its type id; type id → status key → label. */
  recordTypes: z.record(z.string(), z.string()),
  statuses: z.record(z.string(), z.record(z.string(), z.string())),
});
export type HistoryLexicon = z.infer<typeof historyLexicon>;
