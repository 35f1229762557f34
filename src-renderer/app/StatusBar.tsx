import { useTranslation } from 'react-i18next';
import { backupFailureText, openBackupsDialog } from '../backups/backups-actions';
import { useApp } from './app-store';
import { AccountStatus } from '../people/AccountStatus';
import { RemoteStatusItem } from '../host/RemoteStatus';

export function StatusBar() {
  const { t } = useTranslation();
  const ws = useApp((s) => s.workspace);
  const appInfo = useApp((s) => s.appInfo);
  return (
    <footer className="statusbar">
      {ws ? (
        <>
          <span className="status-item strong" data-testid="status-workspace" title={ws.path}>
            {t('status.workspace', { name: ws.name })}
          </span>
          <span className="status-item path" data-testid="status-path" title={ws.path}>
            {ws.path}
          </span>
          <span className="status-item" data-testid="status-customer-count" data-count={ws.customerCount}>
            {t('status.customers', { n: ws.customerCount.toLocaleString() })}
          </span>
          <AccountStatus />
          <RemoteStatusItem />
          {ws.backupFailure ? (
            <button
              type="button"
              className="status-item status-warn"
              data-testid="status-backup-failed"
              data-code={ws.backupFailure.code}
              title={backupFailureText(ws.backupFailure)}
              onClick={openBackupsDialog}
            >
              ⚠ {t('status.backupFailed')}
            </button>
          ) : null}
        </>
      ) : (
        <span className="status-item" data-testid="status-workspace">
          {t('status.noWorkspace')}
        </span>
      )}
      <span className="status-spacer" />
      {appInfo ? (
        <span className="status-item muted" data-testid="status-shell">
          {appInfo.shell === 'browser' ? t('app.browserShell') : t('app.desktop')} · v{appInfo.version}
        </span>
      ) : null}
    </footer>
  );
}
