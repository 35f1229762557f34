import type { KecardEvent } from '../../src-shared/contract/events';
import { JobRunner } from '../jobs/job-runner';
import { createHandlers } from '../router/handlers';
import { createRouter, type Dispatch } from '../router/router';
import { AppHost, type NativeDialogs, type ShellKind } from '../workspace/app-host';
import { APP_VERSION } from './version';

export interface ComposedApp {
  host: AppHost;
  jobs: JobRunner;
  dispatch: Dispatch;
  /** Replaced by the transport once it exists (IPC window or SSE streams). */
  setEventSink(sink: (event: KecardEvent) => void): void;
  dispose(): Promise<void>;
}

/** Wires host, jobs and router the same way for Electron and the browser shell. */
export function composeApp(options: { dataDir: string; shell: ShellKind; dialogs?: NativeDialogs; workerDir: URL }): ComposedApp {
  let sink: (event: KecardEvent) => void = () => {};
  const emit = (event: KecardEvent) => sink(event);
  const host = new AppHost({ dataDir: options.dataDir, shell: options.shell, emit, ...(options.dialogs ? { dialogs: options.dialogs } : {}) });
  const jobs = new JobRunner(emit, (kind) => new URL(`./${kind}-worker.mjs`, options.workerDir));
  const dispatch = createRouter(createHandlers({ host, jobs, version: APP_VERSION, platform: process.platform }));
  return {
    host,
    jobs,
    dispatch,
    setEventSink(next) {
      sink = next;
    },
    async dispose() {
      await jobs.stopAll();
      host.dispose();
    },
  };
}
