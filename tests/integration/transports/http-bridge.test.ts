import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCH_CODE_TTL_MS } from '../../../src-main/transports/http-bridge';
import { exchangeCode, openSession, readLaunchCode } from '../../support/shell-session';
import { startTestShell, type TestShell } from '../../support/test-app';

let shell: TestShell;
let cookie: string;
beforeAll(async () => {
  shell = await startTestShell();
  cookie = await openSession(shell.bridge.url, shell.launchFile.path);
});
afterAll(async () => {
  await shell.stop();
});

interface RawInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent in pieces without a Content-Length (chunked), as a stream would be. */
  chunks?: Buffer[];
}

/** Raw HTTP so tests can send the headers a browser would refuse to forge (Host, Cookie). */
function raw(path: string, init: RawInit = {}, port = shell.bridge.port) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const length = init.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(init.body)) };
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...length, ...init.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (init.chunks) for (const c of init.chunks) req.write(c);
    else if (init.body) req.write(init.body);
    req.end();
  });
}

const callHeaders = () => ({ 'content-type': 'application/json', cookie });
const call = (method: string, input: unknown, headers: Record<string, string> = callHeaders()) =>
  raw(`/api/call/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });

/** Every refusal is the contract's envelope, never text or a stack. */
function envelopeOf(res: { body: string; headers: Record<string, string | string[] | undefined> }) {
  expect(res.headers['content-type']).toContain('application/json');
  expect(res.body).not.toMatch(/\n\s+at /);
  return JSON.parse(res.body) as { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };
}

describe('browser shell HTTP bridge', () => {
  it('listens on loopback only, with no secret in its address', () => {
    expect(shell.bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('runs a contract method and returns the envelope', async () => {
    const res = await call('customers.create', { values: { name: '杭州阿里巴巴网络技术有限公司', phones: ['0571-85022088'] } });
    expect(res.status).toBe(200);
    const envelope = JSON.parse(res.body) as { ok: boolean; value: { id: string; name: string } };
    expect(envelope.ok).toBe(true);
    expect(envelope.value.name).toBe('杭州阿里巴巴网络技术有限公司');
  });

  it('turns invalid input into a VALIDATION envelope with field codes', async () => {
    const res = await call('customers.create', { values: { name: '', email: 'not-mail' } });
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.any(String) as unknown, details: { fields: { name: 'required', email: 'email' } } },
    });
  });

  it('refuses a missing or wrong session, a foreign Host, a foreign Origin or site, and unknown methods', async () => {
    const noSession = await call('workspace.info', {}, { 'content-type': 'application/json' });
    expect(noSession.status).toBe(401);
    expect(envelopeOf(noSession).error.code).toBe('UNAUTHORIZED');
    const wrong = await call('workspace.info', {}, { ...callHeaders(), cookie: `${shell.bridge.cookieName}=guess` });
    expect(wrong.status).toBe(401);
    // The old header token opens nothing any more.
    const header = await call('workspace.info', {}, { 'content-type': 'application/json', 'x-kecard-token': 'anything' });
    expect(header.status).toBe(401);
    const rebinding = await call('workspace.info', {}, { ...callHeaders(), host: 'evil.example:80' });
    expect(rebinding.status).toBe(421);
    expect(envelopeOf(rebinding).error.code).toBe('FORBIDDEN');
    const crossSite = await call('workspace.info', {}, { ...callHeaders(), origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(envelopeOf(crossSite).error.code).toBe('FORBIDDEN');
    // Another server on 127.0.0.1 is "same-site": the browser would send our cookie along.
    const otherPort = await call('workspace.info', {}, { ...callHeaders(), 'sec-fetch-site': 'same-site' });
    expect(otherPort.status).toBe(403);
    const unknown = await call('customers.dropTable', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const badJson = await raw('/api/call/workspace.info', { method: 'POST', headers: callHeaders(), body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(envelopeOf(badJson).error.code).toBe('VALIDATION');
  });

  it('answers every HTTP error with an envelope: 404, 405, 415, 400 for a bad % escape', async () => {
    const notFound = await raw('/api/nothing', { headers: { cookie } });
    expect(notFound.status).toBe(404);
    expect(envelopeOf(notFound).error.code).toBe('NOT_FOUND');
    const getCall = await raw('/api/call/workspace.info', { headers: { cookie } });
    expect(getCall.status).toBe(405);
    expect(envelopeOf(getCall).error.code).toBe('METHOD_NOT_ALLOWED');
    const postStatic = await raw('/index.html', { method: 'POST', body: 'x' });
    expect(postStatic.status).toBe(405);
    expect(envelopeOf(postStatic).error.code).toBe('METHOD_NOT_ALLOWED');
    const notJson = await raw('/api/call/workspace.info', { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);
    expect(envelopeOf(notJson).error.code).toBe('VALIDATION');
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/api/call/%']) {
      const bad = await raw(path, { headers: { cookie } });
      expect(bad.status, path).toBe(400);
      expect(envelopeOf(bad).error.code).toBe('VALIDATION');
    }
  });

  it('refuses request bodies over the limit with 413, declared or streamed', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x20);
    const declared = await raw('/api/call/workspace.info', { method: 'POST', headers: callHeaders(), body: big });
    expect(declared.status).toBe(413);
    expect(envelopeOf(declared).error).toMatchObject({ code: 'TOO_LARGE', details: { limitBytes: 2 * 1024 * 1024 } });
    const streamed = await raw('/api/call/workspace.info', {
      method: 'POST',
      headers: callHeaders(),
      chunks: [big.subarray(0, 1_500_000), big.subarray(1_500_000)],
    });
    expect(streamed.status).toBe(413);
    expect(envelopeOf(streamed).error.code).toBe('TOO_LARGE');
    // The connection is still good for the next call.
    expect((await call('workspace.info', {})).status).toBe(200);
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const index = await raw('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await raw('/..%2F..%2F..%2Fetc%2Fpasswd');
    expect(escape.body).not.toContain('root:');
  });

  it('gates the event stream by the session cookie and pushes data-changed events to it', async () => {
    const refused = await raw('/api/events');
    expect(refused.status).toBe(401);
    expect(envelopeOf(refused).error.code).toBe('UNAUTHORIZED');
    const got = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: shell.bridge.port, path: '/api/events', headers: { host: `127.0.0.1:${shell.bridge.port}`, cookie } },
        (res) => {
          res.on('data', (c: Buffer) => {
            const text = c.toString('utf8');
            if (text.includes('data.changed')) {
              resolve(text);
              req.destroy();
            }
          });
        },
      );
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    await call('customers.create', { values: { name: '事件测试有限公司' } });
    expect(await got).toContain('"entities":["customer"]');
  });
});

describe('getting in: the launch file and its single-use code', () => {
  it('keeps the launch page in a file only its owner can read, in folders only its owner can enter', () => {
    expect(statSync(shell.launchFile.path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(shell.launchFile.path)).mode & 0o777).toBe(0o700);
    expect(statSync(join(shell.dataDir, 'shell')).mode & 0o777).toBe(0o700);
    expect(dirname(dirname(shell.launchFile.path))).toBe(join(shell.dataDir, 'shell'));
  });

  it('exchanges a code once for an HttpOnly, SameSite=Strict session cookie; a used code is refused', async () => {
    const code = readLaunchCode(shell.launchFile.path);
    const first = await exchangeCode(shell.bridge.url, code);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const setCookie = first.headers.getSetCookie()[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^${shell.bridge.cookieName}=[\\w-]{40,};`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    const session = setCookie.split(';')[0] as string;
    expect((await call('workspace.info', {}, { 'content-type': 'application/json', cookie: session })).status).toBe(200);

    const again = await exchangeCode(shell.bridge.url, code);
    expect(again.status).toBe(401);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(await again.json()).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: expect.stringContaining('already used') as unknown, details: { reason: 'used' } },
    });
    const unknown = await exchangeCode(shell.bridge.url, 'not-a-code');
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', details: { reason: 'unknown' } } });

    // A second window: the file already holds a fresh code.
    const next = readLaunchCode(shell.launchFile.path);
    expect(next).not.toBe(code);
    expect((await exchangeCode(shell.bridge.url, next)).status).toBe(303);
  });

  it('takes a code by GET too (the URL --print-secret-url prints)', async () => {
    const code = shell.bridge.issueCode();
    const res = await fetch(`${shell.bridge.url}/session?code=${code}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect((await fetch(`${shell.bridge.url}/session?code=${code}`, { redirect: 'manual' })).status).toBe(401);
    expect((await raw('/session', { method: 'PUT' })).status).toBe(405);
  });

  // Found by hand (session 11): the printed address opened again (history, a bookmark) in the
  // browser that already has the session showed the refusal as raw JSON instead of the app.
  it('sends a browser that already has the session to the app when its code was used; without the session it is refused', async () => {
    const code = shell.bridge.issueCode();
    const first = await fetch(`${shell.bridge.url}/session?code=${code}`, { redirect: 'manual' });
    const session = (first.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
    const withSession = await raw(`/session?code=${code}`, { headers: { cookie: session } });
    expect(withSession.status).toBe(303);
    expect(withSession.headers.location).toBe('/');
    expect(withSession.headers['set-cookie']).toBeUndefined();
    const withWrongSession = await raw(`/session?code=${code}`, { headers: { cookie: `${shell.bridge.cookieName}=forged` } });
    expect(withWrongSession.status).toBe(401);
    expect(envelopeOf(withWrongSession).error).toMatchObject({ code: 'UNAUTHORIZED', details: { reason: 'used' } });
  });

  it('refuses an expired code with a clear envelope', async () => {
    let clock = 1_000_000;
    const other = await startTestShell({ now: () => clock });
    try {
      const code = readLaunchCode(other.launchFile.path);
      clock += LAUNCH_CODE_TTL_MS + 1;
      const res = await exchangeCode(other.bridge.url, code);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: expect.stringContaining('expired') as unknown, details: { reason: 'expired' } },
      });
      // A session of one shell opens nothing on another (and the cookie is named per port).
      expect(other.bridge.cookieName).not.toBe(shell.bridge.cookieName);
      const foreign = await raw(
        '/api/call/workspace.info',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: cookie.replace(shell.bridge.cookieName, other.bridge.cookieName) },
          body: '{}',
        },
        other.bridge.port,
      );
      expect(foreign.status).toBe(401);
    } finally {
      await other.stop();
    }
  });
});

describe('uploads and downloads', () => {
  it('stages an upload 0600 in a private folder of this process under the data folder', async () => {
    const res = await raw(`/api/upload?name=${encodeURIComponent('客户.csv')}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/octet-stream' },
      body: '客户名称\n华南贸易\n',
    });
    const envelope = JSON.parse(res.body) as { ok: true; value: { fileToken: string; fileName: string } };
    expect(envelope).toMatchObject({ ok: true, value: { fileName: '客户.csv' } });
    const file = shell.app.host.staged.get(envelope.value.fileToken);
    const folder = dirname(file.path);
    expect(dirname(folder)).toBe(join(shell.dataDir, 'staging'));
    expect(folder).toMatch(new RegExp(`${process.pid}-\\w+$`));
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(dirname(folder)).mode & 0o777).toBe(0o700);
    shell.app.host.staged.release(envelope.value.fileToken);
    expect(existsSync(file.path)).toBe(false);
  });

  it('refuses an upload over the limit with 413 before reading it', async () => {
    const small = await startTestShell({ maxUploadBytes: 1000 });
    try {
      const cookieSmall = await openSession(small.bridge.url, small.launchFile.path);
      const res = await raw(
        '/api/upload?name=big.csv',
        { method: 'POST', headers: { cookie: cookieSmall, 'content-type': 'application/octet-stream' }, body: Buffer.alloc(5000, 0x41) },
        small.bridge.port,
      );
      expect(res.status).toBe(413);
      expect(envelopeOf(res).error).toMatchObject({ code: 'TOO_LARGE', details: { limitBytes: 1000 } });
      const staged = small.app.host.staged.folder;
      expect(staged === null || readdirSync(staged).length === 0).toBe(true);
    } finally {
      await small.stop();
    }
  });

  it('serves a download once, to a session only, and deletes the staged copy', async () => {
    const path = shell.app.host.staged.exportPath('.csv');
    writeFileSync(path, 'a,b\n', { mode: 0o600 });
    const token = shell.app.host.staged.stageDownload(path, '导出.csv');
    expect((await raw(`/api/download/${token}`)).status).toBe(401);
    const res = await raw(`/api/download/${token}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.body).toBe('a,b\n');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('导出.csv'));
    expect(existsSync(path)).toBe(false);
    const again = await raw(`/api/download/${token}`, { headers: { cookie } });
    expect(again.status).toBe(404);
    expect(envelopeOf(again).error.code).toBe('NOT_FOUND');
  });
});
