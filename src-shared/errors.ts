// Errors cross every boundary as plain values with a stable code; the UI translates the code,
// tests match on it, and stacks stay in main's log.
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE_CODE',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'UNKNOWN_METHOD',
  'NO_WORKSPACE',
  'WORKSPACE_NEWER',
  'WORKSPACE_NOT_KECARD',
  'WORKSPACE_CORRUPT',
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_EXISTS',
  'WORKSPACE_IO',
  'BACKUP_NO_SPACE',
  'NOTHING_TO_UNDO',
  'UNDO_CONFLICT',
  'JOB_CANCELLED',
  'QUERY_INVALID',
  'INTERNAL',
  'TOO_LARGE',
  'METHOD_NOT_ALLOWED',
  'CUSTOMER_NOT_DELETED',
  'CUSTOMER_PURGED',
  'IMPORT_LIMIT',
  // Environmental failures, each with its own message: none of them is the file's fault.
  'WORKSPACE_LOCKED',
  'WORKSPACE_READ_ONLY',
  'DISK_FULL',
  'WORKSPACE_BUSY',
  'WORKSPACE_CANNOT_OPEN',
  'WORKSPACE_EMPTY',
  // A user's file its reader cannot make sense of (damaged, or crafted to break the reader).
  'IMPORT_UNREADABLE',
  // A chosen backup folder that is missing, not a folder or not writable (details.reason says which).
  'BACKUP_FOLDER',
  // A sync step refused before it changed anything (details.reason: SyncRefusal).
  'SYNC_REFUSED',
  // A sync folder that is not set, missing or not a folder (details.reason says which).
  'SYNC_FOLDER',
  // A sync bundle (同步包) refused before anything was applied (details.reason says why).
  'BUNDLE_INVALID',
  // Nobody is signed in to this window and the workspace asks for it (the sign-in screen).
  'SIGN_IN_REQUIRED',
  // A sign-in refused (details.reason: wrong | locked | disabled | tooSoon; waitMs, lockedUntil).
  'SIGN_IN_FAILED',
  // An encrypted workspace opened without its key (details.reason: signIn | keysMissing |
  // keysUnreadable | keyMismatch). Never "damaged": the file is fine, it is locked.
  'WORKSPACE_ENCRYPTED',
  // 连接同事的工作区: the host cannot be reached (details.reason: refused | timeout | network).
  'HOST_UNREACHABLE',
  // The host's certificate is not the one whose pairing code the colleague typed: nothing was sent.
  'PAIRING_MISMATCH',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field name → message code (see i18n `fieldError.*`), for field-level form messages. */
export type FieldErrors = Record<string, string>;

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: { fields?: FieldErrors; [key: string]: unknown };
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside main only; the router turns it into an envelope. */
export class KecardError extends Error {
  readonly code: ErrorCode;
  readonly details: ApiError['details'];
  constructor(code: ErrorCode, message: string, details?: ApiError['details']) {
    super(message);
    this.name = 'KecardError';
    this.code = code;
    this.details = details;
  }
  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Any failure as a plain ApiError: a KecardError as it is, anything else as INTERNAL. */
export function apiErrorOf(err: unknown): ApiError {
  return err instanceof KecardError ? err.toApiError() : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
