import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { tempDir, testUser } from '../../support/temp-workspace';

// HQ's scripts: enrolment and bundles through `kecard site …` and `kecard sync …`, as separate
// processes on real files (dist/main/cli.mjs is built once by tests/support/build-once.ts).
const root = join(import.meta.dirname, '..', '..', '..');
const cliFile = join(root, 'dist', 'main', 'cli.mjs');

let dir: string;
let cleanup: () => void;
let hq: string;
let store: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  hq = join(dir, '总部.kecard');
  store = join(dir, '南京店.kecard');
  for (const [path, name] of [
    [hq, '总部客户'],
    [store, '南京客户'],
  ] as const) {
    const ws = openWorkspace(path, { create: true });
    createCustomer(ws, testUser, { name });
    ws.close();
  }
});
afterAll(() => cleanup());

function kecard(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliFile, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function json<T>(...args: string[]): T {
  const r = kecard(...args, '--json');
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { value: T }).value;
}

const names = (path: string) => {
  const ws = openWorkspace(path, { readOnly: true });
  try {
    return listCustomers(ws, { offset: 0, limit: 50 })
      .rows.map((c) => c.name)
      .sort();
  } finally {
    ws.close();
  }
};

describe('kecard site / sync', () => {
  // A dozen separate processes: a minute or more on a loaded 2-core machine.
  it('creates a network, invites and enrols a store, and exchanges bundles through folders', () => {
    expect(kecard('site', 'show', '-w', hq).stdout).toContain('未加入同步组');
    json('site', 'create-network', '--code', 'HQ', '--name', '总部', '-w', hq);
    const invitation = join(dir, 'nj01.kcinvite');
    expect(kecard('site', 'invite', '--code', 'NJ01', '--name', '南京店', '--out', invitation, '-w', hq).code).toBe(0);
    // HQ gives its customer to 南京店 and keeps another: the store receives the customers of its 门店.
    const ws = openWorkspace(hq);
    const given = listCustomers(ws, { offset: 0, limit: 5 }).rows[0] as { id: string };
    updateCustomer(ws, testUser, given.id, { storeCode: 'NJ01' });
    createCustomer(ws, testUser, { name: '总部自留客户' });
    ws.close();
    const joined = json<{ safetyCode: string }>('site', 'join', '--invite', invitation, '-w', store);
    expect(joined.safetyCode).toMatch(/^\d{5} \d{5} \d{5} \d{5}$/);

    // HQ has no key for the store before its first bundle: said in Chinese, exit 1.
    const early = kecard('sync', 'export', '--to', 'NJ01', '--out', join(dir, 'out-hq'), '-w', hq);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('该门店还没有加入');

    const toHq = join(dir, 'to-hq');
    json('sync', 'export', '--to', 'HQ', '--out', toHq, '-w', store);
    // A stray file beside the bundle is refused alone; the bundle still goes in.
    writeFileSync(join(toHq, '说明.kcsync'), '这不是同步包');
    const applied = kecard('sync', 'import', toHq, '-w', hq);
    expect(applied.stdout).toContain('南京店 已加入');
    expect(applied.stdout).toContain(joined.safetyCode);
    expect(applied.stdout).toContain('该文件不是客卡同步包');
    expect(applied.code).toBe(1);
    expect(names(hq)).toEqual(['南京客户', '总部客户', '总部自留客户'].sort());

    const status = json<{ partners: { code: string; enrolled: boolean; safetyCode: string }[] }>('sync', 'status', '-w', hq);
    expect(status.partners).toMatchObject([{ code: 'NJ01', enrolled: true, safetyCode: joined.safetyCode }]);

    const toStore = join(dir, 'to-nj');
    json('sync', 'export', '--all', '--out', toStore, '-w', hq);
    const [bundle] = readdirSync(toStore);
    // A flipped byte: refused with the reason, nothing applied.
    const bytes = readFileSync(join(toStore, bundle as string));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(join(dir, 'tampered.kcsync'), bytes);
    const refused = kecard('sync', 'import', join(dir, 'tampered.kcsync'), '-w', store);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('同步包已损坏或被篡改');
    expect(names(store)).toEqual(['南京客户']);

    const done = kecard('sync', 'import', toStore, '--processed', join(dir, 'processed'), '-w', store);
    expect(done.code).toBe(0);
    expect(names(store)).toEqual(['南京客户', '总部客户'].sort());
    expect(readdirSync(toStore)).toEqual([]);
    expect(readdirSync(join(dir, 'processed'))).toEqual([bundle]);
    // Applied again: a no-op, said so.
    const again = kecard('sync', 'import', join(dir, 'processed'), '-w', store);
    expect(again.stdout).toContain('已应用过');

    expect(kecard('conflicts', 'list', '-w', store).stdout).toContain('冲突箱是空的');
    const revoke = json<{ partners: { revoked: boolean }[] }>('site', 'revoke', '--code', 'NJ01', '-w', hq);
    expect(revoke.partners[0]?.revoked).toBe(true);
  }, 180_000);
});
