import { request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:tls';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { Envelope } from '../../src-shared/errors';
import { certificateFingerprint, normalisePairingCode, pairingCode } from './pairing-code';

// A colleague's side of host mode: first contact fetches the host's certificate without sending
// anything and compares its pairing code with the one the manager read out; from then on every
// connection trusts exactly that certificate (its fingerprint pinned), so a machine in between
// with another certificate fails the TLS handshake before a password or token is sent.

/** The error code of a connection refused because the host's certificate is not the paired one. */
export const NOT_PAIRED = 'ERR_KECARD_NOT_PAIRED';

/** TLS's own codes for a certificate that does not chain to the pinned one (checked before ours). */
const UNTRUSTED = new Set([
  NOT_PAIRED,
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** Whether a failed request failed because the host is not the paired one (not because it is away). */
export function isNotPaired(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNTRUSTED.has(code);
}

export interface HostCertificate {
  pem: string;
  fingerprint: string;
  pairingCode: string;
}

/** The certificate the host presents (no request is sent on this connection). */
export function fetchHostCertificate(address: string, port: number, timeoutMs = 5000): Promise<HostCertificate> {
  return new Promise((resolveCert, reject) => {
    // Not verified here on purpose: it is verified by the pairing code, by the person.
    const socket = connect({ host: address, port, rejectUnauthorized: false, timeout: timeoutMs }, () => {
      const raw = socket.getPeerX509Certificate();
      socket.destroy();
      if (!raw) return reject(new Error('The host presented no certificate.'));
      const pem = raw.toString();
      const fingerprint = certificateFingerprint(pem);
      resolveCert({ pem, fingerprint, pairingCode: pairingCode(fingerprint) });
    });
    socket.once('timeout', () => socket.destroy(new Error('The host did not answer.')));
    socket.once('error', reject);
  });
}

/** Whether the code a person typed is the certificate's. */
export function pairingCodeMatches(cert: HostCertificate, typed: string): boolean {
  return normalisePairingCode(typed) === cert.pairingCode;
}

export interface HostClientOptions {
  address: string;
  port: number;
  /** The certificate accepted by pairing code. */
  pinned: HostCertificate;
  /** A request without an answer this long fails (a host that left the network sends no reset). */
  timeoutMs?: number;
  /**
   * An event stream silent this long is taken for dead: the host writes a keep-alive every 15 s,
   * so a stream that says nothing for longer lost its host (sleep, cable, Wi-Fi).
   */
  streamSilenceMs?: number;
}

export class HostClient {
  token: string | null = null;

  constructor(private readonly options: HostClientOptions) {}

  async signIn(login: string, password: string): Promise<Envelope<{ token: string; user: { id: string; role: string } }>> {
    const answer = await this.send<{ token: string; user: { id: string; role: string } }>('POST', '/v1/session', { login, password });
    if (answer.body.ok) this.token = answer.body.value.token;
    return answer.body;
  }

  async call<T = unknown>(method: string, input: unknown = {}): Promise<Envelope<T>> {
    return (await this.send<T>('POST', `/v1/call/${method}`, input)).body;
  }

  /** Who the token is (`GET /v1/session`): answers UNAUTHORIZED once the host forgot the session. */
  async whoAmI(): Promise<Envelope<{ user: { id: string; login: string; displayName: string; role: string } }>> {
    return (await this.send<{ user: { id: string; login: string; displayName: string; role: string } }>('GET', '/v1/session')).body;
  }

  async signOut(): Promise<void> {
    await this.send('DELETE', '/v1/session');
    this.token = null;
  }

  /** Opens the event stream; `onEvent` gets each event; returns a function that closes it. */
  events(onEvent: (event: KecardEvent) => void): Promise<{ close(): void; closed: Promise<void> }> {
    return new Promise((resolveStream, reject) => {
      const req = request({ ...this.requestOptions('GET', '/v1/events') }, (res: IncomingMessage) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`The host refused the event stream (${res.statusCode}).`));
        }
        let buffer = '';
        // A stream cut by the host's going away ends in 'close' (below), not in a crash.
        res.on('error', () => undefined);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of frame.split('\n')) if (line.startsWith('data: ')) onEvent(JSON.parse(line.slice(6)) as KecardEvent);
            end = buffer.indexOf('\n\n');
          }
        });
        const closed = new Promise<void>((resolveClosed) => res.once('close', () => resolveClosed()));
        resolveStream({ close: () => req.destroy(), closed });
      });
      req.on('error', reject);
      // Keep-alives count as activity: only a stream whose host went silent times out.
      req.setTimeout(this.options.streamSilenceMs ?? 45_000, () => req.destroy(new Error('The host went silent.')));
      req.end();
    });
  }

  private requestOptions(method: string, path: string, bodyLength?: number): RequestOptions {
    const pinned = this.options.pinned;
    return {
      host: this.options.address,
      port: this.options.port,
      method,
      path,
      // Trust exactly the paired certificate: as the only anchor, and by fingerprint (the name in
      // it is not the address, so the usual host-name check is replaced by the fingerprint's).
      ca: pinned.pem,
      checkServerIdentity: (_host, cert) =>
        cert.fingerprint256 === pinned.fingerprint
          ? undefined
          : Object.assign(new Error('The host presented another certificate than the one paired.'), { code: NOT_PAIRED }),
      agent: false,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(bodyLength !== undefined ? { 'content-type': 'application/json', 'content-length': String(bodyLength) } : {}),
      },
    };
  }

  private send<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: Envelope<T> }> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolveAnswer, reject) => {
      const req = request(this.requestOptions(method, path, text === undefined ? undefined : Buffer.byteLength(text)), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolveAnswer({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope<T> });
          } catch {
            reject(new Error(`The host answered ${res.statusCode ?? 0} without a Kecard answer.`));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(this.options.timeoutMs ?? 60_000, () =>
        req.destroy(Object.assign(new Error('The host did not answer.'), { code: 'ETIMEDOUT' })),
      );
      req.end(text);
    });
  }
}
