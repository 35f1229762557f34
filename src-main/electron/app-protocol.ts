import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '../transports/content-security-policy';
import { APP_SCHEME, mimeTypeFor, resolveAppFile } from './app-origin';

/**
 * Must run before `app` is ready. `standard` gives the scheme an origin and relative URLs,
 * `secure` makes it a secure context; no CSP bypass, no service workers, no extensions.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves dist/renderer read-only under app://kecard/, every response with the shared CSP. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const resolved = resolveAppFile(rendererDir, request.url);
    if (resolved.kind === 'forbidden') return textResponse(403, 'Forbidden');
    try {
      const info = await stat(resolved.path);
      if (!info.isFile()) return textResponse(404, 'Not found');
      const body = await readFile(resolved.path);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'content-type': mimeTypeFor(resolved.path),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return textResponse(404, resolved.path.endsWith('index.html') ? 'The renderer is not built: run npm run build' : 'Not found');
    }
  });
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY },
  });
}
