import { contract, type MethodName } from '../../src-shared/contract/methods';
import { METHOD_AREAS } from '../../src-shared/contract/method-areas';
import { allows, DEFAULT_POLICY, rulesOf, type RoleRules } from '../../src-shared/domain/permissions';
import { KecardError, type Envelope } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import { fromSqliteError } from '../db/sqlite-errors';
import { validationError } from '../services/shared/validate';
import type { Handlers } from './handlers';

export type Dispatch = (method: string, input: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

/**
 * The only door into the services for IPC and HTTP alike: unknown methods, disallowed roles and
 * invalid input stop here; every outcome leaves as an envelope, never as a thrown error.
 */
export interface RouterOptions {
  /** The open workspace's file: a busy error then names who holds it, a full disk is told from an I/O error. */
  workspacePath?: () => string | null;
  /** After every call, whatever its outcome: announces what the call wrote (the change feed reads it from the log). */
  afterCall?: () => void;
  /** The caller's rules from the open workspace's permission matrix (the defaults when none is open). */
  rules?: (ctx: CallContext) => RoleRules;
}

export function createRouter(handlers: Handlers, log: (message: string, err: unknown) => void = defaultLog, options: RouterOptions = {}): Dispatch {
  return async (method, input, ctx) => {
    try {
      if (!Object.hasOwn(contract, method)) throw new KecardError('UNKNOWN_METHOD', `Unknown method: ${method}`);
      const name = method as MethodName;
      const def = contract[name];
      // A colleague's app connected in host mode never reaches this computer's files or window.
      if (ctx.origin === 'remote' && def.local === true) {
        throw new KecardError('FORBIDDEN', 'This action is only available on the computer that shares the workspace.', {
          method,
          reason: 'localOnly',
        });
      }
      // Before the sign-in screen is passed, only it and the choice of workspace are served.
      if (ctx.signedOut && def.signedOut !== true) throw new KecardError('SIGN_IN_REQUIRED', 'Please sign in.', { method });
      const area = METHOD_AREAS[name];
      if (area !== 'session') {
        const rules = options.rules?.(ctx) ?? rulesOf(DEFAULT_POLICY, ctx.role);
        if (!allows(rules, area, def.permission)) {
          throw new KecardError('FORBIDDEN', 'Your role does not allow this action.', { method, area, permission: def.permission });
        }
      }
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      // Outputs are checked too: a service returning the wrong shape is our bug, caught here.
      const out = def.output.safeParse(value);
      if (!out.success) throw new Error(`Output of ${method} does not match the contract: ${out.error.message}`);
      return { ok: true, value: out.data };
    } catch (failure) {
      // A full disk, a read-only folder or a busy file is the user's to fix, never "internal".
      const err = fromSqliteError(failure, options.workspacePath?.() ?? undefined);
      if (err instanceof KecardError) return { ok: false, error: err.toApiError() };
      log(`[kecard] ${method} failed`, err);
      return { ok: false, error: { code: 'INTERNAL', message: 'An unexpected error occurred.' } };
    } finally {
      // Also after a failure: a call that wrote in several transactions may have committed some.
      options.afterCall?.();
    }
  };
}

function defaultLog(message: string, err: unknown): void {
  console.error(message, err);
}
