import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { CallContext } from '../changelog/call-context';
import type { Dispatch } from '../router/router';
import { isApiError, type ApiError, type ErrorCode } from '../../src-shared/errors';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

export interface HttpBridgeOptions {
  dispatch: Dispatch;
  /** A produced file (an export) by its download token, or null. */
  download?: (downloadToken: string) => { path: string; fileName: string } | null;
  /** A download was served: the file is the user's now and leaves the staging folder. */
  downloadServed?: (downloadToken: string) => void;
  /** Stores an uploaded file for import and returns its token (the browser has no file paths). */
  upload?: (body: IncomingMessage, fileName: string) => Promise<string>;
  /** Largest upload accepted (bytes); a larger declared body is refused with 413 before it is read. */
  maxUploadBytes?: number;
  context: () => CallContext;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
  /** A launch code was exchanged for a session: the shell writes a fresh code for the next window. */
  onSessionOpened?: () => void;
  /** The clock launch codes expire by (tests move it). */
  now?: () => number;
}

export interface HttpBridge {
  url: string;
  port: number;
  /** The HttpOnly session cookie (per port: browsers share 127.0.0.1's cookies across ports). */
  cookieName: string;
  /**
   * A new single-use code, valid for LAUNCH_CODE_TTL_MS, that `POST /session` (form field `code`)
   * or `GET /session?code=…` exchanges for the session cookie. Only the shell's private launch
   * file holds it; it is never put on a command line or printed unless the user asks.
   */
  issueCode(): string;
  broadcast(event: KecardEvent): void;
  close(): Promise<void>;
}

export const LAUNCH_CODE_TTL_MS = 120_000;
/** Used and expired codes are remembered this much longer, to say why one is refused. */
const REMEMBER_CODES_MS = 600_000;
const MAX_BODY = 2 * 1024 * 1024;
const MAX_FORM = 4096;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const REFUSED_CODE = {
  used: 'This launch code was already used. Open Kecard again from its launch file: it holds a new one.',
  expired: 'This launch code has expired. Open Kecard again from its launch file: it holds a new one.',
  unknown: 'This is not a valid launch code. Open Kecard from its launch file.',
} as const;

interface LaunchCode {
  code: Buffer;
  expiresAt: number;
  used: boolean;
}

/**
 * The browser shell's transport: the same router as Electron's IPC, on 127.0.0.1 only. A page
 * gets in by exchanging a single-use launch code (from the shell's private launch file) for an
 * HttpOnly, SameSite=Strict session cookie; every /api request must carry it. Host, Origin and
 * Sec-Fetch-Site are checked so that other web pages — also those of other local servers, which
 * share 127.0.0.1's cookies — and DNS rebinding cannot drive it even though it listens locally.
 * Every error is a `{ ok: false, error: { code, message } }` envelope, never text or a stack.
 */
export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const session = Buffer.from(randomBytes(32).toString('base64url'));
  const now = options.now ?? Date.now;
  const codes: LaunchCode[] = [];
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      console.error('[kecard] http bridge', err);
      if (!res.headersSent) fail(res, 500, 'INTERNAL', 'Internal error.');
      else res.destroy();
    });
  });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const cookieName = () => `kecard_session_${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return fail(res, 421, 'FORBIDDEN', 'This address is not served here.');
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return fail(res, 400, 'VALIDATION', 'The address is not valid.');
    }
    if (pathname === '/session') return openSession(req, res, url);
    if (pathname.startsWith('/api/')) return serveApi(req, res, url, pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return fail(res, 405, 'METHOD_NOT_ALLOWED', 'Only GET and HEAD are served here.', undefined, { allow: 'GET, HEAD' });
    serveStatic(pathname, res);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL, pathname: string): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
      return fail(res, 403, 'FORBIDDEN', 'Requests from other web pages are refused.');
    // Other servers on 127.0.0.1 are "same-site" and receive our cookie's siblings; only our own pages may call.
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      return fail(res, 403, 'FORBIDDEN', 'Requests from other web pages are refused.');
    if (!sessionOk(req.headers.cookie)) return fail(res, 401, 'UNAUTHORIZED', 'No Kecard session: open Kecard from its launch file.');

    if (pathname === '/api/events') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      return openEventStream(res);
    }
    const dl = /^\/api\/download\/([0-9a-f]{32})$/.exec(pathname);
    if (dl) {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      const token = dl[1] as string;
      const file = options.download?.(token) ?? null;
      if (!file || !existsSync(file.path)) return fail(res, 404, 'NOT_FOUND', 'This file is no longer available.');
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      // Served once: the staged copy goes whether or not the browser kept it. POSIX lets an open
      // file be unlinked and still read, so it leaves the folder as soon as it is open; Windows
      // only after it is closed.
      const stream = createReadStream(file.path);
      if (process.platform !== 'win32') stream.once('open', () => options.downloadServed?.(token));
      try {
        await pipeline(stream, res);
      } finally {
        options.downloadServed?.(token);
      }
      return;
    }
    if (pathname === '/api/upload') {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      if (!options.upload) return fail(res, 404, 'NOT_FOUND', 'Uploads are not served here.');
      const limit = options.maxUploadBytes ?? Number.POSITIVE_INFINITY;
      if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge(res, limit, true);
      const fileName = (url.searchParams.get('name') ?? 'upload').replace(/[\\/]/g, '_').replaceAll(String.fromCharCode(0), '_').slice(0, 200);
      try {
        const fileToken = await options.upload(req, fileName);
        return send(res, 200, { ok: true, value: { fileToken, fileName } });
      } catch (err) {
        const error: ApiError = isApiError(err)
          ? { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }
          : { code: 'INTERNAL', message: 'The upload failed.' };
        if (error.code === 'TOO_LARGE') return fail(res, 413, error.code, error.message, error.details, { connection: 'close' });
        return send(res, 200, { ok: false, error });
      }
    }
    const m = /^\/api\/call\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(pathname);
    if (!m) return fail(res, 404, 'NOT_FOUND', 'Not found.');
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(res, 415, 'VALIDATION', 'The request body must be JSON.');
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return tooLarge(res, MAX_BODY, true);
    const body = await readBody(req, MAX_BODY);
    if (body === null) return tooLarge(res, MAX_BODY, false);
    let input: unknown;
    try {
      input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    } catch {
      return fail(res, 400, 'VALIDATION', 'The request body is not valid JSON.');
    }
    const envelope = await options.dispatch(m[1] as string, input, options.context());
    return send(res, 200, envelope);
  }

  /** Exchanges a launch code for the session cookie, then sends the browser to the app. */
  async function openSession(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let candidate: string | null;
    if (req.method === 'GET') candidate = url.searchParams.get('code');
    else if (req.method === 'POST') {
      if (Number(req.headers['content-length'] ?? 0) > MAX_FORM) return tooLarge(res, MAX_FORM, true);
      const body = await readBody(req, MAX_FORM);
      if (body === null) return tooLarge(res, MAX_FORM, false);
      candidate = new URLSearchParams(body.toString('utf8')).get('code');
    } else return methodNotAllowed(res, 'GET, POST');
    const verdict = redeem(candidate);
    // A browser that already has the session (the printed address opened again) just goes to the
    // app: its cookie grants nothing new, and a refusal would show it raw JSON.
    if (verdict !== 'ok' && sessionOk(req.headers.cookie)) return redirectToApp(res, null);
    if (verdict !== 'ok') return fail(res, 401, 'UNAUTHORIZED', REFUSED_CODE[verdict], { reason: verdict });
    try {
      options.onSessionOpened?.();
    } catch (err) {
      console.error('[kecard] could not renew the launch file', err);
    }
    redirectToApp(res, `${cookieName()}=${session.toString()}; HttpOnly; SameSite=Strict; Path=/`);
  }

  function redirectToApp(res: ServerResponse, setCookie: string | null): void {
    res.writeHead(303, {
      location: '/',
      ...(setCookie ? { 'set-cookie': setCookie } : {}),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end();
  }

  function issueCode(): string {
    const t = now();
    for (let i = codes.length - 1; i >= 0; i -= 1) if ((codes[i] as LaunchCode).expiresAt + REMEMBER_CODES_MS < t) codes.splice(i, 1);
    const code = randomBytes(24).toString('base64url');
    codes.push({ code: Buffer.from(code), expiresAt: t + LAUNCH_CODE_TTL_MS, used: false });
    return code;
  }

  function redeem(candidate: string | null): 'ok' | keyof typeof REFUSED_CODE {
    if (!candidate) return 'unknown';
    const given = Buffer.from(candidate);
    let match: LaunchCode | undefined;
    // Every live code is compared, in constant time: how long a refusal takes tells nothing.
    for (const entry of codes) if (entry.code.length === given.length && timingSafeEqual(entry.code, given)) match = entry;
    if (!match) return 'unknown';
    if (match.used) return 'used';
    if (now() > match.expiresAt) return 'expired';
    match.used = true;
    return 'ok';
  }

  function sessionOk(cookieHeader: string | undefined): boolean {
    const prefix = `${cookieName()}=`;
    const value = (cookieHeader ?? '')
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(prefix))
      ?.slice(prefix.length);
    if (value === undefined) return false;
    const given = Buffer.from(value);
    return given.length === session.length && timingSafeEqual(given, session);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const root = normalize(options.rendererDir);
    const file = normalize(join(root, pathname === '/' ? '/index.html' : pathname));
    const target = file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
    if (!existsSync(target)) return fail(res, 500, 'INTERNAL', 'The renderer is not built: run npm run build.');
    res.writeHead(200, {
      'content-type': MIME[extname(target)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    // A file that vanishes or cannot be read between the check and the read ends this response,
    // never the process (an unhandled stream error would take the whole shell down).
    createReadStream(target)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    cookieName: cookieName(),
    issueCode,
    broadcast(event) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const res of streams) res.write(frame);
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const res of streams) res.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  fail(res, 405, 'METHOD_NOT_ALLOWED', `Only ${allow} is served here.`, undefined, { allow });
}

/**
 * 413. When the declared size is over the limit nothing was read: the connection closes after the
 * answer. Otherwise the rest of the body is still being drained, and the connection may stay.
 */
function tooLarge(res: ServerResponse, limit: number, close: boolean): void {
  fail(res, 413, 'TOO_LARGE', `The request body is larger than ${limit} bytes.`, { limitBytes: limit }, close ? { connection: 'close' } : {});
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
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** The body, or null once it passes `limit`: the rest is drained unread, so the 413 can still be delivered. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) return;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolveBody(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
