import type { Role } from '../../src-shared/domain/enums';
import { ERROR_CODES, KecardError, type ApiError, type ErrorCode } from '../../src-shared/errors';
import { fromSqliteError } from '../db/sqlite-errors';

// Messages between a job's worker thread and the job runner in main.

export interface JobWorkerData<P = unknown> {
  workspacePath: string;
  params: P;
  /** Int32Array over this buffer; index 0 becomes 1 when the user cancels. */
  cancelFlag: SharedArrayBuffer;
  user: { userId: string; userName: string; role: Role };
}

export type JobMessage =
  | { type: 'progress'; done: number; total: number; phase: string }
  | { type: 'done'; result: unknown }
  | { type: 'error'; code: string; message: string; details?: unknown };

/** What a worker posts for an error: a KecardError as it is, a disk or lock failure by its code, anything else as INTERNAL. */
export function errorMessage(failure: unknown): Extract<JobMessage, { type: 'error' }> {
  const err = fromSqliteError(failure);
  if (err instanceof KecardError) return { type: 'error', code: err.code, message: err.message, details: err.details };
  return { type: 'error', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** The KecardError a worker's error message stands for, back in main. */
export function errorFromMessage(msg: Extract<JobMessage, { type: 'error' }>): KecardError {
  const code = (ERROR_CODES as readonly string[]).includes(msg.code) ? (msg.code as ErrorCode) : 'INTERNAL';
  return new KecardError(code, msg.message, msg.details as ApiError['details']);
}

/** Checked by a worker between batches; throwing rolls its transaction back. */
export class CancelToken {
  private readonly flag: Int32Array;
  constructor(buffer: SharedArrayBuffer) {
    this.flag = new Int32Array(buffer);
  }
  get cancelled(): boolean {
    return Atomics.load(this.flag, 0) === 1;
  }
  /** Sleeps up to `ms` in a worker, waking at once when the job is cancelled. */
  pause(ms: number): void {
    Atomics.wait(this.flag, 0, 0, ms);
  }
  static cancel(buffer: SharedArrayBuffer): void {
    const flag = new Int32Array(buffer);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
}
