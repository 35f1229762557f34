import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createBackup, listBackups, removePartialFiles, restoreBackupFile } from '../backup/backup-service';
import { openWorkspace } from '../db/open-workspace';
import { acquireWorkspaceLock } from '../db/workspace-lock';
import { importSettings } from '../../src-shared/import/import-settings';
import { producerFileIfBuilt } from '../import/producer-thread';
import { readFilesOnThread } from '../import/reader-thread';
import { runImport } from '../import/run-import';
import { indexPendingSearch } from '../services/search/index-pending-search';
import { listBusinessTypes } from '../services/business/business-type-service';
import { ownerContext } from './cli-sign-in';
import { KecardError } from '../../src-shared/errors';
import { formatMoney } from '../../src-shared/money';
import { UsageError } from './cli-errors';
import { openForCommand } from './cli-workspace';
import type { CliIo, CommandOutput } from './cli-commands';
import { problemLine } from './cli-errors';

export interface ImportArgs {
  file?: string | undefined;
  target?: string | undefined;
  /** Records: the business type, by name (销售机会跟踪) or id. */
  type?: string | undefined;
  mode?: string | undefined;
  sheet?: string | undefined;
  encoding?: string | undefined;
  duplicate?: string | undefined;
  dryRun?: boolean | undefined;
}

/**
 * `kecard import`: the wizard's check and import without the UI, in one transaction. Ctrl+C (or
 * SIGTERM) cancels; a killed process leaves the workspace as it was, since nothing commits early.
 */
export async function importCommand(workspace: string, args: ImportArgs, io: CliIo): Promise<CommandOutput> {
  if (!args.file) throw new UsageError('缺少 / missing --file FILE');
  const file = resolve(args.file);
  if (!existsSync(file)) throw new UsageError(`找不到文件 / no such file: ${file}`);
  if (args.type && args.target !== 'records') throw new UsageError('--type 只用于 --target records / --type goes with --target records');
  if (args.target === 'records' && !args.type) throw new UsageError('缺少业务类型 / missing --type NAME (the business type)');
  const ws = openForCommand(resolve(workspace));
  let businessTypeId: string | undefined;
  if (args.type) {
    const wanted = args.type.trim();
    const types = listBusinessTypes(ws);
    const type = types.find((t) => t.id === wanted) ?? types.find((t) => t.name === wanted);
    if (!type) {
      ws.close();
      throw new UsageError(`没有这个业务类型 / no business type "${wanted}"; 可选 / choose from: ${types.map((t) => t.name).join(', ') || '—'}`);
    }
    businessTypeId = type.id;
  }
  const parsed = importSettings.safeParse({
    target: args.target ?? 'customers',
    ...(businessTypeId ? { businessTypeId } : {}),
    mode: args.mode ?? 'allOrNothing',
    read: { ...(args.sheet ? { sheet: args.sheet } : {}), ...(args.encoding ? { encoding: args.encoding } : {}) },
    ...(args.duplicate ? { duplicateAction: args.duplicate } : {}),
  });
  if (!parsed.success) {
    ws.close();
    throw new UsageError(`参数无效 / invalid option: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  let cancelled = false;
  const onSignal = () => {
    cancelled = true;
    io.note('正在取消，未做任何更改… / Cancelling; nothing will be changed…');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The file is parsed on bounded reader threads, as in the app (reader-thread.ts).
  const fileReader = producerFileIfBuilt(new URL('./file-reader-worker.mjs', import.meta.url));
  if (fileReader) readFilesOnThread({ file: fileReader, formats: 'all', isCancelled: () => cancelled });
  try {
    const report = await runImport(ws, ownerContext(ws), file, parsed.data, {
      dryRun: args.dryRun === true,
      fileName: basename(file),
      isCancelled: () => cancelled,
      // The CLI is bundled beside the import worker, whose file also runs the reading thread.
      producerFile: producerFileIfBuilt(new URL('./import-worker.mjs', import.meta.url)),
      onProgress: (done, total, phase) =>
        io.note(
          `${phase === 'checking' ? '检查 / Checking' : phase === 'writing' ? '导入 / Importing' : phase} ${Math.floor((done / Math.max(1, total)) * 100)}%`,
          true,
        ),
      beforeWrite: async () => {
        await createBackup(ws, 'import');
      },
    });
    io.note('');
    // The app leaves a large import's search documents to a background job; the CLI has no
    // background, so it writes them now (after the commit: the import itself is already safe).
    // Ctrl+C here keeps the rest in the backlog for the app's next open.
    if (report.written) {
      const search = indexPendingSearch(ws, {
        cancelled: () => cancelled,
        onProgress: (done, total) => io.note(`快速查询索引 / Search index ${Math.floor((done / Math.max(1, total)) * 100)}%`, true),
      });
      if (search.indexed > 0) io.note('');
    }
    const text = [
      `行数 / Rows: ${report.total}, 有效 / valid: ${report.valid}, 有问题 / with problems: ${report.invalid}, 重复 / duplicates: ${report.duplicates.length}`,
      ...report.warnings.map(
        (w) =>
          `注意 / Warning: 列「${w.header}」像金额或合计，却映射到了单价 / column "${w.header}" looks like an amount or total but is mapped to the unit price`,
      ),
      ...(report.money
        ? [
            `文件「${report.money.header}」列合计 / File total of "${report.money.header}": ${formatMoney(report.money.fileFen, { symbol: true })}; 将导入明细金额 / lines to import: ${formatMoney(report.money.linesFen, { symbol: true })}; 订单金额 / order totals: ${formatMoney(report.money.ordersFen, { symbol: true })}`,
          ]
        : []),
      ...report.problems.slice(0, 20).map((p) => problemLine(p, report.target)),
      report.written
        ? `已导入 / Imported: ${report.written.inserted} 新增 / new, ${report.written.updated} 更新 / updated, ${report.written.skipped} 跳过 / skipped`
        : '仅检查，未写入 / Checked only; nothing written',
    ];
    return { json: report, text };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    ws.close();
  }
}

export async function backupCommand(workspace: string): Promise<CommandOutput> {
  const ws = openForCommand(resolve(workspace));
  removePartialFiles(ws.path); // what a killed backup left behind (the lock says none is running)
  try {
    const info = await createBackup(ws, 'manual');
    return { json: info, text: [`已备份 / Backed up: ${info.file} (${info.bytes.toLocaleString('en-US')} bytes)`] };
  } finally {
    ws.close();
  }
}

/** `kecard restore`: lists backups, or puts one back (`--backup FILE` or `--latest`). Works on damaged workspaces too. */
export async function restoreCommand(workspace: string, backup: string | undefined, latest: boolean): Promise<CommandOutput> {
  const path = resolve(workspace);
  const backups = listBackups(path);
  if (!backup && !latest) {
    return {
      json: backups,
      text: backups.length
        ? [
            '备份 / Backups (newest first):',
            ...backups.map((b) => `  ${b.file}  ${b.takenAt}  ${b.reason}`),
            '用 --backup FILE 或 --latest 恢复 / restore with --backup FILE or --latest',
          ]
        : ['没有备份 / No backups.'],
    };
  }
  const file = backup ?? backups.find((b) => b.reason !== 'restore')?.file;
  if (!file) throw new KecardError('NOT_FOUND', '没有可恢复的备份 / No backup to restore.');
  // Refused while the app (or another command) has the file open: it would go on writing into
  // the replaced file, and what it wrote would vanish.
  const lock = acquireWorkspaceLock(path, 'cli');
  try {
    await restoreBackupFile(path, file);
    openWorkspace(path, { lock }).closeKeepingLock(); // proves the restored file opens (and migrates it if it came from an older version)
  } finally {
    lock.release();
  }
  return { json: { restored: file, workspace: path }, text: [`已恢复 / Restored ${file}`, `工作区 / Workspace: ${path}`] };
}
