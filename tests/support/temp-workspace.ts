import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallContext } from '../../src-main/changelog/call-context';
import { openWorkspace } from '../../src-main/db/open-workspace';
import type { Workspace } from '../../src-main/db/workspace';

export const testUser: CallContext = { userId: 'u-test', userName: '测试员', role: 'manager' };

/** A real workspace file in a fresh temp folder; `cleanup` closes it and removes the folder. */
export function tempWorkspace(): { ws: Workspace; dir: string; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kecard-test-'));
  const path = join(dir, 'test.kecard');
  const ws = openWorkspace(path, { create: true });
  return {
    ws,
    dir,
    path,
    cleanup: () => {
      ws.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kecard-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
