import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { composeApp, type ComposedApp } from '../../src-main/app/compose-app';
import type { CallContext } from '../../src-main/changelog/call-context';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { Role } from '../../src-shared/domain/enums';
import type { Envelope } from '../../src-shared/errors';
import { distWorkers } from './job-events';
import { tempDir } from './temp-workspace';

/**
 * The whole app (router, rules, workers) on a fresh workspace in a temp folder, per test, and calls
 * made as a role: the people tests ask "what does this role get from this method" again and again.
 */
export interface RoleApp {
  readonly app: ComposedApp;
  readonly dir: string;
  readonly events: KecardEvent[];
  as: (role: Role) => CallContext;
  call: <T>(role: Role, method: string, input?: unknown) => Promise<Envelope<T>>;
  /** The envelope's error code, or 'ok'. */
  code: (role: Role, method: string, input?: unknown) => Promise<string>;
  /** The value, or a thrown error naming the method and code. */
  value: <T>(role: Role, method: string, input?: unknown) => Promise<T>;
}

/** Registers beforeEach/afterEach; read the fields inside tests (they change per test). */
export function useRoleApp(fileName: string): RoleApp {
  let files: { dir: string; cleanup: () => void };
  let app: ComposedApp;
  const events: KecardEvent[] = [];
  beforeEach(() => {
    files = tempDir();
    events.length = 0;
    app = composeApp({ dataDir: join(files.dir, 'data'), shell: 'browser', workerDir: distWorkers, rememberRecent: false });
    app.setEventSink((e) => events.push(e));
    app.host.create(join(files.dir, fileName));
  });
  afterEach(async () => {
    await app.dispose();
    files.cleanup();
  });
  const as = (role: Role): CallContext => ({ userId: `user-${role}`, userName: role, role, origin: 'local' });
  const call = async <T>(role: Role, method: string, input: unknown = {}) => (await app.dispatch(method, input, as(role))) as Envelope<T>;
  return {
    get app() {
      return app;
    },
    get dir() {
      return files.dir;
    },
    events,
    as,
    call,
    code: async (role, method, input = {}) => {
      const envelope = await call(role, method, input);
      return envelope.ok ? 'ok' : envelope.error.code;
    },
    value: async <T>(role: Role, method: string, input: unknown = {}) => {
      const envelope = await call<T>(role, method, input);
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.value;
    },
  };
}
