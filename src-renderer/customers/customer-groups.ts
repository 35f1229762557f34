import type { TFunction } from 'i18next';
import type { GroupRowDto } from '../../src-shared/contract/business-methods';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import type { Employee } from '../../src-shared/domain/organisation';
import type { ConditionNode, QueryDefinition, QueryNode } from '../../src-shared/query/query-tree';
import { optionOf } from '../card/custom-values';
import { enumLabel } from '../i18n/labels';
import { storeText, type StoreSite } from '../sync/store-text';

/** Built-in keys lists.group takes for customers, in the order the 分组 menu shows them. */
export const CUSTOMER_GROUP_KEYS = [
  'customerClass',
  'lifecycle',
  'province',
  'city',
  'industry',
  'source',
  'kind',
  'relationshipLevel',
  'colorLabel',
  'ownerName',
  'createdMonth',
  'storeCode',
] as const;
const ENUM_KEYS = new Set(['customerClass', 'lifecycle', 'kind', 'relationshipLevel', 'colorLabel']);
const CUSTOM_DIM_TYPES = ['select', 'text', 'boolean', 'staff', 'date', 'integer'];

export interface GroupDim {
  key: string;
  label: string;
}
export interface GroupNum {
  key: string;
  label: string;
  money: boolean;
  percent: boolean;
}

export function customerDims(t: TFunction, fields: readonly CustomField[], inNetwork = false): GroupDim[] {
  return [
    // 门店 only in a sync network: on its own a workspace's customers have none.
    ...CUSTOMER_GROUP_KEYS.filter((key) => key !== 'storeCode' || inNetwork).map((key) => ({
      key,
      label: key === 'createdMonth' ? t('extras.group.createdMonth') : t(`customer.${key}`),
    })),
    ...fields.filter((f) => CUSTOM_DIM_TYPES.includes(f.type)).map((f) => ({ key: f.columnName, label: f.label })),
  ];
}

/** What can be totalled per group: sales figures, 客情关系等级, numeric and computed custom fields. */
export function customerNums(t: TFunction, fields: readonly CustomField[]): GroupNum[] {
  const m = (key: string, money: boolean) => ({ key, label: t(`extras.group.measure.${key}`), money, percent: false });
  return [
    m('orderTotalFen', true),
    m('receivedFen', true),
    m('orderCount', false),
    m('relationshipLevel', false),
    ...fields
      .filter(
        (f) =>
          ['integer', 'decimal', 'money', 'percent'].includes(f.type) ||
          (f.type === 'computedTotal' && f.computed && !f.computed.field?.endsWith('Date')),
      )
      .map((f) => ({
        key: f.columnName,
        label: f.label,
        money: f.type === 'money' || (f.type === 'computedTotal' && f.computed?.fn === 'sum'),
        percent: f.type === 'percent',
      })),
  ];
}

/** Display text of one group key. */
export function customerKeyLabel(
  t: TFunction,
  fields: readonly CustomField[],
  employees: readonly Employee[],
  dim: string | undefined,
  key: string | number | null,
  stores: readonly StoreSite[] = [],
): string {
  if (key === null || key === '') return t('cards.lists.emptyKey');
  if (dim && ENUM_KEYS.has(dim)) return enumLabel(t, dim, key);
  if (dim === 'storeCode') return storeText(String(key), stores);
  const f = fields.find((x) => x.columnName === dim);
  if (f?.type === 'select') return optionOf(f, key)?.label ?? String(key);
  if (f?.type === 'staff') return employees.find((e) => e.id === key)?.name ?? String(key);
  if (f?.type === 'boolean') return key === 1 || key === '1' ? t('common.yes') : t('common.no');
  return String(key);
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(y ?? 1970, m ?? 1, 0).getDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}

/** The province texts of a city group: its rows' provinces, the empty ones too. */
function provinceOfCity(texts: readonly string[]): QueryNode {
  const named = texts.filter((t) => t !== '');
  const isIn: ConditionNode = { kind: 'condition', field: 'province', operator: 'in', values: named };
  const empty: ConditionNode = { kind: 'condition', field: 'province', operator: 'empty' };
  if (named.length === texts.length) return isIn;
  return named.length === 0 ? empty : { kind: 'group', op: 'or', children: [isIn, empty] };
}

/** What selects the customers of a group key at one level. */
function conditionOf(
  dim: string,
  key: string | number | null,
  employees: readonly Employee[],
  variants?: readonly string[],
  cityProvinces?: readonly string[],
): QueryNode {
  // A city within its province: 朝阳 under 北京 is not 辽宁's 朝阳市, 广东's 市区 not 浙江's.
  if (dim === 'city' && cityProvinces && cityProvinces.length > 0) {
    const city = conditionOf(dim, key, employees, variants);
    return { kind: 'group', op: 'and', children: [city, provinceOfCity(cityProvinces)] };
  }
  // 广东 and 广东省 in one group: select every stored text the group gathered.
  if (variants && variants.length > 0) return { kind: 'condition', field: dim, operator: 'in', values: [...variants] };
  if (dim === 'ownerName') {
    if (key === null || key === '') return { kind: 'condition', field: 'ownerId', operator: 'empty' };
    return { kind: 'condition', field: 'ownerId', operator: 'in', values: employees.filter((e) => e.name === key).map((e) => e.id) };
  }
  if (key === null || key === '') return { kind: 'condition', field: dim, operator: 'empty' };
  if (dim === 'createdMonth') {
    const month = String(key);
    return { kind: 'condition', field: 'createdAt', operator: 'between', value: `${month}-01`, value2: lastDay(month) };
  }
  return { kind: 'condition', field: dim, operator: 'eq', value: key };
}

/** A customer query for the customers of one group row (its key down to its level). */
export function groupDefinition(groupBy: readonly string[], row: GroupRowDto, employees: readonly Employee[]): QueryDefinition {
  const children = row.key.map((k, i) => conditionOf(groupBy[i] ?? '', k, employees, row.variants?.[String(i)], row.cityProvinces?.[String(i)]));
  return { entity: 'customer', where: { kind: 'group', op: 'and', children } };
}
