import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp, type ComposedApp } from '../../src-main/app/compose-app';
import { startHttpBridge, type HttpBridge } from '../../src-main/transports/http-bridge';

/** A composed app on a temp data folder with a tiny renderer folder, served by the real HTTP bridge. */
export async function startTestShell(): Promise<{ app: ComposedApp; bridge: HttpBridge; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kecard-shell-'));
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kecard</title>');
  const app = composeApp({ dataDir, shell: 'browser', workerDir: new URL('file:///nonexistent/') });
  app.host.openDefault();
  const bridge = await startHttpBridge({ dispatch: app.dispatch, context: () => app.host.context, rendererDir });
  app.setEventSink((e) => bridge.broadcast(e));
  return {
    app,
    bridge,
    dataDir,
    stop: async () => {
      await bridge.close();
      await app.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
