import { useTranslation } from 'react-i18next';
import { useStoreSites } from '../sync/store-sites';
import { storeText } from '../sync/store-text';
import { useSync } from '../sync/sync-store';
import type { Draft } from './customer-draft';

/**
 * 门店 of the customer: this site or a partner ("NJ01 南京店"). At a store a customer always has
 * one (main gives a new customer the store's own code), so the empty choice is offered only
 * where clearing is allowed: at HQ, or for a new customer at a store ("本店").
 */
export function StoreSelect({ draft, invalid, setField }: { draft: Draft; invalid: boolean; setField(field: 'storeCode', value: string): void }) {
  const { t } = useTranslation();
  const sites = useStoreSites();
  const role = useSync((s) => s.status?.role ?? null);
  const options = sites.map((s) => ({ value: s.code, label: storeText(s.code, sites) }));
  // A 门店 this site does not know (a store seeing another store's customer): kept, shown by code.
  if (draft.storeCode && !options.some((o) => o.value === draft.storeCode)) options.push({ value: draft.storeCode, label: draft.storeCode });
  const empty = role === 'store' ? (draft.storeCode === '' ? t('card.storeOwn') : null) : t('card.storeNone');
  return (
    <select value={draft.storeCode} data-testid="field-storeCode" aria-invalid={invalid} onChange={(e) => setField('storeCode', e.target.value)}>
      {empty !== null ? <option value="">{empty}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
