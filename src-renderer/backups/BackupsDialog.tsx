import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useApp } from '../app/app-store';
import { errorText } from '../api/errors';
import { confirmAsk } from '../components/confirm-store';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { formatDateTime } from '../i18n/labels';
import '../import/import.css';
import { backupFailureText, restoreBackup, sortBackups } from './backups-actions';
import { BackupFolder } from './BackupFolder';
import { BackupList } from './BackupList';
import { useBackups, type BackupInfo } from './backups-store';

/** 备份与恢复: the open workspace's backups, 立即备份, and 恢复 (the current file is kept as a backup first). */
export function BackupsDialog() {
  const open = useBackups((s) => s.open);
  return open ? <BackupsBody /> : null;
}

function BackupsBody() {
  const { t } = useTranslation();
  const failure = useApp((s) => s.workspace?.backupFailure ?? null);
  const set = useBackups((s) => s.set);
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => set({ open: false }), [set]);

  const reload = useCallback(
    () =>
      api.backups
        .list({})
        .then((list) => setBackups(sortBackups(list)))
        .catch((err: unknown) => setError(errorText(t, err))),
    [t],
  );
  // Not useData: backups are files beside the workspace, not data main announces changes of.
  useEffect(() => {
    void reload();
  }, [reload]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await api.backups.create({});
      toast.success(t('bk.created', { time: formatDateTime(made.takenAt) }));
      await reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const restore = async (backup: BackupInfo) => {
    const ok = await confirmAsk(t('bk.confirmRestore', { time: formatDateTime(backup.takenAt) }), true);
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      if (await restoreBackup(backup)) close();
      else setBusy(false);
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('bk.title')}
      testId="backups-dialog"
      onClose={close}
      width={640}
      footer={
        <>
          <button type="button" data-testid="backups-create" className="primary" disabled={busy} onClick={() => void create()}>
            {t('bk.create')}
          </button>
          <span className="import-footer-gap" />
          <button type="button" data-testid="backups-close" onClick={close}>
            {t('bk.close')}
          </button>
        </>
      }
    >
      <p className="muted">{t('bk.hint')}</p>
      <p className="muted" data-testid="backups-retention">
        {t('bk.retention')}
      </p>
      <BackupFolder busy={busy} listed={backups?.length ?? 0} onChanged={() => void reload()} />
      {failure ? (
        <div className="banner banner-error" data-testid="backups-scheduled-failure">
          {backupFailureText(failure)}
        </div>
      ) : null}
      {error ? (
        <div className="banner banner-error" data-testid="backups-error">
          {error}
        </div>
      ) : null}
      {backups ? <BackupList backups={backups} busy={busy} onRestore={(b) => void restore(b)} /> : <p className="muted">{t('app.loading')}</p>}
    </Dialog>
  );
}
