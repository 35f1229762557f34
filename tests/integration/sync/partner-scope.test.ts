import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSiteSummary } from '../../../src-shared/domain/sync';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { changeStoreScope, syncStatus } from '../../../src-main/sync/network/network-service';
import { enrolledNetwork, type Network } from '../../support/sync-sites';
import { refusal } from '../../support/refusal';
import { tempDir } from '../../support/temp-workspace';

// 门店管理 → 修改范围: HQ sets which customers a store receives, through the service, the router
// (`kecard call sync.setScope`) and `kecard site scope`, on real files.
const root = join(import.meta.dirname, '..', '..', '..');
const cliFile = join(root, 'dist', 'main', 'cli.mjs');

let dir: string;
let cleanup: () => void;
let net: Network;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  net = enrolledNetwork(
    dir,
    ['NJ01', 'SH01'],
    () => {},
    () => ({ customers: 'own' }),
  );
});
afterAll(() => {
  net.hq.close();
  for (const s of net.stores) s.close();
  cleanup();
});

const scopeAt = (status: SyncSiteSummary, code: string) => status.partners.find((p) => p.code === code)?.scope;

function kecard(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliFile, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('changeStoreScope', () => {
  it('a new store receives its own customers; HQ widens and narrows it, codes sorted and once', () => {
    expect(scopeAt(syncStatus(net.hq), 'NJ01')).toEqual({ customers: 'own' });
    const widened = changeStoreScope(net.hq, 'nj01', { customers: 'stores', stores: ['SH01', 'NJ01', 'SH01'] });
    expect(scopeAt(widened, 'NJ01')).toEqual({ customers: 'stores', stores: ['NJ01', 'SH01'] });
    expect(scopeAt(widened, 'SH01')).toEqual({ customers: 'own' });
    expect(scopeAt(changeStoreScope(net.hq, 'SH01', { customers: 'all' }), 'SH01')).toEqual({ customers: 'all' });
    // HQ's own code is a 门店 too (customers HQ serves itself).
    expect(scopeAt(changeStoreScope(net.hq, 'SH01', { customers: 'stores', stores: ['HQ'] }), 'SH01')).toEqual({
      customers: 'stores',
      stores: ['HQ'],
    });
    expect(scopeAt(changeStoreScope(net.hq, 'SH01', { customers: 'own' }), 'SH01')).toEqual({ customers: 'own' });
  });

  it('refuses codes outside the network, a store setting scopes and an unknown partner, changing nothing', () => {
    changeStoreScope(net.hq, 'NJ01', { customers: 'own' });
    const unknownStore = refusal(() => changeStoreScope(net.hq, 'NJ01', { customers: 'stores', stores: ['NJ01', 'BJ01'] }));
    expect(unknownStore.code).toBe('VALIDATION');
    expect(unknownStore.details?.fields).toEqual({ stores: 'invalid' });
    const empty = refusal(() => changeStoreScope(net.hq, 'NJ01', { customers: 'stores', stores: [] }));
    expect(empty.code).toBe('VALIDATION');
    const atStore = refusal(() => changeStoreScope(net.stores[0]!, 'HQ', { customers: 'all' }));
    expect(atStore.code).toBe('SYNC_REFUSED');
    expect(atStore.details?.reason).toBe('notHq');
    const nobody = refusal(() => changeStoreScope(net.hq, 'GZ01', { customers: 'all' }));
    expect(nobody.details?.reason).toBe('unknownPartner');
    expect(scopeAt(syncStatus(net.hq), 'NJ01')).toEqual({ customers: 'own' });
  });
});

describe('sync.setScope and kecard site scope', () => {
  it('through the router (kecard call) and the CLI, kept in the file; status carries the scope', () => {
    const hqPath = join(dir, 'hq.kecard');
    net.hq.close();
    try {
      const called = kecard(
        'call',
        'sync.setScope',
        JSON.stringify({ code: 'NJ01', scope: { customers: 'stores', stores: ['SH01', 'NJ01'] } }),
        '-w',
        hqPath,
      );
      expect(called.code, called.stderr).toBe(0);
      const status = (JSON.parse(called.stdout) as { value: SyncSiteSummary }).value;
      expect(scopeAt(status, 'NJ01')).toEqual({ customers: 'stores', stores: ['NJ01', 'SH01'] });

      // The contract checks the shape before the service: a lower-case or malformed code is VALIDATION.
      const bad = kecard('call', 'sync.setScope', JSON.stringify({ code: 'NJ01', scope: { customers: 'stores', stores: ['nj 01'] } }), '-w', hqPath);
      expect(bad.code).toBe(1);
      expect((JSON.parse(bad.stdout) as { error: { code: string } }).error.code).toBe('VALIDATION');

      const all = kecard('site', 'scope', '--code', 'sh01', '--all', '-w', hqPath, '--json');
      expect(all.code, all.stderr).toBe(0);
      expect(scopeAt((JSON.parse(all.stdout) as { value: SyncSiteSummary }).value, 'SH01')).toEqual({ customers: 'all' });
      const listed = kecard('site', 'scope', '--code', 'SH01', '--stores', 'sh01,HQ', '-w', hqPath);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toContain('SH01 门店2');
      expect(listed.stdout).toContain('范围 / scope: 指定门店的客户 / customers of HQ, SH01');

      const twoRules = kecard('site', 'scope', '--code', 'SH01', '--own', '--all', '-w', hqPath);
      expect(twoRules.code).toBe(2);
      expect(twoRules.stderr).toContain('请给出 --own、--all 或 --stores 之一');
      const outside = kecard('site', 'scope', '--code', 'SH01', '--stores', 'BJ01', '-w', hqPath);
      expect(outside.code).toBe(1);
      const atStore = kecard('site', 'scope', '--code', 'HQ', '--own', '-w', join(dir, 'NJ01.kecard'));
      expect(atStore.code).toBe(1);

      expect(scopeAt({ ...syncStatusOf(hqPath) }, 'SH01')).toEqual({ customers: 'stores', stores: ['HQ', 'SH01'] });
    } finally {
      net.hq = openWorkspace(hqPath);
    }
  });
});

function syncStatusOf(path: string): SyncSiteSummary {
  const ws = openWorkspace(path, { readOnly: true });
  try {
    return syncStatus(ws);
  } finally {
    ws.close();
  }
}
