import { customerCreateInput, type CustomerValues } from '../../src-shared/domain/customer';
import { contactCreateInput } from '../../src-shared/domain/organisation';
import { coerceCustomValue, type CustomField } from '../../src-shared/domain/custom-fields';
import { cellText, cellWords, problemValue, toCalendarDate, toPhone } from '../../src-shared/import/convert-cells';
import { isValidPhone } from '../../src-shared/validation/contact-formats';
import type { Cell } from './read-rows';
import { canonicalRegion } from '../services/regions/canonical-region';
import type { RegionField } from '../../src-shared/domain/region';
import type { ImportSettings, RowProblem } from '../../src-shared/import/import-settings';

// One sheet row → the values a service call takes, plus the problems found. Nothing is written here.

const CLASS_WORDS: Record<string, string> = { a: 'A', b: 'B', c: 'C', d: 'D', a类: 'A', b类: 'B', c类: 'C', d类: 'D', 重要: 'A', 一般: 'C' };
const LIFECYCLE_WORDS: Record<string, string> = {
  潜在: 'prospect',
  潜在客户: 'prospect',
  prospect: 'prospect',
  新: 'new',
  新客户: 'new',
  new: 'new',
  老: 'repeat',
  老客户: 'repeat',
  repeat: 'repeat',
  休眠: 'dormant',
  休眠客户: 'dormant',
  静止: 'dormant',
  dormant: 'dormant',
  流失: 'lost',
  流失客户: 'lost',
  lost: 'lost',
};
const KIND_WORDS: Record<string, string> = {
  公司: 'company',
  企业: 'company',
  单位: 'company',
  company: 'company',
  个人: 'individual',
  individual: 'individual',
  person: 'individual',
};
const COLOR_WORDS: Record<string, string> = {
  绿: 'green',
  绿色: 'green',
  green: 'green',
  黄: 'yellow',
  黄色: 'yellow',
  yellow: 'yellow',
  红: 'red',
  红色: 'red',
  red: 'red',
  蓝: 'blue',
  蓝色: 'blue',
  blue: 'blue',
  紫: 'purple',
  紫色: 'purple',
  purple: 'purple',
  灰: 'gray',
  灰色: 'gray',
  gray: 'gray',
  grey: 'gray',
};
// Free text keeps what the user wrote; values with one meaning (numbers, phones, codes, dates,
// options) are normalised.
const WRITTEN_TEXT = new Set([
  'name',
  'shortName',
  'address',
  'notes',
  'industry',
  'source',
  'province',
  'city',
  'district',
  'title',
  'contactName',
  'contactTitle',
]);
const LEVEL_WORDS: Record<string, number> = { '1': 1, '2': 2, '3': 3, '4': 4, 一级: 1, 二级: 2, 三级: 3, 四级: 4, 一: 1, 二: 2, 三: 3, 四: 4 };

export interface ConvertedRow {
  values: Record<string, unknown>;
  custom: Record<string, unknown>;
  problems: RowProblem[];
  flags: RowProblem[];
  /** Unknown option values met in this row: field → value. */
  unknown: [string, string][];
  /** Customers: region values the division list does not know, kept as written. */
  unmatchedRegions: [RegionField, string][];
  /** Contacts only: how the customer and department are named in the row. */
  link?: { customer: string | null; customerCode: string | null; department: string | null };
  /** The values as the service schema parsed them (defaults filled in), when they passed it. */
  parsed?: CustomerValues | ContactValues;
  /** Customers: the contact the row carries (联系人/手机/职务 columns), parsed; customerId is set when written. */
  contact?: Omit<ContactValues, 'customerId'>;
}

type ContactValues = ReturnType<typeof contactCreateInput.parse>;

export function convertRow(
  row: Cell[],
  rowNumber: number,
  settings: ImportSettings,
  mapping: Record<string, string | null>,
  customFields: readonly CustomField[],
  /** Staff by name, for the owner column (names are what sheets hold). */
  staff: ReadonlyMap<string, string> = new Map(),
  /** 门店 words (storeWord) → site code; empty for a workspace on its own, where the column is left out. */
  stores: ReadonlyMap<string, string> = new Map(),
): ConvertedRow {
  const out: ConvertedRow = { values: {}, custom: {}, problems: [], flags: [], unknown: [], unmatchedRegions: [] };
  const problem = (field: string, code: string, value: unknown) => out.problems.push({ row: rowNumber, field, code, value: problemValue(value) });
  const decide = (field: string, raw: string, table: Record<string, string | number>): string | number | null | undefined => {
    const key = raw.toLowerCase().replace(/\s/g, '');
    if (key in table) return table[key];
    const decided = settings.optionDecisions[field]?.[raw];
    if (decided !== undefined) return decided;
    out.unknown.push([field, raw]);
    return undefined;
  };
  const phones: string[] = [];
  const link = { customer: null as string | null, customerCode: null as string | null, department: null as string | null };

  for (const [index, field] of Object.entries(mapping)) {
    if (!field) continue;
    const raw = row[Number(index)] ?? null;
    const text = cellText(raw);
    if (field.startsWith('custom:')) {
      const column = field.slice(7);
      const def = customFields.find((f) => f.columnName === column);
      if (!def || text === '') continue;
      const value = def.type === 'date' ? toCalendarDate(raw) : { ok: true as const, value: raw instanceof Date ? raw.toISOString() : raw };
      if (!value.ok) {
        problem(field, value.code, raw);
        continue;
      }
      const coerced = coerceCustomValue(def, value.value);
      if (!coerced.ok && coerced.error === 'unknownOption') {
        const decided = settings.optionDecisions[field]?.[text];
        if (decided === undefined) out.unknown.push([field, text]);
        else if (decided !== null) out.custom[column] = decided;
      } else if (!coerced.ok) problem(field, coerced.error, raw);
      else out.custom[column] = coerced.value;
      continue;
    }
    if (text === '') continue;
    switch (field) {
      case 'phones':
      case 'mobile':
      case 'contactMobile':
      case 'phone': {
        for (const part of typeof raw === 'number' ? [raw] : text.split(/[,，;；/、]|\s{2,}/)) {
          const phone = toPhone(part);
          if (!phone.ok) problem(field, phone.code, part);
          // Each phone is checked on its own, so the problem names the one that is wrong ('12ab'), not the list.
          else if (phone.value && !isValidPhone(phone.value)) problem(field, 'phone', part);
          else if (phone.value) {
            if (phone.flag) out.flags.push({ row: rowNumber, field, code: phone.flag, value: cellText(part) });
            if (field === 'phones') phones.push(phone.value);
            else out.values[field] = phone.value;
          }
        }
        break;
      }
      case 'birthday': {
        const d = toCalendarDate(raw);
        if (d.ok) out.values.birthday = d.value;
        else problem(field, d.code, raw);
        break;
      }
      case 'customerClass': {
        const v = decide(field, text, CLASS_WORDS);
        if (v !== undefined) out.values.customerClass = v;
        break;
      }
      case 'lifecycle': {
        const v = decide(field, text, LIFECYCLE_WORDS);
        if (v !== undefined && v !== null) out.values.lifecycle = v;
        break;
      }
      case 'kind': {
        const v = decide(field, text, KIND_WORDS);
        if (v !== undefined && v !== null) out.values.kind = v;
        break;
      }
      case 'relationshipLevel': {
        const v = decide(field, text, LEVEL_WORDS);
        // A decision arrives as text ("3"); the field stores a number.
        if (v !== undefined) out.values.relationshipLevel = typeof v === 'string' ? Number(v) : v;
        break;
      }
      case 'colorLabel': {
        const v = decide(field, text, COLOR_WORDS);
        if (v !== undefined) out.values.colorLabel = v;
        break;
      }
      case 'ownerId': {
        const id = staff.get(text);
        if (id) out.values.ownerId = id;
        else {
          const decided = settings.optionDecisions.ownerId?.[text];
          if (decided === undefined) out.unknown.push([field, text]);
          else out.values.ownerId = decided;
        }
        break;
      }
      case 'tags':
        out.values.tags = text
          .split(/[,，;；、]/)
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case 'storeCode': {
        if (stores.size === 0) break;
        const code = stores.get(storeWord(text));
        if (code) out.values.storeCode = code;
        else problem(field, 'invalid', raw);
        break;
      }
      case 'customer':
        link.customer = text;
        break;
      case 'customerCode':
        link.customerCode = text;
        break;
      case 'department':
        link.department = cellWords(raw);
        break;
      case 'taxId':
        // Kept for duplicate detection; stored only if mapped to a custom field as well.
        out.values.__taxId = text;
        break;
      default:
        out.values[field] = WRITTEN_TEXT.has(field) ? cellWords(raw) : text;
    }
  }
  if (settings.target === 'customers') {
    if (phones.length) out.values.phones = [...new Set(phones)];
    mapRegion(out);
    carriedContact(out, problem);
    const { __taxId: _tax, contactName: _n, contactMobile: _m, contactTitle: _t, ...values } = out.values;
    // Custom values are checked above and written separately, so they stay out of the parse.
    const parsed = customerCreateInput.safeParse(values);
    if (!parsed.success) for (const issue of parsed.error.issues) problem(String(issue.path[0] ?? '_'), issue.message, values[String(issue.path[0])]);
    else out.parsed = parsed.data;
  } else {
    out.link = link;
    if (!link.customer && !link.customerCode) problem('customer', 'required', null);
    const parsed = contactCreateInput.safeParse({ customerId: 'placeholder-id', ...out.values });
    if (!parsed.success)
      for (const issue of parsed.error.issues) problem(String(issue.path[0] ?? '_'), issue.message, out.values[String(issue.path[0])]);
    else out.parsed = parsed.data;
  }
  return out;
}

/**
 * Province/city/district onto the division list (广东 → 广东省, 深圳 alone → 广东省 深圳市); a value
 * the list does not know stays as written and is listed for the check step.
 */
function mapRegion(out: ConvertedRow): void {
  const v = out.values;
  const text = (x: unknown) => (typeof x === 'string' ? x : null);
  if (v.province === undefined && v.city === undefined && v.district === undefined) return;
  const r = canonicalRegion({ province: text(v.province), city: text(v.city), district: text(v.district) });
  for (const f of ['province', 'city', 'district'] as const) {
    if (r[f] !== null) v[f] = r[f];
  }
  for (const f of r.unmatched) out.unmatchedRegions.push([f, r[f] ?? '']);
}

const CONTACT_FIELDS = { contactName: 'name', contactMobile: 'mobile', contactTitle: 'title' } as const;

/** A customer row's 联系人/手机/职务 columns as a contact (checked like a contact sheet's row), or none when they are empty. */
function carriedContact(out: ConvertedRow, problem: (field: string, code: string, value: unknown) => void): void {
  const values: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(CONTACT_FIELDS)) if (out.values[field] !== undefined) values[key] = out.values[field];
  if (Object.keys(values).length === 0) return;
  const parsed = contactCreateInput.safeParse({ customerId: 'placeholder-id', ...values });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'name');
      const field = Object.entries(CONTACT_FIELDS).find(([, k]) => k === key)?.[0] ?? 'contactName';
      problem(field, issue.message, values[key]);
    }
    return;
  }
  const { customerId: _c, ...contact } = parsed.data;
  out.contact = contact;
}

/** A 门店 as written, folded: no spaces, lower case (nj01 南京店 → nj01南京店). */
export function storeWord(text: string): string {
  return text.replace(/\s/g, '').toLowerCase();
}
