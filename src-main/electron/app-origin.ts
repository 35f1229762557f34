import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

// The renderer is loaded from a privileged custom scheme instead of file://, so it has a real
// origin (app://kecard) for the CSP's 'self', cannot read arbitrary files, and IPC senders can be
// recognised by URL. Pure functions: unit-tested under plain Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'kecard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs of our own bundle (the scheme is registered `standard`, so the host is parsed). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Links that may be handed to the system browser (never loaded in our window). */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export type AppFileResolution = { kind: 'file'; path: string } | { kind: 'forbidden' };

/**
 * Maps an app:// request URL to a file under `root`. Percent-encoded separators, `..` segments,
 * absolute paths, drive letters and NUL bytes are refused; paths without an extension fall back
 * to index.html (client-side routes). Existence is checked by the caller.
 */
export function resolveAppFile(root: string, requestUrl: string): AppFileResolution {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return { kind: 'forbidden' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { kind: 'forbidden' };
  const rawPath = parsed.pathname;
  // Encoded slashes or backslashes would let a single "segment" escape after decoding.
  if (/%2f|%5c|%00/i.test(rawPath) || rawPath.includes('\\')) return { kind: 'forbidden' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0')) return { kind: 'forbidden' };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || /^[a-zA-Z]:/.test(s))) return { kind: 'forbidden' };
  const relativePath = segments.length === 0 ? 'index.html' : segments.join(sep);
  const base = resolve(root);
  const target = resolve(base, relativePath);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { kind: 'forbidden' };
  if (extname(target) === '') return { kind: 'file', path: resolve(base, 'index.html') };
  return { kind: 'file', path: target };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
