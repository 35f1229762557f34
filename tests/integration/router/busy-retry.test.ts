import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestShell } from '../../support/test-app';

// A worker's sync chunk or import holds the write lock for seconds; main waits only 200 ms on it.
// The router tries such a save again after an asynchronous pause, never a call that wrote part.
let shell: Awaited<ReturnType<typeof startTestShell>>;
beforeAll(async () => {
  shell = await startTestShell();
});
afterAll(async () => {
  await shell.stop();
});

function holdWriteLock(ms: number): Promise<void> {
  const other = new Database(shell.app.host.workspace.path);
  other.exec('BEGIN IMMEDIATE');
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec('COMMIT');
      other.close();
      resolve();
    }, ms),
  );
}

describe('a save while another connection holds the write lock', () => {
  it('goes in once the lock is free, exactly once', async () => {
    const released = holdWriteLock(900);
    const started = Date.now();
    const res = await shell.app.dispatch('customers.create', { values: { name: '等锁有限公司' } }, shell.app.host.context);
    await released;
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    const search = await shell.app.dispatch('customers.list', { offset: 0, limit: 10, q: '等锁' }, shell.app.host.context);
    expect(search.ok && (search.value as { total: number }).total).toBe(1);
  });

  it('is refused as busy, in words, when the lock stays longer than the retries wait', async () => {
    const released = holdWriteLock(7000);
    const res = await shell.app.dispatch('customers.create', { values: { name: '久等有限公司' } }, shell.app.host.context);
    await released;
    expect(res).toMatchObject({ ok: false, error: { code: 'WORKSPACE_BUSY' } });
    const search = await shell.app.dispatch('customers.list', { offset: 0, limit: 10, q: '久等' }, shell.app.host.context);
    expect(search.ok && (search.value as { total: number }).total).toBe(0);
  }, 20_000);
});
