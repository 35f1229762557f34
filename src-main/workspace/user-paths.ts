import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron's app.getPath('userData') would give for "Kecard", computed without
 * Electron so the browser shell and the CLI use the same default workspace. KECARD_HOME overrides
 * it (tests, portable installs).
 */
export function userDataDir(): string {
  if (process.env.KECARD_HOME) return process.env.KECARD_HOME;
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Kecard');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Kecard');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Kecard');
}

export function defaultWorkspacePath(dataDir: string): string {
  return join(dataDir, 'workspaces', 'default.kecard');
}
