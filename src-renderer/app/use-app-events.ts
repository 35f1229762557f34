import i18next from 'i18next';
import { useEffect } from 'react';
import type { KecardEvent } from '../../src-shared/contract/events';
import { onEvent } from '../api/client';
import { useCard } from '../card/card-store';
import { toast } from '../components/toast-store';
import { useWorkspaceDialogs } from '../workspace/workspace-store';
import { useApp, useDataVersion } from './app-store';
import { runCommand } from './commands';
import { backupFailureText, offerBackupsFor } from '../backups/backups-actions';
import { useListSearch } from '../customers/list-search-store';
import { useQuery } from '../queries/query-store';
import { useHostUi } from '../host/host-store';

let infoTimer: number | null = null;
/** The status bar's customer count: re-read at most every 300 ms while data is changing. */
function refreshInfoSoon(): void {
  if (infoTimer !== null) return;
  infoTimer = window.setTimeout(() => {
    infoTimer = null;
    void useApp
      .getState()
      .refreshWorkspace()
      .catch(() => undefined);
  }, 300);
}

function handle(event: KecardEvent): void {
  const t = i18next.t.bind(i18next);
  switch (event.type) {
    case 'data.changed':
      useDataVersion.getState().bump(event.entities, event.ids);
      refreshInfoSoon();
      break;
    case 'workspace.changed': {
      const before = useApp.getState().workspace?.path ?? null;
      if ((event.info?.path ?? null) !== before) {
        // What was open or filtered belongs to the other file: its customers, folders and fields are not here.
        useCard.getState().reset();
        useListSearch.getState().clear();
        useQuery.getState().newQuery();
      }
      useApp.getState().setWorkspace(event.info);
      useDataVersion.getState().bump(['customer', 'contact', 'department', 'employee'], undefined);
      break;
    }
    case 'job.progress': {
      const dialogs = useWorkspaceDialogs.getState();
      const job = dialogs.job;
      if (job && !job.finished && (job.jobId === null || job.jobId === event.jobId)) {
        dialogs.patchJob({ jobId: event.jobId, done: event.done, total: event.total, phase: event.phase });
      }
      break;
    }
    case 'job.finished': {
      const dialogs = useWorkspaceDialogs.getState();
      const job = dialogs.job;
      if (job && (job.jobId === null || job.jobId === event.jobId)) {
        const finished = { ok: event.ok, cancelled: event.cancelled, ...(event.error ? { error: event.error } : {}) };
        dialogs.patchJob({ jobId: event.jobId, finished });
        if (event.ok) {
          dialogs.setJob(null);
          toast.success(t('demo.done'));
        } else if (event.cancelled) {
          dialogs.setJob(null);
          toast.info(t('demo.cancelled'));
        }
      }
      useDataVersion.getState().bump(['customer', 'contact', 'department', 'employee'], undefined);
      refreshInfoSoon();
      break;
    }
    case 'menu.command':
      runCommand(event.command);
      break;
    case 'backup.failed':
      toast.error(backupFailureText(event.error));
      break;
    case 'remote.changed':
      useHostUi.getState().setRemote(event.status);
      break;
    case 'workspace.damaged':
      // The background check of a large file found damage after it opened: offer its backups.
      offerBackupsFor(event.path, event.message, event.backups);
      break;
  }
}

/** Subscribes the app to main's one event stream for as long as it runs. */
export function useAppEvents(): void {
  useEffect(() => onEvent(handle), []);
}
