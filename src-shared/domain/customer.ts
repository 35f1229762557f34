import { z } from 'zod';
import { recordVersion } from './save-conflict';
import { COLOR_LABELS, CUSTOMER_CLASSES, CUSTOMER_KINDS, LIFECYCLE_STAGES } from './enums';
import { entityId, optionalEmail, optionalText, optionalUrl, patchShape, customValues, phoneList, requiredText, tagList } from './field-rules';

const customerFieldShapes = {
  name: requiredText(200),
  shortName: optionalText(60),
  code: optionalText(40),
  kind: z.enum(CUSTOMER_KINDS, { error: 'invalid' }).optional().default('company'),
  industry: optionalText(60),
  province: optionalText(30),
  city: optionalText(30),
  district: optionalText(30),
  address: optionalText(300),
  phones: phoneList,
  email: optionalEmail,
  website: optionalUrl,
  source: optionalText(60),
  ownerId: entityId
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  customerClass: z
    .enum(CUSTOMER_CLASSES, { error: 'invalid' })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  lifecycle: z.enum(LIFECYCLE_STAGES, { error: 'invalid' }).optional().default('prospect'),
  relationshipLevel: z
    .number({ error: 'invalid' })
    .int({ error: 'invalid' })
    .min(1, { error: 'range' })
    .max(4, { error: 'range' })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  colorLabel: z
    .enum(COLOR_LABELS, { error: 'invalid' })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  tags: tagList,
  notes: optionalText(5000),
  /** 门店: a site code of the sync network (总部 or a store); null on its own or unassigned. */
  storeCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z0-9]{2,8})?$/, { error: 'invalid' })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
};

/** Every editable customer field, in card order; also the whitelist of fields a patch may touch. */
export const CUSTOMER_FIELDS = Object.keys(customerFieldShapes) as CustomerField[];
export type CustomerField = keyof typeof customerFieldShapes;

export { customValues } from './field-rules';
export const customerCreateInput = z.object({ ...customerFieldShapes, custom: customValues.optional() }).strict();
export type CustomerCreateInput = z.input<typeof customerCreateInput>;
export type CustomerValues = z.output<typeof customerCreateInput>;

/** A patch names only the fields it changes; the same rules apply to each. */
export const customerPatch = z
  .object({ ...patchShape(customerFieldShapes), custom: customValues })
  .partial()
  .strict();
export type CustomerPatch = z.input<typeof customerPatch>;

export const customer = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string().nullable(),
  kind: z.enum(CUSTOMER_KINDS),
  industry: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  address: z.string().nullable(),
  phones: z.array(z.string()),
  email: z.string().nullable(),
  website: z.string().nullable(),
  source: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  customerClass: z.enum(CUSTOMER_CLASSES).nullable(),
  lifecycle: z.enum(LIFECYCLE_STAGES),
  relationshipLevel: z.number().int().nullable(),
  colorLabel: z.enum(COLOR_LABELS).nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  storeCode: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set where one customer is read to be edited (the card): what its save sends back (save-conflict.ts). */
  version: recordVersion.optional(),
});
export type Customer = z.infer<typeof customer>;

/** Columns the list can show and sort by. Sorting by name uses the pinyin sort key. */
export const CUSTOMER_LIST_COLUMNS = [
  'name',
  'shortName',
  'code',
  'kind',
  'industry',
  'province',
  'city',
  'district',
  'address',
  'phones',
  'email',
  'source',
  'ownerName',
  'customerClass',
  'lifecycle',
  'relationshipLevel',
  'colorLabel',
  'tags',
  'createdAt',
  'updatedAt',
  'storeCode',
] as const;
export type CustomerListColumn = (typeof CUSTOMER_LIST_COLUMNS)[number];

export const CUSTOMER_SORTABLE = [
  'name',
  'code',
  'industry',
  'province',
  'city',
  'customerClass',
  'lifecycle',
  'relationshipLevel',
  'createdAt',
  'updatedAt',
  'storeCode',
] as const;
export type CustomerSortField = (typeof CUSTOMER_SORTABLE)[number];
