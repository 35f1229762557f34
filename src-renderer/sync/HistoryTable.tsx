import { useTranslation } from 'react-i18next';
import type { SyncStatusOutput } from '../../src-shared/contract/sync-methods';
import { formatDateTime } from '../i18n/labels';

/** 同步记录: the latest bundles sent and received (main keeps the last 50 in the status). */
export function HistoryTable({ status }: { status: SyncStatusOutput }) {
  const { t } = useTranslation();
  const name = (code: string) => status.partners.find((p) => p.code === code)?.name ?? code;
  return (
    <section className="sync-section" data-testid="sync-history">
      <h3>{t('sync.history.title')}</h3>
      {status.history.length === 0 ? (
        <p className="muted" data-testid="sync-history-empty">
          {t('sync.history.empty')}
        </p>
      ) : (
        <table className="data-table sync-table" data-testid="sync-history-table">
          <thead>
            <tr>
              <th>{t('sync.history.direction')}</th>
              <th>{t('sync.history.partner')}</th>
              <th className="num">{t('sync.history.number')}</th>
              <th className="num">{t('sync.history.changes')}</th>
              <th className="num">{t('sync.history.applied')}</th>
              <th className="num">{t('sync.history.conflicts')}</th>
              <th>{t('sync.history.time')}</th>
            </tr>
          </thead>
          <tbody>
            {status.history.map((h) => (
              <tr
                key={`${h.direction}-${h.partner}-${h.number}-${h.at}`}
                data-testid="sync-history-row"
                data-direction={h.direction}
                data-partner={h.partner}
                data-number={h.number}
                data-conflicts={h.conflicts}
              >
                <td>{t(`sync.history.${h.direction}`)}</td>
                <td>
                  {name(h.partner)}（{h.partner}）
                </td>
                <td className="num">{h.number}</td>
                <td className="num">{h.changes}</td>
                <td className="num">{h.direction === 'in' ? h.applied : ''}</td>
                <td className="num">{h.direction === 'in' ? h.conflicts : ''}</td>
                <td>{formatDateTime(h.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
