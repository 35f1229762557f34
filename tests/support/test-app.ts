import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp, type ComposedApp } from '../../src-main/app/compose-app';
import { LaunchFile } from '../../src-main/shell/launch-file';
import { startHttpBridge, type HttpBridge, type HttpBridgeOptions } from '../../src-main/transports/http-bridge';

export interface TestShell {
  app: ComposedApp;
  bridge: HttpBridge;
  launchFile: LaunchFile;
  dataDir: string;
  stop: () => Promise<void>;
}

/**
 * A composed app on a temp data folder with a tiny renderer folder, served by the real HTTP bridge
 * with the shell's launch file and staged uploads/downloads, as start-shell.ts wires them.
 */
export async function startTestShell(overrides: Partial<HttpBridgeOptions> = {}): Promise<TestShell> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kecard-shell-'));
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kecard</title>');
  const app = composeApp({ dataDir, shell: 'browser', workerDir: new URL('file:///nonexistent/'), parseFilesInPlace: true });
  app.host.openDefault();
  let launchFile: LaunchFile | null = null;
  const bridge = await startHttpBridge({
    dispatch: app.dispatch,
    context: () => app.host.context,
    rendererDir,
    upload: (body, fileName) => app.host.staged.stageUpload(body, fileName),
    download: (token) => {
      try {
        return app.host.staged.get(token);
      } catch {
        return null;
      }
    },
    downloadServed: (token) => app.host.staged.release(token),
    onSessionOpened: () => launchFile?.renew(),
    ...overrides,
  });
  const launch = new LaunchFile(dataDir, bridge);
  launchFile = launch;
  app.setEventSink((e) => bridge.broadcast(e));
  return {
    app,
    bridge,
    launchFile: launch,
    dataDir,
    stop: async () => {
      await bridge.close();
      launch.dispose();
      await app.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
