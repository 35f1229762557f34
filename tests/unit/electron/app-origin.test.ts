import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_START_URL, isAppUrl, isExternalWebUrl, mimeTypeFor, resolveAppFile } from '../../../src-main/electron/app-origin';

const root = resolve('/srv/kecard/dist/renderer');

describe('resolveAppFile', () => {
  it('maps app:// paths to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'app://kecard/index.html')).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://kecard/assets/index-abc.js')).toEqual({ kind: 'file', path: join(root, 'assets', 'index-abc.js') });
    expect(resolveAppFile(root, 'app://kecard/assets/%E5%AE%A2.png')).toEqual({ kind: 'file', path: join(root, 'assets', '客.png') });
  });

  it('serves index.html for the root and for extension-less routes', () => {
    expect(resolveAppFile(root, 'app://kecard/')).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://kecard/customers/42')).toEqual({ kind: 'file', path: join(root, 'index.html') });
  });

  it('refuses traversal, encoded separators, other hosts and other schemes', () => {
    for (const url of [
      'app://kecard/%2e%2e/%2e%2e/etc/passwd',
      'app://kecard/assets/..%2f..%2fsecret.txt',
      'app://kecard/assets/..%5c..%5csecret.txt',
      'app://kecard/a%00.js',
      'app://kecard/C:/Windows/win.ini',
      'app://evil/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const result = resolveAppFile(root, url);
      if (result.kind === 'file') expect(result.path.startsWith(root)).toBe(true);
      else expect(result.kind).toBe('forbidden');
    }
    expect(resolveAppFile(root, 'app://kecard/assets/..%2f..%2fsecret.txt').kind).toBe('forbidden');
    expect(resolveAppFile(root, 'app://evil/index.html').kind).toBe('forbidden');
  });

  it('never resolves outside the root, whatever the URL parser normalises', () => {
    const result = resolveAppFile(root, 'app://kecard/../../../../etc/passwd.txt');
    expect(result.kind === 'forbidden' || (result.kind === 'file' && result.path.startsWith(root))).toBe(true);
  });
});

describe('origins', () => {
  it('recognises only our own origin', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://kecard')).toBe(true);
    expect(isAppUrl('app://kecard.evil/index.html')).toBe(false);
    expect(isAppUrl('app://user@kecard/index.html')).toBe(false);
    expect(isAppUrl('https://kecard/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });

  it('hands only http(s) links to the system browser', () => {
    expect(isExternalWebUrl('https://example.com/')).toBe(true);
    expect(isExternalWebUrl('http://example.com/')).toBe(true);
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('smb://server/share')).toBe(false);
  });

  it('knows the MIME types of the bundle', () => {
    expect(mimeTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a/unknown.bin')).toBe('application/octet-stream');
  });
});
