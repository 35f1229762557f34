import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireWorkspaceLock, lockPathOf, processStartTime } from '../../../src-main/db/workspace-lock';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { AppHost } from '../../../src-main/workspace/app-host';
import { startHolder, type HolderProcess } from '../../support/holder-process';
import { tempDir } from '../../support/temp-workspace';

// Two real processes on one workspace file: the second opener is refused and told who has it;
// a lock left by a killed process is taken over.
const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'dist', 'main', 'cli.mjs');

let dir: string;
let cleanup: () => void;
let holder: HolderProcess | null = null;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  if (holder) {
    holder.kill();
    await holder.exited;
    holder = null;
  }
  cleanup();
});

function newWorkspace(name: string): string {
  const path = join(dir, name);
  openWorkspace(path, { create: true }).close();
  return path;
}

function kecard(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the workspace lock', () => {
  it('refuses a second app, naming the holder, and lets read-only CLI commands read beside it', { timeout: 90_000 }, async () => {
    const path = newWorkspace('shared.kecard');
    holder = await startHolder(join(dir, 'data-a'), path);
    expect(await holder.ask('write 甲公司')).toMatch(/^ok /);

    const second = new AppHost({ dataDir: join(dir, 'data-b'), shell: 'electron' });
    let refusal: unknown = null;
    try {
      second.open(path);
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toMatchObject({
      code: 'WORKSPACE_LOCKED',
      details: { path, app: 'browser', user: userInfo().username, host: hostname(), pid: holder.pid },
    });
    expect(second.hasWorkspace).toBe(false);
    second.dispose();

    // The CLI's writing commands are refused too, in Chinese first…
    const backup = kecard('backup', '--workspace', path);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('工作区正被');
    expect(backup.stderr).toContain(`pid ${holder.pid}`);
    const json = kecard('backup', '--workspace', path, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'WORKSPACE_LOCKED' } });
    // …while info only reads, on a read-only connection.
    const info = kecard('info', '--workspace', path, '--json');
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ ok: true, value: { counts: { customers: 1 } } });
    expect(await holder.ask('write 乙公司')).toMatch(/^ok /);

    // Released on close: the next opener gets it.
    await holder.ask('exit').catch(() => undefined);
    await holder.exited;
    holder = null;
    expect(existsSync(lockPathOf(path))).toBe(false);
    const third = new AppHost({ dataDir: join(dir, 'data-c'), shell: 'browser' });
    expect(third.open(path).customerCount).toBe(2);
    third.dispose();
  });

  it('takes over the lock of a killed process, and only that one', async () => {
    const path = newWorkspace('crashed.kecard');
    holder = await startHolder(join(dir, 'data-a'), path);
    const pid = holder.pid;
    holder.kill('SIGKILL');
    await holder.exited;
    holder = null;
    expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8'))).toMatchObject({ pid });

    const host = new AppHost({ dataDir: join(dir, 'data-b'), shell: 'browser' });
    expect(host.open(path).path).toBe(path);
    expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8'))).toMatchObject({ pid: process.pid, app: 'browser' });
    host.dispose();
    expect(existsSync(lockPathOf(path))).toBe(false);
  });

  it("a crashed holder's pid now run by another process: its start time differs, the lock is taken over", { timeout: 90_000 }, async () => {
    const path = newWorkspace('reused-pid.kecard');
    holder = await startHolder(join(dir, 'data-a'), path);
    const crashed = holder;
    crashed.kill('SIGKILL');
    await crashed.exited;
    holder = null;
    const left = JSON.parse(readFileSync(lockPathOf(path), 'utf8')) as { pid: number; startTime: string };
    expect(left).toMatchObject({ pid: crashed.pid, startTime: expect.any(String) as unknown });
    // The kernel gives pids out again; here an unrelated process is made to hold one the lock
    // names (the pid is the only thing written in: the start times are the system's own).
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => other.once('spawn', resolve));
      const pid = other.pid as number;
      expect(processStartTime(pid)).not.toBeNull();
      // Same pid and the start time it really has: a live holder, refused.
      writeFileSync(lockPathOf(path), JSON.stringify({ ...left, pid, startTime: processStartTime(pid) }));
      expect(() => acquireWorkspaceLock(path, 'cli')).toThrow(
        expect.objectContaining({ code: 'WORKSPACE_LOCKED', details: expect.objectContaining({ pid }) as unknown }),
      );
      // Same pid, the crashed holder's start time: not the holder any more, taken over.
      writeFileSync(lockPathOf(path), JSON.stringify({ ...left, pid }));
      const host = new AppHost({ dataDir: join(dir, 'data-b'), shell: 'browser' });
      expect(host.open(path).path).toBe(path);
      expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8'))).toMatchObject({ pid: process.pid, startTime: processStartTime(process.pid) });
      host.dispose();
    } finally {
      other.kill('SIGKILL');
    }
  });

  // Found by hand (session 11): a shell killed with kill -9 whose parent had not yet collected it
  // kept its workspace for as long as it stayed a zombie — its pid answers kill(pid, 0) and its
  // /proc entry keeps its start time — so the next shell refused to start "in use by" the dead one.
  it.runIf(process.platform === 'linux')(
    'a holder that has exited but is not yet collected (a zombie) is taken over',
    { timeout: 30_000 },
    async () => {
      const path = newWorkspace('zombie.kecard');
      // `sleep 0.1` ends at once; its parent then becomes `sleep 30`, which never collects it.
      const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
      try {
        const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (b: Buffer) => resolve(b.toString().trim()))));
        const startTime = processStartTime(pid);
        expect(startTime).not.toBeNull();
        const state = () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
        for (let i = 0; i < 50 && state() !== 'Z'; i += 1) await new Promise((r) => setTimeout(r, 50));
        expect(state()).toBe('Z');
        const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
        const dead = {
          app: 'browser',
          user: userInfo().username,
          host: hostname(),
          pid,
          since: new Date().toISOString(),
          bootId,
          startTime,
          token: 'z-1',
        };
        writeFileSync(lockPathOf(path), JSON.stringify(dead));
        const lock = acquireWorkspaceLock(path, 'cli');
        expect(lock.holder.pid).toBe(process.pid);
        lock.release();
      } finally {
        parent.kill('SIGKILL');
      }
    },
  );

  it('never takes over a lock held on another machine, nor one being written right now', () => {
    const path = newWorkspace('remote.kecard');
    const remote = {
      app: 'electron',
      user: 'zhang',
      host: 'front-desk-pc',
      pid: 4242,
      since: '2026-12-01T08:00:00.000Z',
      bootId: null,
      token: 't-1',
    };
    writeFileSync(lockPathOf(path), JSON.stringify(remote));
    let refusal: unknown = null;
    try {
      acquireWorkspaceLock(path, 'cli');
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toMatchObject({ code: 'WORKSPACE_LOCKED', details: { user: 'zhang', host: 'front-desk-pc', since: remote.since } });

    // Empty: its writer is between creating and writing it; presumed live while fresh…
    writeFileSync(lockPathOf(path), '');
    expect(() => acquireWorkspaceLock(path, 'cli')).toThrow(expect.objectContaining({ code: 'WORKSPACE_LOCKED' }));
    // …and left over from a crash once old.
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathOf(path), old, old);
    const lock = acquireWorkspaceLock(path, 'cli');
    expect(lock.holder.pid).toBe(process.pid);
    // A second opener in the same process is a second opener too.
    expect(() => acquireWorkspaceLock(path, 'cli')).toThrow(expect.objectContaining({ code: 'WORKSPACE_LOCKED' }));
    lock.release();
    expect(existsSync(lockPathOf(path))).toBe(false);
  });
});
