import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { composeApp } from '../../../src-main/app/compose-app';
import { StagedFiles } from '../../../src-main/import/staged-files';
import { distWorkers, jobFinished } from '../../support/job-events';
import { tempDir } from '../../support/temp-workspace';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function folder(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('staged files', () => {
  it('writes uploads 0600 into a private folder of this process under the data folder, never /tmp', async () => {
    const dataDir = folder();
    const staged = new StagedFiles(dataDir);
    const token = await staged.stageUpload(Readable.from([Buffer.from('客户名称\n华南贸易\n')]), '客户.csv');
    const file = staged.get(token);
    expect(dirname(dirname(file.path))).toBe(join(dataDir, 'staging'));
    expect(modeOf(file.path)).toBe(0o600);
    expect(modeOf(dirname(file.path))).toBe(0o700);
    expect(modeOf(join(dataDir, 'staging'))).toBe(0o700);
    // An export is written there too.
    expect(dirname(staged.exportPath('.xlsx'))).toBe(dirname(file.path));
    staged.disposeAll();
    expect(existsSync(dirname(file.path))).toBe(false);
  });

  it('deletes an uploaded copy or an export once released, but never a file the user chose', async () => {
    const dataDir = folder();
    const staged = new StagedFiles(dataDir);
    const upload = await staged.stageUpload(Readable.from([Buffer.from('a')]), 'a.csv');
    const uploaded = staged.get(upload).path;
    staged.release(upload);
    expect(existsSync(uploaded)).toBe(false);
    expect(() => staged.get(upload)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);

    const own = join(dataDir, 'mine.csv');
    writeFileSync(own, 'a');
    const chosen = staged.stagePath(own, 'mine.csv');
    staged.release(chosen);
    expect(existsSync(own)).toBe(true);
    expect(staged.get(chosen).path).toBe(own);

    staged.discard(own); // not in the staging folder: left alone
    expect(existsSync(own)).toBe(true);
    const out = staged.exportPath('.csv');
    writeFileSync(out, 'x');
    staged.discard(out);
    expect(existsSync(out)).toBe(false);
    staged.disposeAll();
  });

  it('removes on start what processes no longer running left, and keeps the folders of live ones', async () => {
    const dataDir = folder();
    const staging = join(dataDir, 'staging');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      for (const name of [`${dead}-abc123`, `${live.pid}-def456`, 'notes']) {
        mkdirSync(join(staging, name), { recursive: true });
        writeFileSync(join(staging, name, 'file'), 'x');
      }
      const staged = new StagedFiles(dataDir);
      expect(readdirSync(staging).sort()).toEqual([`${live.pid}-def456`, 'notes'].sort());
      expect(modeOf(staging)).toBe(0o700);
      staged.disposeAll();
    } finally {
      const exited = new Promise((r) => live.once('exit', r));
      live.kill('SIGKILL');
      await exited;
    }
  });

  it('deletes an uploaded file once the import that consumed it is done or cancelled; keeps it after a failed one', async () => {
    const dataDir = folder();
    const events: KecardEvent[] = [];
    const app = composeApp({ dataDir, shell: 'browser', workerDir: distWorkers });
    app.setEventSink((e) => events.push(e));
    try {
      app.host.openDefault();
      const stage = () => app.host.staged.stageUpload(Readable.from([Buffer.from('客户名称,电话\n华南贸易有限公司,13800138000\n')]), 'c.csv');
      const run = async (fileToken: string, settings: Record<string, unknown>) => {
        const started = await app.dispatch('import.run', { fileToken, settings }, app.host.context);
        if (!started.ok) throw new Error(started.error.message);
        return jobFinished(events, (started.value as { jobId: string }).jobId, 60_000);
      };

      const failing = await stage();
      const failed = await run(failing, { target: 'customers', mapping: { '0': null, '1': 'phones' } });
      expect(failed.ok).toBe(false);
      expect(existsSync(app.host.staged.get(failing).path)).toBe(true);

      const good = await stage();
      const path = app.host.staged.get(good).path;
      // The check (a dry run) does not consume the file.
      const checked = await app.dispatch('import.check', { fileToken: good, settings: { target: 'customers' } }, app.host.context);
      if (!checked.ok) throw new Error(checked.error.message);
      expect((await jobFinished(events, (checked.value as { jobId: string }).jobId, 60_000)).ok).toBe(true);
      expect(existsSync(path)).toBe(true);
      const done = await run(good, { target: 'customers' });
      expect(done.ok).toBe(true);
      expect(existsSync(path)).toBe(false);

      // Cancelled before its first batch (the flag is checked there): the copy goes too.
      const cancelledToken = await stage();
      const cancelledPath = app.host.staged.get(cancelledToken).path;
      const started = await app.dispatch('import.run', { fileToken: cancelledToken, settings: { target: 'customers' } }, app.host.context);
      if (!started.ok) throw new Error(started.error.message);
      const jobId = (started.value as { jobId: string }).jobId;
      app.jobs.cancel(jobId);
      expect(await jobFinished(events, jobId, 60_000)).toMatchObject({ ok: false, cancelled: true });
      expect(existsSync(cancelledPath)).toBe(false);
    } finally {
      await app.dispose();
    }
  }, 120_000);
});
