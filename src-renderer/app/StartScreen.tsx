import { useTranslation } from 'react-i18next';
import { openDefaultWorkspace, openRecent, startPathAction } from '../workspace/workspace-actions';
import { useApp } from './app-store';

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
