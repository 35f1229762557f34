import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors';
import { AddStoreForm } from './AddStoreForm';
import { ConflictInbox } from './ConflictInbox';
import { HistoryTable } from './HistoryTable';
import { ImportSection } from './ImportSection';
import { PartnersSection } from './PartnersSection';
import { SiteSection, type Joined } from './SiteSection';
import { SyncJobProgress } from './SyncJobProgress';
import { useSync } from './sync-store';
import '../business/business.css';
import './sync.css';

/** 同步中心 (issue 18): this site, its partners and their bundles, 导入同步包, the 冲突箱 and the history. */
export function SyncScreen() {
  const { t } = useTranslation();
  const status = useSync((s) => s.status);
  const [error, setError] = useState<string | null>(null);
  // Said once after 打开邀请文件: the safety code to compare by phone and the next step.
  const [joined, setJoined] = useState<Joined | null>(null);

  useEffect(() => {
    void useSync
      .getState()
      .refresh()
      .then(
        () => setError(null),
        (err: unknown) => setError(errorText(t, err)),
      );
    // Once per visit; later reads follow actions and data.changed (SyncNavItem).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="records-screen sync-screen" data-testid="sync-screen" data-role={status?.role ?? (status ? 'standalone' : '')}>
      <div className="toolbar">
        <b className="screen-title">{t('sync.title')}</b>
      </div>
      <div className="records-body sync-body">
        {error ? (
          <div className="banner banner-error" data-testid="sync-load-error">
            {error}
          </div>
        ) : null}
        {status ? (
          <>
            <SyncJobProgress />
            <SiteSection status={status} joined={joined} onJoined={setJoined} />
            {status.networkId ? (
              <>
                <PartnersSection status={status} />
                {status.role === 'hq' ? <AddStoreForm /> : null}
                <ImportSection />
                <ConflictInbox open={status.openConflicts} />
                <HistoryTable status={status} />
              </>
            ) : null}
          </>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </div>
    </div>
  );
}
