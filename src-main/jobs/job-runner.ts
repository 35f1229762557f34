import { Worker, type WorkerOptions } from 'node:worker_threads';
import { v7 as uuidv7 } from 'uuid';
import type { KecardEvent } from '../../src-shared/contract/events';
import { apiErrorOf, KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import { CancelToken, errorFromMessage, type JobMessage, type JobWorkerData } from './job-protocol';
import { keyForWorker } from '../db/workspace-key';
import type { ResidentRequest, ResidentResponse } from './resident-protocol';

const READ_ONLY_KINDS = new Set(['report', 'export']);

interface Resident {
  path: string;
  worker: Worker;
  /** Jobs sent to it that have not finished, by id. */
  pending: Map<string, (msg: JobMessage) => void>;
}

/**
 * How a worker gets at a workspace file its owner may hold exclusively (a network share, see
 * db/exclusive-access.ts): lent while the worker lives.
 */
export interface FileLending {
  lend(workspacePath: string): () => void;
  /** Lending costs something: resident workers of the file are ended once idle, not kept warm. */
  exclusive(workspacePath: string): boolean;
}

interface RunningJob {
  kind: string;
  /** Who started it: only they (or a manager) may cancel it. */
  userId: string;
  worker: Worker;
  cancelFlag: SharedArrayBuffer;
}

/**
 * Runs long work (demo data, import, reports, exports, custom-field indexes) in worker threads
 * with their own SQLite connection, so the UI thread and main's event loop stay responsive.
 * Progress and completion arrive as events.
 */
export class JobRunner {
  private readonly jobs = new Map<string, RunningJob>();
  private readonly residents = new Map<string, Resident>();
  private readonly settledHooks = new Map<string, (outcome: { ok: boolean; cancelled: boolean }) => void>();

  constructor(
    private readonly emit: (event: KecardEvent) => void,
    /** Resolves a job kind to its bundled worker file (see build/scripts/build-main.mjs). */
    private readonly workerFile: (kind: string) => URL,
    /** Where resident workers may keep what they derived, across runs of the app (the data folder). */
    private readonly cacheDir?: string,
    private readonly lending?: FileLending,
  ) {}

  /** `onDone` may return what the renderer should receive instead of the worker's raw result, or throw to fail the job. */
  start<P>(kind: string, workspacePath: string, params: P, ctx: CallContext, onDone?: (result: unknown) => unknown): string {
    // Writers (demo data, import, classification, field indexes) run one at a time; read-only
    // reports and exports may overlap.
    if (!READ_ONLY_KINDS.has(kind) && [...this.jobs.values()].some((j) => j.kind === kind)) {
      throw new KecardError('CONFLICT', 'This job is already running.', { kind });
    }
    const jobId = uuidv7();
    const cancelFlag = new SharedArrayBuffer(4);
    const workerData: JobWorkerData<P> = { workspacePath, params, cancelFlag, user: ctx };
    // Import and demo jobs allocate rows at a furious rate; a larger young generation keeps them
    // out of V8's scavenger (measured: a 100k-row import 8 % faster on the writing thread).
    const worker = this.spawn(workspacePath, this.workerFile(kind), {
      workerData,
      ...(kind === 'import' || kind === 'demo' ? { resourceLimits: { maxYoungGenerationSizeMb: 64 } } : {}),
    });
    const handle = this.track(jobId, kind, ctx.userId, cancelFlag, worker, onDone);
    worker.on('message', handle);
    worker.on('error', (err) => handle({ type: 'error', code: 'INTERNAL', message: err.message }));
    worker.on('exit', (code) => {
      if (code !== 0) handle({ type: 'error', code: 'INTERNAL', message: `worker exited with ${code}` });
    });
    return jobId;
  }

  /**
   * A job for the workspace's resident worker of `residentKind`: it stays alive between
   * jobs, keeping what it has read, and runs them one after another. A new workspace path
   * replaces it.
   */
  startResident<P>(
    kind: string,
    residentKind: string,
    workspacePath: string,
    params: P,
    ctx: CallContext,
    onDone?: (result: unknown) => unknown,
  ): string {
    const jobId = uuidv7();
    const cancelFlag = new SharedArrayBuffer(4);
    const resident = this.residentFor(residentKind, workspacePath);
    resident.pending.set(jobId, this.track(jobId, kind, ctx.userId, cancelFlag, resident.worker, onDone));
    resident.worker.postMessage({ type: 'job', jobId, params, cancelFlag, user: ctx } satisfies ResidentRequest);
    return jobId;
  }

  /**
   * A request to a resident worker that main itself awaits (no job events: the caller answers
   * with the result). Rejects with the worker's error.
   */
  callResident<P>(residentKind: string, workspacePath: string, params: P, ctx: CallContext): Promise<unknown> {
    const jobId = uuidv7();
    const resident = this.residentFor(residentKind, workspacePath);
    return new Promise((resolve, reject) => {
      resident.pending.set(jobId, (msg) => {
        if (msg.type === 'done') resolve(msg.result);
        else if (msg.type === 'error') reject(errorFromMessage(msg));
      });
      resident.worker.postMessage({ type: 'job', jobId, params, cancelFlag: new SharedArrayBuffer(4), user: ctx } satisfies ResidentRequest);
    });
  }

  /** Lets the resident worker read ahead (e.g. after a large workspace opened). */
  warmResident(residentKind: string, workspacePath: string): void {
    if (this.lending?.exclusive(workspacePath)) return;
    this.residentFor(residentKind, workspacePath).worker.postMessage({ type: 'warm' } satisfies ResidentRequest);
  }

  /** Ends the resident workers (the workspace closed or its file was replaced). */
  async dropResidents(): Promise<void> {
    const all = [...this.residents.values()];
    this.residents.clear();
    await Promise.all(all.map((r) => r.worker.terminate()));
  }

  private residentFor(residentKind: string, workspacePath: string): Resident {
    const current = this.residents.get(residentKind);
    if (current && current.path === workspacePath) return current;
    if (current) void current.worker.terminate();
    const worker = this.spawn(workspacePath, this.workerFile(residentKind), { workerData: { workspacePath, cacheDir: this.cacheDir } });
    const resident: Resident = { path: workspacePath, worker, pending: new Map() };
    this.residents.set(residentKind, resident);
    worker.on('message', (res: ResidentResponse) => {
      resident.pending.get(res.jobId)?.(res.msg);
      if (res.msg.type !== 'progress') resident.pending.delete(res.jobId);
      // A file held exclusively goes back to its owner as soon as the resident has nothing to do.
      if (resident.pending.size === 0 && this.lending?.exclusive(workspacePath)) {
        if (this.residents.get(residentKind) === resident) this.residents.delete(residentKind);
        void worker.terminate();
      }
    });
    const failAll = (message: string) => {
      if (this.residents.get(residentKind) === resident) this.residents.delete(residentKind);
      for (const handle of resident.pending.values()) handle({ type: 'error', code: 'INTERNAL', message });
      resident.pending.clear();
    };
    worker.on('error', (err) => failAll(err.message));
    worker.on('exit', (code) => failAll(`worker exited with ${code}`));
    return resident;
  }

  /** A worker with the workspace file lent to it until it exits. */
  private spawn(workspacePath: string, file: URL, options: WorkerOptions): Worker {
    const giveBack = this.lending?.lend(workspacePath) ?? (() => {});
    try {
      // An encrypted workspace's key goes to the worker in memory with its data (workspace-key.ts).
      const workerData: unknown = { ...(options.workerData as object), workspaceKey: keyForWorker(workspacePath) };
      const worker = new Worker(file, { ...options, workerData });
      worker.once('exit', giveBack);
      return worker;
    } catch (err) {
      giveBack();
      throw err;
    }
  }

  /** Turns a worker's messages for one job into job events, and forgets the job when it ends. */
  private track(
    jobId: string,
    kind: string,
    userId: string,
    cancelFlag: SharedArrayBuffer,
    worker: Worker,
    onDone?: (result: unknown) => unknown,
  ): (msg: JobMessage) => void {
    this.jobs.set(jobId, { kind, userId, worker, cancelFlag });
    let finished = false;
    const finish = (event: Omit<Extract<KecardEvent, { type: 'job.finished' }>, 'type' | 'jobId' | 'kind'>) => {
      if (finished) return;
      finished = true;
      this.jobs.delete(jobId);
      const settled = this.settledHooks.get(jobId);
      this.settledHooks.delete(jobId);
      settled?.({ ok: event.ok, cancelled: event.cancelled });
      this.emit({ type: 'job.finished', jobId, kind, ...event });
    };
    return (msg) => {
      if (finished) return;
      if (msg.type === 'progress') this.emit({ type: 'job.progress', jobId, kind, done: msg.done, total: msg.total, phase: msg.phase });
      else if (msg.type === 'done') {
        let result: unknown;
        try {
          result = onDone ? (onDone(msg.result) ?? msg.result) : msg.result;
        } catch (failure) {
          // onDone refused the result (a report that does not match its schema): the job failed.
          finish({ ok: false, cancelled: false, error: apiErrorOf(failure) });
          return;
        }
        finish({ ok: true, cancelled: false, result });
      } else {
        const cancelled = msg.code === 'JOB_CANCELLED';
        finish({
          ok: false,
          cancelled,
          error: { code: msg.code, message: msg.message, ...(msg.details !== undefined ? { details: msg.details } : {}) },
        });
      }
    };
  }

  /** Runs once the job has ended, whichever way (done, failed or cancelled): clean-up of its files. */
  whenSettled(jobId: string, hook: (outcome: { ok: boolean; cancelled: boolean }) => void): void {
    if (this.jobs.has(jobId)) this.settledHooks.set(jobId, hook);
  }

  /**
   * Stops a running job. `by`: the person asking (a contract call) — someone else's job (another
   * window's or, in host mode, another computer's) only a manager may stop.
   */
  cancel(jobId: string, by?: CallContext): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    if (by && by.userId !== job.userId && by.role !== 'manager' && by.role !== 'admin') {
      throw new KecardError('FORBIDDEN', 'Only who started this job, or a manager, can cancel it.', { jobId });
    }
    CancelToken.cancel(job.cancelFlag);
  }

  get running(): number {
    return this.jobs.size;
  }

  /** Kinds of the running jobs that write to the workspace (a restore must wait for them). */
  get runningWriters(): string[] {
    return [...this.jobs.values()].filter((j) => !READ_ONLY_KINDS.has(j.kind)).map((j) => j.kind);
  }

  async stopAll(): Promise<void> {
    const workers = new Set([...this.jobs.values()].map((j) => j.worker));
    for (const r of this.residents.values()) workers.add(r.worker);
    this.residents.clear();
    await Promise.all([...workers].map((w) => w.terminate()));
    this.jobs.clear();
  }
}
