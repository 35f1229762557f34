import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeletedCustomer } from '../../src-shared/contract/deleted-customer-methods';
import { useCan } from '../people/session-store';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useData } from '../api/use-data';
import { confirmAsk } from '../components/confirm-store';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { formatDateTime } from '../i18n/labels';
import { useDeletedCustomers } from './deleted-customers-store';

const PAGE = 200;

/** 已删除的客户: deleted customers not yet purged, each with 恢复 and, for managers, 彻底清除. */
export function DeletedCustomersDialog() {
  const open = useDeletedCustomers((s) => s.open);
  return open ? <DeletedCustomersBody /> : null;
}

function DeletedCustomersBody() {
  const { t } = useTranslation();
  const setOpen = useDeletedCustomers((s) => s.setOpen);
  // The button follows the permission matrix; main checks it again on the call.
  const canPurge = useCan('customers', 'manage');
  const loaded = useData(() => api.customers.listDeleted({ offset: 0, limit: PAGE }), [], ['customer']);
  const list = loaded.data;
  const [busy, setBusy] = useState(false);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? loaded.error;
  const close = useCallback(() => setOpen(false), [setOpen]);

  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      toast.success(done);
      loaded.reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const restore = (c: DeletedCustomer) => act(() => api.customers.restore({ id: c.id }), t('deletedCustomers.restored', { name: c.name }));
  const purge = async (c: DeletedCustomer) => {
    if (!(await confirmAsk(t('deletedCustomers.confirmPurge', { name: c.name }), true))) return;
    await act(() => api.customers.purge({ id: c.id }), t('deletedCustomers.purged', { name: c.name }));
  };

  return (
    <Dialog
      title={t('deletedCustomers.title')}
      testId="deleted-customers-dialog"
      onClose={close}
      width={680}
      footer={
        <button type="button" data-testid="deleted-customers-close" onClick={close}>
          {t('deletedCustomers.close')}
        </button>
      }
    >
      <p className="muted">{t('deletedCustomers.hint')}</p>
      {error ? (
        <div className="banner banner-error" data-testid="deleted-customers-error">
          {error}
        </div>
      ) : null}
      {!list ? <p className="muted">{t('app.loading')}</p> : null}
      {list && list.rows.length === 0 ? (
        <p className="muted" data-testid="deleted-customers-empty">
          {t('deletedCustomers.empty')}
        </p>
      ) : null}
      {list && list.rows.length > 0 ? (
        <div className="backups-table-wrap">
          <table className="data-table" data-testid="deleted-customers-list">
            <thead>
              <tr>
                <th>{t('deletedCustomers.name')}</th>
                <th>{t('deletedCustomers.code')}</th>
                <th>{t('deletedCustomers.deletedAt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.rows.map((c) => (
                <tr key={c.id} data-testid="deleted-customer-row" data-id={c.id}>
                  <td>{c.name}</td>
                  <td>{c.code ?? ''}</td>
                  <td className="nowrap">{formatDateTime(c.deletedAt)}</td>
                  <td className="row-actions">
                    <button type="button" data-testid="deleted-customer-restore" disabled={busy} onClick={() => void restore(c)}>
                      {t('deletedCustomers.restore')}
                    </button>
                    {canPurge ? (
                      <button
                        type="button"
                        className="danger-outline"
                        data-testid="deleted-customer-purge"
                        disabled={busy}
                        onClick={() => void purge(c)}
                      >
                        {t('deletedCustomers.purge')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.total > list.rows.length ? <p className="muted">{t('deletedCustomers.count', { n: list.total })}</p> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
