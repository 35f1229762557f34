import type { TFunction } from 'i18next';
import type { CustomField, SelectOption } from '../../src-shared/domain/custom-fields';
import { formatMoney } from '../../src-shared/money';

/** What a custom field's input holds: text as typed, option values, yes/no, or empty. */
export type DraftValue = string | string[] | boolean | null;

type FieldShape = Pick<CustomField, 'type' | 'options'> & { computed?: CustomField['computed'] };

/** Named colours of select options (the colour labels of the product) as CSS colours. */
export const OPTION_COLORS: Record<string, string> = {
  green: '#2e9d3a',
  yellow: '#d9a400',
  red: '#d13438',
  blue: '#0f6cbd',
  purple: '#8764b8',
  gray: '#8a8886',
  orange: '#e07a10',
  teal: '#038387',
};
export const OPTION_COLOR_NAMES = Object.keys(OPTION_COLORS);

export function cssColor(color: string | null | undefined): string | undefined {
  if (!color) return undefined;
  return OPTION_COLORS[color] ?? color;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Text of any stored value (objects as JSON, never "[object Object]"). */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}

/** The stored value of a field in the form its input shows. */
export function toDraft(field: FieldShape, stored: unknown): DraftValue {
  if (field.type === 'multiSelect') return Array.isArray(stored) ? stored.map(str) : [];
  if (stored === null || stored === undefined) return field.type === 'boolean' ? null : '';
  switch (field.type) {
    case 'boolean':
      return stored === true || stored === 1;
    case 'money':
      return typeof stored === 'number' ? formatMoney(stored).replace(/,/g, '') : str(stored);
    case 'percent':
      return typeof stored === 'number' ? String(stored / 100) : str(stored);
    case 'datetime': {
      const d = new Date(str(stored));
      if (Number.isNaN(d.getTime())) return str(stored);
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    }
    default:
      return typeof stored === 'string' || typeof stored === 'number' ? str(stored) : JSON.stringify(stored);
  }
}

/** What to send for an input's content; main coerces and validates it (money text → fen, "12.5" → 1250 bp). */
export function fromDraft(field: FieldShape, draft: DraftValue): unknown {
  if (field.type === 'multiSelect') return Array.isArray(draft) ? draft : [];
  if (draft === null || draft === '') return null;
  if (field.type === 'datetime' && typeof draft === 'string') {
    const d = new Date(draft);
    return Number.isNaN(d.getTime()) ? draft : d.toISOString();
  }
  return draft;
}

export function optionOf(field: { options: SelectOption[] }, value: unknown): SelectOption | undefined {
  return field.options.find((o) => o.value === value);
}

/** Plain text of a stored value for lists, previews and history. */
export function customText(t: TFunction, field: FieldShape, stored: unknown, employees?: readonly { id: string; name: string }[]): string {
  if (stored === null || stored === undefined || stored === '') return '';
  switch (field.type) {
    case 'money':
      return typeof stored === 'number' ? formatMoney(stored, { symbol: true }) : str(stored);
    case 'percent':
      return typeof stored === 'number' ? `${stored / 100}%` : str(stored);
    case 'boolean':
      return stored === true ? t('common.yes') : stored === false ? t('common.no') : str(stored);
    case 'select':
      return optionOf(field, stored)?.label ?? str(stored);
    case 'multiSelect':
      return Array.isArray(stored) ? stored.map((v) => optionOf(field, v)?.label ?? str(v)).join('，') : str(stored);
    case 'staff':
      return employees?.find((e) => e.id === stored)?.name ?? str(stored);
    case 'computedTotal':
      return typeof stored === 'number' && field.computed?.fn === 'sum' ? formatMoney(stored, { symbol: true }) : str(stored);
    case 'datetime':
      return str(toDraft(field, stored)).replace('T', ' ');
    default:
      return typeof stored === 'string' || typeof stored === 'number' ? str(stored) : JSON.stringify(stored);
  }
}

/** Numeric value of a stored value for charts: money in yuan, percent in %. */
export function chartNumber(field: FieldShape, stored: unknown): number | null {
  if (typeof stored !== 'number') return null;
  if (field.type === 'money' || (field.type === 'computedTotal' && field.computed?.fn === 'sum')) return stored / 100;
  if (field.type === 'percent') return stored / 100;
  return stored;
}

export const NUMERIC_TYPES = ['integer', 'decimal', 'money', 'percent'] as const;
