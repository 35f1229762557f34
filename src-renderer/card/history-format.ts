import type { TFunction } from 'i18next';
import type { ChangeEntry } from '../../src-shared/domain/change-log';
import { customerValueText, enumLabel, fieldLabel } from '../i18n/labels';

const LABEL_GROUP: Partial<Record<ChangeEntry['entity'], string>> = {
  customer: 'customer',
  department: 'department',
  contact: 'contact',
  employee: 'employee',
};

export function entryFieldLabel(t: TFunction, e: ChangeEntry): string {
  if (!e.field) return t('history.record');
  return fieldLabel(t, LABEL_GROUP[e.entity] ?? e.entity, e.field);
}

export function entryObject(t: TFunction, e: ChangeEntry): string {
  const kind = t(`entity.${e.entity}`, { defaultValue: e.entity });
  return e.entityLabel ? `${kind} · ${e.entityLabel}` : kind;
}

/** A logged value as text: enums translated, lists joined, empty as “空”. */
export function valueText(t: TFunction, e: ChangeEntry, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  if (e.entity === 'customer' && e.field) return customerValueText(t, e.field, value);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'object') return Array.isArray(value) ? value.map(String).join('，') : JSON.stringify(value);
  return String(value as string | number);
}

/** One line for a toast: what the undone transaction had changed. */
export function describeUndo(t: TFunction, history: ChangeEntry[], txId: string): string {
  const entries = history.filter((e) => e.txId === txId);
  if (entries.length === 0) return t('enums.op.update');
  const first = entries[0];
  if (!first) return '';
  if (first.op !== 'update') {
    return `${enumLabel(t, 'op', first.op)} ${entryObject(t, first)}`;
  }
  const parts = entries.slice(0, 3).map((e) => {
    const oldText = valueText(t, e, e.oldValue) || t('common.empty');
    const newText = valueText(t, e, e.newValue) || t('common.empty');
    const who = e.entity === 'customer' ? '' : `${entryObject(t, e)} `;
    return `${who}${entryFieldLabel(t, e)} “${newText}” → “${oldText}”`;
  });
  return parts.join('；') + (entries.length > 3 ? ' …' : '');
}
