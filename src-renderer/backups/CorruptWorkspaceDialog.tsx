import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '../i18n/labels';
import '../import/import.css';
import { restoreBackup } from './backups-actions';
import { BackupList } from './BackupList';
import { useBackups, type BackupInfo } from './backups-store';

/** A damaged workspace: what happened, its backups, and 恢复最近的备份 — never a crash loop. */
export function CorruptWorkspaceDialog() {
  const { t } = useTranslation();
  const corrupt = useBackups((s) => s.corrupt);
  const set = useBackups((s) => s.set);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => {
    set({ corrupt: null });
    setError(null);
  }, [set]);
  if (!corrupt) return null;
  const latest = corrupt.backups[0];

  const restore = async (backup: BackupInfo) => {
    setBusy(true);
    setError(null);
    try {
      if (await restoreBackup(backup, corrupt.path)) close();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('bk.corrupt.title')}
      testId="corrupt-dialog"
      onClose={close}
      width={640}
      footer={
        <>
          <button type="button" data-testid="corrupt-close" onClick={close}>
            {t('bk.close')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="corrupt-restore-latest"
            disabled={!latest || busy}
            onClick={() => latest && void restore(latest)}
          >
            {t('bk.corrupt.restoreLatest')}
          </button>
        </>
      }
    >
      <div className="banner banner-error" data-testid="corrupt-message" data-path={corrupt.path}>
        {t('bk.corrupt.message', { path: corrupt.path })}
      </div>
      <p className="muted" title={corrupt.message}>
        {latest ? t('bk.corrupt.hint', { time: formatDateTime(latest.takenAt) }) : t('bk.corrupt.noBackups')}
      </p>
      {error ? (
        <div className="banner banner-error" data-testid="corrupt-error">
          {error}
        </div>
      ) : null}
      <BackupList backups={corrupt.backups} busy={busy} onRestore={(b) => void restore(b)} />
    </Dialog>
  );
}
