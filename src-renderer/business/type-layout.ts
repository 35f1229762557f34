import type { BusinessType } from '../../src-shared/domain/business';
import type { CardLayout } from '../../src-shared/domain/card-layout';
import { recordsTab } from '../../src-shared/domain/default-card-layout';
import { api } from '../api/client';

/** The customer card's layout (saved, or main's default from src-shared/domain/default-card-layout.ts). */
export function getCustomerLayout(): Promise<{ layout: CardLayout; saved: boolean }> {
  return api.layouts.get({ entity: 'customer' });
}

/** Back to the default layout. */
export async function resetCustomerLayout(): Promise<void> {
  await api.layouts.reset({ entity: 'customer' });
}

/**
 * Creates a business type and saves its card tab where the default puts business types: before
 * 费用 and 变动历史 (main alone would append it at the end).
 */
export async function createTypeWithTab(create: () => Promise<BusinessType>): Promise<BusinessType> {
  const before = await getCustomerLayout();
  const created = await create();
  const tabs = [...before.layout.tabs.filter((t) => t.related?.businessTypeId !== created.id)];
  const tail = tabs.findIndex((t) => t.related?.kind === 'expenses' || t.related?.kind === 'history');
  tabs.splice(tail < 0 ? tabs.length : tail, 0, recordsTab(created));
  await api.layouts.save({ entity: 'customer', layout: { tabs } });
  return created;
}
