import i18next from 'i18next';
import type { WorkspaceInfo } from '../../src-shared/contract/methods';
import { api, ApiCallError } from '../api/client';
import { useSession } from '../people/session-store';
import { errorText } from '../api/errors';
import { offerRestore } from '../backups/backups-actions';
import { offerLockedWorkspace } from '../host/LockDialog';
import { useApp } from '../app/app-store';
import { useCard } from '../card/card-store';
import { toast } from '../components/toast-store';
import { useWorkspaceDialogs, type DemoTarget, type PathPurpose } from './workspace-store';

const t = i18next.t.bind(i18next);

/** Reports a failed action as a translated toast; used where no dialog is there to show it. */
export function reportError(err: unknown): void {
  if (offerRestore(err) || offerLockedWorkspace(err)) return;
  toast.error(errorText(t, err));
}

function opened(info: WorkspaceInfo, created: boolean): void {
  useCard.getState().reset();
  useApp.getState().setWorkspace(info);
  toast.success(t(created ? 'workspace.created' : 'workspace.opened', { name: info.name }));
  // A new workspace: a manager password, with encryption ticked by default in its dialog, is
  // offered at once (a toast, not a modal: nobody is made to decide before looking around).
  if (created) toast.success(t('enc.offerAtCreation'), { label: t('enc.protectNow'), run: () => useSession.getState().openPasswordDialog(true) });
  if (info.backupPath) toast.info(t('status.backup', { path: info.backupPath }));
  void useApp.getState().refreshRecent().catch(reportError);
}

/** New / open / save copy: the native dialog where there is one, otherwise our path dialog. */
export async function startPathAction(purpose: PathPurpose): Promise<void> {
  try {
    if (purpose === 'saveCopy' && !useApp.getState().workspace) return;
    const choice = await api.workspace.choosePath({ purpose });
    if (!choice.native) {
      if (purpose === 'open') void useApp.getState().refreshRecent().catch(reportError);
      useWorkspaceDialogs.getState().openPathDialog(purpose);
      return;
    }
    if (choice.path) await completePathAction(purpose, choice.path);
  } catch (err) {
    reportError(err);
  }
}

/** Runs the action for a chosen path; throws so the path dialog can show the message in place. */
export async function completePathAction(purpose: PathPurpose, path: string): Promise<void> {
  if (purpose === 'open') {
    try {
      opened(await api.workspace.open({ path }), false);
    } catch (err) {
      // An encrypted workspace waits for a sign-in: main closed the open one, and its sign-in screen is shown.
      if (!(err instanceof ApiCallError && err.code === 'WORKSPACE_ENCRYPTED' && err.error.details?.reason === 'signIn')) throw err;
      useCard.getState().reset();
      useApp.getState().setWorkspace(null);
      useSession.getState().set(await api.session.state({}));
    }
  } else if (purpose === 'create') opened(await api.workspace.create({ path }), true);
  else {
    const result = await api.workspace.saveCopy({ path });
    toast.success(t('workspace.copySaved', { path: result.path }));
    void useApp.getState().refreshRecent().catch(reportError);
  }
}

export async function openRecent(path: string): Promise<void> {
  try {
    await completePathAction('open', path);
  } catch (err) {
    reportError(err);
  }
}

export async function openDefaultWorkspace(): Promise<void> {
  try {
    opened(await api.workspace.openDefault({}), false);
  } catch (err) {
    reportError(err);
  }
}

export async function closeWorkspace(): Promise<void> {
  if (!(await useCard.getState().confirmLeave())) return;
  try {
    await api.workspace.close({});
    useCard.getState().reset();
    useApp.getState().setWorkspace(null);
    toast.info(t('workspace.closed'));
    void useApp.getState().refreshRecent().catch(reportError);
  } catch (err) {
    reportError(err);
  }
}

export function openDemoDialog(): void {
  if (!useApp.getState().workspace) return;
  useWorkspaceDialogs.getState().setDemoOpen(true);
}

export async function startDemo(customers: number, seed: number, ordersPerCustomer: number, target: DemoTarget): Promise<void> {
  const dialogs = useWorkspaceDialogs.getState();
  if (target === 'newWorkspace' && !(await useCard.getState().confirmLeave())) return;
  dialogs.setJob({ jobId: null, done: 0, total: customers, phase: '', finished: null });
  try {
    if (target === 'newWorkspace') useCard.getState().reset();
    const { jobId } = await api.demo.generate({ customers, seed, ordersPerCustomer, target });
    useWorkspaceDialogs.getState().patchJob({ jobId });
  } catch (err) {
    useWorkspaceDialogs.getState().patchJob({
      finished: { ok: false, cancelled: false, error: { code: 'INTERNAL', message: errorText(t, err) } },
    });
  }
}

export async function cancelJob(): Promise<void> {
  const job = useWorkspaceDialogs.getState().job;
  if (!job?.jobId) return;
  try {
    await api.jobs.cancel({ jobId: job.jobId });
  } catch (err) {
    reportError(err);
  }
}
