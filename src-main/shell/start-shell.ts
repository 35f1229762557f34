import { KecardError } from '../../src-shared/errors';
import { describeError } from '../cli/cli-errors';
import { composeApp, type ComposedApp } from '../app/compose-app';
import { MAX_UPLOAD_BYTES } from '../import/staged-files';
import { startHttpBridge, type HttpBridge } from '../transports/http-bridge';
import { LaunchFile } from './launch-file';

export interface ShellOptions {
  dataDir: string;
  rendererDir: string;
  workerDir: URL;
  /** Open this workspace instead of the last/default one. */
  workspacePath?: string;
  port?: number;
}

export interface RunningShell {
  app: ComposedApp;
  bridge: HttpBridge;
  /** The private page that opens Kecard in a browser (see launch-file.ts). */
  launchFile: LaunchFile;
  stop(): Promise<void>;
}

/** The browser shell: main's services behind the localhost HTTP bridge, serving the same renderer. */
export async function startShell(options: ShellOptions): Promise<RunningShell> {
  const app = composeApp({ dataDir: options.dataDir, shell: 'browser', workerDir: options.workerDir });
  try {
    if (options.workspacePath) app.host.openRequested(options.workspacePath);
    else app.host.openStartup();
  } catch (err) {
    // In use by another Kecard, say, or encrypted (its sign-in screen is shown): the shell still
    // starts, on its start or sign-in screen.
    // In the CLI's words, Chinese first (the start screen says the same).
    const why = err instanceof KecardError ? describeError(err).message : err instanceof Error ? err.message : String(err);
    console.error(`客卡未能打开启动工作区 / Kecard did not open the startup workspace: ${why}`);
  }
  let launchFile: LaunchFile | null = null;
  const bridge = await startHttpBridge({
    dispatch: app.dispatch,
    upload: (body, fileName) => app.host.staged.stageUpload(body, fileName),
    maxUploadBytes: MAX_UPLOAD_BYTES,
    download: (token) => {
      try {
        return app.host.staged.get(token);
      } catch {
        return null;
      }
    },
    downloadServed: (token) => app.host.staged.release(token),
    context: () => app.host.context,
    rendererDir: options.rendererDir,
    // A used code is replaced at once, so the launch file opens a further window too.
    onSessionOpened: () => launchFile?.renew(),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  const launch = new LaunchFile(options.dataDir, bridge);
  launchFile = launch;
  app.setEventSink((event) => bridge.broadcast(event));
  app.host.startBackupSchedule();
  return {
    app,
    bridge,
    launchFile: launch,
    async stop() {
      await bridge.close();
      try {
        launch.dispose();
      } finally {
        await app.dispose();
      }
    },
  };
}
