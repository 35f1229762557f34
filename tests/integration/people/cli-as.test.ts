import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { tempDir } from '../../support/temp-workspace';

// `kecard call --as LOGIN` with KECARD_PASSWORD, as a script runs it: the bundled CLI in a child process.
const root = join(import.meta.dirname, '..', '..', '..');
const cliFile = join(root, 'dist', 'main', 'cli.mjs');

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

function kecard(args: string[], password?: string): { code: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, KECARD_HOME: join(dir, 'home') };
  delete env.KECARD_PASSWORD;
  if (password !== undefined) env.KECARD_PASSWORD = password;
  const r = spawnSync(process.execPath, [cliFile, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('kecard --as', () => {
  it('works without --as until a password is set; then only with the right password, attributed to that user', () => {
    const file = join(dir, 'cli.kecard');
    expect(kecard(['init', '-w', file]).code).toBe(0);
    expect(kecard(['call', 'customers.create', JSON.stringify({ values: { name: '一人公司' } }), '-w', file]).code).toBe(0);
    const set = kecard(['call', 'account.setPassword', JSON.stringify({ newPassword: 'boss-pass-1' }), '-w', file]);
    expect(set.code, set.stderr).toBe(0);
    expect((JSON.parse(set.stdout) as { value: { recoveryCode: string } }).value.recoveryCode).toMatch(/^[A-Z2-9-]{24}$/);

    const ws = openWorkspace(file, { readOnly: true });
    const owner = ws.db.prepare('SELECT id, login FROM users').get() as { id: string; login: string };
    ws.close();

    const without = kecard(['call', 'customers.list', JSON.stringify({ offset: 0, limit: 5 }), '-w', file]);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('此工作区需要登录');
    expect(without.stderr).toContain('sign in');

    const wrong = kecard(['call', 'customers.list', JSON.stringify({ offset: 0, limit: 5 }), '-w', file, '--as', owner.login], 'not-it');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('登录名或密码不正确');
    expect(wrong.stderr).toContain('Wrong login or password');

    // The slow-down after that failure is a second; this run starts later than that.
    const start = Date.now();
    while (Date.now() - start < 1100) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    const right = kecard(
      ['call', 'customers.create', JSON.stringify({ values: { name: '登录后创建' } }), '-w', file, '--as', owner.login],
      'boss-pass-1',
    );
    expect(right.code, right.stderr).toBe(0);
    const id = (JSON.parse(right.stdout) as { value: { id: string } }).value.id;

    const check = openWorkspace(file, { readOnly: true });
    try {
      expect(customerHistory(check, id)[0]?.userId).toBe(owner.id);
      const actions = check.db.prepare('SELECT action FROM audit_events ORDER BY id').pluck().all();
      expect(actions).toEqual(['ownerCreated', 'passwordSet', 'signInFailed', 'signIn']);
    } finally {
      check.close();
    }
  });
});
