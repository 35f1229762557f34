import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
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

export interface WorkspaceSales {
  orders: number;
  revenueFen: number;
  firstSaleDate: string | null;
  lastSaleDate: string | null;
}

interface InfoValue {
  counts: WorkspaceCounts;
  sales: WorkspaceSales;
}

const infoArgs = (workspacePath: string) => [join(ROOT, 'bin', 'kecard.mjs'), 'info', '--workspace', workspacePath, '--json'];

function parseInfo(out: string): InfoValue {
  const parsed = JSON.parse(out) as { ok: boolean; value?: InfoValue; error?: unknown };
  if (!parsed.ok || !parsed.value) throw new Error(`kecard info failed: ${out}`);
  return parsed.value;
}

/** `kecard info --json` on a workspace file: what is really in it, read by a separate process. */
export function workspaceCounts(workspacePath: string): WorkspaceCounts {
  return parseInfo(execFileSync(process.execPath, infoArgs(workspacePath), { encoding: 'utf8' })).counts;
}

/**
 * The same, without blocking the test's event loop: a synchronous child of several seconds keeps
 * fetch from retiring an idle keep-alive socket the shell has closed, and the next call then fails.
 */
export async function workspaceInfo(workspacePath: string): Promise<InfoValue> {
  const { stdout } = await promisify(execFile)(process.execPath, infoArgs(workspacePath), { encoding: 'utf8' });
  return parseInfo(stdout);
}
