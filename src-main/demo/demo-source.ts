import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { KecardError } from '../../src-shared/errors';
import { buildDemoBatch, type DemoItem, type DemoPlan } from './demo-batches';

/**
 * Where the writer gets its batches of ready customers. The writer runs inside one synchronous
 * SQLite transaction, so a source must hand batches over synchronously as well.
 */
export interface DemoBatchSource {
  /** The next batch in order, or null when all customers have been handed out. */
  next(): DemoItem[] | null;
  close(): void;
}

/** Builds each batch on the writer's own thread: simple, and what tests and small sizes use. */
export function localSource(plan: DemoPlan, batchSize: number): DemoBatchSource {
  let from = 0;
  return {
    next() {
      if (from >= plan.total) return null;
      const batch = buildDemoBatch(plan, from, from + batchSize);
      from += batchSize;
      return batch;
    },
    close() {},
  };
}

// Shared counters between writer and producer (Int32Array indexes).
const PRODUCED = 0;
const CONSUMED = 1;
const STOP = 2;
/** Batches the producer may run ahead of the writer; bounds memory to a few batches. */
const WINDOW = 4;
/** If the producer sends nothing for this long it has died; fail instead of waiting forever. */
const STALL_MS = 120_000;

export interface ProducerData {
  role: 'demo-producer';
  plan: DemoPlan;
  batchSize: number;
  port: MessagePort;
  counters: SharedArrayBuffer;
}

type ProducerMessage = { trees: DemoItem[] } | { error: string };

/**
 * Builds batches on a second thread (generation, validation, pinyin and search documents are
 * about half the work) while this thread writes. Hand-over is synchronous: the producer posts on
 * a MessagePort and bumps a shared counter; the writer sleeps on the counter with Atomics.wait and
 * takes the message with receiveMessageOnPort, so no event loop is needed inside the transaction.
 */
export function threadedSource(workerFile: URL, plan: DemoPlan, batchSize: number): DemoBatchSource {
  const { port1, port2 } = new MessageChannel();
  const counters = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(counters);
  const data: ProducerData = { role: 'demo-producer', plan, batchSize, port: port2, counters };
  const worker = new Worker(workerFile, { workerData: data, transferList: [port2] });
  let handed = 0;
  const batches = Math.ceil(plan.total / batchSize);
  return {
    next() {
      if (handed >= batches) return null;
      const started = Date.now();
      for (;;) {
        // Read the counter before looking, so a batch posted in between wakes the wait at once.
        const seen = Atomics.load(state, PRODUCED);
        const received = receiveMessageOnPort(port1);
        if (received) {
          const message = received.message as ProducerMessage;
          if ('error' in message) throw new KecardError('INTERNAL', `Demo data producer failed: ${message.error}`);
          handed += 1;
          Atomics.add(state, CONSUMED, 1);
          Atomics.notify(state, CONSUMED);
          return message.trees;
        }
        if (Date.now() - started > STALL_MS) throw new KecardError('INTERNAL', 'Demo data producer stopped responding.');
        Atomics.wait(state, PRODUCED, seen, 1000);
      }
    },
    close() {
      Atomics.store(state, STOP, 1);
      Atomics.notify(state, CONSUMED);
      port1.close();
      void worker.terminate();
    },
  };
}

/** The producer thread's loop (entered from demo-worker when started with role 'demo-producer'). */
export function runProducer(data: ProducerData): void {
  const state = new Int32Array(data.counters);
  try {
    for (let from = 0; from < data.plan.total; from += data.batchSize) {
      for (;;) {
        if (Atomics.load(state, STOP) === 1) return;
        const consumed = Atomics.load(state, CONSUMED);
        if (Atomics.load(state, PRODUCED) - consumed < WINDOW) break;
        Atomics.wait(state, CONSUMED, consumed, 1000);
      }
      if (Atomics.load(state, STOP) === 1) return;
      const message: ProducerMessage = { trees: buildDemoBatch(data.plan, from, from + data.batchSize) };
      data.port.postMessage(message);
      Atomics.add(state, PRODUCED, 1);
      Atomics.notify(state, PRODUCED);
    }
  } catch (err) {
    const message: ProducerMessage = { error: err instanceof Error ? err.message : String(err) };
    data.port.postMessage(message);
    Atomics.add(state, PRODUCED, 1);
    Atomics.notify(state, PRODUCED);
  }
  // The port stays open: closing it could drop the last batch in flight. The writer terminates
  // this thread when it is done.
}
