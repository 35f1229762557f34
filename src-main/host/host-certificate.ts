import { existsSync, readFileSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { ensurePrivateDir, openPrivateForWrite } from '../files/private-files';
import { certificateFingerprint, pairingCode } from './pairing-code';

// One TLS certificate per workspace, made on the first 共享给同事 and kept in the app's data
// folder (never beside the workspace file: a copied workspace must not carry the host's private
// key). It stays the same across restarts, so colleagues who pinned it once are not asked again.
// Made by the `selfsigned` library (EC P-256, SHA-256), never hand-written ASN.1.

export interface HostIdentity {
  cert: string;
  key: string;
  /** SHA-256, `AB:CD:…`. */
  fingerprint: string;
  pairingCode: string;
}

const VALID_YEARS = 20;

export function hostCertificateDir(dataDir: string, workspaceId: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(workspaceId)) throw new Error(`Unexpected workspace id: ${workspaceId}`);
  return join(dataDir, 'host', workspaceId);
}

/** The workspace's certificate and key, made now if there is none yet. */
export async function ensureHostCertificate(dataDir: string, workspaceId: string): Promise<HostIdentity> {
  ensurePrivateDir(join(dataDir, 'host'));
  const dir = ensurePrivateDir(hostCertificateDir(dataDir, workspaceId));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    const now = new Date();
    const made = await selfsigned.generate([{ name: 'commonName', value: `Kecard ${workspaceId.slice(0, 8)}` }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - 86_400_000),
      notAfterDate: new Date(now.getTime() + VALID_YEARS * 365 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
      ],
    });
    // The key first: a certificate without its key would be remade anyway.
    writePrivate(keyPath, made.private);
    writePrivate(certPath, made.cert);
  }
  const cert = readFileSync(certPath, 'utf8');
  const key = readFileSync(keyPath, 'utf8');
  const fingerprint = certificateFingerprint(cert);
  return { cert, key, fingerprint, pairingCode: pairingCode(fingerprint) };
}

function writePrivate(path: string, text: string): void {
  const fd = openPrivateForWrite(path);
  try {
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
