import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { syncConflict } from '../../src-shared/contract/sync-methods';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { useApp } from '../app/app-store';
import { useCard } from '../card/card-store';
import { useCustomFields } from '../card/use-meta';
import { toast } from '../components/toast-store';
import { customerValueText, fieldLabel, formatDateTime } from '../i18n/labels';
import { useSync } from './sync-store';
import { useAction } from './use-action';

type Conflict = z.infer<typeof syncConflict>;
type Side = Conflict['kept'];

// Label groups the app has for built-in fields (customer.name → 客户名称 …).
const LABEL_GROUPS = new Set(['customer', 'contact', 'department', 'employee']);

/** 冲突箱: values that lost to a concurrent edit at another site, until someone keeps one of the two. */
export function ConflictInbox({ open }: { open: number }) {
  const { t } = useTranslation();
  // `open` (from the status) moves with every bundle applied and every conflict settled.
  const list = useData(() => api.conflicts.list({}), [], ['customer', 'contact', 'department']);
  const { reload } = list;
  useEffect(() => reload(), [open, reload]);
  const customFields = useCustomFields('customer').data ?? [];
  const { busy, error, run } = useAction();

  const label = (c: Conflict): string => {
    if (!c.field) return '';
    const custom = customFields.find((f) => f.columnName === c.field);
    if (custom) return custom.label;
    return LABEL_GROUPS.has(c.entity) ? fieldLabel(t, c.entity, c.field) : c.field;
  };
  const resolve = async (c: Conflict, keep: 'kept' | 'lost') => {
    const ok = await run(() => api.conflicts.resolve({ id: c.id, keep }));
    if (!ok) return;
    toast.success(t('sync.conflicts.resolved'));
    list.reload();
    await useSync.getState().refresh();
  };
  const openCard = (id: string) => {
    useApp.getState().setScreen('customers');
    void useCard.getState().open(id);
  };
  const rows = list.data ?? [];

  return (
    <section className="sync-section" data-testid="sync-conflicts" data-count={list.data ? rows.length : ''}>
      <h3>
        {t('sync.conflicts.title')}
        {open > 0 ? <span className="sync-badge inline">{open}</span> : null}
      </h3>
      {list.error ? <div className="banner banner-error">{list.error}</div> : null}
      {error ? (
        <div className="banner banner-error" data-testid="sync-conflicts-error">
          {error}
        </div>
      ) : null}
      {list.data && rows.length === 0 ? (
        <p className="muted" data-testid="sync-conflicts-empty">
          {t('sync.conflicts.empty')}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <table className="data-table sync-table" data-testid="sync-conflicts-table">
          <thead>
            <tr>
              <th>{t('sync.conflicts.customer')}</th>
              <th>{t('sync.conflicts.field')}</th>
              <th>{t('sync.conflicts.kept')}</th>
              <th>{t('sync.conflicts.lost')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-testid="sync-conflict-row" data-id={c.id} data-kind={c.kind} data-field={c.field ?? ''}>
                <td data-key="customer">
                  {c.customerId && c.customerName ? (
                    <button
                      type="button"
                      className="link-button"
                      data-testid="sync-conflict-customer"
                      onClick={() => openCard(c.customerId as string)}
                    >
                      {c.customerName}
                    </button>
                  ) : (
                    <span className="muted">{c.customerName ?? t('sync.conflicts.record')}</span>
                  )}
                </td>
                <td data-key="field">
                  {c.kind === 'deleted'
                    ? t('sync.conflicts.deletedKept')
                    : c.kind === 'renamed'
                      ? t('sync.conflicts.renamed', { field: label(c) })
                      : label(c)}
                </td>
                <td data-key="kept">
                  <SideText t={t} conflict={c} side={c.kept} deleted={c.kind === 'deleted'} />
                </td>
                <td data-key="lost">
                  <SideText t={t} conflict={c} side={c.lost} deleted={false} />
                </td>
                <td className="row-actions">
                  <div className="sync-actions">
                    {c.kind === 'renamed' ? (
                      // The other customer holds the code: this one can only be acknowledged (or edited on its card).
                      <button type="button" data-testid="sync-conflict-acknowledge" disabled={busy} onClick={() => void resolve(c, 'kept')}>
                        {t('sync.conflicts.acknowledge')}
                      </button>
                    ) : c.kind === 'deleted' ? (
                      <button type="button" data-testid="sync-conflict-restore" disabled={busy} onClick={() => void resolve(c, 'lost')}>
                        {t('sync.conflicts.restore')}
                      </button>
                    ) : (
                      <>
                        <button type="button" data-testid="sync-conflict-keep" disabled={busy} onClick={() => void resolve(c, 'kept')}>
                          {t('sync.conflicts.keepKept')}
                        </button>
                        <button
                          type="button"
                          className="primary"
                          data-testid="sync-conflict-use-lost"
                          disabled={busy}
                          onClick={() => void resolve(c, 'lost')}
                        >
                          {t('sync.conflicts.keepLost')}
                        </button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function valueText(t: TFunction, c: Conflict, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('sync.conflicts.empty_value');
  if (c.entity === 'customer' && c.field) return customerValueText(t, c.field, value) || t('sync.conflicts.empty_value');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.map(String).join('，');
  return JSON.stringify(value);
}

function SideText({ t, conflict, side, deleted }: { t: TFunction; conflict: Conflict; side: Side; deleted: boolean }) {
  const site = side.site.name ?? side.site.code ?? t('sync.conflicts.thisSite');
  return (
    <div className="sync-side">
      <div className="sync-side-value" data-testid="sync-conflict-value">
        {deleted ? t('sync.conflicts.deletedKept') : valueText(t, conflict, side.value)}
      </div>
      <div className="muted sync-side-by" data-testid="sync-conflict-by" data-site={side.site.code ?? ''}>
        {t('sync.conflicts.by', { site, user: side.user, time: formatDateTime(side.at) })}
      </div>
    </div>
  );
}
