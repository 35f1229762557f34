import { z } from 'zod';
import { isValidEmail, isValidPhone, isValidUrl } from '../validation/contact-formats';
import { canonicalPhone } from '../validation/phone-form';
import { parseDateText } from '../validation/date-text';

// Reusable field schemas. Each error message is a stable code the renderer translates
// (i18n key `fieldError.<code>`), so main and the form speak the same language.

export const requiredText = (max: number) => z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(max, { error: 'tooLong' });

/** Optional free text: empty input is stored as null so "cleared" and "never set" look the same. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'tooLong' })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/** Phones are stored in one form (canonicalPhone): every write path that parses them stores the same text. */
export const optionalPhone = z
  .string()
  .transform((v) => canonicalPhone(v))
  .refine((v) => v === '' || isValidPhone(v), { error: 'phone' })
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const phoneList = z
  .array(z.string().transform((v) => canonicalPhone(v)))
  .transform((list) => list.filter((p) => p !== ''))
  .refine((list) => list.every((p) => isValidPhone(p)), { error: 'phone' })
  // The same number typed twice (+86 138…, 138 1234 5678) is one phone.
  .transform((list) => [...new Set(list)])
  .refine((list) => list.length <= 10, { error: 'tooMany' })
  .optional()
  .transform((v) => v ?? []);

export const optionalEmail = z
  .string()
  .trim()
  .refine((v) => v === '' || isValidEmail(v), { error: 'email' })
  .transform((v) => (v === '' ? null : v.toLowerCase()))
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const optionalUrl = z
  .string()
  .trim()
  .refine((v) => v === '' || isValidUrl(v), { error: 'url' })
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional()
  .transform((v) => v ?? null);

/**
 * A calendar day, stored as YYYY-MM-DD (the one date convention for day-precision fields), typed
 * in any form import reads (1985/3/12, 1985年3月12日, 19850312, …; see parseDateText). Codes:
 * `date` for what is not a day, `dateRange` for a day outside 1900–2100.
 */
export const optionalDate = z
  .string()
  .transform((v, ctx) => {
    const parsed = parseDateText(v);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.code });
    return z.NEVER;
  })
  .nullable()
  .optional()
  .transform((v) => v ?? null);

/** A calendar day that must be given (order, receipt and expense dates), read like optionalDate. */
export const requiredDate = z.string({ error: 'required' }).transform((v, ctx) => {
  const parsed = parseDateText(v);
  if (parsed.ok && parsed.value !== null) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.ok ? 'required' : parsed.code });
  return z.NEVER;
});

export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2100;
}

export const tagList = z
  .array(z.string().trim().min(1).max(30, { error: 'tooLong' }))
  .max(30, { error: 'tooMany' })
  .transform((tags) => [...new Set(tags)])
  .optional()
  .transform((v) => v ?? []);

export const entityId = z.string().min(8).max(64);

/**
 * The shape for a patch: the same rules without defaults. A default inside `.partial()` would
 * still fill an absent key, so a patch that only renames a customer would reset its lifecycle.
 */
export function patchShape<T extends Record<string, z.ZodType>>(shape: T): { [K in keyof T]: T[K] extends z.ZodDefault<infer I> ? I : T[K] } {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) out[key] = schema instanceof z.ZodDefault ? (schema.removeDefault() as z.ZodType) : schema;
  return out as { [K in keyof T]: T[K] extends z.ZodDefault<infer I> ? I : T[K] };
}

/** Custom field values keyed by column name (cf_…); main validates them against the field definitions. */
export const customValues = z.record(z.string().regex(/^cf_[a-z0-9]{6,16}$/, { error: 'unknownField' }), z.unknown());
