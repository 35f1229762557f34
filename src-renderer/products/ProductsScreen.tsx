import { useDeferredValue, useState } from 'react';
import { useCan } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../src-shared/domain/sales';
import { formatMoney } from '../../src-shared/money';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useData } from '../api/use-data';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { ProductDialog } from './ProductDialog';
import '../business/business.css';
import './products.css';

/** 产品目录: the products orders pick from; search by name or code, add, edit, delete. */
export function ProductsScreen() {
  const { t } = useTranslation();
  const canProducts = useCan('products', 'write');
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const products = useData(() => api.products.list(query ? { q: query } : {}), [query], ['product']);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const rows = products.data ?? [];

  const remove = async (p: Product) => {
    if (!(await confirmAsk(t('extras.products.confirmDelete', { name: p.name }), true))) return;
    try {
      await api.products.delete({ id: p.id });
      toast.success(t('extras.products.deleted', { name: p.name }));
      products.reload();
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };

  return (
    <div className="records-screen products-screen" data-testid="products-screen">
      <div className="toolbar">
        <b className="screen-title">{t('extras.products.title')}</b>
        {canProducts ? (
          <button type="button" className="primary" data-testid="products-new" onClick={() => setEditing('new')}>
            ＋ {t('extras.products.add')}
          </button>
        ) : null}
        <input
          type="search"
          className="products-search"
          value={q}
          placeholder={t('extras.products.search')}
          aria-label={t('extras.products.search')}
          data-testid="products-search"
          onChange={(e) => setQ(e.target.value)}
        />
        <span className="toolbar-spacer" />
        <span className="toolbar-count" data-testid="products-total" data-count={products.data ? rows.length : ''}>
          {t('extras.products.count', { n: rows.length })}
        </span>
      </div>
      {products.error ? (
        <div className="banner banner-error" data-testid="products-load-error">
          {products.error}
        </div>
      ) : null}
      <div className="records-body">
        <table className="data-table" data-testid="products-table">
          <thead>
            <tr>
              <th>{t('extras.products.code')}</th>
              <th>{t('extras.products.name')}</th>
              <th>{t('extras.products.category')}</th>
              <th>{t('extras.products.unit')}</th>
              <th className="num">{t('extras.products.price')}</th>
              <th className="num">{t('extras.products.cost')}</th>
              <th>{t('extras.products.notes')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {products.data && rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="muted" data-testid="products-empty">
                  {query ? t('extras.products.noMatch') : t('extras.products.empty')}
                </td>
              </tr>
            ) : null}
            {rows.map((p) => (
              <tr key={p.id} data-testid="product-row" data-id={p.id} data-code={p.code ?? ''} data-name={p.name} onDoubleClick={() => setEditing(p)}>
                <td data-key="code">{p.code}</td>
                <td data-key="name">{p.name}</td>
                <td data-key="category">{p.category}</td>
                <td data-key="unit">{p.unit}</td>
                <td className="num" data-key="price" data-fen={p.priceFen}>
                  {formatMoney(p.priceFen, { symbol: true })}
                </td>
                <td className="num" data-key="cost" data-fen={p.costFen ?? ''}>
                  {p.costFen === null ? '' : formatMoney(p.costFen, { symbol: true })}
                </td>
                <td data-key="notes" className="products-notes">
                  {p.notes}
                </td>
                <td className="row-actions">
                  <button type="button" className="icon" data-testid="product-edit" onClick={() => setEditing(p)}>
                    {t('common.edit')}
                  </button>
                  {canProducts ? (
                    <button type="button" className="icon danger-icon" data-testid="product-delete" onClick={() => void remove(p)}>
                      {t('common.delete')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing ? (
        <ProductDialog
          product={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            products.reload();
          }}
        />
      ) : null}
    </div>
  );
}
