import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { CallContext } from '../changelog/call-context';
import type { Dispatch } from '../router/router';
import { isApiError } from '../../src-shared/errors';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

export interface HttpBridgeOptions {
  dispatch: Dispatch;
  /** A produced file (an export) by its download token, or null. */
  download?: (downloadToken: string) => { path: string; fileName: string } | null;
  /** Stores an uploaded file for import and returns its token (the browser has no file paths). */
  upload?: (body: IncomingMessage, fileName: string) => Promise<string>;
  context: () => CallContext;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface HttpBridge {
  url: string;
  /** Opens the app: the token travels in the fragment, which browsers never send to a server. */
  appUrl: string;
  token: string;
  port: number;
  broadcast(event: KecardEvent): void;
  close(): Promise<void>;
}

const MAX_BODY = 2 * 1024 * 1024;
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

/**
 * The browser shell's transport: the same router as Electron's IPC, on 127.0.0.1 only, behind a
 * random per-run token. Host and Origin are checked so that other web pages (or DNS rebinding)
 * cannot drive it even though it listens locally.
 */
export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      console.error('[kecard] http bridge', err);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
    });
  });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return void send(res, 421, { error: 'Misdirected request' });
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return void send(res, 403, { error: 'Origin' });
      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!tokenOk(url.searchParams.get('token'))) return void send(res, 401, unauthorized());
        return openEventStream(res);
      }
      const dl = /^\/api\/download\/([0-9a-f]{32})$/.exec(url.pathname);
      if (dl && req.method === 'GET' && options.download) {
        if (!tokenOk(url.searchParams.get('token'))) return void send(res, 401, unauthorized());
        const file = options.download(dl[1] as string);
        if (!file || !existsSync(file.path)) return void send(res, 404, { error: 'Not found' });
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          'cache-control': 'no-store',
        });
        createReadStream(file.path).pipe(res);
        return;
      }
      if (url.pathname === '/api/upload' && req.method === 'POST' && options.upload) {
        if (!tokenOk(req.headers['x-kecard-token'])) return void send(res, 401, unauthorized());
        const fileName = (url.searchParams.get('name') ?? 'upload').replace(/[\\/]/g, '_').replaceAll(String.fromCharCode(0), '_').slice(0, 200);
        try {
          const fileToken = await options.upload(req, fileName);
          return void send(res, 200, { ok: true, value: { fileToken, fileName } });
        } catch (err) {
          const error = isApiError(err) ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'The upload failed.' };
          return void send(res, 200, { ok: false, error });
        }
      }
      const m = /^\/api\/call\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(url.pathname);
      if (!m || req.method !== 'POST') return void send(res, 404, { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Not found' } });
      if (!tokenOk(req.headers['x-kecard-token'])) return void send(res, 401, unauthorized());
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return void send(res, 415, { error: 'JSON only' });
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.length === 0 ? {} : (JSON.parse(body) as unknown);
      } catch {
        return void send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' } });
      }
      const envelope = await options.dispatch(m[1] as string, input, options.context());
      return void send(res, 200, envelope);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return void send(res, 405, { error: 'Method not allowed' });
    serveStatic(url.pathname, res);
  }

  function tokenOk(candidate: unknown): boolean {
    if (typeof candidate !== 'string') return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
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
    const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    const file = normalize(join(root, relative));
    const target = file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
    if (!existsSync(target)) return void send(res, 500, { error: 'The renderer is not built: run npm run build' });
    res.writeHead(200, {
      'content-type': MIME[extname(target)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    createReadStream(target).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    appUrl: `${url}/#token=${token}`,
    token,
    port,
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

function unauthorized() {
  return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong session token.' } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('Body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
