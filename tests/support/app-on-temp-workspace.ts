import { join } from 'node:path';
import type { KecardEvent } from '../../src-shared/contract/events';
import { composeApp, type ComposedApp } from '../../src-main/app/compose-app';
import { distWorkers } from './job-events';
import { tempWorkspace } from './temp-workspace';

/** The composed app (built workers, events collected) on a fresh workspace in a temp folder; `stop` disposes both. */
export function startAppOnTempWorkspace(): { app: ComposedApp; events: KecardEvent[]; dir: string; stop: () => Promise<void> } {
  const temp = tempWorkspace();
  temp.ws.close();
  const app = composeApp({ dataDir: join(temp.dir, 'data'), shell: 'browser', workerDir: distWorkers });
  const events: KecardEvent[] = [];
  app.setEventSink((e) => events.push(e));
  app.host.open(temp.path);
  return {
    app,
    events,
    dir: temp.dir,
    stop: async () => {
      await app.dispose();
      temp.cleanup();
    },
  };
}
