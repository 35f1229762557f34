import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { cancelJob } from './workspace-actions';
import { useWorkspaceDialogs } from './workspace-store';

/** Progress of the demo-data job from `job.progress`; Cancel asks main to stop it. */
export function JobDialog() {
  const { t } = useTranslation();
  const job = useWorkspaceDialogs((s) => s.job);
  const setJob = useWorkspaceDialogs((s) => s.setJob);
  if (!job) return null;
  const failed = job.finished && !job.finished.ok && !job.finished.cancelled;
  const pct = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
  const close = () => setJob(null);
  return (
    <Dialog
      title={t('demo.progressTitle')}
      testId="job-progress"
      onClose={failed ? close : () => void cancelJob()}
      width={440}
      footer={
        failed ? (
          <button type="button" data-testid="job-close" onClick={close}>
            {t('demo.close')}
          </button>
        ) : (
          <button type="button" data-testid="job-cancel" disabled={!job.jobId} onClick={() => void cancelJob()}>
            {t('demo.cancel')}
          </button>
        )
      }
    >
      {failed ? (
        <div className="banner banner-error" data-testid="job-error">
          {t('demo.failed', { message: job.finished?.error?.message ?? '' })}
        </div>
      ) : (
        <>
          <div className="progress" data-testid="job-progress-bar" data-done={job.done} data-total={job.total}>
            <div className="progress-fill" style={{ width: `${pct}%` }} />
          </div>
          <div className="progress-text">
            <span>{job.phase ? t('demo.phase', { phase: job.phase }) : t('demo.waiting')}</span>
            <span>
              {job.done.toLocaleString()} / {job.total.toLocaleString()} （{pct}%）
            </span>
          </div>
        </>
      )}
    </Dialog>
  );
}
