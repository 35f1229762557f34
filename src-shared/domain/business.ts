import { z } from 'zod';
import { recordVersion } from './save-conflict';
import { customValues } from './customer';
import { entityId, optionalText, patchShape, requiredDate, requiredText } from './field-rules';

// Custom business types (自定义业务) and their records, and expenses (费用) on those records.

export const workflowStatus = z
  .object({
    key: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .regex(/^[\w\u4e00-\u9fff-]+$/u, { error: 'invalid' }),
    label: z.string().trim().min(1).max(30),
    color: z.string().max(20).optional(),
    /** A final status closes the record (won, lost, resolved …). */
    final: z.boolean().optional().default(false),
  })
  .strict();
export type WorkflowStatus = z.infer<typeof workflowStatus>;

const typeShape = {
  name: requiredText(40),
  icon: optionalText(40),
  linkContact: z.boolean().optional().default(false),
  linkStaff: z.boolean().optional().default(false),
  statuses: z.array(workflowStatus).min(1, { error: 'required' }).max(30),
  /** Allowed next statuses per status; a status without an entry may move anywhere. */
  transitions: z.record(z.string(), z.array(z.string())).optional().default({}),
  listColumns: z.array(z.string().max(40)).max(40).optional().default([]),
};

export const businessTypeInput = z
  .object({ ...typeShape, template: optionalText(40) })
  .strict()
  .superRefine((t, ctx) => {
    const keys = new Set(t.statuses.map((s) => s.key));
    if (keys.size !== t.statuses.length) ctx.addIssue({ code: 'custom', path: ['statuses'], message: 'duplicateValue' });
    for (const [from, tos] of Object.entries(t.transitions)) {
      if (!keys.has(from) || tos.some((to) => !keys.has(to))) ctx.addIssue({ code: 'custom', path: ['transitions'], message: 'invalid' });
    }
  });
export const businessTypePatch = z.object(patchShape(typeShape)).partial().strict();

export const businessType = z.object({
  id: z.string(),
  name: z.string(),
  icon: z.string().nullable(),
  template: z.string().nullable(),
  linkContact: z.boolean(),
  linkStaff: z.boolean(),
  statuses: z.array(workflowStatus),
  transitions: z.record(z.string(), z.array(z.string())),
  listColumns: z.array(z.string()),
  sortOrder: z.number().int(),
});
export type BusinessType = z.infer<typeof businessType>;

export const BUSINESS_TEMPLATES = ['opportunity', 'complaint', 'visit', 'satisfaction'] as const;
export type BusinessTemplate = (typeof BUSINESS_TEMPLATES)[number];

export const businessRecordInput = z
  .object({
    typeId: entityId,
    customerId: entityId,
    contactId: entityId
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    employeeId: entityId
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    title: requiredText(120),
    status: z.string().max(30).optional(),
    custom: customValues.optional(),
    /** Expense lines saved with the record, in the same transaction. */
    expenses: z
      .array(
        z
          .object({
            categoryId: entityId,
            employeeId: entityId.nullable().optional(),
            amountFen: z.number().int().min(1, { error: 'range' }).max(1e12, { error: 'range' }),
            expenseDate: requiredDate,
            note: optionalText(500),
          })
          .strict(),
      )
      .max(200)
      .optional(),
  })
  .strict();
export const businessRecordPatch = z
  .object({
    contactId: entityId.nullable(),
    employeeId: entityId.nullable(),
    title: requiredText(120),
    status: z.string().max(30),
    custom: customValues,
  })
  .partial()
  .strict();

export const businessRecord = z.object({
  id: z.string(),
  typeId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  contactId: z.string().nullable(),
  employeeId: z.string().nullable(),
  employeeName: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  statusChangedAt: z.string().nullable(),
  expenseTotalFen: z.number().int(),
  custom: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set where one record is read to be edited: what its save sends back (save-conflict.ts). */
  version: recordVersion.optional(),
});
export type BusinessRecord = z.infer<typeof businessRecord>;

export const expenseCategoryInput = z
  .object({
    parentId: entityId
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    name: requiredText(40),
  })
  .strict();
export const expenseCategory = z.object({ id: z.string(), parentId: z.string().nullable(), name: z.string(), sortOrder: z.number().int() });
export type ExpenseCategory = z.infer<typeof expenseCategory>;

export const expenseInput = z
  .object({
    recordId: entityId,
    categoryId: entityId,
    employeeId: entityId
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    amountFen: z.number({ error: 'invalid' }).int({ error: 'invalid' }).min(1, { error: 'range' }).max(1e12, { error: 'range' }),
    expenseDate: requiredDate,
    note: optionalText(500),
  })
  .strict();
export const expensePatch = expenseInput.omit({ recordId: true }).partial();
export const expense = z.object({
  id: z.string(),
  recordId: z.string(),
  recordTitle: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  categoryId: z.string(),
  categoryPath: z.array(z.string()),
  employeeId: z.string().nullable(),
  employeeName: z.string().nullable(),
  amountFen: z.number().int(),
  expenseDate: z.string(),
  note: z.string().nullable(),
});
export type Expense = z.infer<typeof expense>;
