import type { TFunction } from 'i18next';
import type { MethodOutput } from '../../src-shared/contract/methods';
import type { QueryFieldDto } from '../../src-shared/contract/query-methods';
import { OPERATORS_BY_TYPE } from '../../src-shared/query/query-fields';
import { RELATIVE_PERIODS, type ConditionNode, type RelativePeriod } from '../../src-shared/query/query-tree';
import { enumLabel } from '../i18n/labels';

export type FieldCatalogue = MethodOutput<'queries.fields'>;
/** Which list a field belongs to: the two root entities, orders, or a business type's records. */
export type FieldScope = 'customer' | 'contact' | 'order' | 'record';

export function scopeOfRelation(relation: string): FieldScope {
  if (relation === 'contacts') return 'contact';
  if (relation === 'orders') return 'order';
  return 'record';
}

const CUSTOMER_ENUM_GROUPS: Record<string, string> = {
  kind: 'kind',
  customerClass: 'customerClass',
  lifecycle: 'lifecycle',
  colorLabel: 'colorLabel',
  relationshipLevel: 'relationshipLevel',
};

/** Built-in fields in the words of the existing labels; user-defined ones by their own label. */
export function fieldText(t: TFunction, scope: FieldScope, field: QueryFieldDto | undefined, key: string): string {
  if (field?.snapshot && field.label)
    return t(field.snapshotMetric === 'revenue' ? 'qb.snapshotRevenueField' : 'qb.snapshotField', { label: field.label });
  if (field?.label) return field.label;
  if (key === 'favouriteFolder') return t('qb.favouriteFolder');
  if (scope === 'order') return t(`qb.orderField.${key}`, { defaultValue: key });
  if (scope === 'record') return t(`qb.recordField.${key}`, { defaultValue: key });
  if (scope === 'contact') return t(`contact.${key}`, { defaultValue: t(`customer.${key}`, { defaultValue: key }) });
  return t(`customer.${key}`, { defaultValue: key });
}

/** Display text of one stored option value of an enum field. */
export function optionText(
  t: TFunction,
  scope: FieldScope,
  field: QueryFieldDto,
  value: string | number,
  statusLabels: Record<string, string>,
): string {
  if (scope === 'customer' && CUSTOMER_ENUM_GROUPS[field.key] && !field.label) return enumLabel(t, CUSTOMER_ENUM_GROUPS[field.key] ?? '', value);
  if (field.snapshot || (scope === 'customer' && field.key === 'storeCode')) return field.optionLabels?.[String(value)] ?? String(value);
  if (scope === 'order' && field.key === 'status') return t(`qb.orderStatus.${String(value)}`, { defaultValue: String(value) });
  if (scope === 'record' && field.key === 'status') return statusLabels[String(value)] ?? String(value);
  if (field.options?.length === 2 && field.options.includes(1) && field.options.includes(0)) return value === 1 ? t('common.yes') : t('common.no');
  return String(value);
}

/**
 * The operator list of the condition row. Relative dates are offered as their periods directly
 * (今天, 本周, 最近N天 …), so a choice is `relative:<period>` for those and the operator otherwise.
 */
export function operatorChoices(field: QueryFieldDto): string[] {
  const ops = OPERATORS_BY_TYPE[field.type];
  return ops.flatMap((op) => (op === 'relative' ? RELATIVE_PERIODS.map((p) => `relative:${p}`) : [op]));
}

export function choiceOf(node: ConditionNode): string {
  return node.operator === 'relative' ? `relative:${node.period ?? 'today'}` : node.operator;
}

export function choiceText(t: TFunction, choice: string): string {
  if (choice.startsWith('relative:')) return t(`qb.period.${choice.slice(9)}`);
  return t(`qb.op.${choice}`);
}

/** A fresh condition for a field and a choice, keeping the value when the kind of value fits. */
export function applyChoice(node: ConditionNode, choice: string): ConditionNode {
  const base: ConditionNode = { kind: 'condition', field: node.field, operator: 'eq' };
  if (choice.startsWith('relative:')) {
    const period = choice.slice(9) as RelativePeriod;
    const days = period === 'lastNDays' || period === 'nextNDays' ? (node.days ?? 30) : undefined;
    return { ...base, operator: 'relative', period, ...(days !== undefined ? { days } : {}) };
  }
  const operator = choice as ConditionNode['operator'];
  const next: ConditionNode = { ...base, operator };
  if (operator === 'anniversaryWithin') return { ...next, days: node.days ?? 7 };
  if (operator === 'in' || operator === 'notIn') return node.values ? { ...next, values: node.values } : next;
  if (operator === 'empty' || operator === 'notEmpty') return next;
  if (operator === 'between')
    return { ...next, ...(node.value !== undefined ? { value: node.value } : {}), ...(node.value2 !== undefined ? { value2: node.value2 } : {}) };
  return node.value !== undefined ? { ...next, value: node.value } : next;
}

/** The default operator a field starts with. */
export function defaultChoice(field: QueryFieldDto): string {
  switch (field.type) {
    case 'text':
    case 'list':
    case 'tags':
      return 'contains';
    case 'enum':
    case 'staff':
    case 'folder':
      return 'in';
    case 'date':
    case 'datetime':
      return 'relative:thisMonth';
    default:
      return 'eq';
  }
}

export function freshCondition(field: QueryFieldDto): ConditionNode {
  return applyChoice({ kind: 'condition', field: field.key, operator: 'eq' }, defaultChoice(field));
}
