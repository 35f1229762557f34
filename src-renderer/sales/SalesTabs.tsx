import type { TFunction } from 'i18next';
import { useCan } from '../people/session-store';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRelated } from '../../src-shared/contract/card-methods';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { OrderDialog } from './OrderDialog';
import { ReceiptDialog } from './ReceiptDialog';
import { chosen, money, orderColumns, purchasedColumns, receiptColumns, type OrderRow, type ReceiptRow } from './related-columns';
import { RelatedTable } from './RelatedTable';

interface TabProps {
  customerId: string;
  related: CustomerRelated;
  columns: readonly string[];
}

async function removeWith(t: TFunction, question: string, run: () => Promise<unknown>) {
  if (!(await confirmAsk(question, true))) return;
  try {
    await run();
    toast.success(t('cards.deleted'));
  } catch (err) {
    toast.error(errorText(t, err));
  }
}

/** 订单 on the card: list with totals, new / edit in the order dialog. */
export function OrdersTab({ customerId, related, columns }: TabProps) {
  const { t } = useTranslation();
  const canOrder = useCan('orders', 'write');
  const [editing, setEditing] = useState<OrderRow | 'new' | null>(null);
  const cols = chosen(orderColumns(t), columns);
  const s = related.summary;
  return (
    <div className="related-tab" data-testid="orders-tab">
      <div className="toolbar">
        {canOrder ? (
          <button type="button" className="primary" data-testid="add-order" onClick={() => setEditing('new')}>
            ＋ {t('cards.sales.newOrder')}
          </button>
        ) : null}
        <span className="toolbar-spacer" />
        <span className="toolbar-count">{t('cards.sales.orderCountText', { n: s.orderCount })}</span>
      </div>
      <RelatedTable
        testId="orders-table"
        rowTestId="order-row"
        columns={cols}
        rows={related.orders}
        rowKey={(o) => o.id}
        onOpen={(o) => setEditing(o)}
        actions={(o) => (
          <>
            <button type="button" className="icon" data-testid="order-edit" onClick={() => setEditing(o)}>
              {t('common.edit')}
            </button>
            {canOrder ? (
              <button
                type="button"
                className="icon danger-icon"
                data-testid="order-delete"
                onClick={() => void removeWith(t, t('cards.sales.confirmDeleteOrder', { no: o.orderNo }), () => api.orders.delete({ id: o.id }))}
              >
                {t('common.delete')}
              </button>
            ) : null}
          </>
        )}
        footer={
          <tr className="total-row">
            <td colSpan={cols.length + 1}>
              {t('cards.totals.orders')} <b>{money(s.ordersTotalFen)}</b> · {t('cards.totals.received')} <b>{money(s.receivedFen)}</b> ·{' '}
              {t('cards.totals.outstanding')} <b>{money(s.outstandingFen)}</b>
            </td>
          </tr>
        }
      />
      {editing ? <OrderDialog customerId={customerId} order={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

/** 收款 on the card. */
export function ReceiptsTab({ customerId, related, columns }: TabProps) {
  const { t } = useTranslation();
  const canReceipt = useCan('receipts', 'write');
  const [editing, setEditing] = useState<ReceiptRow | 'new' | null>(null);
  return (
    <div className="related-tab" data-testid="receipts-tab">
      <div className="toolbar">
        {canReceipt ? (
          <button type="button" className="primary" data-testid="add-receipt" onClick={() => setEditing('new')}>
            ＋ {t('cards.sales.newReceipt')}
          </button>
        ) : null}
        <span className="toolbar-spacer" />
        <span className="toolbar-count">
          {t('cards.totals.received')} {money(related.summary.receivedFen)}
        </span>
      </div>
      <RelatedTable
        testId="receipts-table"
        rowTestId="receipt-row"
        columns={chosen(receiptColumns(t), columns)}
        rows={related.receipts}
        rowKey={(r) => r.id}
        onOpen={(r) => setEditing(r)}
        actions={(r) =>
          canReceipt ? (
            <button
              type="button"
              className="icon danger-icon"
              data-testid="receipt-delete"
              onClick={() => void removeWith(t, t('cards.sales.confirmDeleteReceipt'), () => api.receipts.delete({ id: r.id }))}
            >
              {t('common.delete')}
            </button>
          ) : null
        }
      />
      {editing ? (
        <ReceiptDialog
          customerId={customerId}
          orders={related.orders}
          receipt={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

/** 已购产品: derived from the orders. */
export function PurchasedTab({ related, columns }: Omit<TabProps, 'customerId'>) {
  const { t } = useTranslation();
  return (
    <div className="related-tab" data-testid="purchased-tab">
      <RelatedTable
        testId="purchased-table"
        rowTestId="purchased-row"
        columns={chosen(purchasedColumns(t), columns)}
        rows={related.purchased}
        rowKey={(p) => p.productId ?? p.productName}
      />
    </div>
  );
}
