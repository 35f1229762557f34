import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { apiErrorOf, KecardError, type ApiError } from '../../src-shared/errors';
import { prepareBatches, type PrepareContext, type PreparedBatch } from './prepare-rows';
import { READ_LIMITS, type ReadLimits } from './read-limits';
import { nextMessage, readerFailure, readerResourceLimits } from './reader-thread';

/** Batches the producer may run ahead of the writer: bounds memory to a few thousand rows. */
const WINDOW = 4;

export interface ImportProducerData {
  role: 'import-producer';
  ctx: PrepareContext;
  port: MessagePort;
}

type ProducerMessage = { type: 'batch'; batch: PreparedBatch } | { type: 'end' } | { type: 'error'; error: ApiError };

export function isImportProducer(data: unknown): data is ImportProducerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'import-producer';
}

/** The producer thread's bundle, if it is there (tests that run the sources have none). */
export function producerFileIfBuilt(url: URL): URL | null {
  return existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * Prepares batches on a second thread. The import thread awaits them inside its transaction (its
 * connection is its own, see runWriteAsync), acknowledging each, so the producer never runs more
 * than WINDOW batches ahead. The producer parses the user's file, so it runs with the reader
 * limits (reader-thread.ts): a heap limit, a time limit for each batch, and cancel while waiting.
 * Leaving the loop early (cancel, error) stops the thread.
 */
export async function* threadedBatches(
  workerFile: URL,
  ctx: PrepareContext,
  options: { limits?: ReadLimits; isCancelled?: (() => boolean) | undefined } = {},
): AsyncGenerator<PreparedBatch> {
  const limits = options.limits ?? READ_LIMITS;
  const { port1, port2 } = new MessageChannel();
  const data: ImportProducerData = { role: 'import-producer', ctx, port: port2 };
  // Parsing a sheet makes short-lived garbage at a furious rate (exceljs's cell objects, the
  // converted rows): with V8's default young generation a quarter of this thread's time went to
  // scavenges. A larger one (64 MB) lets most of it die young. Measured on a 100k-row xlsx: 16 MB
  // (V8's default) 22.7 s, 64 MB 14.2 s, 128 MB 15.8 s.
  const worker = new Worker(workerFile, { workerData: data, transferList: [port2], resourceLimits: readerResourceLimits(limits) });
  const queue: ProducerMessage[] = [];
  const state: { failure: KecardError | null; wake: (() => void) | null } = { failure: null, wake: null };
  port1.on('message', (m: ProducerMessage) => {
    queue.push(m);
    state.wake?.();
  });
  worker.on('error', (err) => {
    state.failure ??= readerFailure(err, limits);
    state.wake?.();
  });
  worker.on('exit', (code) => {
    state.failure ??= new KecardError('INTERNAL', `Reading the file failed: the import reader stopped (exit code ${code})`);
    state.wake?.();
  });
  try {
    for (;;) {
      const message = await nextMessage(queue, state, Date.now() + limits.seconds * 1000, limits.seconds, options.isCancelled);
      if (message.type === 'end') return;
      if (message.type === 'error') throw new KecardError(message.error.code, message.error.message, message.error.details);
      port1.postMessage('ack');
      yield message.batch;
    }
  } finally {
    port1.close();
    await worker.terminate();
  }
}

/** The producer thread's loop (import-worker.mjs started with role 'import-producer'). */
export async function runImportProducer(data: ImportProducerData): Promise<void> {
  let sent = 0;
  let acked = 0;
  let wake: (() => void) | null = null;
  data.port.on('message', () => {
    acked += 1;
    wake?.();
  });
  const post = (m: ProducerMessage) => data.port.postMessage(m);
  try {
    for await (const batch of prepareBatches(data.ctx)) {
      while (sent - acked >= WINDOW) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      post({ type: 'batch', batch });
      sent += 1;
    }
    post({ type: 'end' });
  } catch (err) {
    post({ type: 'error', error: apiErrorOf(err) });
  }
}
