import { chooseBackupFolder, describeBackupLocation, resetBackupFolder } from '../backup/backup-location';
import type { Handlers, RouterDeps } from './handlers';

/** Where backups go: shown on the backups screen, chosen by a folder dialog (Electron) or typed (browser shell). */
export function createBackupHandlers({ host }: RouterDeps): Pick<Handlers, 'backups.location' | 'backups.chooseFolder' | 'backups.setFolder'> {
  const setFolder = (folder: string | null) => {
    const ws = host.workspace;
    if (folder === null) resetBackupFolder(ws.path);
    else chooseBackupFolder(ws.path, ws.identity.workspaceId, folder);
    return describeBackupLocation(ws.path);
  };
  return {
    'backups.location': () => describeBackupLocation(host.workspace.path),
    'backups.chooseFolder': async () => {
      const dialogs = host.options.dialogs;
      if (!dialogs?.chooseFolder) return { native: false, location: null };
      const folder = await dialogs.chooseFolder('backups');
      return { native: true, location: folder === null ? null : setFolder(folder) };
    },
    'backups.setFolder': ({ folder }) => setFolder(folder),
  };
}
