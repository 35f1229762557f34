import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, type MethodName } from '../../../src-shared/contract/methods';
import { createRouter } from '../../../src-main/router/router';
import type { Handlers } from '../../../src-main/router/handlers';

// Host mode (issue 20): methods that touch the host's file system or its own window are served to
// this computer only. A colleague's app uploads what it imports and downloads what it exports.

/** Every method that takes or chooses a path on the host, or acts on its window, workspace or sharing. */
const LOCAL_ONLY: MethodName[] = [
  'workspace.recent',
  'workspace.missing',
  'workspace.open',
  'workspace.openDefault',
  'workspace.create',
  'workspace.saveCopy',
  'workspace.close',
  'workspace.choosePath',
  'demo.generate',
  'import.chooseFile',
  'files.save',
  'backups.list',
  'backups.restore',
  'backups.location',
  'backups.chooseFolder',
  'backups.setFolder',
  // 数据加密: the host's file path, its keys file and its backups.
  'workspace.encryption',
  'workspace.encrypt',
  'workspace.decrypt',
  'backups.encryptPlain',
  'backups.deletePlain',
  'sync.setFolder',
  'sync.chooseFiles',
  'session.state',
  'session.signIn',
  'session.signOut',
  'session.recover',
  'host.status',
  'host.start',
  'host.stop',
  'host.addresses',
  'remote.status',
  'remote.connect',
  'remote.disconnect',
];

const names = Object.keys(contract) as MethodName[];
const localOf = (m: MethodName) => (contract[m] as { local?: true }).local === true;

/** Input keys that name a place on disk. */
function pathKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape).filter((k) => /^(path|paths|folder|folders|file|dir)$/i.test(k)) : [];
}

describe('local-only methods', () => {
  it('are exactly the ones that touch the host’s files, window or sharing', () => {
    expect(names.filter(localOf).sort()).toEqual([...LOCAL_ONLY].sort());
  });

  it('include every method whose input names a path or folder, and every chooser', () => {
    const missing = names.filter((m) => (pathKeys(contract[m].input).length > 0 || /\.choose/.test(m)) && !localOf(m));
    expect(missing).toEqual([]);
  });

  it('are refused to a remote caller by the router, and served locally', async () => {
    const served: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_t, name: string) => () => {
        served.push(name);
        return { ok: true };
      },
    });
    const route = createRouter(handlers, () => {});
    const manager = { userId: 'u1', userName: '经理', role: 'manager' as const };
    for (const method of LOCAL_ONLY) {
      const remote = await route(method, {}, { ...manager, origin: 'remote' });
      expect(remote, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'localOnly', method } } });
    }
    expect(served).toEqual([]);
    // workspace.close takes no input: served to this computer's window.
    expect(await route('workspace.close', {}, { ...manager, origin: 'local' })).toEqual({ ok: true, value: { ok: true } });
    // A data method stays open to a remote caller (the role decides).
    await route('customers.list', { offset: 0, limit: 1 }, { ...manager, origin: 'remote' });
    expect(served).toEqual(['workspace.close', 'customers.list']);
  });
});
