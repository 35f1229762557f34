import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Toasts } from '../components/Toasts';
import { CustomersScreen } from '../customers/CustomersScreen';
import { QuickSearch } from '../customers/QuickSearch';
import { EmployeesScreen } from '../employees/EmployeesScreen';
import { DemoDialog } from '../workspace/DemoDialog';
import { JobDialog } from '../workspace/JobDialog';
import { ImportWizard } from '../import/ImportWizard';
import { BackupsDialog } from '../backups/BackupsDialog';
import { DeletedCustomersDialog } from '../customers/DeletedCustomersDialog';
import { CorruptWorkspaceDialog } from '../backups/CorruptWorkspaceDialog';
import { PathDialog } from '../workspace/PathDialog';
import { QueriesScreen } from '../queries/QueriesScreen';
import { CardsScreens } from '../business/CardsScreens';
import { AnalysisScreen } from '../analysis/AnalysisScreen';
import { ProductsScreen } from '../products/ProductsScreen';
import { SyncScreen } from '../sync/SyncScreen';
import { errorText } from '../api/errors';
import { api } from '../api/client';
import { reportError } from '../workspace/workspace-actions';
import { useApp } from './app-store';
import { MenuBar } from './MenuBar';
import { Sidebar } from './Sidebar';
import { StartScreen } from './StartScreen';
import { StatusBar } from './StatusBar';
import { SignInScreen } from '../people/SignInScreen';
import { UsersScreen } from '../people/UsersScreen';
import { PermissionsScreen } from '../permissions/PermissionsScreen';
import { AuditScreen } from '../people/AuditScreen';
import { PasswordDialogs } from '../people/PasswordDialogs';
import { useSession } from '../people/session-store';
import { useAppEvents } from './use-app-events';
import { useShortcuts } from './use-shortcuts';
import { ConnectDialog } from '../host/ConnectDialog';
import { LockDialog, ReadOnlyBanner } from '../host/LockDialog';
import { RemoteBanner } from '../host/RemoteStatus';
import { useHostUi } from '../host/host-store';
import '../host/host.css';
import './app.css';

export function App() {
  const { t } = useTranslation();
  const loaded = useApp((s) => s.loaded);
  const workspace = useApp((s) => s.workspace);
  const screen = useApp((s) => s.screen);
  const session = useSession((s) => s.session);
  // Why the first look at the workspace failed (no session in the browser shell …): said in place
  // of 正在加载…, which would otherwise stay for good.
  const [startFailure, setStartFailure] = useState<string | null>(null);
  useAppEvents();
  useShortcuts();

  useEffect(() => {
    const app = useApp.getState();
    void app.refreshWorkspace().catch((err: unknown) => {
      setStartFailure(errorText(t, err));
      reportError(err);
    });
    void app.refreshRecent().catch(reportError);
    void app.loadAppInfo().catch(reportError);
    // A window reloaded while connected to a colleague's workspace picks the connection up again.
    void useHostUi.getState().refreshRemote().catch(reportError);
    // Once, at start: `t` changes with the language, the calls must not be repeated.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Who is signed in belongs to the open workspace: asked again whenever it (or its user) changes.
  useEffect(() => {
    if (!workspace) {
      // An encrypted workspace waiting for a sign-in is not open yet (main cannot read it without
      // the key), but main says it asks for one: the sign-in screen is shown for it.
      useSession.getState().set(null);
      void api.session
        .state({})
        .then((state) => {
          if (state.signInRequired) useSession.getState().set(state);
        })
        .catch(reportError);
      return;
    }
    void useSession.getState().refresh().catch(reportError);
  }, [workspace?.path, workspace?.userName, workspace]);

  useEffect(() => {
    document.title = workspace ? `${workspace.name} — ${t('app.name')}` : t('app.name');
  }, [workspace, t]);

  return (
    <div className="app">
      <MenuBar />
      <RemoteBanner />
      <ReadOnlyBanner />
      {(workspace || session?.signInRequired) && session && !session.user ? (
        <SignInScreen key={workspace?.path ?? 'locked'} />
      ) : workspace ? (
        // Keyed by the user too: switching user starts every screen afresh.
        <div className="app-main" key={session?.user?.id ?? ''}>
          <Sidebar />
          <div className="app-content">
            <div className="topbar">
              {/* Keyed too: the text typed in one workspace (its customers' names) is no search of the next. */}
              <QuickSearch key={workspace.path} />
            </div>
            {/* Keyed by path: another workspace starts with a fresh list and cache. */}
            {screen === 'customers' ? <CustomersScreen key={workspace.path} /> : null}
            {screen === 'employees' ? <EmployeesScreen key={workspace.path} /> : null}
            {screen === 'queries' ? <QueriesScreen key={workspace.path} /> : null}
            {screen === 'analysis' ? <AnalysisScreen key={`analysis-${workspace.path}`} /> : null}
            {screen === 'products' ? <ProductsScreen key={`products-${workspace.path}`} /> : null}
            {screen === 'sync' ? <SyncScreen key={`sync-${workspace.path}`} /> : null}
            {screen === 'users' ? <UsersScreen key={`users-${workspace.path}`} /> : null}
            {screen === 'permissions' ? <PermissionsScreen key={`permissions-${workspace.path}`} /> : null}
            {screen === 'audit' ? <AuditScreen key={`audit-${workspace.path}`} /> : null}
            <CardsScreens key={`cards-${workspace.path}`} screen={screen} />
          </div>
        </div>
      ) : loaded ? (
        <StartScreen />
      ) : (
        <div className="loading-screen" data-testid={startFailure ? 'start-failure' : 'app-loading'}>
          {startFailure ?? t('app.loading')}
        </div>
      )}
      <StatusBar />
      <PathDialog />
      <ConnectDialog />
      <LockDialog />
      <DemoDialog />
      <JobDialog />
      <ImportWizard />
      <BackupsDialog />
      <DeletedCustomersDialog />
      <CorruptWorkspaceDialog />
      <PasswordDialogs />
      <ConfirmDialog />
      <Toasts />
    </div>
  );
}
