import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { Envelope } from '../../src-shared/errors';
import { composeApp } from '../app/compose-app';
import { userDataDir } from '../workspace/user-paths';
import { refusedCallText, UsageError } from './cli-errors';
import { signInCli, unlockCli } from './cli-sign-in';
import type { CliIo, CommandOutput } from './cli-commands';

/** What a finished background job (a report, an export …) handed back. */
export interface JobOutcome {
  ok: boolean;
  cancelled: boolean;
  result?: unknown;
  error?: { code: string; message: string; details?: unknown };
}

export interface CallResult {
  envelope: Envelope<unknown>;
  /** Set when the method started a job: `kecard call` waits for it, like the app's progress panel. */
  job?: JobOutcome;
}

/**
 * Any contract method, through the same router as the app (validation, permissions, events), as
 * the user named by `--as` (or the owner of a workspace that needs no sign-in). The app's recent list is left alone: a script's call is not the user opening a file.
 */
export async function callMethod(workspace: string, method: string, input: unknown, io: CliIo, asUser?: string): Promise<CallResult> {
  const jobs = new Map<string, JobOutcome>();
  const waiters = new Map<string, (outcome: JobOutcome) => void>();
  const app = composeApp({ dataDir: userDataDir(), shell: 'browser', workerDir: new URL('./', import.meta.url), rememberRecent: false });
  app.setEventSink((event: KecardEvent) => {
    if (event.type === 'job.progress')
      io.note(`${event.phase || event.kind}: ${event.done.toLocaleString('en-US')} / ${event.total.toLocaleString('en-US')}`, true);
    if (event.type !== 'job.finished') return;
    const outcome: JobOutcome = {
      ok: event.ok,
      cancelled: event.cancelled,
      ...(event.result !== undefined ? { result: event.result } : {}),
      ...(event.error ? { error: event.error } : {}),
    };
    jobs.set(event.jobId, outcome);
    waiters.get(event.jobId)?.(outcome);
  });
  try {
    const password = await unlockCli(resolve(workspace), asUser);
    app.host.open(resolve(workspace));
    await signInCli(app.host, asUser, password);
    const envelope = await app.dispatch(method, input, app.host.context);
    const jobId = envelope.ok ? jobIdOf(envelope.value) : undefined;
    if (jobId === undefined) return { envelope };
    const job = jobs.get(jobId) ?? (await new Promise<JobOutcome>((done) => waiters.set(jobId, done)));
    io.note('');
    return { envelope, job };
  } finally {
    await app.dispose();
  }
}

function jobIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('jobId' in value)) return undefined;
  const id = value.jobId;
  return typeof id === 'string' ? id : undefined;
}

/** The input: a JSON argument, `-` for standard input, or nothing for `{}`. */
export function readCallInput(arg: string | undefined): unknown {
  if (arg === undefined) return {};
  const text = arg === '-' ? readFileSync(0, 'utf8') : arg;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`输入不是有效的 JSON / the input is not valid JSON: ${(err as Error).message}`);
  }
}

/** Prints the router's envelope itself (not wrapped again), and fails the exit code when it or its job failed. */
export async function callCommand(
  workspace: string,
  method: string,
  inputArg: string | undefined,
  io: CliIo,
  asUser?: string,
): Promise<CommandOutput> {
  const { envelope, job } = await callMethod(workspace, method, readCallInput(inputArg), io, asUser);
  const failed = !envelope.ok || (job !== undefined && !job.ok);
  const refused = !envelope.ok ? envelope.error : job?.error;
  if (refused) for (const line of refusedCallText(refused)) io.note(line);
  const json = job ? { ...envelope, job } : envelope;
  return { json, text: [JSON.stringify(json, null, 2)], raw: true, failed };
}
