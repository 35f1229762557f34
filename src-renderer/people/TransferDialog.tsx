import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferCounts, UserSummary } from '../../src-shared/domain/people';
import { api, ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';

/**
 * 停用并移交 (a salesperson leaves): shows how many customers and open records would move, asks
 * for the employee who takes them over, then does it in one step (users.disableAndTransfer).
 */
export function TransferDialog({
  user,
  employees,
  onClose,
  onDone,
}: {
  user: UserSummary;
  employees: { id: string; name: string }[];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<TransferCounts | null>(null);
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.users
      .transferPreview({ id: user.id })
      .then(setCounts)
      .catch((err: unknown) => setError(errorText(t, err)));
  }, [user.id, t]);

  const confirm = async () => {
    if (!to) {
      setError(t('perm.transfer.choose'));
      return;
    }
    setBusy(true);
    try {
      const { moved } = await api.users.disableAndTransfer({ id: user.id, toEmployeeId: to });
      toast.success(t('perm.transfer.done', { name: user.displayName, ...moved }));
      onDone();
    } catch (err) {
      setError(err instanceof ApiCallError && err.code === 'VALIDATION' && err.fields.toEmployeeId ? t('perm.transfer.choose') : errorText(t, err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('perm.transfer.title', { name: user.displayName })}
      testId="transfer-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('perm.cancel')}
          </button>
          <button type="button" className="danger" data-testid="transfer-confirm" disabled={busy || counts === null} onClick={() => void confirm()}>
            {t('perm.transfer.confirm')}
          </button>
        </>
      }
    >
      <p className="muted">{t('perm.transfer.hint')}</p>
      {counts ? (
        <p
          data-testid="transfer-counts"
          data-customers={counts.customers}
          data-orders={counts.orders}
          data-records={counts.records}
          data-staff={counts.staff}
        >
          {counts.fromEmployeeId ? t('perm.transfer.counts', counts) : t('perm.transfer.noEmployee')}
        </p>
      ) : null}
      <div className="people-form">
        <label>
          {t('perm.transfer.to')}
          <select data-testid="transfer-to" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('perm.transfer.choose')}</option>
            {employees
              .filter((emp) => emp.id !== user.employeeId)
              .map((emp) => (
                <option key={emp.id} value={emp.id}>
                  {emp.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      {error ? (
        <div className="field-error" data-testid="transfer-error">
          {error}
        </div>
      ) : null}
    </Dialog>
  );
}
