import type { TFunction } from 'i18next';
import type { Customer } from '../../src-shared/domain/customer';
import { formatPhone } from '../../src-shared/validation/phone-form';

/** Display text of an enum value (`enums.lifecycle.prospect` → 潜在客户); unknown values show as stored. */
export function enumLabel(t: TFunction, group: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return t(`enums.${group}.${String(value)}`, { defaultValue: String(value) });
}

/** Field label in one of the label groups (`customer`, `contact`, `department`, `employee`). */
export function fieldLabel(t: TFunction, group: string, field: string): string {
  return t(`${group}.${field}`, { defaultValue: field });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const ENUM_GROUP: Partial<Record<keyof Customer, string>> = {
  kind: 'kind',
  customerClass: 'customerClass',
  lifecycle: 'lifecycle',
  relationshipLevel: 'relationshipLevel',
  colorLabel: 'colorLabel',
};

/** Plain-text rendering of any customer field, shared by list cells, cards and history. */
export function customerValueText(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  const group = ENUM_GROUP[field as keyof Customer];
  if (field === 'phones' && Array.isArray(value)) return value.map((p) => formatPhone(String(p))).join('，');
  if (Array.isArray(value)) return value.map(String).join('，');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string' || typeof value === 'number') {
    if (group) return enumLabel(t, group, value);
    if (field === 'createdAt' || field === 'updatedAt') return formatDateTime(String(value));
    return String(value);
  }
  return JSON.stringify(value);
}
