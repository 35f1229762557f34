import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusOutput } from '../../src-shared/contract/sync-methods';
import type { SyncScope } from '../../src-shared/domain/sync';
import { api } from '../api/client';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { storeSitesOf, storeText } from './store-text';
import { useSync } from './sync-store';
import { useAction } from './use-action';

type Partner = SyncStatusOutput['partners'][number];
type Kind = SyncScope['customers'];

/** A scope in words: 本店客户 / 指定门店的客户（NJ01 南京店、…）/ 全部客户. */
export function scopeWords(t: (key: string, values?: Record<string, unknown>) => string, scope: SyncScope, status: SyncStatusOutput): string {
  if (scope.customers !== 'stores') return t(`sync.scope.${scope.customers}`);
  const sites = storeSitesOf(status);
  return t('sync.scope.storesOf', { stores: scope.stores.map((c) => storeText(c, sites)).join(t('sync.scope.listSeparator')) });
}

/**
 * 修改范围: which customers a store receives. Says what the next exchange does: customers entering
 * the scope are sent, customers leaving it are removed at the store (they stay here at HQ).
 */
export function ScopeDialog({ partner, status, onClose }: { partner: Partner; status: SyncStatusOutput; onClose(): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>(partner.scope.customers);
  const [stores, setStores] = useState<string[]>(partner.scope.customers === 'stores' ? partner.scope.stores : [partner.code]);
  const { busy, error, setError, run } = useAction();
  const sites = storeSitesOf(status);

  const save = async () => {
    if (kind === 'stores' && stores.length === 0) {
      setError(t('sync.scope.pickOne'));
      return;
    }
    const scope: SyncScope = kind === 'stores' ? { customers: 'stores', stores } : { customers: kind };
    const next = await run(() => api.sync.setScope({ code: partner.code, scope }));
    if (!next) return;
    useSync.getState().set(next);
    toast.success(t('sync.scope.saved', { name: partner.name, scope: scopeWords(t, scope, next) }));
    onClose();
  };
  const toggle = (code: string) => setStores((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code].sort()));

  return (
    <Dialog
      title={t('sync.scope.title', { name: partner.name, code: partner.code })}
      testId="sync-scope-dialog"
      onClose={onClose}
      width={520}
      footer={
        <>
          <button type="button" data-testid="sync-scope-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="sync-scope-save" disabled={busy} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <fieldset className="sync-scope-choices">
        {(['own', 'stores', 'all'] as const).map((k) => (
          <label key={k} className="sync-scope-choice">
            <input type="radio" name="scope" value={k} checked={kind === k} data-testid={`sync-scope-choice-${k}`} onChange={() => setKind(k)} />
            <span>{t(`sync.scope.choice.${k}`, { code: partner.code })}</span>
          </label>
        ))}
      </fieldset>
      {kind === 'stores' ? (
        <div className="sync-scope-stores" data-testid="sync-scope-stores">
          {sites.map((s) => (
            <label key={s.code}>
              <input
                type="checkbox"
                checked={stores.includes(s.code)}
                data-testid="sync-scope-store"
                data-code={s.code}
                onChange={() => toggle(s.code)}
              />
              {storeText(s.code, sites)}
            </label>
          ))}
        </div>
      ) : null}
      <p className="muted" data-testid="sync-scope-next">
        {t('sync.scope.next', { name: partner.name })}
      </p>
      {error ? (
        <div className="banner banner-error" data-testid="sync-scope-error">
          {error}
        </div>
      ) : null}
    </Dialog>
  );
}
