import i18next, { type TFunction } from 'i18next';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { BACKUP_SPACE, locationFile } from '../../../src-main/backup/backup-location';
import { createBackup, listBackups } from '../../../src-main/backup/backup-service';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { formatBytes } from '../../../src-renderer/format/format-bytes';
import { importZhCN } from '../../../src-renderer/i18n/import.zh-CN';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { MethodOutput } from '../../../src-shared/contract/methods';
import type { ApiError } from '../../../src-shared/errors';
import { tempDir, testUser } from '../../support/temp-workspace';

// Issue 16: the user chooses where backups go (another folder or disk); the choice is checked
// (exists, writable, room for a backup) with a Chinese sentence when it cannot be used, and every
// kind of backup — scheduled, manual, before an import, the safety copy of a restore — uses it.

let dir: string;
let cleanup: () => void;
let app: ComposedApp;
let zh: TFunction;
let chosenByDialog: string | null;
const events: KecardEvent[] = [];

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: { ...zhCN, ...importZhCN } } }, interpolation: { escapeValue: false } });
  zh = instance.t;
});
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  events.length = 0;
  chosenByDialog = null;
  app = composeApp({
    dataDir: join(dir, 'data'),
    shell: 'electron',
    workerDir: new URL('file:///nonexistent/'),
    parseFilesInPlace: true,
    dialogs: { choosePath: () => Promise.resolve(null), chooseFolder: () => Promise.resolve(chosenByDialog) },
  });
  app.setEventSink((e) => events.push(e));
});
afterEach(async () => {
  await app.dispose();
  cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const envelope = await app.dispatch(method, input, app.host.context);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { api: envelope.error });
  return envelope.value as T;
}
async function refusal(method: string, input: unknown): Promise<ApiError> {
  const envelope = await app.dispatch(method, input, app.host.context);
  if (envelope.ok) throw new Error(`${method} was not refused`);
  return envelope.error;
}
type Location = MethodOutput<'backups.location'>;

/** The sentence the renderer shows (api/errors.ts, which needs a window): error.<CODE>, the reason as context. */
function apiErrorText(t: TFunction, error: ApiError): string {
  const d = (error.details ?? {}) as Record<string, unknown>;
  const bytes = Object.fromEntries(
    Object.entries(d)
      .filter(([k, v]) => k.endsWith('Bytes') && typeof v === 'number')
      .map(([k, v]) => [k.slice(0, -5), formatBytes(v as number)]),
  );
  return t(`error.${error.code}`, { ...d, ...bytes, ...(typeof d.reason === 'string' ? { context: d.reason } : {}) });
}

function workspaceWithCustomer(name: string): string {
  const path = join(dir, 'work', '门店.kecard');
  mkdirSync(dirname(path), { recursive: true });
  const ws = openWorkspace(path, { create: true });
  createCustomer(ws, testUser, { name });
  ws.close();
  return path;
}

describe('the backup folder', () => {
  it('a folder chosen in the dialog takes scheduled, manual, import and restore backups; older ones stay listed and restorable', async () => {
    const path = workspaceWithCustomer('旧备份里的客户');
    app.host.open(path);
    // Three days old, beside the workspace, made before the folder changed.
    const old = await createBackup(app.host.workspace, 'manual', new Date(Date.now() - 3 * 86_400_000));
    createCustomer(app.host.workspace, app.host.context, { name: '之后的客户' });

    const before = await call<Location>('backups.location', {});
    expect(before).toMatchObject({ folder: null, dir: `${path}.backups`, available: true, enoughSpace: true });
    expect(before.freeBytes).toBeGreaterThan(0);
    expect(before.neededBytes).toBeGreaterThan(0);

    const disk = join(dir, '移动硬盘');
    mkdirSync(disk);
    chosenByDialog = disk;
    const chosen = await call<MethodOutput<'backups.chooseFolder'>>('backups.chooseFolder', {});
    expect(chosen.native).toBe(true);
    const location = chosen.location as Location;
    expect(location.folder).toBe(disk);
    expect(dirname(location.dir)).toBe(disk);
    expect(location.dir).toMatch(/门店\.kecard\.[0-9a-f-]{8}\.backups$/);
    // Kept beside the workspace, private: the worker, the CLI and a damaged workspace find it by its path.
    expect(statSync(locationFile(path)).mode & 0o777).toBe(0o600);

    // The daily backup is due (the newest is three days old) and goes to the chosen disk.
    await app.host.backupIfDue();
    const manual = await call<{ file: string }>('backups.create', {});
    // An import's backup is made by the import worker on its own connection.
    const worker = openWorkspace(path);
    await createBackup(worker, 'import');
    worker.close();
    expect(
      readdirSync(location.dir)
        .filter((f) => f.endsWith('.bak'))
        .map((f) => f.split('.').at(-2))
        .sort(),
    ).toEqual(['import', 'manual', 'scheduled']);
    expect(readdirSync(location.dir)).toContain(manual.file);
    expect(readdirSync(`${path}.backups`)).toEqual([old.file]);

    const listed = await call<{ file: string; reason: string }[]>('backups.list', {});
    expect(listed.map((b) => b.reason).sort()).toEqual(['import', 'manual', 'manual', 'scheduled']);

    // The backup from before the change restores; the replaced file is kept on the chosen disk.
    await call('backups.restore', { file: old.file });
    expect(listCustomers(app.host.workspace, { offset: 0, limit: 10 }).rows.map((c) => c.name)).toEqual(['旧备份里的客户']);
    expect(readdirSync(location.dir).some((f) => f.endsWith('.restore.bak'))).toBe(true);

    // Back to the default: new backups go beside the workspace again; the files on the disk are
    // left as they are (deleting them is the user's call).
    const reset = await call<Location>('backups.setFolder', { folder: null });
    expect(reset.folder).toBeNull();
    expect(existsSync(locationFile(path))).toBe(false);
    expect(readdirSync(location.dir).length).toBe(4);
  });

  it('a cancelled dialog changes nothing; the browser shell has no dialog and takes a typed path', async () => {
    const path = workspaceWithCustomer('客户');
    app.host.open(path);
    expect(await call('backups.chooseFolder', {})).toEqual({ native: true, location: null });
    expect(existsSync(locationFile(path))).toBe(false);

    const shell = composeApp({ dataDir: join(dir, 'data2'), shell: 'browser', workerDir: new URL('file:///nonexistent/'), parseFilesInPlace: true });
    try {
      const other = join(dir, 'other.kecard');
      shell.host.create(other);
      expect(await shell.dispatch('backups.chooseFolder', {}, shell.host.context)).toEqual({ ok: true, value: { native: false, location: null } });
      const typed = join(dir, '备份');
      mkdirSync(typed);
      const set = await shell.dispatch('backups.setFolder', { folder: `  ${typed}  ` }, shell.host.context);
      expect(set).toMatchObject({ ok: true, value: { folder: typed } });
      const made = await shell.dispatch('backups.create', {}, shell.host.context);
      expect(made.ok).toBe(true);
      expect(listBackups(other).length).toBe(1);
      expect(readdirSync(typed)).toHaveLength(1);
    } finally {
      await shell.dispose();
    }
  });

  it('refuses a folder that is missing, a file, relative or too small, in Chinese, and keeps the folder it had', async () => {
    const path = workspaceWithCustomer('客户');
    app.host.open(path);
    const missing = join(dir, '没有这个文件夹');
    const asFile = join(dir, '一个文件.txt');
    writeFileSync(asFile, 'x');

    const notThere = await refusal('backups.setFolder', { folder: missing });
    expect(notThere).toMatchObject({ code: 'BACKUP_FOLDER', details: { reason: 'missing', folder: missing } });
    expect(apiErrorText(zh, notThere)).toBe(`备份文件夹 ${missing} 不存在。如果它在移动硬盘或网络位置上，请先连接后再试，或选择其他文件夹。`);
    expect(existsSync(missing)).toBe(false);

    const file = await refusal('backups.setFolder', { folder: asFile });
    expect(apiErrorText(zh, file)).toBe(`${asFile} 是一个文件，不是文件夹。请选择一个文件夹。`);

    const relative = await refusal('backups.setFolder', { folder: 'backups' });
    expect(apiErrorText(zh, relative)).toContain('请填写备份文件夹的完整路径');

    const small = join(dir, '小磁盘');
    mkdirSync(small);
    const reserve = BACKUP_SPACE.reserveBytes;
    BACKUP_SPACE.reserveBytes = Number.MAX_SAFE_INTEGER; // stands for a disk without room for the workspace
    try {
      const full = await refusal('backups.setFolder', { folder: small });
      expect(full).toMatchObject({ code: 'BACKUP_NO_SPACE', details: { folder: small } });
      expect(apiErrorText(zh, full)).toMatch(
        /^磁盘空间不足：备份约需 .+，.+ 所在磁盘只剩 .+。请清理磁盘，或在“备份与恢复”中选择其他磁盘上的备份文件夹。$/,
      );
      // The screen says so before any backup is tried.
      expect(await call<Location>('backups.location', {})).toMatchObject({ enoughSpace: false, available: true });
    } finally {
      BACKUP_SPACE.reserveBytes = reserve;
    }
    expect(await call<Location>('backups.location', {})).toMatchObject({ folder: null, dir: `${path}.backups`, enoughSpace: true });
    expect(existsSync(locationFile(path))).toBe(false);
  });

  it('a chosen disk that is gone fails the backup with that reason and is not recreated; the screen says so', async () => {
    const path = workspaceWithCustomer('客户');
    app.host.open(path);
    const disk = join(dir, 'usb');
    mkdirSync(disk);
    await call('backups.setFolder', { folder: disk });
    rmSync(disk, { recursive: true });

    const failed = await refusal('backups.create', {});
    expect(failed).toMatchObject({ code: 'BACKUP_FOLDER', details: { reason: 'missing' } });
    expect(existsSync(disk)).toBe(false);
    await expect(app.host.backupIfDue()).rejects.toMatchObject({ code: 'BACKUP_FOLDER' });
    expect(events.some((e) => e.type === 'backup.failed' && e.error.code === 'BACKUP_FOLDER')).toBe(true);

    const location = await call<Location>('backups.location', {});
    expect(location).toMatchObject({ available: false, freeBytes: null, folder: disk });
    expect(apiErrorText(zh, location.problem as ApiError)).toContain(`备份文件夹 ${disk} 不存在`);
  });

  it('manual backups survive rotation however many scheduled ones follow', async () => {
    const path = workspaceWithCustomer('客户');
    app.host.open(path);
    const day = 86_400_000;
    const start = Date.now() - 60 * day;
    const manual = await createBackup(app.host.workspace, 'manual', new Date(start));
    for (let i = 1; i <= 40; i += 1) await createBackup(app.host.workspace, 'scheduled', new Date(start + i * day));
    const kept = listBackups(path);
    expect(kept.map((b) => b.file)).toContain(manual.file);
    // 7 daily and 4 weekly slots (overlapping) rotate the scheduled ones.
    expect(kept.filter((b) => b.reason === 'scheduled').length).toBeLessThanOrEqual(11);
  });
});
