import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_STATUSES } from '../../src-shared/domain/sales';
import type { FieldErrors } from '../../src-shared/errors';
import { formatMoney } from '../../src-shared/money';
import { api, ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { CustomFieldsForm, useCustomDraft } from '../card/CustomFieldsForm';
import { useProducts } from '../card/use-meta';
import { Dialog } from '../components/Dialog';
import { useCan } from '../people/session-store';
import { confirmAsk } from '../components/confirm-store';
import { DateInput } from '../components/DateInput';
import { isQuestionableOrderDate, parseDateText } from '../../src-shared/validation/date-text';
import { toast } from '../components/toast-store';
import { bpToZhe } from '../../src-shared/order-discount';
import {
  calcLine,
  convertRateText,
  lineProblems,
  DISCOUNT_MODES,
  discountInput,
  discountText,
  linesInput,
  newLineKey,
  orderTotal,
  parseDiscountInput,
  type DiscountMode,
  type LineDraft,
} from './order-lines';
import type { OrderRow } from './related-columns';
import { SaveConflictDialog, type ConflictChoice } from '../components/SaveConflictDialog';
import type { FieldConflict } from '../../src-shared/domain/save-conflict';
import { today } from '../../src-shared/query/relative-dates';

/** The order dialog's labels of the fields a save may answer as conflicts. */
const ORDER_FIELD_LABELS: Record<string, string> = {
  orderNo: 'cards.sales.orderNo',
  orderDate: 'cards.sales.orderDate',
  status: 'cards.sales.status',
  notes: 'cards.sales.notes',
  discountFen: 'cards.sales.orderDiscount',
  discountBp: 'cards.sales.orderDiscount',
  lines: 'saveConflict.lines',
};

const yuan = (fen: number) => formatMoney(fen).replace(/,/g, '');
const emptyLine = (): LineDraft => ({ key: newLineKey(), productId: null, productName: '', quantity: '1', unitPrice: '', discount: '' });

/** 订单: header, lines (product or free text, quantity, price, 折扣) with amounts and total computed live. */
export function OrderDialog({ customerId, order, onClose }: { customerId: string; order: OrderRow | null; onClose(): void }) {
  const { t } = useTranslation();
  const products = useProducts().data ?? [];
  const [orderNo, setOrderNo] = useState(order?.orderNo ?? '');
  const [orderDate, setOrderDate] = useState(order?.orderDate ?? today());
  const [status, setStatus] = useState<string>(order?.status ?? 'confirmed');
  const initialDiscount = discountInput(order?.discountFen ?? 0, order?.discountBp ?? null);
  const [discountMode, setDiscountMode] = useState<DiscountMode>(initialDiscount.mode);
  const [discount, setDiscount] = useState(initialDiscount.text);
  const [notes, setNotes] = useState(order?.notes ?? '');
  const [lines, setLines] = useState<LineDraft[]>(
    order
      ? order.lines.map((l) => {
          const inputs = { quantity: String(l.quantityMilli / 1000), unitPrice: yuan(l.unitPriceFen), discount: discountText(l.discountBp) };
          return {
            key: newLineKey(),
            id: l.id,
            productId: l.productId,
            productName: l.productName,
            ...inputs,
            saved: { ...inputs, amountFen: l.amountFen },
          };
        })
      : [emptyLine()],
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  /** Save was pressed while a line could not be saved: the banner under the lines says why. */
  const [linesBlocked, setLinesBlocked] = useState(false);
  const custom = useCustomDraft('order', order ? order.custom : null);
  // What the last save left for the user to decide, and the order as that save answered (its version
  // goes with the decision; issue 20).
  const [held, setHeld] = useState<{ conflicts: FieldConflict[]; version: number | undefined } | null>(null);
  const [sentLines] = useState(() => JSON.stringify(linesInput(lines)));
  const [baseVersion, setBaseVersion] = useState(order?.version);

  const orderDiscount = parseDiscountInput(discountMode, discount);
  const totals = orderTotal(lines, orderDiscount ?? { kind: 'amount', fen: 0 });
  const patchLine = (key: string, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const canWrite = useCan('orders', 'write');
  const save = async () => {
    // Lines main would refuse: say so at the line instead of sending them.
    if (lines.some((l) => Object.keys(lineProblems(l)).length > 0)) {
      setLinesBlocked(true);
      return;
    }
    setLinesBlocked(false);
    // A date long ago (1900-01-01 is what blank dates become elsewhere) or far ahead is asked about, once per value.
    const day = parseDateText(orderDate);
    if (day.ok && day.value && day.value !== order?.orderDate && isQuestionableOrderDate(day.value, today())) {
      if (!(await confirmAsk(t('ux.date.orderDateQuestion', { date: day.value })))) return;
    }
    setSaving(true);
    const header = {
      orderDate,
      status: status as (typeof ORDER_STATUSES)[number],
      // A rate is sent alone (main derives the amount); an amount clears any rate. Unreadable text
      // goes as an out-of-range value so main names the field.
      ...(orderDiscount?.kind === 'rate'
        ? { discountBp: orderDiscount.bp }
        : orderDiscount
          ? { discountFen: orderDiscount.fen, discountBp: null }
          : discountMode === 'amount'
            ? { discountFen: -1 }
            : { discountBp: -1 }),
      notes: notes || null,
      // Lines only when edited here: unchanged ones sent back would clash with lines changed elsewhere.
      ...(JSON.stringify(linesInput(lines)) !== sentLines || !order ? { lines: linesInput(lines) } : {}),
    };
    const changedCustom = custom.changes();
    const customPart = Object.keys(changedCustom).length > 0 ? { custom: changedCustom } : {};
    try {
      if (order) {
        const saved = await api.orders.update({
          id: order.id,
          patch: { ...header, ...customPart, ...(orderNo ? { orderNo } : {}) },
          baseVersion,
        });
        setBaseVersion(saved.version);
        if (saved.conflicts.length > 0) {
          setSaving(false);
          setHeld({ conflicts: saved.conflicts, version: saved.version });
          toast.info(t('saveConflict.partlySaved', { n: saved.conflicts.length }));
          return;
        }
      } else await api.orders.create({ customerId, lines: linesInput(lines), ...header, ...customPart, ...(orderNo ? { orderNo } : {}) });
      toast.success(t('cards.sales.orderSaved'));
      onClose();
    } catch (err) {
      setSaving(false);
      if (err instanceof ApiCallError && Object.keys(err.fields).length) {
        const out: FieldErrors = {};
        for (const [k, v] of Object.entries(err.fields)) {
          const key = k.replace(/^(patch|input)\./, '');
          const m = /^custom\.([^.]+)/.exec(key);
          out[m ? `custom.${m[1]}` : key] = v;
        }
        setErrors(out);
      } else toast.error(errorText(t, err));
    }
  };

  /** The conflict dialog's choices, saved as an ordinary change with the version the last save answered. */
  const resolve = async (choices: ConflictChoice[]) => {
    if (!order || !held) return;
    const patch: Record<string, unknown> = {};
    const customPatch: Record<string, unknown> = {};
    for (const c of choices) {
      const conflict = held.conflicts.find((x) => x.field === c.field);
      if (!conflict || c.choice === 'theirs') continue;
      const value = c.choice === 'merge' ? c.text : conflict.mine;
      if (c.field.startsWith('custom.')) customPatch[c.field.slice('custom.'.length)] = value;
      else patch[c.field] = value;
    }
    if (Object.keys(customPatch).length > 0) patch.custom = customPatch;
    setHeld(null);
    if (Object.keys(patch).length === 0) {
      toast.success(t('saveConflict.tookTheirs'));
      onClose();
      return;
    }
    try {
      const saved = await api.orders.update({ id: order.id, patch, baseVersion: held.version });
      setBaseVersion(saved.version);
      if (saved.conflicts.length > 0) {
        setHeld({ conflicts: saved.conflicts, version: saved.version });
        return;
      }
      toast.success(t('cards.sales.orderSaved'));
      onClose();
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const conflictLabel = (field: string) => {
    const key = ORDER_FIELD_LABELS[field];
    return key ? t(key) : (custom.fields.find((f) => `custom.${f.columnName}` === field)?.label ?? field);
  };
  const conflictText = (field: string, value: unknown) => {
    if (field === 'lines' && Array.isArray(value))
      return (value as { productName: string; quantityMilli: number }[]).map((l) => `${l.productName} × ${l.quantityMilli / 1000}`).join('；');
    if (typeof value === 'number') return field.endsWith('Fen') ? formatMoney(value) : String(value);
    return typeof value === 'string' ? value : '';
  };

  /** A field's message from the last save goes once the user changes that field. */
  const clearError = (key: string) =>
    setErrors((errs) => {
      if (!(key in errs)) return errs;
      const next = { ...errs };
      delete next[key];
      return next;
    });

  const err = (key: string) =>
    errors[key] ? (
      <span className="field-error" data-testid={`order-error-${key}`} data-code={errors[key]}>
        {t(`fieldError.${errors[key]}`, { defaultValue: t('fieldError.invalid') })}
      </span>
    ) : null;

  return (
    <Dialog
      title={order ? t('cards.sales.editOrder', { no: order.orderNo }) : t('cards.sales.newOrder')}
      testId="order-dialog"
      width={860}
      onClose={onClose}
      readOnly={!canWrite}
      footer={
        <>
          <button type="button" data-testid="order-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="order-save" disabled={saving} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="form-grid order-header">
        <label className="form-field">
          <span className="form-label">{t('cards.sales.orderNo')}</span>
          <input value={orderNo} placeholder={t('cards.sales.autoNumber')} data-testid="order-no" onChange={(e) => setOrderNo(e.target.value)} />
          {err('orderNo')}
        </label>
        <label className="form-field">
          <span className="form-label">{t('cards.sales.orderDate')}</span>
          <DateInput
            value={orderDate}
            testId="order-date"
            onChange={(value) => {
              setOrderDate(value);
              clearError('orderDate');
            }}
          />
          {err('orderDate')}
        </label>
        <label className="form-field">
          <span className="form-label">{t('cards.sales.status')}</span>
          <select value={status} data-testid="order-status" onChange={(e) => setStatus(e.target.value)}>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cards.sales.orderStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="form-field">
          <span className="form-label">{t('cards.sales.orderDiscount')}</span>
          <span className="discount-input">
            <select
              value={discountMode}
              data-testid="order-discount-mode"
              aria-label={t('cards.sales.discountMode')}
              onChange={(e) => {
                const next = e.target.value as DiscountMode;
                setDiscount(convertRateText(discountMode, next, discount));
                setDiscountMode(next);
              }}
            >
              {DISCOUNT_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`cards.sales.discountModes.${m}`)}
                </option>
              ))}
            </select>
            <input
              value={discount}
              inputMode="decimal"
              placeholder={t(`cards.sales.discountPlaceholder.${discountMode}`)}
              aria-label={t('cards.sales.orderDiscount')}
              aria-invalid={orderDiscount === null}
              data-testid="order-discount"
              onChange={(e) => setDiscount(e.target.value)}
            />
          </span>
          {orderDiscount === null ? <span className="field-error">{t('fieldError.invalid')}</span> : (err('discountFen') ?? err('discountBp'))}
        </div>
      </div>
      <table className="data-table order-lines" data-testid="order-lines">
        <thead>
          <tr>
            <th>{t('cards.sales.product')}</th>
            <th>{t('cards.sales.productName')}</th>
            <th className="num">{t('cards.sales.quantity')}</th>
            <th className="num">{t('cards.sales.unitPrice')}</th>
            <th className="num">{t('cards.sales.discount')}</th>
            <th className="num">{t('cards.sales.amount')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            const c = calcLine(l);
            const problems = lineProblems(l);
            const problem = (field: 'quantity' | 'unitPrice' | 'discount', serverKey: string) =>
              problems[field] ? (
                <span className="field-error" data-testid={`line-error-${field}`} data-code={problems[field]}>
                  {t(`ux.order.${problems[field]}`)}
                </span>
              ) : (
                err(`lines.${i}.${serverKey}`)
              );
            return (
              <tr key={l.key} data-testid="order-line" data-index={i}>
                <td>
                  <select
                    value={l.productId ?? ''}
                    data-testid="line-product"
                    onChange={(e) => {
                      const p = products.find((x) => x.id === e.target.value);
                      patchLine(l.key, p ? { productId: p.id, productName: p.name, unitPrice: yuan(p.priceFen) } : { productId: null });
                    }}
                  >
                    <option value="">{t('cards.sales.freeText')}</option>
                    {products.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.code ? `${p.code} ` : ''}
                        {p.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input value={l.productName} data-testid="line-name" onChange={(e) => patchLine(l.key, { productName: e.target.value })} />
                  {err(`lines.${i}.productName`)}
                </td>
                <td className="num">
                  <input
                    className="num"
                    value={l.quantity}
                    data-testid="line-quantity"
                    aria-invalid={c.quantityMilli === null}
                    onChange={(e) => patchLine(l.key, { quantity: e.target.value })}
                  />
                  {problem('quantity', 'quantityMilli')}
                </td>
                <td className="num">
                  <input
                    className="num"
                    value={l.unitPrice}
                    data-testid="line-price"
                    aria-invalid={l.unitPrice !== '' && c.unitPriceFen === null}
                    onChange={(e) => patchLine(l.key, { unitPrice: e.target.value })}
                  />
                  {problem('unitPrice', 'unitPriceFen')}
                </td>
                <td className="num">
                  <input
                    className="num short"
                    value={l.discount}
                    placeholder={t('cards.sales.noDiscount')}
                    data-testid="line-discount"
                    aria-invalid={c.discountBp === null}
                    onChange={(e) => patchLine(l.key, { discount: e.target.value })}
                  />
                  {problem('discount', 'discountBp')}
                </td>
                <td className="num" data-testid="line-amount" data-fen={c.amountFen ?? ''}>
                  {c.amountFen === null ? '—' : formatMoney(c.amountFen, { symbol: true })}
                </td>
                <td>
                  <button
                    type="button"
                    className="icon danger-icon"
                    data-testid="line-remove"
                    disabled={lines.length === 1}
                    onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="order-foot">
        <button type="button" data-testid="line-add" onClick={() => setLines((ls) => [...ls, emptyLine()])}>
          ＋ {t('cards.sales.addLine')}
        </button>
        <span className="toolbar-spacer" />
        <span className="muted">
          {t('cards.sales.subtotal')} <b data-testid="order-subtotal">{formatMoney(totals.subtotal, { symbol: true })}</b>
        </span>
        {totals.discountFen !== 0 ? (
          <span className="muted">
            {orderDiscount?.kind === 'rate' ? t('cards.sales.discountRate', { zhe: bpToZhe(orderDiscount.bp) }) : t('cards.sales.discountAmount')}{' '}
            <b data-testid="order-discount-fen" data-fen={totals.discountFen}>
              −{formatMoney(totals.discountFen, { symbol: true })}
            </b>
          </span>
        ) : null}
        <span className="order-total">
          {t('cards.sales.total')}{' '}
          <b data-testid="order-total" data-fen={totals.total}>
            {formatMoney(totals.total, { symbol: true })}
          </b>
        </span>
      </div>
      {err('lines')}
      {linesBlocked && lines.some((l) => Object.keys(lineProblems(l)).length > 0) ? (
        <div className="banner banner-error" data-testid="order-lines-blocked">
          {t('ux.order.fixLines')}
        </div>
      ) : null}
      <label className="form-field">
        <span className="form-label">{t('cards.sales.notes')}</span>
        <textarea rows={2} value={notes} data-testid="order-notes" onChange={(e) => setNotes(e.target.value)} />
      </label>
      <CustomFieldsForm draft={custom} errors={errors} prefix="order" onEdited={clearError} />
      {held ? (
        <SaveConflictDialog
          conflicts={held.conflicts}
          labelOf={conflictLabel}
          textOf={conflictText}
          onResolve={(choices) => void resolve(choices)}
          onCancel={() => {
            // Decide later: what was typed stays in the form; the next save sends it with the new version.
            setHeld(null);
          }}
        />
      ) : null}
    </Dialog>
  );
}
