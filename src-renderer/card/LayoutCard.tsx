import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutLabel } from '../i18n/layout-defaults';
import type { CardLayout, LayoutTab } from '../../src-shared/domain/card-layout';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import { RecordsTab } from '../business/RecordsTab';
import { CustomerExpensesTab } from '../business/CustomerExpensesTab';
import { OrdersTab, PurchasedTab, ReceiptsTab } from '../sales/SalesTabs';
import { money } from '../sales/related-columns';
import { StaffTab } from '../sales/StaffTab';
import { useRelated } from '../sales/use-related';
import { BasicTab } from './BasicTab';
import { setErrorTabResolver, useCard } from './card-store';
import { FieldHistoryDialog } from './FieldHistoryDialog';
import { HistoryTab } from './HistoryTab';
import { OrganisationTab } from './OrganisationTab';
import { useBusinessTypes, useCustomFields, useLayout } from './use-meta';

/** Used until layouts.get answers: the basic fields and the built-in tabs. */
const FALLBACK: CardLayout = {
  tabs: [
    { key: 'basic', label: '基本信息', sections: [] },
    { key: 'organisation', label: '组织机构与联系人', sections: [], related: { kind: 'organisation', columns: [] } },
    { key: 'history', label: '变动历史', sections: [], related: { kind: 'history', columns: [] } },
  ],
};

/** The customer card's layout and custom fields; registers where each field lives for error navigation. */
export function useCardLayout(): { layout: CardLayout; fields: CustomField[] } {
  const layout = useLayout('customer').data?.layout ?? FALLBACK;
  const fields = useCustomFields('customer').data ?? [];
  useEffect(() => {
    setErrorTabResolver((names) => {
      for (const tab of layout.tabs) if (tab.sections.some((s) => s.fields.some((f) => names.includes(f)))) return tab.key;
      return layout.tabs[0]?.key ?? null;
    });
  }, [layout]);
  return { layout, fields };
}

/** The tab strip, in layout order (`tab-<key>`, or `<testIdPrefix>-<key>` where another strip is on screen). */
export function CardTabsNav({
  layout,
  active,
  onSelect,
  testIdPrefix = 'tab',
}: {
  layout: CardLayout;
  active: string;
  onSelect(key: string): void;
  testIdPrefix?: string;
}) {
  const { t } = useTranslation();
  return (
    <nav className="tabs card-tabs" role="tablist">
      {layout.tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          aria-selected={active === tab.key}
          className={`tab${active === tab.key ? ' active' : ''}`}
          data-testid={`${testIdPrefix}-${tab.key}`}
          data-kind={tab.related?.kind ?? 'fields'}
          data-label={tab.label}
          onClick={() => onSelect(tab.key)}
        >
          {layoutLabel(t, 'tab', tab.key, tab.label)}
        </button>
      ))}
    </nav>
  );
}

/** 订单合计 · 已收款 · 应收余额 · 最近下单 · 费用合计, from customers.related. */
export function TotalsStrip({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const s = useRelated(customerId).data?.summary;
  if (!s) return null;
  const item = (id: string, label: string, value: string, fen?: number) => (
    <span className="total-item" data-testid={`card-total-${id}`} data-fen={fen}>
      <span className="total-label">{label}</span>
      <b>{value}</b>
    </span>
  );
  return (
    <div className="totals-strip" data-testid="card-totals">
      {item('orders', t('cards.totals.orders'), money(s.ordersTotalFen), s.ordersTotalFen)}
      {item('received', t('cards.totals.received'), money(s.receivedFen), s.receivedFen)}
      {item('outstanding', t('cards.totals.outstanding'), money(s.outstandingFen), s.outstandingFen)}
      {item('last-order', t('cards.totals.lastOrder'), s.lastOrderDate ?? '—')}
      {item('expenses', t('cards.totals.expenses'), money(s.expenseTotalFen), s.expenseTotalFen)}
    </div>
  );
}

function RelatedBody({ tab, customerId }: { tab: LayoutTab; customerId: string }) {
  const { t } = useTranslation();
  const card = useCard((s) => s.card);
  const related = useRelated(customerId).data;
  const types = useBusinessTypes().data ?? [];
  const r = tab.related;
  if (!r) return null;
  const columns = r.columns;
  switch (r.kind) {
    case 'organisation':
      return card ? <OrganisationTab card={card} /> : null;
    case 'history':
      return <HistoryTab customerId={customerId} />;
    case 'records': {
      const type = types.find((x) => x.id === r.businessTypeId);
      if (!type || !card) return <div className="muted pad">{t('common.loading')}</div>;
      return <RecordsTab type={type} customer={{ id: customerId, name: card.customer.name }} columns={columns} />;
    }
    case 'expenses':
      return <CustomerExpensesTab customerId={customerId} columns={columns} />;
    default:
      break;
  }
  if (!related) return <div className="muted pad">{t('common.loading')}</div>;
  if (r.kind === 'orders') return <OrdersTab customerId={customerId} related={related} columns={columns} />;
  if (r.kind === 'receipts') return <ReceiptsTab customerId={customerId} related={related} columns={columns} />;
  if (r.kind === 'purchased') return <PurchasedTab related={related} columns={columns} />;
  return <StaffTab customerId={customerId} related={related} columns={columns} />;
}

/** The body of the active tab: its sections (fields) and / or its related list. */
export function CardTabBody({ layout, fields, active }: { layout: CardLayout; fields: CustomField[]; active: string }) {
  const { t } = useTranslation();
  const openId = useCard((s) => s.openId);
  const isNew = useCard((s) => s.isNew);
  const [historyOf, setHistoryOf] = useState<CustomField | null>(null);
  const tab = layout.tabs.find((x) => x.key === active) ?? layout.tabs[0];
  if (!tab) return null;
  const first = tab.key === layout.tabs[0]?.key;
  const hasFields = tab.sections.length > 0 || !tab.related;
  return (
    <>
      {hasFields ? <BasicTab tab={tab} fields={fields} first={first} onHistory={setHistoryOf} /> : null}
      {tab.related && isNew ? <div className="muted pad">{t('card.saveFirst')}</div> : null}
      {tab.related && openId && !isNew ? <RelatedBody tab={tab} customerId={openId} /> : null}
      {historyOf && openId ? <FieldHistoryDialog field={historyOf} rowId={openId} onClose={() => setHistoryOf(null)} /> : null}
    </>
  );
}
