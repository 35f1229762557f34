import type { Customer, CustomerPatch } from '../../src-shared/domain/customer';
import { COLOR_LABELS, CUSTOMER_CLASSES, CUSTOMER_KINDS, LIFECYCLE_STAGES } from '../../src-shared/domain/enums';
import type { DraftValue } from './custom-values';

/** One edited custom field: what the input holds, what to send, and the stored value in input form. */
export interface CustomEdit {
  value: DraftValue;
  send: unknown;
  base: DraftValue;
}

/** Text inputs of the basic tab, in the form's order. */
export const TEXT_FIELDS = [
  'name',
  'shortName',
  'code',
  'industry',
  'province',
  'city',
  'district',
  'address',
  'email',
  'website',
  'source',
  'notes',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const SELECT_FIELDS = ['kind', 'ownerId', 'customerClass', 'lifecycle', 'relationshipLevel', 'colorLabel'] as const;
export type SelectField = (typeof SELECT_FIELDS)[number];
export const LIST_FIELDS = ['phones', 'tags'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

/** The form's working copy: every value as the inputs hold it (strings, string lists). */
export type Draft = Record<TextField | SelectField, string> &
  Record<ListField, string[]> & {
    /** Text typed into the phone / tag box but not yet turned into a chip; saved too. */
    phonesInput: string;
    tagsInput: string;
    /** 门店 (a site code), kept as loaded so a save never clears it. */
    storeCode: string;
    /** Custom fields the user touched, by column name (cf_…); untouched ones show the stored value. */
    custom: Record<string, CustomEdit>;
  };

export function draftFrom(c: Customer | null): Draft {
  const text = (v: string | null | undefined) => v ?? '';
  return {
    name: text(c?.name),
    shortName: text(c?.shortName),
    code: text(c?.code),
    industry: text(c?.industry),
    province: text(c?.province),
    city: text(c?.city),
    district: text(c?.district),
    address: text(c?.address),
    email: text(c?.email),
    website: text(c?.website),
    source: text(c?.source),
    notes: text(c?.notes),
    kind: c?.kind ?? 'company',
    ownerId: text(c?.ownerId),
    customerClass: text(c?.customerClass),
    lifecycle: c?.lifecycle ?? 'prospect',
    relationshipLevel: c?.relationshipLevel ? String(c.relationshipLevel) : '',
    colorLabel: text(c?.colorLabel),
    phones: c?.phones ?? [],
    tags: c?.tags ?? [],
    phonesInput: '',
    tagsInput: '',
    storeCode: text(c?.storeCode),
    custom: {},
  };
}

function withPending(list: string[], pending: string): string[] {
  const extra = pending
    .split(/[,，;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...list, ...extra];
}

function pick<T extends string>(values: readonly T[], v: string): T | undefined {
  return (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** Every field of the draft as the contract wants it (unknown enum text is sent so main reports it). */
function values(d: Draft): Required<Omit<CustomerPatch, 'custom'>> {
  const level = d.relationshipLevel === '' ? null : Number(d.relationshipLevel);
  return {
    name: d.name,
    shortName: d.shortName,
    code: d.code,
    industry: d.industry,
    province: d.province,
    city: d.city,
    district: d.district,
    address: d.address,
    email: d.email,
    website: d.website,
    source: d.source,
    notes: d.notes,
    kind: pick(CUSTOMER_KINDS, d.kind) ?? 'company',
    ownerId: d.ownerId === '' ? null : d.ownerId,
    customerClass: d.customerClass === '' ? null : (pick(CUSTOMER_CLASSES, d.customerClass) ?? null),
    lifecycle: pick(LIFECYCLE_STAGES, d.lifecycle) ?? 'prospect',
    relationshipLevel: level,
    colorLabel: d.colorLabel === '' ? null : (pick(COLOR_LABELS, d.colorLabel) ?? null),
    phones: withPending(d.phones, d.phonesInput),
    tags: withPending(d.tags, d.tagsInput),
    storeCode: d.storeCode === '' ? null : d.storeCode,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only the fields that differ from what is stored: a save sends nothing else. `locked` names the
 * built-in fields the user's role may not change (masked, read-only, hidden): never sent, not even
 * a new customer's defaults, since main refuses any value of them.
 */
export function changedFields(draft: Draft, original: Customer | null, locked: (field: string) => boolean = () => false): CustomerPatch {
  const next = values(draft);
  const base = values(draftFrom(original));
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (locked(key)) continue;
    if (original === null) {
      // A new customer: send what the user filled in (and the defaults of the selects).
      const v = next[key];
      if (v !== '' && v !== null && !(Array.isArray(v) && v.length === 0)) patch[key] = v;
    } else if (!same(next[key], base[key])) {
      patch[key] = next[key];
    }
  }
  const custom: Record<string, unknown> = {};
  for (const [column, edit] of Object.entries(draft.custom)) {
    if (!same(edit.value, edit.base)) custom[column] = edit.send;
  }
  if (Object.keys(custom).length > 0) patch.custom = custom;
  if (original === null && patch.name === undefined && !locked('name')) patch.name = '';
  return patch;
}

export function isDirty(draft: Draft, original: Customer | null): boolean {
  const patch = changedFields(draft, original);
  if (original === null) {
    const meaningful = Object.keys(patch).filter((k) => !['kind', 'lifecycle', 'name'].includes(k) || (k === 'name' && draft.name !== ''));
    return meaningful.length > 0;
  }
  return Object.keys(patch).length > 0;
}
