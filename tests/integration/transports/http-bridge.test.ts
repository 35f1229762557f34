import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestShell } from '../../support/test-app';

let shell: Awaited<ReturnType<typeof startTestShell>>;
beforeAll(async () => {
  shell = await startTestShell();
});
afterAll(async () => {
  await shell.stop();
});

/** Raw HTTP so tests can send the headers a browser would refuse to forge (Host). */
function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: shell.bridge.port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

const callHeaders = () => ({ 'content-type': 'application/json', 'x-kecard-token': shell.bridge.token, host: `127.0.0.1:${shell.bridge.port}` });

describe('browser shell HTTP bridge', () => {
  it('listens on loopback only', () => {
    expect(shell.bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shell.bridge.appUrl).toContain('#token=');
  });

  it('runs a contract method and returns the envelope', async () => {
    const res = await raw('/api/call/customers.create', {
      method: 'POST',
      headers: callHeaders(),
      body: JSON.stringify({ values: { name: '杭州阿里巴巴网络技术有限公司', phones: ['0571-85022088'] } }),
    });
    expect(res.status).toBe(200);
    const envelope = JSON.parse(res.body) as { ok: boolean; value: { id: string; name: string } };
    expect(envelope.ok).toBe(true);
    expect(envelope.value.name).toBe('杭州阿里巴巴网络技术有限公司');
  });

  it('turns invalid input into a VALIDATION envelope with field codes', async () => {
    const res = await raw('/api/call/customers.create', {
      method: 'POST',
      headers: callHeaders(),
      body: JSON.stringify({ values: { name: '', email: 'not-mail' } }),
    });
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.any(String) as unknown, details: { fields: { name: 'required', email: 'email' } } },
    });
  });

  it('refuses a missing or wrong token, a foreign Host, a foreign Origin, and unknown methods', async () => {
    const body = JSON.stringify({});
    const noToken = await raw('/api/call/workspace.info', { method: 'POST', headers: { ...callHeaders(), 'x-kecard-token': 'guess' }, body });
    expect(noToken.status).toBe(401);
    const rebinding = await raw('/api/call/workspace.info', { method: 'POST', headers: { ...callHeaders(), host: 'evil.example:80' }, body });
    expect(rebinding.status).toBe(421);
    const crossSite = await raw('/api/call/workspace.info', { method: 'POST', headers: { ...callHeaders(), origin: 'http://evil.example' }, body });
    expect(crossSite.status).toBe(403);
    const unknown = await raw('/api/call/customers.dropTable', { method: 'POST', headers: callHeaders(), body });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const badJson = await raw('/api/call/workspace.info', { method: 'POST', headers: callHeaders(), body: '{nope' });
    expect(badJson.status).toBe(400);
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const index = await raw('/', { headers: { host: `127.0.0.1:${shell.bridge.port}` } });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await raw('/..%2F..%2F..%2Fetc%2Fpasswd', { headers: { host: `127.0.0.1:${shell.bridge.port}` } });
    expect(escape.body).not.toContain('root:');
  });

  it('pushes data-changed events to the event stream', async () => {
    const got = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: shell.bridge.port, path: `/api/events?token=${shell.bridge.token}`, headers: { host: `127.0.0.1:${shell.bridge.port}` } },
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
    await raw('/api/call/customers.create', { method: 'POST', headers: callHeaders(), body: JSON.stringify({ values: { name: '事件测试有限公司' } }) });
    expect(await got).toContain('"entities":["customer"]');
  });
});
