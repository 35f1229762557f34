import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '../api/client';
import { useApp } from '../app/app-store';
import { useSync } from './sync-store';
import './sync.css';

// A burst of data.changed (a whole bundle applied) makes one re-read.
const COALESCE_MS = 200;

/** 同步中心 in the sidebar, with the number of open conflicts (冲突箱) as a badge. */
export function SyncNavItem() {
  const { t } = useTranslation();
  const screen = useApp((s) => s.screen);
  const setScreen = useApp((s) => s.setScreen);
  const path = useApp((s) => s.workspace?.path ?? null);
  const open = useSync((s) => s.status?.openConflicts ?? 0);

  useEffect(() => {
    if (!path) return;
    const refresh = () =>
      void useSync
        .getState()
        .refresh()
        .catch(() => undefined);
    refresh();
    let timer: number | null = null;
    const off = onEvent((e) => {
      if ((e.type !== 'data.changed' && e.type !== 'workspace.changed') || timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        refresh();
      }, COALESCE_MS);
    });
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [path]);

  return (
    <button
      type="button"
      className={`nav-item${screen === 'sync' ? ' active' : ''}`}
      data-testid="nav-sync"
      aria-current={screen === 'sync' ? 'page' : undefined}
      onClick={() => setScreen('sync')}
    >
      <span className="nav-icon nav-glyph">⇅</span>
      <span className="nav-label">{t('sync.nav')}</span>
      {open > 0 ? (
        <span className="sync-badge" data-testid="nav-sync-badge" data-count={open} title={t('sync.badgeTitle', { n: open })}>
          {open}
        </span>
      ) : null}
    </button>
  );
}
