import type { BusinessType } from '../../src-shared/domain/business';
import type { CardLayout, LayoutTab } from '../../src-shared/domain/card-layout';
import { api } from '../api/client';

// Workaround for a contract gap: main names a business type's card tab `records-<uuid>` (44
// characters) while `layoutTab.key` allows 40, so layouts.get answers INTERNAL (and layouts.reset
// VALIDATION) as soon as a business type exists that the saved layout does not show. The renderer
// keeps every type on a saved layout under a short key, and builds main's default itself when
// layouts.get fails. Remove when main's keys fit the contract.

export const recordsTabKey = (typeId: string) => `rec-${typeId.replace(/-/g, '')}`.slice(0, 40);

export function recordsTab(type: BusinessType): LayoutTab {
  return { key: recordsTabKey(type.id), label: type.name.slice(0, 20), sections: [], related: { kind: 'records', businessTypeId: type.id, columns: type.listColumns } };
}

/** Main's default customer layout (layout-service.ts), with short keys for business-type tabs. */
export function clientDefaultLayout(customColumns: readonly string[], types: readonly BusinessType[]): CardLayout {
  return {
    tabs: [
      {
        key: 'basic',
        label: '基本信息',
        sections: [
          { key: 'identity', label: '客户资料', columns: 2, fields: ['name', 'shortName', 'code', 'kind', 'industry', 'source', 'ownerId'] },
          { key: 'contact', label: '联系方式', columns: 2, fields: ['province', 'city', 'district', 'address', 'phones', 'email', 'website'] },
          { key: 'status', label: '分类与状态', columns: 2, fields: ['customerClass', 'lifecycle', 'relationshipLevel', 'colorLabel', 'tags'] },
          ...(customColumns.length ? [{ key: 'custom', label: '自定义字段', columns: 2 as const, fields: [...customColumns] }] : []),
          { key: 'notes', label: '备注', columns: 1, fields: ['notes'] },
        ],
      },
      { key: 'organisation', label: '组织机构与联系人', sections: [], related: { kind: 'organisation', columns: [] } },
      { key: 'orders', label: '订单', sections: [], related: { kind: 'orders', columns: ['orderNo', 'orderDate', 'status', 'totalFen', 'receivedFen'] } },
      { key: 'receipts', label: '收款', sections: [], related: { kind: 'receipts', columns: ['receiptDate', 'amountFen', 'method', 'orderNo'] } },
      { key: 'purchased', label: '已购产品', sections: [], related: { kind: 'purchased', columns: ['productName', 'quantityMilli', 'amountFen', 'lastOrderDate'] } },
      { key: 'staff', label: '相关员工', sections: [], related: { kind: 'staff', columns: ['employeeName', 'role', 'notes'] } },
      ...types.map(recordsTab),
      { key: 'history', label: '变动历史', sections: [], related: { kind: 'history', columns: [] } },
    ],
  };
}

async function fallbackLayout(): Promise<CardLayout> {
  const [fields, types] = await Promise.all([api.fields.list({ entity: 'customer' }), api.businessTypes.list({})]);
  return clientDefaultLayout(
    fields.map((f) => f.columnName),
    types,
  );
}

/** layouts.get, or the default built here when main cannot answer (see above). */
export async function getCustomerLayout(): Promise<{ layout: CardLayout; saved: boolean }> {
  try {
    return await api.layouts.get({ entity: 'customer' });
  } catch {
    return { layout: await fallbackLayout(), saved: false };
  }
}

/** layouts.reset, or saving the default built here when main's own default does not validate. */
export async function resetCustomerLayout(): Promise<void> {
  try {
    await api.layouts.reset({ entity: 'customer' });
  } catch {
    await api.layouts.save({ entity: 'customer', layout: await fallbackLayout() });
  }
}

/** Creates a business type and gives it a card tab under a short key on the saved layout. */
export async function createTypeWithTab(create: () => Promise<BusinessType>): Promise<BusinessType> {
  const before = await getCustomerLayout();
  const created = await create();
  const history = before.layout.tabs.findIndex((t) => t.related?.kind === 'history');
  const tabs = [...before.layout.tabs.filter((t) => t.related?.businessTypeId !== created.id)];
  tabs.splice(history < 0 ? tabs.length : history, 0, recordsTab(created));
  await api.layouts.save({ entity: 'customer', layout: { tabs } });
  return created;
}
