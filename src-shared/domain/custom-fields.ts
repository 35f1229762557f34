import { z } from 'zod';
import { isValidEmail, isValidPhone, isValidUrl } from '../validation/contact-formats';
import { canonicalPhone } from '../validation/phone-form';
import { patchShape } from './field-rules';
import { parseDateText } from '../validation/date-text';
import { parseMoney } from '../money';

export const CUSTOM_FIELD_TYPES = [
  'text',
  'longText',
  'integer',
  'decimal',
  'money',
  'percent',
  'date',
  'datetime',
  'select',
  'multiSelect',
  'boolean',
  'phone',
  'email',
  'url',
  'staff',
  'customerRef',
  'computedTotal',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Entities that can carry custom fields; `record` fields belong to one business type. */
export const CUSTOM_FIELD_ENTITIES = ['customer', 'contact', 'order', 'record'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export const selectOption = z
  .object({ value: z.string().trim().min(1).max(60), label: z.string().trim().min(1).max(60), color: z.string().max(20).optional() })
  .strict();
export type SelectOption = z.infer<typeof selectOption>;

/** A computed total over a related list of the customer, e.g. sum of order amounts. */
export const computedSpec = z
  .object({
    relation: z.enum(['orders', 'receipts', 'expenses', 'records']),
    fn: z.enum(['sum', 'count', 'max']),
    /** For records: which business type. */
    businessTypeId: z.string().max(64).optional(),
    /** Money column summed: orders.totalFen, receipts.amountFen, expenses.amountFen. */
    field: z.enum(['totalFen', 'amountFen', 'orderDate', 'receiptDate']).optional(),
  })
  .strict();
export type ComputedSpec = z.infer<typeof computedSpec>;

export const customFieldInput = z
  .object({
    entity: z.enum(CUSTOM_FIELD_ENTITIES),
    businessTypeId: z
      .string()
      .max(64)
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    label: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(40, { error: 'tooLong' }),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(selectOption).max(200).optional().default([]),
    required: z.boolean().optional().default(false),
    uniqueValues: z.boolean().optional().default(false),
    defaultValue: z
      .unknown()
      .optional()
      .transform((v) => (v === undefined || v === '' ? null : v)),
    help: z
      .string()
      .trim()
      .max(200)
      .nullable()
      .optional()
      .transform((v) => v || null),
    searchable: z.boolean().optional().default(false),
    indexed: z.boolean().optional().default(false),
    trackHistory: z.boolean().optional().default(false),
    computed: computedSpec
      .nullable()
      .optional()
      .transform((v) => v ?? null),
  })
  .strict();
export type CustomFieldInput = z.input<typeof customFieldInput>;

const { entity: _entity, businessTypeId: _type, type: _fieldType, ...editableFieldShape } = customFieldInput.shape;
export const customFieldPatch = z.object(patchShape(editableFieldShape)).partial().strict();

export const customField = z.object({
  id: z.string(),
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  businessTypeId: z.string().nullable(),
  columnName: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(selectOption),
  required: z.boolean(),
  uniqueValues: z.boolean(),
  defaultValue: z.unknown(),
  help: z.string().nullable(),
  searchable: z.boolean(),
  indexed: z.boolean(),
  trackHistory: z.boolean(),
  computed: computedSpec.nullable(),
  sortOrder: z.number().int(),
  deleted: z.boolean(),
});
export type CustomField = z.infer<typeof customField>;

export type CustomValue = string | number | boolean | string[] | null;

/**
 * Normalises a value typed or imported for a custom field into its stored form, or returns a
 * field-error code. Stored forms: money → integer fen, percent → basis points (12.5% = 1250),
 * dates → YYYY-MM-DD, multi-select → array of option values, yes/no → boolean.
 */
export function coerceCustomValue(
  field: Pick<CustomField, 'type' | 'options'>,
  raw: unknown,
): { ok: true; value: CustomValue } | { ok: false; error: string } {
  if (raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0 && field.type !== 'multiSelect')) {
    return { ok: true, value: field.type === 'multiSelect' ? [] : null };
  }
  const fail = (error: string) => ({ ok: false as const, error });
  if (field.type === 'multiSelect') {
    const items = Array.isArray(raw) ? raw.map((v) => scalarText(v)) : (scalarText(raw) ?? '').split(/[,，、;；]/);
    const values: string[] = [];
    for (const item of items) {
      const trimmed = item?.trim();
      if (!trimmed) continue;
      const found = field.options.find((o) => o.value === trimmed || o.label === trimmed);
      if (!found) return fail('unknownOption');
      if (!values.includes(found.value)) values.push(found.value);
    }
    return { ok: true, value: values };
  }
  const text = scalarText(raw);
  if (text === null) return fail('invalid');
  const plain = typeof raw === 'string' ? raw.trim() : text;
  const num = (t: string) => Number(t.replace(/,/g, ''));
  switch (field.type) {
    case 'text':
    case 'longText':
      return plain.length > (field.type === 'text' ? 200 : 10000) ? fail('tooLong') : { ok: true, value: plain };
    case 'integer': {
      const n = typeof raw === 'number' ? raw : num(text);
      return Number.isSafeInteger(n) ? { ok: true, value: n } : fail('invalid');
    }
    case 'decimal': {
      const n = typeof raw === 'number' ? raw : num(text);
      return Number.isFinite(n) ? { ok: true, value: n } : fail('invalid');
    }
    case 'money': {
      const fen = typeof raw === 'number' && Number.isInteger(raw) ? raw : parseMoney(text);
      return fen === null ? fail('invalid') : { ok: true, value: fen };
    }
    case 'percent': {
      if (typeof raw === 'number') return Number.isInteger(raw) ? { ok: true, value: raw } : fail('invalid');
      const m = /^([+-]?\d+(?:\.\d{1,2})?)\s*%?$/.exec(text);
      return m?.[1] ? { ok: true, value: Math.round(Number(m[1]) * 100) } : fail('invalid');
    }
    case 'date': {
      const parsed = parseDateText(text);
      return parsed.ok && parsed.value !== null ? { ok: true, value: parsed.value } : fail(parsed.ok ? 'date' : parsed.code);
    }
    case 'datetime': {
      const d = new Date(text);
      return Number.isNaN(d.getTime()) ? fail('date') : { ok: true, value: d.toISOString() };
    }
    case 'select': {
      const found = field.options.find((o) => o.value === text || o.label === text);
      return found ? { ok: true, value: found.value } : fail('unknownOption');
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const s = text.toLowerCase();
      if (['是', '1', 'true', 'yes', 'y', '对', '有'].includes(s)) return { ok: true, value: true };
      if (['否', '0', 'false', 'no', 'n', '无', '没有'].includes(s)) return { ok: true, value: false };
      return fail('invalid');
    }
    case 'phone': {
      const p = canonicalPhone(text);
      return isValidPhone(p) ? { ok: true, value: p } : fail('phone');
    }
    case 'email':
      return isValidEmail(text) ? { ok: true, value: text.toLowerCase() } : fail('email');
    case 'url':
      return isValidUrl(text) ? { ok: true, value: text } : fail('url');
    case 'staff':
    case 'customerRef':
      return typeof raw === 'string' && raw.length <= 64 ? { ok: true, value: raw } : fail('invalid');
    case 'computedTotal':
      return fail('readOnly');
  }
}

/** Text of a scalar as typed (full-width folded, trimmed); null for objects. */
function scalarText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw.normalize('NFKC').trim();
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return null;
}
