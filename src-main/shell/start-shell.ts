import { composeApp, type ComposedApp } from '../app/compose-app';
import { startHttpBridge, type HttpBridge } from '../transports/http-bridge';

export interface ShellOptions {
  dataDir: string;
  rendererDir: string;
  workerDir: URL;
  /** Open this workspace instead of the last/default one. */
  workspacePath?: string;
  port?: number;
  token?: string;
}

export interface RunningShell {
  app: ComposedApp;
  bridge: HttpBridge;
  stop(): Promise<void>;
}

/** The browser shell: main's services behind the localhost HTTP bridge, serving the same renderer. */
export async function startShell(options: ShellOptions): Promise<RunningShell> {
  const app = composeApp({ dataDir: options.dataDir, shell: 'browser', workerDir: options.workerDir });
  if (options.workspacePath) app.host.open(options.workspacePath);
  else {
    try {
      app.host.openStartup();
    } catch (err) {
      // In use by another Kecard, say: the shell still starts, on its start screen.
      console.error(`Kecard: the startup workspace did not open: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const bridge = await startHttpBridge({
    dispatch: app.dispatch,
    upload: (body, fileName) => app.host.staged.stageUpload(body, fileName),
    download: (token) => {
      try {
        return app.host.staged.get(token);
      } catch {
        return null;
      }
    },
    context: () => app.host.context,
    rendererDir: options.rendererDir,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
  });
  app.setEventSink((event) => bridge.broadcast(event));
  app.host.startBackupSchedule();
  return {
    app,
    bridge,
    async stop() {
      await bridge.close();
      await app.dispose();
    },
  };
}
