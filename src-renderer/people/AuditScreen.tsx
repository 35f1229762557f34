import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS, type AuditAction, type AuditListInput, type AuditRow } from '../../src-shared/domain/audit';
import type { UserSummary } from '../../src-shared/domain/people';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useApp } from '../app/app-store';
import { CustomerPicker } from '../card/CustomerPicker';
import { useCard } from '../card/card-store';
import './people.css';

const PAGE = 100;

interface Filters {
  userId: string;
  from: string;
  to: string;
  customer: { id: string; name: string | null } | null;
  action: AuditAction | '';
}
const NO_FILTERS: Filters = { userId: '', from: '', to: '', customer: null, action: '' };

function toInput(f: Filters, offset: number): AuditListInput {
  return {
    offset,
    limit: PAGE,
    ...(f.userId ? { userId: f.userId } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.customer ? { customerId: f.customer.id } : {}),
    ...(f.action ? { action: f.action } : {}),
  };
}

/**
 * 审计日志 (manager): the append-only trail, newest first, filtered by user, days, customer and
 * action. It only reads: nothing here can change the trail. Field changes stay in each customer's
 * 变动历史, which a row about a customer links to.
 */
export function AuditScreen() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.users
      .list({})
      .then(setUsers)
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    // The rows shown stay until the filtered ones arrive (no flash of the empty state).
    let live = true;
    api.audit
      .list(toInput(filters, 0))
      .then((page) => {
        if (!live) return;
        setRows(page.rows);
        setTotal(page.total);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorText(t, err)));
    return () => {
      live = false;
    };
  }, [filters, t]);

  const more = async () => {
    try {
      const page = await api.audit.list(toInput(filters, rows?.length ?? 0));
      setRows((r) => [...(r ?? []), ...page.rows]);
      setTotal(page.total);
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const openHistory = (id: string) => {
    useApp.getState().setScreen('customers');
    void useCard
      .getState()
      .open(id)
      .then(() => useCard.getState().setTab('history'));
  };

  return (
    <div className="audit-screen" data-testid="audit-screen">
      <div className="toolbar audit-filters">
        <label>
          {t('audit.user')}
          <select data-testid="audit-user" value={filters.userId} onChange={(e) => set({ userId: e.target.value })}>
            <option value="">{t('audit.allUsers')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.from')}
          <input type="date" data-testid="audit-from" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" data-testid="audit-to" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label>
          {t('audit.customer')}
          <CustomerPicker
            testId="audit-customer"
            value={filters.customer?.id ?? null}
            label={filters.customer?.name ?? null}
            onChange={(id, name) => set({ customer: id ? { id, name } : null })}
          />
        </label>
        <label>
          {t('audit.action')}
          <select data-testid="audit-action" value={filters.action} onChange={(e) => set({ action: e.target.value as AuditAction | '' })}>
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="audit-clear" onClick={() => setFilters(NO_FILTERS)}>
          {t('audit.clear')}
        </button>
        <span className="toolbar-spacer" />
        <span className="muted" data-testid="audit-total">
          {rows ? t('audit.count', { n: total.toLocaleString() }) : t('common.loading')}
        </span>
      </div>
      <p className="muted audit-hint">{t('audit.hint')}</p>
      {error ? <div className="banner banner-error">{error}</div> : null}
      {rows && rows.length === 0 ? (
        <div className="list-empty" data-testid="audit-empty">
          {t('audit.empty')}
        </div>
      ) : null}
      {rows && rows.length > 0 ? (
        <table className="data-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('audit.at')}</th>
              <th>{t('audit.user')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.target')}</th>
              <th className="num">{t('audit.rows')}</th>
              <th>{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="audit-row" data-action={r.action} data-user-id={r.userId ?? ''}>
                <td>{new Date(r.at).toLocaleString()}</td>
                <td>{r.userName}</td>
                <td data-testid="audit-row-action">{t(`audit.actions.${r.action}`)}</td>
                <td>
                  {r.customerId ? (
                    <>
                      {r.customerName ?? t('audit.removedCustomer')}{' '}
                      {r.customerName ? (
                        <button type="button" className="link" data-testid="audit-row-history" onClick={() => openHistory(r.customerId ?? '')}>
                          {t('audit.history')}
                        </button>
                      ) : null}
                    </>
                  ) : (
                    (r.targetName ?? '')
                  )}
                </td>
                <td className="num" data-testid="audit-row-count">
                  {r.rowCount === null ? '' : r.rowCount.toLocaleString()}
                </td>
                <td className="muted">{describeDetail(t, r.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rows && rows.length < total ? (
        <button type="button" data-testid="audit-more" onClick={() => void more()}>
          {t('audit.more')}
        </button>
      ) : null}
    </div>
  );
}

const WHAT_KEYS = new Set(['query', 'workspaceWorkbook', 'customerList']);

/** A row's detail as a short line: what was exported or viewed, the file, the format, the login. */
function describeDetail(t: TFunction, detail: Record<string, unknown>): string {
  const parts: string[] = [];
  const what = detail.what;
  if (typeof what === 'string') parts.push(WHAT_KEYS.has(what) ? t(`audit.what.${what}`) : what);
  for (const key of ['fileName', 'file', 'format', 'target', 'login', 'role']) {
    const v = detail[key];
    if (typeof v === 'string' && v !== '') parts.push(v);
  }
  for (const key of ['to', 'from']) {
    const v = detail[key];
    if (Array.isArray(v) && v.length > 0) parts.push(`${key === 'to' ? '→' : '←'} ${v.join(', ')}`);
  }
  if (typeof detail.action === 'string') parts.push(detail.action);
  return parts.join(' · ');
}
