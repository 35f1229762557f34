import type { BusinessType } from './business';
import { cardLayout, type CardLayout, type LayoutTab } from './card-layout';
import { CONTACT_FIELDS } from './organisation';

// The default card layouts, one definition for main (layouts.get before anything is saved,
// layouts.reset) and the renderer (the layout editor adding a business type's tab). Labels are
// the Chinese defaults; the renderer shows them translated while they are unchanged
// (src-renderer/i18n/layout-defaults.ts).

/**
 * Which revision of the default a saved layout was made against. 1: before the 费用 tab; 2: with
 * it. Main stamps saved layouts with the current revision, so it can tell a layout saved before
 * a default grew a tab (and add the tab if the layout is otherwise untouched) from one whose user
 * took the tab away.
 */
export const DEFAULT_LAYOUT_REVISION = 2;

/** The tab key of a business type's records list. */
export const recordsTabKey = (typeId: string) => `records-${typeId}`;

export function recordsTab(type: Pick<BusinessType, 'id' | 'name' | 'listColumns'>): LayoutTab {
  return {
    key: recordsTabKey(type.id),
    label: type.name.slice(0, 20),
    sections: [],
    related: { kind: 'records', businessTypeId: type.id, columns: [...type.listColumns] },
  };
}

export const expensesTab = (): LayoutTab => ({ key: 'expenses', label: '费用', sections: [], related: { kind: 'expenses', columns: [] } });

/**
 * The customer card: basic fields (custom fields in their own section), the built-in related
 * lists, one tab per business type, expenses, history last.
 */
export function defaultCustomerLayout(
  customColumns: readonly string[],
  types: readonly Pick<BusinessType, 'id' | 'name' | 'listColumns'>[],
): CardLayout {
  return {
    tabs: [
      {
        key: 'basic',
        label: '基本信息',
        sections: [
          {
            key: 'identity',
            label: '客户资料',
            columns: 2,
            fields: ['name', 'shortName', 'code', 'kind', 'industry', 'source', 'ownerId', 'storeCode'],
          },
          { key: 'contact', label: '联系方式', columns: 2, fields: ['province', 'city', 'district', 'address', 'phones', 'email', 'website'] },
          { key: 'status', label: '分类与状态', columns: 2, fields: ['customerClass', 'lifecycle', 'relationshipLevel', 'colorLabel', 'tags'] },
          ...(customColumns.length ? [{ key: 'custom', label: '自定义字段', columns: 2 as const, fields: [...customColumns] }] : []),
          { key: 'notes', label: '备注', columns: 1, fields: ['notes'] },
        ],
      },
      { key: 'organisation', label: '组织机构与联系人', sections: [], related: { kind: 'organisation', columns: [] } },
      {
        key: 'orders',
        label: '订单',
        sections: [],
        related: { kind: 'orders', columns: ['orderNo', 'orderDate', 'status', 'totalFen', 'receivedFen'] },
      },
      { key: 'receipts', label: '收款', sections: [], related: { kind: 'receipts', columns: ['receiptDate', 'amountFen', 'method', 'orderNo'] } },
      {
        key: 'purchased',
        label: '已购产品',
        sections: [],
        related: { kind: 'purchased', columns: ['productName', 'quantityMilli', 'amountFen', 'lastOrderDate'] },
      },
      { key: 'staff', label: '相关员工', sections: [], related: { kind: 'staff', columns: ['employeeName', 'role', 'notes'] } },
      ...types.map(recordsTab),
      expensesTab(),
      { key: 'history', label: '变动历史', sections: [], related: { kind: 'history', columns: [] } },
    ],
  };
}

/** The contact dialog: a form, fields only. */
export function defaultContactLayout(customColumns: readonly string[]): CardLayout {
  const custom = customColumns.length ? [{ key: 'custom', label: '自定义字段', columns: 2 as const, fields: [...customColumns] }] : [];
  return {
    tabs: [{ key: 'basic', label: '基本信息', sections: [{ key: 'main', label: '联系人', columns: 2, fields: [...CONTACT_FIELDS] }, ...custom] }],
  };
}

/**
 * Whether a layout saved before revision 2 is still the default of its day (revision 1, without
 * 费用): equal to the default once business-type tabs are left out (their keys, labels and places
 * came from the type, or from the renderer's older short keys) and with the custom-fields section
 * holding whatever custom fields existed when it was saved.
 */
export function isUntouchedRevision1(saved: CardLayout): boolean {
  const customSection = saved.tabs[0]?.sections.find((s) => s.key === 'custom');
  const v1 = defaultCustomerLayout(customSection?.fields ?? [], []);
  v1.tabs = v1.tabs.filter((t) => t.related?.kind !== 'expenses');
  // Revision 1 had no 门店 either (placed by getLayout in a sync network, see withStoreField).
  for (const s of v1.tabs[0]?.sections ?? []) s.fields = s.fields.filter((f) => f !== 'storeCode');
  const withoutRecords = saved.tabs.filter((t) => t.related?.kind !== 'records');
  // Both through the schema, so defaults and key order are the same on each side.
  return JSON.stringify(cardLayout.parse({ tabs: withoutRecords })) === JSON.stringify(cardLayout.parse(v1));
}

/** Adds the 费用 tab where the default has it: before history (or at the end). */
export function withExpensesTab(layout: CardLayout): CardLayout {
  if (layout.tabs.some((t) => t.related?.kind === 'expenses')) return layout;
  const tabs = [...layout.tabs];
  const history = tabs.findIndex((t) => t.related?.kind === 'history');
  tabs.splice(history < 0 ? tabs.length : history, 0, expensesTab());
  return { tabs };
}

/**
 * A layout saved before the 门店 field existed, opened in a sync network: the field goes after
 * 负责人 (or at the end of the first section), so a store's customers show their 门店 at once.
 */
export function withStoreField(layout: CardLayout): CardLayout {
  const sections = layout.tabs.flatMap((t) => t.sections);
  if (sections.some((s) => s.fields.includes('storeCode'))) return layout;
  const target = sections.find((s) => s.fields.includes('ownerId')) ?? sections[0];
  if (!target) return layout;
  const at = target.fields.indexOf('ownerId');
  target.fields.splice(at < 0 ? target.fields.length : at + 1, 0, 'storeCode');
  return layout;
}
