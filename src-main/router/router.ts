import { contract, type MethodName } from '../../src-shared/contract/methods';
import { METHOD_AREAS } from '../../src-shared/contract/method-areas';
import { allows, allowsSomeType, DEFAULT_POLICY, rulesOf, type RoleRules } from '../../src-shared/domain/permissions';
import { KecardError, type Envelope } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import { checkFieldInput } from '../people/field-guard';
import { presentOutput } from '../people/field-output';
import type { FieldView } from '../people/field-view';
import { fromSqliteError } from '../db/sqlite-errors';
import { validationError } from '../services/shared/validate';
import type { Handlers } from './handlers';
import type { Workspace } from '../db/workspace';
import { withScope, type ScopeLimit } from '../people/record-scope';
import { guardArea } from '../people/area-guard';
import { guardScope } from '../people/scope-guard';

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
  /**
   * How many rows the open workspace's main connection has changed so far (SQLite's
   * total_changes()), or null when none is open: a call refused as busy is tried again only if it
   * changed nothing, so a call that committed part of its work is never repeated.
   */
  writeMark?: () => number | null;
  /** The waits before each new try of a call refused as busy (a worker's chunk holds the write lock for a few seconds). */
  busyRetryMs?: readonly number[];
  /** The caller's rules from the open workspace's permission matrix (the defaults when none is open). */
  rules?: (ctx: CallContext) => RoleRules;
  /**
   * The caller's record scope (people/record-scope.ts) and the workspace it applies to: every
   * handler runs under it, and a call about one customer outside it is refused before it runs.
   */
  scope?: { of: (ctx: CallContext) => ScopeLimit; workspace: () => Workspace | null };
  /** The caller's per-field rules over the open workspace: checked on inputs, applied to outputs (field-guard/field-output). */
  fieldView?: (ctx: CallContext) => FieldView | null;
}

/** Session-area methods whose outputs describe fields (the builder's catalogue, field definitions). */
const FIELD_SESSION_METHODS: ReadonlySet<string> = new Set(['queries.fields', 'fields.list']);

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
      const rules = area === 'session' ? null : (options.rules?.(ctx) ?? rulesOf(DEFAULT_POLICY, ctx.role));
      if (rules && area !== 'session') {
        // A business type opened wider than the area passes here; guardArea checks the type itself.
        if (!allows(rules, area, def.permission) && !(area === 'business' && allowsSomeType(rules, def.permission))) {
          throw new KecardError('FORBIDDEN', 'Your role does not allow this action.', { method, area, permission: def.permission });
        }
      }
      // Per-field rules: a field the role may not change or see is refused before anything runs —
      // before validation too, so a value of a field they may not touch is not even judged.
      const view = area === 'session' && !FIELD_SESSION_METHODS.has(name) ? null : (options.fieldView?.(ctx) ?? null);
      if (view) checkFieldInput(view, name, input);
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const scope = area === 'session' ? null : (options.scope?.of(ctx) ?? null);
      const raw = await withBusyRetry(
        () =>
          withScope(scope, () => {
            if (rules) guardArea(options.scope?.workspace() ?? null, rules, name, parsed.data);
            if (scope) guardScope(options.scope?.workspace() ?? null, name, parsed.data);
            return handler(parsed.data, ctx);
          }),
        options,
      );
      const value = view ? presentOutput(view, name, parsed.data, raw) : raw;
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

/**
 * Main waits only MAIN_BUSY_TIMEOUT_MS for the write lock (a longer wait blocks its event loop);
 * while a worker holds it (a sync chunk, an import), a save is tried again after an asynchronous
 * pause instead of failing at once — but only when the failed try changed nothing.
 */
export const BUSY_RETRY_MS = [250, 500, 1000, 1500, 2000] as const;

async function withBusyRetry(run: () => unknown, options: RouterOptions): Promise<unknown> {
  const waits = options.busyRetryMs ?? BUSY_RETRY_MS;
  for (let attempt = 0; ; attempt++) {
    const mark = options.writeMark?.() ?? null;
    try {
      return await run();
    } catch (failure) {
      // SQLite's own busy only: a restore in progress (also WORKSPACE_BUSY) is not waited out here.
      const code = (failure as { code?: unknown } | null)?.code;
      const busy = typeof code === 'string' && code.startsWith('SQLITE_BUSY');
      const untouched = mark !== null && options.writeMark?.() === mark;
      if (!busy || !untouched || attempt >= waits.length) throw failure;
      await new Promise((resolve) => setTimeout(resolve, waits[attempt]));
    }
  }
}

function defaultLog(message: string, err: unknown): void {
  console.error(message, err);
}
