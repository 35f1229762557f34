import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { KecardEvent } from '../../src-shared/contract/events';
import { KecardError, type ApiError, type ErrorCode } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import { eventFor } from '../people/event-scope';
import type { Workspace } from '../db/workspace';
import type { SessionStore } from '../people/sessions';
import { signIn, signInRequired } from '../people/sign-in';
import { getUserRow } from '../people/user-rows';
import type { Dispatch } from '../router/router';
import { AddressLimiter } from './address-limiter';

// The host's side of 共享给同事 (docs/host-mode.md): HTTPS only, on the address the manager
// chose. A colleague's app signs in with login + password (the same sign-in, slow-down and lockout
// as this computer's window, plus a limit per remote address) and gets a bearer token; every call
// carries it and is served through the same router with the session's user and `origin: 'remote'`,
// so the role is checked here, on the host, and local-only methods are refused. Events reach each
// signed-in client on its own stream.

/** A colleague who leaves their app alone this long signs in again. */
export const REMOTE_IDLE_MS = 30 * 60_000;
const MAX_BODY = 2 * 1024 * 1024;
const MAX_SIGN_IN_BODY = 4096;
const KEEP_ALIVE_MS = 15_000;

export interface HostServerOptions {
  /** An IP address of this computer the manager chose (never widened to all interfaces here). */
  address: string;
  port: number;
  cert: string;
  key: string;
  dispatch: Dispatch;
  /** The shared workspace, or null once it is closed (every request is then refused). */
  workspace: () => Workspace | null;
  /** This process's sessions: disabling a user or resetting their password ends theirs here too. */
  sessions: SessionStore;
  idleMs?: number;
  /** Sign-in tries per remote address (default 10 a minute), on top of the per-login slow-down. */
  signInLimit?: { tries: number; windowMs: number };
}

export interface HostServer {
  address: string;
  port: number;
  broadcast(event: KecardEvent): void;
  /** The live remote sessions of this server, for the manager's list of who is connected. */
  clients(): { userId: string; address: string; startedAt: number; lastSeenAt: number }[];
  /** Ends every remote session this server started and closes its connections. */
  close(): Promise<void>;
}

interface Stream {
  res: ServerResponse;
  sessionId: string;
  /** Who listens: the ids of a data.changed are cut to what their record scope lets them see. */
  ctx: CallContext;
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const idleMs = options.idleMs ?? REMOTE_IDLE_MS;
  const limiter = new AddressLimiter(options.signInLimit?.tries ?? 10, options.signInLimit?.windowMs ?? 60_000);
  /** sha256(token) → session id: the token itself is never kept, so a memory dump does not hold it. */
  const tokens = new Map<string, string>();
  /** Jobs started by a remote call: their progress and result go to that session only. */
  const jobOwners = new Map<string, string>();
  const streams = new Set<Stream>();
  /** Session id → the colleague's address, as the socket says (shown to the manager). */
  const addresses = new Map<string, string>();

  const server: Server = createServer({ cert: options.cert, key: options.key, minVersion: 'TLSv1.2' }, (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      console.error('[kecard] host server', err);
      if (!res.headersSent) fail(res, 500, 'INTERNAL', 'Internal error.');
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only Kecard's own client talks to a host; a web page (which would send Origin) never does.
    if (req.headers.origin !== undefined) return fail(res, 403, 'FORBIDDEN', 'Requests from web pages are refused.');
    const path = (req.url ?? '/').split('?')[0] as string;
    const ws = options.workspace();
    if (!ws) return fail(res, 503, 'NO_WORKSPACE', 'The workspace is no longer shared.');
    if (path === '/v1/session' && req.method === 'POST') return openSession(req, res, ws);
    const session = resolve(req, ws);
    if (!session.ok) return fail(res, 401, 'UNAUTHORIZED', session.message, { reason: session.reason });
    if (path === '/v1/session') {
      if (req.method === 'GET') return send(res, 200, { ok: true, value: { user: who(session.ctx, ws) } });
      if (req.method === 'DELETE') {
        endToken(session.tokenHash);
        return send(res, 200, { ok: true, value: { ok: true } });
      }
      return methodNotAllowed(res, 'GET, POST, DELETE');
    }
    if (path === '/v1/events') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      return openEventStream(res, session.ctx);
    }
    const m = /^\/v1\/call\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(path);
    if (!m) return fail(res, 404, 'NOT_FOUND', 'Not found.');
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
    const input = await readJson(req, res, MAX_BODY);
    if (input === undefined) return;
    const envelope = await options.dispatch(m[1] as string, input, session.ctx);
    if (envelope.ok) noteJob(envelope.value, session.ctx.sessionId as string);
    return send(res, 200, envelope);
  }

  async function openSession(req: IncomingMessage, res: ServerResponse, ws: Workspace): Promise<void> {
    const remote = req.socket.remoteAddress ?? 'unknown';
    const waitMs = limiter.take(remote);
    if (waitMs > 0) {
      return fail(res, 429, 'SIGN_IN_FAILED', 'Too many sign-in tries from this address.', {
        reason: 'tooSoon',
        waitMs,
        waitSeconds: Math.ceil(waitMs / 1000),
      });
    }
    const body = await readJson(req, res, MAX_SIGN_IN_BODY);
    if (body === undefined) return;
    const { login, password } = (body ?? {}) as { login?: unknown; password?: unknown };
    if (typeof login !== 'string' || typeof password !== 'string' || login.length > 40 || password.length > 200) {
      return fail(res, 400, 'VALIDATION', 'login and password are required.');
    }
    // Sharing needs passwords: a workspace nobody signs in to would serve anyone who connects.
    if (!signInRequired(ws)) return fail(res, 403, 'FORBIDDEN', 'This workspace has no passwords and cannot be shared.', { reason: 'needsPassword' });
    try {
      const user = await signIn(ws, login.trim(), password);
      const session = options.sessions.start(user.id, ws.identity.workspaceId, 'remote', idleMs);
      const token = randomBytes(32).toString('base64url');
      tokens.set(hashToken(token), session.id);
      addresses.set(session.id, remote);
      const ctx: CallContext = { userId: user.id, userName: user.display_name, role: user.role, sessionId: session.id, origin: 'remote' };
      return send(res, 200, { ok: true, value: { token, user: who(ctx, ws), idleMs } });
    } catch (err) {
      if (!(err instanceof KecardError)) throw err;
      return fail(res, 401, err.code, err.message, err.details);
    }
  }

  type Resolved = { ok: true; ctx: CallContext; tokenHash: string } | { ok: false; reason: 'noSession' | 'sessionEnded'; message: string };

  /** The caller's context, from its bearer token, resolved against the users row on every request. */
  function resolve(req: IncomingMessage, ws: Workspace): Resolved {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header)?.[1];
    if (!token) return { ok: false, reason: 'noSession', message: 'Sign in first.' };
    const tokenHash = hashToken(token);
    const sessionId = tokens.get(tokenHash);
    const session = sessionId === undefined ? undefined : options.sessions.use(sessionId);
    const user =
      session && session.origin === 'remote' && session.workspaceId === ws.identity.workspaceId ? getUserRow(ws, session.userId) : undefined;
    if (!session || !user || user.active !== 1) {
      // Idle too long, signed out, the user disabled or removed, or another workspace now.
      endToken(tokenHash);
      return { ok: false, reason: 'sessionEnded', message: 'Your session has ended: sign in again.' };
    }
    return { ok: true, tokenHash, ctx: { userId: user.id, userName: user.display_name, role: user.role, sessionId: session.id, origin: 'remote' } };
  }

  function endToken(tokenHash: string): void {
    const sessionId = tokens.get(tokenHash);
    tokens.delete(tokenHash);
    if (sessionId === undefined) return;
    addresses.delete(sessionId);
    options.sessions.end(sessionId);
    for (const stream of streams) if (stream.sessionId === sessionId) stream.res.end();
  }

  function noteJob(value: unknown, sessionId: string): void {
    const jobId = (value as { jobId?: unknown } | null)?.jobId;
    if (typeof jobId === 'string') jobOwners.set(jobId, sessionId);
  }

  function openEventStream(res: ServerResponse, ctx: CallContext): void {
    const sessionId = ctx.sessionId as string;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const stream: Stream = { res, sessionId, ctx };
    streams.add(stream);
    const keepAlive = setInterval(() => {
      // An idle session's stream ends with it: the stream itself is not activity.
      if (!options.sessions.peek(sessionId)) res.end();
      else res.write(': ping\n\n');
    }, KEEP_ALIVE_MS);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(stream);
    });
  }

  /** Which of this computer's events a remote session may see. */
  function reaches(event: KecardEvent, sessionId: string): boolean {
    switch (event.type) {
      // Entity names and ids only, never field values (the ids cut per listener in broadcast).
      case 'data.changed':
        return true;
      case 'job.progress':
      case 'job.finished':
        return jobOwners.get(event.jobId) === sessionId;
      // The host's window, its files and its backups are its own.
      default:
        return false;
    }
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  server.on('error', (err) => console.error('[kecard] host server', err));
  const bound = server.address() as AddressInfo;

  return {
    address: bound.address,
    port: bound.port,
    broadcast(event) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      const ws = options.workspace();
      for (const stream of streams) {
        if (!options.sessions.peek(stream.sessionId)) {
          stream.res.end();
          continue;
        }
        if (!reaches(event, stream.sessionId)) continue;
        // A colleague whose role sees only their own customers learns no other customer's id.
        const own = ws && event.type === 'data.changed' ? eventFor(ws, stream.ctx, event) : event;
        stream.res.write(own === event ? frame : `data: ${JSON.stringify(own)}\n\n`);
      }
      if (event.type === 'job.finished') jobOwners.delete(event.jobId);
    },
    clients() {
      const out: { userId: string; address: string; startedAt: number; lastSeenAt: number }[] = [];
      for (const sessionId of tokens.values()) {
        const session = options.sessions.peek(sessionId);
        if (session)
          out.push({ userId: session.userId, address: addresses.get(sessionId) ?? '', startedAt: session.startedAt, lastSeenAt: session.lastSeenAt });
      }
      return out.sort((a, b) => a.startedAt - b.startedAt);
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const sessionId of tokens.values()) options.sessions.end(sessionId);
        tokens.clear();
        addresses.clear();
        for (const stream of streams) stream.res.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function who(ctx: CallContext, ws: Workspace): { id: string; login: string; displayName: string; role: string } {
  const row = getUserRow(ws, ctx.userId);
  return { id: ctx.userId, login: row?.login ?? '', displayName: ctx.userName, role: ctx.role };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The parsed JSON body, or undefined once a refusal was sent. */
async function readJson(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    fail(res, 415, 'VALIDATION', 'The request body must be JSON.');
    return undefined;
  }
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    fail(res, 413, 'TOO_LARGE', `The request body is larger than ${limit} bytes.`, { limitBytes: limit }, { connection: 'close' });
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      fail(res, 413, 'TOO_LARGE', `The request body is larger than ${limit} bytes.`, { limitBytes: limit }, { connection: 'close' });
      req.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  try {
    return size === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
  } catch {
    fail(res, 400, 'VALIDATION', 'The request body is not valid JSON.');
    return undefined;
  }
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  fail(res, 405, 'METHOD_NOT_ALLOWED', `Only ${allow} is served here.`, undefined, { allow });
}

function fail(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  details?: ApiError['details'],
  headers: Record<string, string> = {},
): void {
  send(res, status, { ok: false, error: details === undefined ? { code, message } : { code, message, details } }, headers);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}
