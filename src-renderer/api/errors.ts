import type { TFunction } from 'i18next';
import type { FieldErrors } from '../../src-shared/errors';
import { formatBytes } from '../format/format-bytes';
import { formatDateTime } from '../i18n/labels';
import { ApiCallError } from './client';

/** The error's details as message values; a `…Bytes` detail also as a readable size (neededBytes → needed). */
function messageValues(details: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    if (typeof v === 'number' && k.endsWith('Bytes')) out[k.slice(0, -5)] = formatBytes(v);
  }
  return out;
}

/** WORKSPACE_LOCKED / WORKSPACE_BUSY name who holds the workspace (user, machine, app) and since when. */
function holderValues(t: TFunction, details: Record<string, unknown> | undefined): { who: string; sinceText: string } {
  const d = details ?? {};
  const app = typeof d.app === 'string' ? t(`lockHolder.${d.app}`, { defaultValue: d.app }) : '';
  const who = typeof d.user === 'string' ? t('lockHolder.who', { user: d.user, host: d.host, app, pid: d.pid }) : t('lockHolder.unknown');
  // The app's own date format, as in the backup list: not the browser's locale (12/6/2026, 3:58 PM).
  return { who, sinceText: typeof d.since === 'string' ? formatDateTime(d.since) || '—' : '—' };
}

/** A translated sentence for any failure: contract error codes via `error.<CODE>`, anything else as is. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiCallError) {
    // A staged file that is gone (the browser shell deletes an upload once an import used it or was cancelled).
    if (err.code === 'NOT_FOUND' && err.error.details?.fields?.file === 'expired') return t('error.FILE_GONE', { defaultValue: err.error.message });
    return apiErrorText(t, err.error);
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * The sentence for an error envelope (a call's or a finished job's). An error naming a `limit`
 * (IMPORT_LIMIT) takes the sentence of that limit (`error.IMPORT_LIMIT_cellChars`, i18next's
 * context), and the row where it is known.
 */
/** Codes whose details.reason picks the sentence (i18next context): `error.<CODE>_<reason>`. */
const REASONED = new Set([
  'BACKUP_FOLDER',
  'BUNDLE_INVALID',
  'SYNC_REFUSED',
  'SYNC_FOLDER',
  'UNDO_CONFLICT',
  'JOB_CANCELLED',
  'SIGN_IN_FAILED',
  'CONFLICT',
  'FORBIDDEN',
  // signIn / keysMissing (naming the missing keys file) / keyMismatch / keysUnreadable.
  'WORKSPACE_ENCRYPTED',
  'HOST_UNREACHABLE',
]);

export function apiErrorText(t: TFunction, error: { code: string; message: string; details?: unknown }): string {
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined;
  // A file that is neither a spreadsheet nor text (a picture named .csv): its own sentence, not a form's.
  const fields = details?.fields as Record<string, unknown> | undefined;
  if (error.code === 'VALIDATION' && fields?.file === 'notTable') return t('error.NOT_TABLE', { defaultValue: error.message });
  const limit = typeof details?.limit === 'string' ? details.limit : undefined;
  // BACKUP_FOLDER says why the folder cannot be used (missing, not writable …) as its context,
  // BUNDLE_INVALID why a sync bundle was refused (tampered, incomplete …).
  const reason = REASONED.has(error.code) && typeof details?.reason === 'string' ? details.reason : undefined;
  const text = t(`error.${error.code}`, {
    ...messageValues(details),
    // A limit reads 32,767, not 32767.
    ...(limit && typeof details?.max === 'number' ? { max: details.max.toLocaleString() } : {}),
    ...holderValues(t, details),
    defaultValue: error.message,
    message: error.message,
    ...(limit ? { context: limit } : reason ? { context: reason } : {}),
  });
  if (!limit || typeof details?.row !== 'number') return text;
  const where =
    typeof details.column === 'number'
      ? t('error.limitAtCell', { row: details.row, column: details.column })
      : t('error.limitAtRow', { row: details.row });
  return `${text}${where}`;
}

export function isCode(err: unknown, code: string): boolean {
  return err instanceof ApiCallError && err.code === code;
}

/**
 * Field errors keyed by the form's own field names. Main reports paths from the method input
 * (`values.name`, `patch.phones`); the form only knows `name`, `phones`.
 */
export function formFieldErrors(err: unknown): FieldErrors | null {
  if (!(err instanceof ApiCallError)) return null;
  const fields = err.error.details?.fields;
  if (!fields) return null;
  const out: FieldErrors = {};
  for (const [key, code] of Object.entries(fields)) {
    const name = key.replace(/^(values|patch)\./, '').split('.')[0] ?? key;
    if (!out[name]) out[name] = code;
  }
  return out;
}
