import type { ErrorCode } from '../../src-shared/errors';
import { KecardError } from '../../src-shared/errors';
import { syncErrorsEn, syncErrorsZhCN } from '../../src-shared/i18n/sync-texts';
import { peopleErrorsEn, peopleErrorsZhCN } from '../../src-shared/i18n/people-texts';
import { problemCodeText, rowProblemWords, sayZhCN } from '../../src-shared/i18n/problem-texts';
import type { ImportTarget } from '../../src-shared/import/header-synonyms';
import { fieldHeading, REQUIRED_FIELDS } from '../../src-shared/import/mapping-checks';
import type { RowProblem } from '../../src-shared/import/import-settings';

// The CLI speaks to people in a terminal: one line per error, Chinese then English, and an exit
// code scripts can test. Stacks stay out of the terminal.

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** 128 + SIGINT, what shells report for a command stopped with Ctrl+C. */
  cancelled: 130,
} as const;

/** A mistake in how the command was called (unknown option, missing value). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPEN_PREFIX = '无法打开工作区 / Cannot open workspace';

const MESSAGES: Partial<Record<ErrorCode, (path: string, detail: string) => string>> = {
  WORKSPACE_NOT_FOUND: (path) => `找不到工作区 / Workspace not found: ${path}`,
  WORKSPACE_NOT_KECARD: (path) => `${OPEN_PREFIX}: 这不是客卡工作区文件 / not a Kecard workspace: ${path}`,
  WORKSPACE_NEWER: (path) => `${OPEN_PREFIX}: 它由更新版本的客卡保存，请升级 / it was saved by a newer Kecard, please upgrade: ${path}`,
  WORKSPACE_CORRUPT: (path, detail) => `${OPEN_PREFIX}: 文件已损坏 / the file is damaged: ${path} (${detail})`,
  WORKSPACE_EXISTS: (path) => `文件已存在 / File already exists: ${path}`,
  WORKSPACE_IO: (path, detail) => `${OPEN_PREFIX}: ${detail || path}`,
  JOB_CANCELLED: () => '已取消，工作区未改变 / Cancelled; the workspace is unchanged.',
  VALIDATION: (_path, detail) => `数据无效 / Invalid data: ${detail}`,
  WORKSPACE_READ_ONLY: (path) =>
    `${OPEN_PREFIX}: 文件或其所在文件夹是只读的（文件完好）/ the file or its folder is read-only (the file is fine): ${path}`,
  DISK_FULL: (path) => `磁盘已满，未做任何更改 / The disk is full; nothing was changed: ${path}`,
  WORKSPACE_CANNOT_OPEN: (path, detail) => `${OPEN_PREFIX}: ${path} (${detail})`,
  WORKSPACE_ENCRYPTED: (path, detail) =>
    detail.includes('keys file')
      ? `${OPEN_PREFIX}: 此工作区已加密，但旁边缺少密钥文件 ${path}.keys / this workspace is encrypted, but its keys file ${path}.keys is missing`
      : `此工作区已加密，请登录（--as 登录名，密码放在 KECARD_PASSWORD）/ This workspace is encrypted; please sign in (--as LOGIN with KECARD_PASSWORD): ${path}`,
  WORKSPACE_EMPTY: (path) => `${OPEN_PREFIX}: 这是一个空文件，还不是工作区 / the file is empty, not a workspace yet: ${path}`,
};

export interface CliFailure {
  code: string;
  message: string;
  exitCode: number;
}

/** Turns anything thrown by a command into the one line shown to the user. */
export function describeError(err: unknown, workspacePath = ''): CliFailure {
  if (err instanceof UsageError) {
    return { code: 'USAGE', message: `用法错误 / Usage error: ${err.message}（运行 / run "kecard help"）`, exitCode: EXIT.usage };
  }
  if (err instanceof KecardError) {
    const path = typeof err.details?.path === 'string' ? err.details.path : workspacePath;
    const format = MESSAGES[err.code];
    const holder = holderText(err);
    const missing = err.code === 'VALIDATION' ? missingColumnsText(err.details) : null;
    const rows = err.code === 'VALIDATION' ? invalidRowsText(err.details) : null;
    const sync = syncText(err);
    const message = holder ?? missing ?? rows ?? sync ?? (format ? format(path, err.message) : `错误 / Error (${err.code}): ${err.message}`);
    return { code: err.code, message, exitCode: err.code === 'JOB_CANCELLED' ? EXIT.cancelled : EXIT.failed };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `内部错误 / Internal error: ${detail}`, exitCode: EXIT.failed };
}

/** Sync's refusals (a bundle, an invitation, a folder, an undo over another site) in the app's words. */
function syncText(err: KecardError): string | null {
  return syncRefusalText(err.code, err.details ?? {});
}

export function syncRefusalText(code: string, details: Record<string, unknown>): string | null {
  const reason = typeof details.reason === 'string' ? details.reason : '';
  const texts = (table: Record<string, string>) => (reason ? table[`${code}_${reason}`] : undefined) ?? table[code];
  const zh = texts(syncErrorsZhCN) ?? texts(peopleErrorsZhCN);
  const en = texts(syncErrorsEn) ?? texts(peopleErrorsEn);
  if (zh === undefined || en === undefined) return null;
  const fill = (text: string) =>
    text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const value = details[name];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    });
  return `${fill(zh)} / ${fill(en)}`;
}

/** An all-or-nothing import refused for bad rows: how many, and the first of them, as the checking run lists them. */
function invalidRowsText(details: Record<string, unknown> | undefined): string | null {
  if (typeof details?.invalid !== 'number' || !Array.isArray(details.problems)) return null;
  const target = typeof details.target === 'string' && details.target in REQUIRED_FIELDS ? (details.target as ImportTarget) : 'customers';
  const rows = (details.problems as RowProblem[]).map((p) => problemLine(p, target));
  return [`${details.invalid} 行有问题，未导入任何数据 / ${details.invalid} rows have problems; nothing was imported:`, ...rows].join('\n');
}

/** WORKSPACE_LOCKED (and BUSY when the holder is known): who has the workspace, since when. */
function holderText(err: KecardError): string | null {
  const d = err.details ?? {};
  if (err.code !== 'WORKSPACE_LOCKED' && !(err.code === 'WORKSPACE_BUSY' && typeof d.user === 'string')) return null;
  const path = typeof d.path === 'string' ? d.path : '';
  if (typeof d.user !== 'string') return `工作区正被另一个程序使用 / The workspace is in use by another program: ${path}`;
  const who = `${d.user}@${String(d.host)} (${String(d.app)}, pid ${String(d.pid)})`;
  return `工作区正被 ${who} 使用（自 ${String(d.since)}）/ The workspace is in use by ${who} since ${String(d.since)}: ${path}`;
}

/** An import whose mapping lacks required columns: named once, with the columns the file has, instead of one error per row. */
function missingColumnsText(details: Record<string, unknown> | undefined): string | null {
  const missing = details?.missing;
  const target = details?.target;
  if (!Array.isArray(missing) || missing.length === 0 || typeof target !== 'string' || !(target in REQUIRED_FIELDS)) return null;
  const importTarget = target as ImportTarget;
  const names = missing
    .filter((m): m is string[] => Array.isArray(m))
    .map((alternatives) => `${alternatives.map((f) => fieldHeading(importTarget, f)).join(' 或 ')} (${alternatives.join(' or ')})`);
  const headers = Array.isArray(details?.headers) ? details.headers.filter((h): h is string => typeof h === 'string' && h !== '') : [];
  return [
    `缺少必需的列 / Missing required columns: ${names.join('；')}`,
    headers.length > 0 ? `文件中的列 / Columns in the file: ${headers.join(', ')}` : null,
    '请改表头或用向导映射 / Rename the headers, or map them in the import wizard.',
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

/**
 * One bad row of an import, as the CLI prints it (checking run and refused import alike): in the
 * wizard's words (one table, src-shared/i18n/problem-texts.ts; the field as sheets head it), then
 * the codes a script can match.
 */
export function problemLine(p: RowProblem, target: ImportTarget): string {
  const words = rowProblemWords(sayZhCN, fieldHeading(target, p.field), p);
  return `  ${words} / row ${p.row}: ${p.field} ${p.code} "${p.value}"`;
}

/**
 * A refused `kecard call` for people (stderr; the envelope on stdout stays as the router gave it):
 * each field's problem in the words the app's forms use, with the code after it.
 */
export function refusedCallText(error: { code: string; details?: unknown }): string[] {
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined;
  const rows = invalidRowsText(details);
  if (rows) return rows.split('\n');
  const fields = details?.fields;
  if (error.code !== 'VALIDATION' || typeof fields !== 'object' || fields === null) return [];
  return [
    '数据无效，未做任何更改 / Invalid data; nothing was changed:',
    ...Object.entries(fields as Record<string, unknown>).map(
      ([field, code]) =>
        `  ${field === '_' ? '输入' : field}：${sayZhCN(`fieldError.${String(code)}`) || problemCodeText(sayZhCN, String(code))} / ${field}: ${String(code)}`,
    ),
  ];
}
