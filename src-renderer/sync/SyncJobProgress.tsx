import { useTranslation } from 'react-i18next';
import { cancelSyncJob, useSyncJob } from './sync-job';

/** The running export, import or 立即同步: how far it is, and 取消. */
export function SyncJobProgress() {
  const { t } = useTranslation();
  const running = useSyncJob((s) => s.running);
  if (!running) return null;
  const pct = running.total > 0 ? Math.min(100, Math.round((running.done / running.total) * 100)) : 0;
  return (
    <div className="sync-job" data-testid="sync-job" data-done={running.done} data-total={running.total}>
      <span>{t(`sync.job.${running.label}`)}</span>
      <div className="progress">
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="muted">
        {running.total > 0
          ? t('sync.job.changes', { done: running.done.toLocaleString(), total: running.total.toLocaleString() })
          : t('sync.job.starting')}
      </span>
      {/* Joining and exporting are one transaction of seconds each, not checked for 取消. */}
      {running.label === 'join' || running.label === 'export' ? null : (
        <button type="button" data-testid="sync-job-cancel" disabled={!running.jobId} onClick={() => void cancelSyncJob()}>
          {t('sync.job.cancel')}
        </button>
      )}
    </div>
  );
}
