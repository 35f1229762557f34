import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useListSettings } from '../customers/list-store';
import { currentLanguage, setLanguage } from '../i18n/i18n';
import { openRecent } from '../workspace/workspace-actions';
import { useApp } from './app-store';
import { runCommand } from './commands';
import { Icon } from '../components/Icon';
import { openImportWizard } from '../import/import-actions';
import { openBackupsDialog } from '../backups/backups-actions';
import { exportWorkbook } from '../workspace/export-workbook';
import { useDeletedCustomers } from '../customers/deleted-customers-store';
import { useCan } from '../people/session-store';
import { useHostUi } from '../host/host-store';
import { disconnectRemote } from '../host/RemoteStatus';

type MenuId = 'file' | 'view';

/** The window's menu bar (文件 / 视图), plus the language switch on the right. */
export function MenuBar() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<MenuId | null>(null);
  const [recentOpen, setRecentOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const workspace = useApp((s) => s.workspace);
  const recent = useApp((s) => s.recent);
  const refreshRecent = useApp((s) => s.refreshRecent);
  const setScreen = useApp((s) => s.setScreen);
  const screen = useApp((s) => s.screen);
  const view = useListSettings((s) => s.view);
  const setView = useListSettings((s) => s.setView);
  // Entries a role cannot use are left out (main refuses them regardless).
  // On a colleague's workspace, what works on files of the host (a copy, backups, imports and
  // exports, the demo) is not offered: the host refuses it (uploads/downloads are not there yet).
  const remote = useHostUi((s) => s.remote?.connected === true);
  const can = {
    import: useCan('import', 'write') && !remote,
    backups: useCan('backups', 'read') && !remote,
    saveCopy: useCan('backups', 'write') && !remote,
    export: useCan('export', 'read') && !remote,
    newCustomer: useCan('customers', 'write'),
    users: useCan('users', 'manage'),
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(null);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(null);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const toggle = (id: MenuId) => {
    setRecentOpen(false);
    setOpen(open === id ? null : id);
    if (id === 'file') void refreshRecent().catch(() => undefined);
  };
  const run = (fn: () => void) => () => {
    setOpen(null);
    setRecentOpen(false);
    fn();
  };

  const item = (
    testId: string,
    label: string,
    onClick: () => void,
    opts: { disabled?: boolean; shortcut?: string; checked?: boolean } = {},
  ): ReactNode => (
    <button
      type="button"
      role="menuitem"
      className="menu-item"
      data-testid={testId}
      disabled={opts.disabled}
      onClick={run(onClick)}
      onMouseEnter={() => setRecentOpen(false)}
    >
      <span className="menu-check">{opts.checked ? '✓' : ''}</span>
      <span className="menu-label">{label}</span>
      {opts.shortcut ? <span className="menu-shortcut">{opts.shortcut}</span> : null}
    </button>
  );

  const noWs = workspace === null;
  const lang = currentLanguage();

  return (
    <div className="menubar" ref={ref} role="menubar">
      <span className="app-logo" title="Kecard">
        客卡
      </span>
      <div className="menu">
        <button
          type="button"
          className={`menu-title${open === 'file' ? ' open' : ''}`}
          data-testid="menu-file"
          onClick={() => toggle('file')}
          onMouseEnter={() => open && open !== 'file' && toggle('file')}
        >
          {t('menu.file')}
        </button>
        {open === 'file' ? (
          <div className="menu-dropdown" role="menu">
            {item('menu-new-workspace', t('menu.newWorkspace'), () => runCommand('workspace.new'))}
            {item('menu-open-workspace', t('menu.openWorkspace'), () => runCommand('workspace.open'))}
            <div className="menu-sub-anchor" onMouseEnter={() => setRecentOpen(true)}>
              <button type="button" role="menuitem" className="menu-item" data-testid="menu-recent" onClick={() => setRecentOpen((v) => !v)}>
                <span className="menu-check" />
                <span className="menu-label">{t('menu.recent')}</span>
                <span className="menu-shortcut">▸</span>
              </button>
              {recentOpen ? (
                <div className="menu-dropdown submenu" role="menu" data-testid="menu-recent-list">
                  {recent.length === 0 ? <div className="menu-empty">{t('menu.recentEmpty')}</div> : null}
                  {recent.map((r) => (
                    <button
                      key={r.path}
                      type="button"
                      role="menuitem"
                      className="menu-item recent-item"
                      data-testid="recent-item"
                      data-path={r.path}
                      disabled={!r.exists}
                      title={r.path}
                      onClick={run(() => void openRecent(r.path))}
                    >
                      <span className="menu-check">{workspace?.path === r.path ? '●' : ''}</span>
                      <span className="menu-label">
                        {r.name}
                        <span className="menu-path">{r.exists ? r.path : `${r.path}（${t('menu.missing')}）`}</span>
                      </span>
                    </button>
                  ))}
                </div>
              ) : null}
            </div>
            {item('menu-connect-host', t('connect.menu'), () => useHostUi.getState().openConnect())}
            {remote ? item('menu-disconnect-host', t('remote.menuDisconnect'), () => void disconnectRemote()) : null}
            <div className="menu-sep" />
            {can.saveCopy || noWs ? item('menu-save-copy', t('menu.saveCopy'), () => runCommand('workspace.saveCopy'), { disabled: noWs }) : null}
            {item('menu-close-workspace', t('menu.closeWorkspace'), () => runCommand('workspace.close'), { disabled: noWs })}
            <div className="menu-sep" />
            {can.import || noWs ? item('menu-import', t('imp.menu'), openImportWizard, { disabled: noWs }) : null}
            {can.backups || noWs ? item('menu-backups', t('bk.menu'), openBackupsDialog, { disabled: noWs }) : null}
            {can.export || noWs ? item('menu-export-workbook', t('exportWb.menu'), () => void exportWorkbook(), { disabled: noWs }) : null}
            {item('menu-deleted-customers', t('deletedCustomers.menu'), () => useDeletedCustomers.getState().setOpen(true), { disabled: noWs })}
            <div className="menu-sep" />
            {can.import || noWs ? item('menu-demo', t('menu.demo'), () => runCommand('demo.generate'), { disabled: noWs }) : null}
          </div>
        ) : null}
      </div>
      <div className="menu">
        <button
          type="button"
          className={`menu-title${open === 'view' ? ' open' : ''}`}
          data-testid="menu-view"
          disabled={noWs}
          onClick={() => toggle('view')}
          onMouseEnter={() => open && open !== 'view' && toggle('view')}
        >
          {t('menu.view')}
        </button>
        {open === 'view' ? (
          <div className="menu-dropdown" role="menu">
            {item('menu-customers', t('menu.customers'), () => setScreen('customers'), { checked: screen === 'customers' })}
            {item('menu-employees', t('menu.employees'), () => setScreen('employees'), { checked: screen === 'employees' })}
            {can.users ? item('menu-users', t('perm.nav.users'), () => setScreen('users'), { checked: screen === 'users' }) : null}
            {can.users
              ? item('menu-permissions', t('perm.nav.permissions'), () => setScreen('permissions'), { checked: screen === 'permissions' })
              : null}
            <div className="menu-sep" />
            {item(
              'menu-list-view',
              t('menu.listView'),
              () => {
                setScreen('customers');
                setView('list');
              },
              { checked: view === 'list' },
            )}
            {item(
              'menu-card-view',
              t('menu.cardView'),
              () => {
                setScreen('customers');
                setView('cards');
              },
              { checked: view === 'cards' },
            )}
            <div className="menu-sep" />
            {can.newCustomer ? item('menu-new-customer', t('menu.newCustomer'), () => runCommand('customer.new'), { shortcut: 'Ctrl+N' }) : null}
            {item('menu-quick-search', t('menu.quickSearch'), () => runCommand('search.focus'), { shortcut: 'Ctrl+K' })}
          </div>
        ) : null}
      </div>
      <span className="menubar-spacer" />
      <button
        type="button"
        className="lang-switch"
        data-testid="lang-switch"
        data-lang={lang}
        title={lang === 'en' ? '切换到中文' : 'Switch to English'}
        onClick={() => setLanguage(lang === 'en' ? 'zh-CN' : 'en')}
      >
        <Icon name="globe" /> {t('menu.language')}
      </button>
    </div>
  );
}
