import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../src-shared/domain/sales';
import type { FieldErrors } from '../../src-shared/errors';
import { formatMoney, parseMoney } from '../../src-shared/money';
import { api } from '../api/client';
import { errorText, formFieldErrors } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { SaveCancelFooter } from '../components/SaveCancelFooter';

const TEXT = ['code', 'name', 'category', 'unit', 'notes'] as const;
type TextKey = (typeof TEXT)[number];
type Values = Record<TextKey | 'price' | 'cost', string>;

const yuan = (fen: number | null) => (fen === null ? '' : formatMoney(fen).replace(/,/g, ''));

/** Price or cost as typed: fen, null when empty, undefined when it is not an amount. */
function moneyOf(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const fen = parseMoney(text);
  return fen === null ? undefined : fen;
}

/** Add or edit one product of the catalogue; amounts typed in 元, main's field messages under the fields. */
export function ProductDialog({ product, onClose, onSaved }: { product: Product | null; onClose(): void; onSaved(p: Product): void }) {
  const { t } = useTranslation();
  const initial: Values = {
    code: product?.code ?? '',
    name: product?.name ?? '',
    category: product?.category ?? '',
    unit: product?.unit ?? '',
    notes: product?.notes ?? '',
    price: product ? yuan(product.priceFen) : '',
    cost: product ? yuan(product.costFen) : '',
  };
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (k: keyof Values, v: string) => {
    setValues((vs) => ({ ...vs, [k]: v }));
    setErrors((errs) => {
      const next = { ...errs };
      delete next[k];
      if (k === 'price') delete next.priceFen;
      if (k === 'cost') delete next.costFen;
      return next;
    });
  };

  const save = async () => {
    const priceFen = moneyOf(values.price);
    const costFen = moneyOf(values.cost);
    const local: FieldErrors = {};
    if (priceFen === undefined || (priceFen !== null && priceFen < 0)) local.price = 'money';
    if (costFen === undefined || (costFen !== null && costFen < 0)) local.cost = 'money';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setBusy(true);
    setFailure(null);
    const text = Object.fromEntries(TEXT.map((k) => [k, values[k].trim() === '' ? null : values[k]])) as Record<TextKey, string | null>;
    try {
      let saved: Product;
      if (product) {
        const patch: Record<string, string | number | null> = {};
        for (const k of TEXT) if (values[k] !== initial[k]) patch[k] = text[k];
        if (values.price !== initial.price) patch.priceFen = priceFen ?? 0;
        if (values.cost !== initial.cost) patch.costFen = costFen ?? null;
        saved = Object.keys(patch).length > 0 ? await api.products.update({ id: product.id, patch }) : product;
      } else {
        saved = await api.products.create({ ...text, name: values.name, priceFen: priceFen ?? 0, costFen: costFen ?? null });
      }
      toast.success(t('extras.products.saved', { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      const fields = formFieldErrors(err);
      if (fields && Object.keys(fields).length > 0) setErrors(fields);
      else setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (k: string): string | undefined => {
    if (k === 'price') return errors.price ?? errors.priceFen;
    if (k === 'cost') return errors.cost ?? errors.costFen;
    return errors[k];
  };
  const message = (k: string, code: string) => {
    if (code === 'money') return t('extras.products.moneyInvalid');
    if (k === 'code' && code === 'duplicateCode') return t('extras.products.duplicateCode');
    return t(`fieldError.${code}`, { defaultValue: t('fieldError.invalid') });
  };

  const field = (k: keyof Values, opts: { wide?: boolean; money?: boolean } = {}) => {
    const error = errorOf(k);
    const common = {
      value: values[k],
      'data-testid': `product-field-${k}`,
      'aria-invalid': Boolean(error),
      onChange: (e: { target: { value: string } }) => set(k, e.target.value),
    };
    return (
      <div className={`form-field${opts.wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
        <span className="form-label">
          {t(`extras.products.${k}`)}
          {k === 'name' ? ' *' : ''}
        </span>
        {k === 'notes' ? (
          <textarea rows={3} {...common} />
        ) : opts.money ? (
          <span className="affix-input">
            <span className="affix">¥</span>
            <input inputMode="decimal" placeholder="0.00" {...common} />
            <span className="affix">{t('cards.yuan')}</span>
          </span>
        ) : (
          <input autoFocus={k === 'code'} {...common} />
        )}
        {error ? (
          <span className="field-error" data-testid={`product-field-error-${k}`} data-code={error}>
            {message(k, error)}
          </span>
        ) : null}
      </div>
    );
  };

  return (
    <Dialog
      title={product ? t('extras.products.editTitle', { name: product.name }) : t('extras.products.newTitle')}
      testId="product-dialog"
      onClose={onClose}
      width={560}
      footer={<SaveCancelFooter prefix="product" busy={busy} onCancel={onClose} onSave={() => void save()} />}
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {field('code')}
        {field('name')}
        {field('category')}
        {field('unit')}
        {field('price', { money: true })}
        {field('cost', { money: true })}
        {field('notes', { wide: true })}
        <button type="submit" hidden />
      </form>
      {failure ? (
        <div className="banner banner-error" data-testid="product-error">
          {failure}
        </div>
      ) : null}
    </Dialog>
  );
}
