import type { KecardEvent } from '../../src-shared/contract/events';
import { scopeFor } from '../people/record-scope';
import { eventFor } from '../people/event-scope';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listBackups } from '../backup/backup-service';
import { needsBackgroundCheck } from '../db/open-workspace';
import { readFilesOnThread } from '../import/reader-thread';
import { FieldIndexJobs } from '../jobs/field-index-jobs';
import { JobRunner } from '../jobs/job-runner';
import { createHandlers } from '../router/handlers';
import { createRouter, type Dispatch } from '../router/router';
import { fieldViewOf } from '../people/field-view';
import { HostMode, type HostModeOptions } from '../host/host-mode';
import { RemoteConnection, type RemoteConnectionOptions } from '../host/remote-connection';
import { AppHost, type NativeDialogs, type ShellKind } from '../workspace/app-host';
import { APP_VERSION } from './version';

export interface ComposedApp {
  host: AppHost;
  jobs: JobRunner;
  /** 共享给同事: serves the open workspace to colleagues' apps (off until the manager starts it). */
  hostMode: HostMode;
  /** 连接同事的工作区: while connected, the window's calls go to a colleague's host. */
  remote: RemoteConnection;
  dispatch: Dispatch;
  /** Replaced by the transport once it exists (IPC window or SSE streams). */
  setEventSink(sink: (event: KecardEvent) => void): void;
  dispose(): Promise<void>;
}

/** Wires host, jobs and router the same way for Electron and the browser shell. */
export interface ComposeOptions {
  dataDir: string;
  shell: ShellKind;
  dialogs?: NativeDialogs;
  /** The bundle's folder of worker scripts (dist/main). */
  workerDir: URL;
  rememberRecent?: boolean;
  /**
   * Tests composed without the bundle only: users' files are parsed on this thread. The app never
   * sets it, so a bundle missing its file reader fails at start instead of stalling on a file.
   */
  parseFilesInPlace?: boolean;
  /** Host mode's remote session idle time and sign-in limit (tests shorten them). */
  hostMode?: HostModeOptions;
  /** The client side's timeouts and reconnection pace (tests shorten them). */
  remote?: RemoteConnectionOptions;
}

export function composeApp(options: ComposeOptions): ComposedApp {
  let sink: (event: KecardEvent) => void = () => {};
  let jobsRef: JobRunner | null = null;
  let indexesRef: FieldIndexJobs | null = null;
  let hostRef: AppHost | null = null;
  let hostModeRef: HostMode | null = null;
  const emit = (event: KecardEvent) => {
    // What a job wrote (on its own connection) is announced before the job's end, not half a second after.
    if (event.type === 'job.finished') hostRef?.announceChanges();
    // This computer's window gets the customers' ids its user may see (people/event-scope.ts).
    // Host mode's remote sessions get it cut per listener too (host-server's broadcast).
    sink(hostRef?.hasWorkspace ? eventFor(hostRef.workspace, hostRef.context, event) : event);
    if (event.type === 'workspace.changed' && jobsRef) {
      if (event.info) {
        checkInBackground(event.info.path, jobsRef);
        // Reports of a large workspace start from facts read ahead, in the resident worker.
        // Its sidebar counts too: the first full count of a 1M workspace takes seconds.
        // Not for a file held exclusively: a resident would keep it lent for the whole session.
        if (existsSync(event.info.path) && needsBackgroundCheck(event.info.path) && !host.workspace.heldExclusively) {
          jobsRef.warmResident('analysis', event.info.path);
          jobsRef.callResident('query', event.info.path, { op: 'pinnedCounts' }, host.systemContext).catch(() => undefined);
        }
      } else void jobsRef.dropResidents();
    }
    indexesRef?.observe(event);
    hostModeRef?.observe(event);
  };
  // A user's file is never parsed on main's thread: inspecting one runs on a reader thread with
  // memory and time limits. A packaging mistake that drops the reader would quietly bring back a
  // main thread stalled (or killed) by a hostile file: it stops the start instead.
  const fileReader = new URL('./file-reader-worker.mjs', options.workerDir);
  if (existsSync(fileReader)) readFilesOnThread({ file: fileReader, formats: 'all' });
  else if (!options.parseFilesInPlace) {
    throw new Error(`Kecard is incomplete: its file reader (${fileURLToPath(fileReader)}) is missing. Reinstall Kecard.`);
  }
  const host = new AppHost({
    dataDir: options.dataDir,
    shell: options.shell,
    emit,
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    ...(options.rememberRecent !== undefined ? { rememberRecent: options.rememberRecent } : {}),
  });
  hostRef = host;
  // Workers of the open workspace borrow its file when the app holds it exclusively (a network share).
  const heldFile = (path: string) => (host.hasWorkspace && host.workspace.path === path ? host.workspace : null);
  const jobs = new JobRunner(emit, (kind) => new URL(`./${kind}-worker.mjs`, options.workerDir), options.dataDir, {
    lend: (path) => heldFile(path)?.lendToWorker() ?? (() => {}),
    exclusive: (path) => heldFile(path)?.heldExclusively === true,
  });
  jobsRef = jobs;
  const fieldIndexes = new FieldIndexJobs(jobs, () => (host.hasWorkspace ? { ws: host.workspace, ctx: host.systemContext } : null));
  indexesRef = fieldIndexes;
  /** Large files skip the full check at open; it runs here, off the UI's path, and damage is reported. */
  function checkInBackground(path: string, runner: JobRunner): void {
    if (!existsSync(path) || !needsBackgroundCheck(path)) return;
    runner.start('report', path, { kind: 'integrityCheck' }, host.systemContext, (result) => {
      const r = result as { ok: boolean; message: string };
      if (!r.ok) emit({ type: 'workspace.damaged', path, message: r.message, backups: listBackups(path) });
      return undefined;
    });
  }
  // Remote calls go through the same dispatch as this computer's window (the router checks their role).
  const hostMode = new HostMode(host, () => dispatch, options.hostMode);
  hostModeRef = hostMode;
  // The host's events go straight to this window: none of this computer's observers concern them.
  const remote = new RemoteConnection((event) => sink(event), options.remote);
  const route = createRouter(
    createHandlers({ host, jobs, fieldIndexes, hostMode, remote, version: APP_VERSION, platform: process.platform }),
    undefined,
    {
      workspacePath: () => host.workspacePath,
      afterCall: () => host.announceChanges(),
      rules: (ctx) => host.rulesOf(ctx),
      writeMark: () => host.writeMark(),
      scope: {
        // No workspace (or one being restored): there is nothing to read, and the handler says so.
        of: (ctx) => (host.hasWorkspace ? scopeFor(host.workspace, ctx) : null),
        workspace: () => (host.hasWorkspace ? host.workspace : null),
      },
      fieldView: (ctx) => (host.hasWorkspace ? fieldViewOf(host.workspace, host.rulesOf(ctx)) : null),
    },
  );
  // Every call is someone at work: a scheduled backup waits for a quiet moment.
  const dispatch: Dispatch = (method, input, ctx) => {
    host.noteActivity();
    // Connected to a colleague's workspace: this window's calls go there (remote-connection.ts).
    // A call that arrived from a colleague of ours is never passed on to a third computer.
    if (remote.active && ctx.origin !== 'remote') return remote.serve(method, input, () => route(method, input, ctx));
    return route(method, input, ctx);
  };
  return {
    host,
    jobs,
    hostMode,
    remote,
    dispatch,
    setEventSink(next) {
      sink = next;
    },
    async dispose() {
      // A running backup stops between two steps and removes its partial file: quitting never waits for a full copy.
      await hostMode.stop();
      remote.disconnect({ quiet: true });
      await host.cancelBackup();
      await jobs.stopAll();
      host.dispose();
    },
  };
}
