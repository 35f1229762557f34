import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/labels';
import { formatBytes } from '../format/format-bytes';
import type { BackupInfo } from './backups-store';

/** Backups as a table: when, why (translated), size, and a 恢复 button each. */
export function BackupList({ backups, busy, onRestore }: { backups: readonly BackupInfo[]; busy: boolean; onRestore(backup: BackupInfo): void }) {
  const { t } = useTranslation();
  if (backups.length === 0)
    return (
      <p className="muted" data-testid="backups-empty">
        {t('bk.empty')}
      </p>
    );
  return (
    <div className="backups-table-wrap">
      <table className="data-table" data-testid="backups-list">
        <thead>
          <tr>
            <th>{t('bk.takenAt')}</th>
            <th>{t('bk.reason.title')}</th>
            <th>{t('bk.size')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {backups.map((b) => (
            <tr key={b.file} data-testid="backup-row" data-file={b.file} data-reason={b.reason} data-encrypted={b.encrypted ? 'true' : 'false'}>
              <td>
                {formatDateTime(b.takenAt)}
                {b.encrypted ? <span className="muted"> · {t('enc.encryptedBackup')}</span> : null}
              </td>
              <td>{t(`bk.reason.${b.reason}`, { defaultValue: b.reason })}</td>
              <td className="num">{formatBytes(b.bytes)}</td>
              <td className="row-actions">
                <button type="button" data-testid="backup-restore" disabled={busy} onClick={() => onRestore(b)}>
                  {t('bk.restore')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
