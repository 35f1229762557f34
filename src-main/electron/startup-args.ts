import { isAbsolute, resolve } from 'node:path';
import { WORKSPACE_EXTENSION } from '../db/workspace-format';

/**
 * The workspace named on the command line: `--workspace FILE` (npm start, scripts) or a bare
 * `.kecard` path (file association on Windows and Linux, a second instance). Relative paths are
 * resolved against the caller's working directory. Pure: unit-tested under Node.
 */
export function workspaceFromArgs(argv: readonly string[], cwd: string): string | null {
  const i = argv.indexOf('--workspace');
  const explicit = i >= 0 ? argv[i + 1] : undefined;
  if (explicit && !explicit.startsWith('-')) return absolute(explicit, cwd);
  const bare = argv.find((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(WORKSPACE_EXTENSION));
  return bare ? absolute(bare, cwd) : null;
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
