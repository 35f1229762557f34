import type { TFunction } from 'i18next';
import type { ChangeEntry } from '../../src-shared/domain/change-log';
import { formatMoney } from '../../src-shared/money';
import { bpToZhe } from '../../src-shared/order-discount';
import { customerValueText, enumLabel, fieldLabel } from '../i18n/labels';

/** Ids that a history line shows by name (departments, contacts, staff). */
export type NameLookup = ReadonlyMap<string, string>;

const REFERENCE_FIELDS = new Set(['parentId', 'departmentId', 'ownerId']);
/** Bookkeeping in a logged whole record that means nothing to a reader. */
const HIDDEN_RECORD_FIELDS = new Set(['id', 'customerId', 'siteId', 'sortKey', 'sortOrder', 'seq', 'deleted', 'createdAt', 'updatedAt', 'ownerName']);

export function entryFieldLabel(t: TFunction, e: ChangeEntry): string {
  if (!e.field) return t('history.record');
  return fieldLabel(t, e.entity, e.field);
}

export function entryObject(t: TFunction, e: ChangeEntry): string {
  const kind = t(`entity.${e.entity}`, { defaultValue: e.entity });
  return e.entityLabel && e.entity !== 'customer' ? `${kind} · ${e.entityLabel}` : kind;
}

/** Names for the ids that appear in a card's history: every entity it mentions, plus staff. */
export function namesFrom(entries: ChangeEntry[], extra: { id: string; name: string }[] = []): NameLookup {
  const names = new Map<string, string>();
  for (const x of extra) names.set(x.id, x.name);
  for (const e of entries) if (e.entityLabel) names.set(e.entityId, e.entityLabel);
  return names;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function fieldValueText(t: TFunction, entity: string, field: string, value: unknown, names: NameLookup): string {
  if (isEmpty(value)) return '';
  if (REFERENCE_FIELDS.has(field) && typeof value === 'string') return names.get(value) ?? value.slice(0, 8);
  if (entity === 'customer') return customerValueText(t, field, value);
  if (entity === 'order' && typeof value === 'number') return orderValueText(t, field, value);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.map(String).join('，');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** An order's money in 元 and its discount rate in 折, as the order dialog shows them. */
function orderValueText(t: TFunction, field: string, value: number): string {
  if (field === 'discountBp') return t('cards.sales.discountRate', { zhe: bpToZhe(value) });
  return field.endsWith('Fen') ? formatMoney(value, { symbol: true }) : String(value);
}

/** A logged value as text: enums translated, ids as names, a whole record as “字段：值” pairs. */
export function valueText(t: TFunction, e: ChangeEntry, value: unknown, names: NameLookup = new Map()): string {
  if (isEmpty(value)) return '';
  if (e.field) return fieldValueText(t, e.entity, e.field, value, names);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => !HIDDEN_RECORD_FIELDS.has(k) && !isEmpty(v))
      .map(([k, v]) => `${fieldLabel(t, e.entity, k)}：${fieldValueText(t, e.entity, k, v, names)}`)
      .join('；');
  }
  return fieldValueText(t, e.entity, '', value, names);
}

/** One line for a toast: what the undone transaction had changed. */
export function describeUndo(t: TFunction, history: ChangeEntry[], txId: string): string {
  const names = namesFrom(history);
  const entries = history.filter((e) => e.txId === txId);
  const first = entries[0];
  if (!first) return t('enums.op.update');
  if (first.op !== 'update') return `${enumLabel(t, 'op', first.op)} ${entryObject(t, first)}`;
  const parts = entries.slice(0, 3).map((e) => {
    const oldText = valueText(t, e, e.oldValue, names) || t('common.empty');
    const who = e.entity === 'customer' ? '' : `${entryObject(t, e)} `;
    return `${who}${t('card.backTo', { field: entryFieldLabel(t, e), value: oldText })}`;
  });
  return parts.join('；') + (entries.length > 3 ? ' …' : '');
}
