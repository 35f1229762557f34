import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { apiErrorText } from '../api/errors';
import { completePathAction, openDefaultWorkspace, openRecent, reportError, startPathAction } from '../workspace/workspace-actions';
import { useApp } from './app-store';
import { useHostUi } from '../host/host-store';

/**
 * Kecard was started with --workspace FILE and FILE is not there: a choice, not an error — create
 * the workspace at that path, or open another.
 */
function MissingWorkspace() {
  const { t } = useTranslation();
  const [path, setPath] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Not useData: there is no workspace open here, and useData reads only within one.
  useEffect(() => {
    api.workspace.missing({}).then((r) => {
      setPath(r.path);
      setFailure(r.failure ? apiErrorText(t, r.failure.error) : null);
    }, reportError);
  }, [t]);
  if (failure)
    return (
      <div className="banner banner-error" data-testid="start-failed-open" role="alert">
        {failure}
      </div>
    );
  if (!path) return null;
  const create = async () => {
    setBusy(true);
    try {
      await completePathAction('create', path);
    } catch (err) {
      reportError(err);
      setBusy(false);
    }
  };
  return (
    <div className="banner banner-info start-missing" data-testid="start-missing" data-path={path}>
      <strong>{t('start.missingTitle')}</strong>
      <p>{t('start.missingText', { path })}</p>
      <div className="start-missing-actions">
        <button type="button" className="primary" data-testid="start-missing-create" disabled={busy} onClick={() => void create()}>
          {t('start.missingCreate')}
        </button>
        <button type="button" data-testid="start-missing-open" disabled={busy} onClick={() => void startPathAction('open')}>
          {t('start.missingOpen')}
        </button>
      </div>
    </div>
  );
}

/** Shown when no workspace is open: the default workspace, a new one, an existing one, or a recent one. */
export function StartScreen() {
  const { t } = useTranslation();
  const recent = useApp((s) => s.recent);
  return (
    <div className="start-screen" data-testid="start-screen">
      <div className="start-panel">
        <div className="start-brand">
          <span className="start-logo">客卡</span>
          <div>
            <h1>{t('start.title')}</h1>
            <p className="muted">{t('start.subtitle')}</p>
          </div>
        </div>
        <MissingWorkspace />
        <div className="start-actions">
          <button type="button" className="primary big" data-testid="start-open-default" onClick={() => void openDefaultWorkspace()}>
            {t('start.openDefault')}
          </button>
          <button type="button" className="big" data-testid="start-new" onClick={() => void startPathAction('create')}>
            {t('start.create')}
          </button>
          <button type="button" className="big" data-testid="start-open" onClick={() => void startPathAction('open')}>
            {t('start.open')}
          </button>
          <button type="button" className="big" data-testid="start-connect" onClick={() => useHostUi.getState().openConnect()}>
            {t('connect.menu')}
          </button>
        </div>
        <h3 className="start-recent-title">{t('start.recent')}</h3>
        {recent.length === 0 ? <p className="muted">{t('start.noRecent')}</p> : null}
        <ul className="recent-list">
          {recent.map((r) => (
            <li key={r.path}>
              <button
                type="button"
                className="recent-entry"
                data-testid="start-recent-item"
                data-path={r.path}
                disabled={!r.exists}
                onClick={() => void openRecent(r.path)}
              >
                <span className="recent-name">{r.name}</span>
                <span className="recent-path">{r.exists ? r.path : `${r.path}（${t('menu.missing')}）`}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
