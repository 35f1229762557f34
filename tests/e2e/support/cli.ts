import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface WorkspaceCounts {
  customers: number;
  contacts: number;
  departments: number;
  employees: number;
  changeLog: number;
}

/** `kecard info --json` on a workspace file: what is really in it, read by a separate process. */
export function workspaceCounts(workspacePath: string): WorkspaceCounts {
  const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'kecard.mjs'), 'info', '--workspace', workspacePath, '--json'], {
    encoding: 'utf8',
  });
  const parsed = JSON.parse(out) as { ok: boolean; value?: { counts: WorkspaceCounts }; error?: unknown };
  if (!parsed.ok || !parsed.value) throw new Error(`kecard info failed: ${out}`);
  return parsed.value.counts;
}
