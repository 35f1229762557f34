import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelImportJob } from './import-actions';
import type { ImportJob } from './import-store';

/** Rows per second and seconds left, from the bytes read so far (job.progress counts bytes). */
export function jobRate(job: ImportJob, totalRows: number | null, now: number): { rowsPerSecond: number | null; secondsLeft: number | null } {
  const elapsed = (now - job.phaseStartedAt) / 1000;
  if (job.total <= 0 || job.done <= 0 || elapsed < 0.2 || job.phase === 'backup') return { rowsPerSecond: null, secondsLeft: null };
  const fraction = Math.min(1, job.done / job.total);
  const rowsPerSecond = totalRows ? Math.round((fraction * totalRows) / elapsed) : null;
  const secondsLeft = Math.max(0, Math.round((elapsed * (1 - fraction)) / fraction));
  return { rowsPerSecond, secondsLeft };
}

/** The running check or import: phase, bar, rate, time left, and 取消. */
export function ImportProgress({ job, totalRows }: { job: ImportJob; totalRows: number | null }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, []);
  const pct = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
  const { rowsPerSecond, secondsLeft } = jobRate(job, totalRows, now);
  return (
    <div className="import-progress" data-testid="import-progress" data-kind={job.kind} data-phase={job.phase}>
      <div className="import-progress-title">{t(job.phase ? `imp.phase.${job.phase}` : 'imp.phase.waiting', { defaultValue: job.phase })}</div>
      <div className="progress" data-testid="import-progress-bar" data-done={job.done} data-total={job.total}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="progress-text">
        <span data-testid="import-rate">{rowsPerSecond !== null ? t('imp.progress.rate', { n: rowsPerSecond.toLocaleString() }) : ''}</span>
        <span data-testid="import-time-left">{secondsLeft !== null ? t('imp.progress.left', { s: secondsLeft }) : `${pct}%`}</span>
      </div>
      <div className="import-progress-actions">
        <button type="button" data-testid="import-cancel-job" disabled={!job.jobId} onClick={() => void cancelImportJob()}>
          {t('imp.progress.cancel')}
        </button>
      </div>
    </div>
  );
}
