import type { TFunction } from 'i18next';
import type { ChangeEntry } from '../../src-shared/domain/change-log';
import { HISTORY_HIDDEN_FIELDS, HISTORY_REFERENCE_FIELDS, type HistoryLexicon } from '../../src-shared/domain/history-fields';
import { formatMoney } from '../../src-shared/money';
import { bpToZhe } from '../../src-shared/order-discount';
import { formatPhone } from '../../src-shared/validation/phone-form';
import { customerValueText, formatDateTime } from '../i18n/labels';

/**
 * The one presenter of change-log entries (the card's 变动历史 now, the audit view later): every
 * entity, field and value in the words the user sees elsewhere — field labels (custom ones from
 * their definitions), money as ¥ with two decimals, quantities, 折, dates, option and status
 * labels, and names instead of ids. Nothing internal (an entity or field name, an id, a code)
 * reaches the screen: what has no wording shows as a neutral placeholder.
 */

export const EMPTY_LEXICON: HistoryLexicon = { names: {}, fields: {}, recordTypes: {}, statuses: {} };

/** Built-in labels of these entities live in the card's own groups (zh-CN.ts `customer.*` …). */
const CARD_GROUPS = new Set(['customer', 'contact', 'department', 'employee']);
/** Fields whose value is one of the contract's entities (a field's, a folder's, a layout's …). */
const ENTITY_VALUE_FIELDS = new Set(['entity']);
/** Structured settings shown by how many items they have, never as JSON. */
const COUNTED_FIELDS = new Set(['statuses', 'options', 'listColumns', 'fields']);
const MONEY_FIELDS = new Set(['priceFen', 'costFen', 'discountFen', 'totalFen', 'unitPriceFen', 'amountFen']);
const CALENDAR_FIELDS = new Set(['orderDate', 'receiptDate', 'expenseDate', 'birthday', 'asOf']);
const INSTANT_FIELDS = new Set(['statusChangedAt', 'createdAt', 'updatedAt']);
/** Phones of contacts and employees, shown as in the contact table (138 1234 5678), not as stored. */
const PHONE_FIELDS = new Set(['mobile', 'phone']);

export interface PresentedChange {
  /** 对象: the kind of record and, where it has one, its name. */
  object: string;
  /** 字段: the field's label, or “(whole record)” for a create/delete. */
  field: string;
  oldText: string;
  newText: string;
}

export function presentChange(t: TFunction, e: ChangeEntry, lex: HistoryLexicon): PresentedChange {
  return {
    object: objectText(t, e, lex),
    field: e.field ? fieldLabelText(t, e.entity, e.field, lex) : t('history.record'),
    oldText: entryValueText(t, e, e.oldValue, lex),
    newText: entryValueText(t, e, e.newValue, lex),
  };
}

export function entityText(t: TFunction, entity: string): string {
  return t(`hist.entity.${entity}`, { defaultValue: t('hist.entity.record') });
}

export function opText(t: TFunction, op: string): string {
  return t(`hist.op.${op}`, { defaultValue: t('hist.op.update') });
}

export function objectText(t: TFunction, e: ChangeEntry, lex: HistoryLexicon): string {
  const kind = entityText(t, e.entity);
  if (e.entity === 'customer') return kind;
  const name = lex.names[e.entityId] ?? e.entityLabel;
  return name ? `${kind} · ${name}` : kind;
}

export function fieldLabelText(t: TFunction, entity: string, field: string, lex: HistoryLexicon): string {
  if (field.startsWith('cf_')) return lex.fields[field]?.label ?? t('hist.value.unknownField');
  const own = t(`hist.field.${entity}.${field}`, { defaultValue: '' });
  if (own) return own;
  if (CARD_GROUPS.has(entity)) {
    const card = t(`${entity}.${field}`, { defaultValue: '' });
    if (card) return card;
  }
  return t('hist.value.unknownField');
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A logged value as text: one field's value, or a whole record as “字段：值” pairs. */
export function entryValueText(t: TFunction, e: ChangeEntry, value: unknown, lex: HistoryLexicon): string {
  if (isEmpty(value)) return '';
  if (e.field) return fieldValueText(t, e, e.field, value, lex);
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([k, v]) => !HISTORY_HIDDEN_FIELDS.has(k) && !isEmpty(v))
      .map(([k, v]) => `${fieldLabelText(t, e.entity, k, lex)}：${fieldValueText(t, e, k, v, lex)}`)
      .join('；');
  }
  return plainText(t, value);
}

export function fieldValueText(
  t: TFunction,
  e: Pick<ChangeEntry, 'entity' | 'entityId'>,
  field: string,
  value: unknown,
  lex: HistoryLexicon,
): string {
  if (isEmpty(value)) return '';
  if (field.startsWith('cf_')) return customValueText(t, field, value, lex);
  if (HISTORY_REFERENCE_FIELDS.has(field)) return nameOf(t, value, lex);
  if (e.entity === 'customer') return customerValueText(t, field, value);
  if (typeof value === 'number' && MONEY_FIELDS.has(field)) return formatMoney(value, { symbol: true });
  if (typeof value === 'number' && field === 'quantityMilli') return quantityText(value);
  if (typeof value === 'number' && field === 'discountBp') {
    if (value === 0) return t('hist.value.noDiscount');
    return e.entity === 'order' ? t('cards.sales.discountRate', { zhe: bpToZhe(value) }) : t('hist.value.lineDiscount', { zhe: bpToZhe(value) });
  }
  if (typeof value === 'string' && INSTANT_FIELDS.has(field)) return formatDateTime(value);
  if (typeof value === 'string' && CALENDAR_FIELDS.has(field)) return value;
  if (typeof value === 'string' && PHONE_FIELDS.has(field)) return formatPhone(value);
  if (field === 'status' && typeof value === 'string') return statusText(t, e, value, lex);
  if (field === 'customerClass') return t(`enums.customerClass.${String(value)}`, { defaultValue: String(value) });
  if (ENTITY_VALUE_FIELDS.has(field) && typeof value === 'string') return entityText(t, value);
  if (e.entity === 'customField' && field === 'type') return t(`cards.types.${String(value)}`, { defaultValue: t('hist.value.changed') });
  if (e.entity === 'importMapping' && field === 'target') return t(`imp.target.${String(value)}`, { defaultValue: t('hist.value.changed') });
  if (e.entity === 'businessType' && field === 'icon') return t(`cards.icons.${String(value)}`, { defaultValue: t('hist.value.changed') });
  if (e.entity === 'businessType' && field === 'template')
    return t(`hist.value.template.${String(value)}`, { defaultValue: t('hist.value.changed') });
  if (e.entity === 'setting' && field === 'key') return t(`hist.value.settingKey.${String(value)}`, { defaultValue: t('hist.entity.setting') });
  if (field === 'options' && Array.isArray(value))
    return value.map((o) => (isRecord(o) && typeof o.label === 'string' ? o.label : t('hist.value.changed'))).join('，');
  if (field === 'statuses' && Array.isArray(value))
    return value.map((s) => (isRecord(s) && typeof s.label === 'string' ? s.label : t('hist.value.changed'))).join('，');
  if (COUNTED_FIELDS.has(field) && Array.isArray(value)) return t('hist.value.items', { n: value.length });
  return plainText(t, value);
}

/** Free text and numbers as they are; lists joined; anything structured as “(已修改)”, never JSON. */
function plainText(t: TFunction, value: unknown): string {
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String).join('，');
  return t('hist.value.changed');
}

function nameOf(t: TFunction, value: unknown, lex: HistoryLexicon): string {
  if (Array.isArray(value)) return value.map((v) => nameOf(t, v, lex)).join('，');
  return typeof value === 'string' ? (lex.names[value] ?? t('hist.value.missing')) : t('hist.value.missing');
}

function statusText(t: TFunction, e: Pick<ChangeEntry, 'entity' | 'entityId'>, value: string, lex: HistoryLexicon): string {
  if (e.entity === 'order') return t(`cards.sales.orderStatus.${value}`, { defaultValue: t('hist.value.unknownStatus') });
  const type = lex.recordTypes[e.entityId];
  return (type ? lex.statuses[type]?.[value] : undefined) ?? t('hist.value.unknownStatus');
}

/** Thousandths as a plain number: 1500 → 1.5, 2000 → 2. */
function quantityText(milli: number): string {
  return String(milli / 1000);
}

function customValueText(t: TFunction, column: string, value: unknown, lex: HistoryLexicon): string {
  const field = lex.fields[column];
  if (!field) return plainText(t, value);
  const option = (v: unknown) => field.options.find((o) => o.value === v)?.label ?? t('hist.value.changed');
  switch (field.type) {
    case 'money':
    case 'computedTotal':
      return typeof value === 'number' ? formatMoney(value, { symbol: true }) : plainText(t, value);
    case 'percent':
      return typeof value === 'number' ? `${value / 100}%` : plainText(t, value);
    case 'datetime':
      return typeof value === 'string' ? formatDateTime(value) : plainText(t, value);
    case 'phone':
      return typeof value === 'string' ? formatPhone(value) : plainText(t, value);
    case 'select':
      return option(value);
    case 'multiSelect':
      return Array.isArray(value) ? value.map(option).join('，') : option(value);
    case 'staff':
    case 'customerRef':
      return nameOf(t, value, lex);
    default:
      return plainText(t, value);
  }
}
