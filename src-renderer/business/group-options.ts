import type { TFunction } from 'i18next';
import type { BusinessType } from '../../src-shared/domain/business';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import type { Employee } from '../../src-shared/domain/organisation';
import { formatMoney } from '../../src-shared/money';
import { optionOf } from '../card/custom-values';

export type MeasureFn = 'sum' | 'avg' | 'count' | 'min' | 'max';

const DIM_TYPES = ['select', 'text', 'boolean', 'staff', 'date', 'integer'];
const NUM_TYPES = ['integer', 'decimal', 'money', 'percent'];

/** What a record list can be grouped by (lists.group dims of the `record` source). */
export function recordDims(t: TFunction, fields: readonly CustomField[]): { key: string; label: string }[] {
  return [
    { key: 'status', label: t('cards.biz.status') },
    { key: 'employeeName', label: t('cards.biz.employee') },
    { key: 'customerName', label: t('cards.biz.customer') },
    { key: 'createdMonth', label: t('cards.lists.createdMonth') },
    ...fields.filter((f) => DIM_TYPES.includes(f.type)).map((f) => ({ key: f.columnName, label: f.label })),
  ];
}

/** Numeric record fields that can be totalled, with how to show a total of each. */
export function recordNums(t: TFunction, fields: readonly CustomField[]): { key: string; label: string; money: boolean; percent: boolean }[] {
  return [
    { key: 'expenseTotalFen', label: t('cards.biz.expenseTotal'), money: true, percent: false },
    ...fields
      .filter((f) => NUM_TYPES.includes(f.type))
      .map((f) => ({ key: f.columnName, label: f.label, money: f.type === 'money', percent: f.type === 'percent' })),
  ];
}

export function formatMeasure(value: number | null, fn: MeasureFn, kind: { money: boolean; percent: boolean }): string {
  if (value === null) return '—';
  if (fn === 'count') return String(value);
  if (kind.money) return formatMoney(Math.round(value), { symbol: true });
  if (kind.percent) return `${Math.round(value) / 100}%`;
  return String(value);
}

/** Display text of a group key of a record list. */
export function recordKeyLabel(
  t: TFunction,
  type: BusinessType,
  fields: readonly CustomField[],
  employees: readonly Employee[],
  dim: string | undefined,
  key: string | number | null,
): string {
  if (key === null || key === '') return t('cards.lists.emptyKey');
  if (dim === 'status') return type.statuses.find((s) => s.key === key)?.label ?? String(key);
  const f = fields.find((x) => x.columnName === dim);
  if (f?.type === 'select') return optionOf(f, key)?.label ?? String(key);
  if (f?.type === 'staff') return employees.find((e) => e.id === key)?.name ?? String(key);
  if (f?.type === 'boolean') return key === 1 || key === '1' ? t('common.yes') : t('common.no');
  return String(key);
}
