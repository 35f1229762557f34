import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../src-shared/errors';
import { formatMoney, parseMoney } from '../../src-shared/money';
import { api, ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { useCan } from '../people/session-store';
import { FormField } from '../components/FormField';
import { toast } from '../components/toast-store';
import { DateInput } from '../components/DateInput';
import type { OrderRow, ReceiptRow } from './related-columns';
import { today } from '../../src-shared/query/relative-dates';

/** 收款: date, amount in 元, method, optionally against an order. */
export function ReceiptDialog(props: { customerId: string; orders: readonly OrderRow[]; receipt: ReceiptRow | null; onClose(): void }) {
  const { customerId, orders, receipt, onClose } = props;
  const { t } = useTranslation();
  const [date, setDate] = useState(receipt?.receiptDate ?? today());
  const [amount, setAmount] = useState(receipt ? formatMoney(receipt.amountFen).replace(/,/g, '') : '');
  const [method, setMethod] = useState(receipt?.method ?? '');
  const [orderId, setOrderId] = useState(receipt?.orderId ?? '');
  const [notes, setNotes] = useState(receipt?.notes ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

  const canWrite = useCan('receipts', 'write');
  const save = async () => {
    const amountFen = parseMoney(amount);
    if (amountFen === null) {
      setErrors({ amountFen: 'invalid' });
      return;
    }
    const values = { receiptDate: date, amountFen, method: method || null, orderId: orderId || null, notes: notes || null };
    try {
      if (receipt) await api.receipts.update({ id: receipt.id, patch: values });
      else await api.receipts.create({ customerId, ...values });
      toast.success(t('cards.sales.receiptSaved'));
      onClose();
    } catch (err) {
      if (err instanceof ApiCallError && Object.keys(err.fields).length) {
        setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^patch\./, ''), v])));
      } else toast.error(errorText(t, err));
    }
  };

  return (
    <Dialog
      title={receipt ? t('cards.sales.editReceipt') : t('cards.sales.newReceipt')}
      testId="receipt-dialog"
      onClose={onClose}
      readOnly={!canWrite}
      footer={
        <>
          <button type="button" data-testid="receipt-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="receipt-save" onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <FormField label={t('cards.sales.receiptDate')} error={errors.receiptDate} errorTestId="receipt-error-receiptDate">
          <DateInput value={date} testId="receipt-date" onChange={setDate} />
        </FormField>
        <FormField label={t('cards.sales.amountYuan')} error={errors.amountFen} errorTestId="receipt-error-amountFen">
          <input value={amount} inputMode="decimal" data-testid="receipt-amount" onChange={(e) => setAmount(e.target.value)} />
        </FormField>
        <FormField label={t('cards.sales.method')} error={errors.method} errorTestId="receipt-error-method">
          <input value={method} list="receipt-methods" data-testid="receipt-method" onChange={(e) => setMethod(e.target.value)} />
        </FormField>
        <datalist id="receipt-methods">
          {['银行转账', '现金', '支票', '微信', '支付宝'].map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <FormField label={t('cards.sales.againstOrder')} errorTestId="receipt-error-orderId" error={errors.orderId}>
          <select value={orderId} data-testid="receipt-order" onChange={(e) => setOrderId(e.target.value)}>
            <option value="">{t('common.none')}</option>
            {orders.map((o) => (
              <option key={o.id} value={o.id}>
                {o.orderNo} · {formatMoney(o.totalFen, { symbol: true })}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('cards.sales.notes')} errorTestId="receipt-error-notes" error={errors.notes} wide>
          <input value={notes} data-testid="receipt-notes" onChange={(e) => setNotes(e.target.value)} />
        </FormField>
      </div>
    </Dialog>
  );
}
