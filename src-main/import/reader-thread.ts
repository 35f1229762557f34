import { statSync } from 'node:fs';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { KecardError, type ApiError } from '../../src-shared/errors';
import { limitError, READ_LIMITS, type ReadLimits } from './read-limits';
import type { Cell, ReadHow, ReadOptions, RowSource, SourceInfo } from './read-rows';
import type { SourceFormat } from './source-format';

// A user's file is parsed on a reader thread: its own V8 heap with a limit (resourceLimits), so a
// hostile file ends that thread with IMPORT_LIMIT instead of taking main's memory; a time limit
// the waiting side enforces (a thread stuck in one long parse cannot time itself); and cancel,
// which ends the thread wherever it is. Rows come back in batches, a few in flight at most.

export interface ReaderThread {
  /** The bundled reader thread (dist/main/file-reader-worker.mjs). */
  file: URL;
  /** All files, or only .xls (on a thread that is itself a bounded reader: the producer). */
  formats: 'all' | 'xls';
  isCancelled?: () => boolean;
}

let configured: ReaderThread | null = null;

/**
 * Tells this thread to parse users' files on reader threads from now on (main, the import job
 * and the CLI call it at start). Without it files are parsed in place, as tests on the sources do.
 */
export function readFilesOnThread(thread: ReaderThread | null): void {
  configured = thread;
}

export function readerThreadFor(format: SourceFormat): ReaderThread | null {
  if (!configured) return null;
  return configured.formats === 'all' || format === 'xls' ? configured : null;
}

export interface FileReaderData {
  role: 'file-reader';
  path: string;
  read: ReadOptions;
  limits: ReadLimits;
  /** Stop after this many rows (inspect); null reads to the end. */
  maxRows: number | null;
  port: MessagePort;
}

export type ReaderMessage =
  { type: 'rows'; rows: Cell[][]; bytesRead: number; info: SourceInfo } | { type: 'end'; info: SourceInfo } | { type: 'error'; error: ApiError };

export function isFileReader(data: unknown): data is FileReaderData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'file-reader';
}

/** Batches the reader may run ahead of its reader: bounds memory to a few batches of rows. */
export const READER_WINDOW = 4;
/** How often a waiting reader looks at the cancel flag. */
const POLL_MS = 200;
/** Parsing makes short-lived garbage at a furious rate; see producer-thread.ts. */
const YOUNG_GENERATION_MB = 64;

export function threadedSource(path: string, format: SourceFormat, read: ReadOptions, how: ReadHow, thread: ReaderThread): RowSource {
  const limits = how.limits ?? READ_LIMITS;
  const info: SourceInfo = { format, encoding: null, delimiter: null, sheets: [], sheet: read.sheet ?? null, bytes: statSync(path).size };
  return {
    info,
    rows: (onBytes) =>
      readOnThread(
        how.isCancelled ? { ...thread, isCancelled: how.isCancelled } : thread,
        { path, read, limits, maxRows: how.maxRows ?? null },
        how.wholeTime === true,
        info,
        onBytes,
      ),
  };
}

/** The worker options of a thread that parses a user's file: its heap is the memory limit. */
export function readerResourceLimits(limits: ReadLimits): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number; stackSizeMb: number } {
  return { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, stackSizeMb: 4 };
}

/** A reading thread's crash as the error the user sees: out of memory is the memory limit. */
export function readerFailure(err: Error, limits: ReadLimits): KecardError {
  if ((err as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') return limitError('memory', limits.heapMb * 1024 * 1024);
  return new KecardError('INTERNAL', `Reading the file failed: ${err.message}`);
}

/**
 * Waits for the next message of a reading thread: fails with the time limit when `deadline`
 * passes, with JOB_CANCELLED when the job is cancelled, or with the thread's failure.
 */
export async function nextMessage<M>(
  queue: M[],
  state: { failure: KecardError | null; wake: (() => void) | null },
  deadline: number,
  seconds: number,
  isCancelled?: () => boolean,
): Promise<M> {
  while (queue.length === 0 && state.failure === null) {
    if (isCancelled?.()) throw new KecardError('JOB_CANCELLED', 'The import was cancelled; nothing was changed.');
    const left = deadline - Date.now();
    if (left <= 0) throw limitError('time', seconds);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(left, POLL_MS));
      state.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    state.wake = null;
  }
  const message = queue.shift();
  if (message === undefined) throw state.failure ?? new KecardError('INTERNAL', 'The file reader stopped.');
  return message;
}

async function* readOnThread(
  thread: ReaderThread,
  job: Omit<FileReaderData, 'role' | 'port'>,
  wholeTime: boolean,
  info: SourceInfo,
  onBytes?: (read: number) => void,
): AsyncGenerator<Cell[]> {
  const { port1, port2 } = new MessageChannel();
  const data: FileReaderData = { role: 'file-reader', ...job, port: port2 };
  const worker = new Worker(thread.file, { workerData: data, transferList: [port2], resourceLimits: readerResourceLimits(job.limits) });
  const queue: ReaderMessage[] = [];
  const state: { failure: KecardError | null; wake: (() => void) | null } = { failure: null, wake: null };
  port1.on('message', (m: ReaderMessage) => {
    queue.push(m);
    state.wake?.();
  });
  worker.on('error', (err) => {
    state.failure ??= readerFailure(err, job.limits);
    state.wake?.();
  });
  worker.on('exit', (code) => {
    state.failure ??= new KecardError('INTERNAL', `The file reader stopped (exit code ${code}).`);
    state.wake?.();
  });
  const started = Date.now();
  try {
    for (;;) {
      const deadline = (wholeTime ? started : Date.now()) + job.limits.seconds * 1000;
      const message = await nextMessage(queue, state, deadline, job.limits.seconds, thread.isCancelled);
      if (message.type === 'error') throw new KecardError(message.error.code, message.error.message, message.error.details);
      Object.assign(info, message.info);
      if (message.type === 'end') return;
      port1.postMessage('ack');
      onBytes?.(message.bytesRead);
      yield* message.rows;
    }
  } finally {
    port1.close();
    await worker.terminate();
  }
}
