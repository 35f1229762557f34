import { recordVersion, saveConflicts } from '../domain/save-conflict';
import { z } from 'zod';
import {
  BUSINESS_TEMPLATES,
  businessRecord,
  businessRecordInput,
  businessRecordPatch,
  businessType,
  businessTypeInput,
  businessTypePatch,
  expense,
  expenseCategory,
  expenseCategoryInput,
  expenseInput,
  expensePatch,
} from '../domain/business';
import { cardLayout, LAYOUT_ENTITIES } from '../domain/card-layout';
import { entityId } from '../domain/field-rules';
import { queryDefinition } from '../query/query-tree';
import { defineMethod } from './define-method';

const ok = z.object({ ok: z.literal(true) });
const byId = z.object({ id: entityId }).strict();

export const groupSource = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('customer'), definition: queryDefinition.optional() }).strict(),
  z.object({ entity: z.literal('record'), typeId: entityId }).strict(),
  z.object({ entity: z.literal('expense') }).strict(),
]);
export const groupRow = z.object({
  key: z.array(z.union([z.string(), z.number(), z.null()])),
  level: z.number().int(),
  count: z.number().int(),
  values: z.record(z.string(), z.number().nullable()),
  /** Province/city levels: the stored texts grouped under the key (广东 under 广东省), by level index. */
  variants: z.record(z.string(), z.array(z.string())).optional(),
  /** City levels: the province texts stored on the group's rows ('' for none), by level index. */
  cityProvinces: z.record(z.string(), z.array(z.string())).optional(),
});
export type GroupRowDto = z.infer<typeof groupRow>;

/** Business types and records, expenses, grouped lists and card layouts. */
export const businessMethods = {
  'businessTypes.list': defineMethod({ input: z.object({}).strict(), output: z.array(businessType), permission: 'read' }),
  'businessTypes.templates': defineMethod({
    input: z.object({}).strict(),
    output: z.array(z.object({ key: z.enum(BUSINESS_TEMPLATES), name: z.string() })),
    permission: 'read',
  }),
  'businessTypes.create': defineMethod({ input: businessTypeInput, output: businessType, permission: 'manage' }),
  'businessTypes.createFromTemplate': defineMethod({
    input: z.object({ template: z.enum(BUSINESS_TEMPLATES), name: z.string().trim().min(1).max(40).optional() }).strict(),
    output: businessType,
    permission: 'manage',
  }),
  'businessTypes.update': defineMethod({
    input: z.object({ id: entityId, patch: businessTypePatch }).strict(),
    output: businessType,
    permission: 'manage',
  }),
  'businessTypes.delete': defineMethod({ input: byId, output: ok, permission: 'manage' }),

  'records.list': defineMethod({
    input: z
      .object({
        typeId: entityId.optional(),
        customerId: entityId.optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(businessRecord) }),
    permission: 'read',
  }),
  'records.get': defineMethod({ input: byId, output: businessRecord, permission: 'read' }),
  'records.create': defineMethod({ input: businessRecordInput, output: businessRecord, permission: 'write' }),
  /** `baseVersion` as for `customers.update`. */
  'records.update': defineMethod({
    input: z.object({ id: entityId, patch: businessRecordPatch, baseVersion: recordVersion.optional() }).strict(),
    output: businessRecord.extend(saveConflicts),
    permission: 'write',
  }),
  'records.delete': defineMethod({ input: byId, output: ok, permission: 'write' }),

  'expenseCategories.list': defineMethod({ input: z.object({}).strict(), output: z.array(expenseCategory), permission: 'read' }),
  'expenseCategories.create': defineMethod({ input: expenseCategoryInput, output: expenseCategory, permission: 'manage' }),
  'expenseCategories.update': defineMethod({
    input: z.object({ id: entityId, name: z.string().trim().min(1).max(40), parentId: entityId.nullable().optional() }).strict(),
    output: ok,
    permission: 'manage',
  }),
  'expenseCategories.delete': defineMethod({ input: byId, output: ok, permission: 'manage' }),
  'expenses.list': defineMethod({
    input: z.object({ recordId: entityId.optional(), customerId: entityId.optional() }).strict(),
    output: z.array(expense),
    permission: 'read',
  }),
  'expenses.create': defineMethod({ input: expenseInput, output: expense, permission: 'write' }),
  'expenses.update': defineMethod({ input: z.object({ id: entityId, patch: expensePatch }).strict(), output: expense, permission: 'write' }),
  'expenses.delete': defineMethod({ input: byId, output: ok, permission: 'write' }),

  'lists.group': defineMethod({
    input: z
      .object({
        source: groupSource,
        groupBy: z.array(z.string().max(40)).max(4),
        measures: z.array(z.object({ field: z.string().max(40), fn: z.enum(['sum', 'avg', 'count', 'min', 'max']) }).strict()).max(10),
      })
      .strict(),
    output: z.array(groupRow),
    permission: 'read',
  }),

  'layouts.get': defineMethod({
    input: z.object({ entity: z.enum(LAYOUT_ENTITIES) }).strict(),
    output: z.object({ layout: cardLayout, saved: z.boolean() }),
    permission: 'read',
  }),
  'layouts.save': defineMethod({
    input: z.object({ entity: z.enum(LAYOUT_ENTITIES), layout: cardLayout }).strict(),
    output: cardLayout,
    permission: 'manage',
  }),
  'layouts.reset': defineMethod({ input: z.object({ entity: z.enum(LAYOUT_ENTITIES) }).strict(), output: cardLayout, permission: 'manage' }),
} as const;
