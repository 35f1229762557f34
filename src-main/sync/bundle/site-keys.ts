import { createPrivateKey, createPublicKey, generateKeyPairSync, pbkdf2Sync, type KeyObject } from 'node:crypto';
import { KecardError } from '../../../src-shared/errors';

// A site's two key pairs: Ed25519 signs its bundles, X25519 agrees the key that encrypts bundles
// between two sites. Kept as base64 DER (spki / pkcs8) so they fit a settings row or an invitation.

export interface SitePublicKeys {
  signPublic: string;
  boxPublic: string;
}
export interface SiteKeyPair extends SitePublicKeys {
  signPrivate: string;
  boxPrivate: string;
}

export function generateSiteKeys(): SiteKeyPair {
  const sign = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  const box = generateKeyPairSync('x25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  return {
    signPublic: sign.publicKey.toString('base64'),
    boxPublic: box.publicKey.toString('base64'),
    signPrivate: sign.privateKey.toString('base64'),
    boxPrivate: box.privateKey.toString('base64'),
  };
}

export function publicKeysOf(keys: SiteKeyPair): SitePublicKeys {
  return { signPublic: keys.signPublic, boxPublic: keys.boxPublic };
}

// Iterations of PBKDF2-HMAC-SHA256 behind the safety code, as many as Signal's safety numbers hash:
// 20 digits are ~66 bits, and the iterations make every guess an impostor tries to match a code cost
// thousands of hashes, while a code still takes ~1 ms (a status list shows one per partner).
const SAFETY_ITERATIONS = 5200;

/**
 * Same string on both sides whatever the argument order: 4 groups of 5 digits "12345 67890 …"
 * from SHA-256 over both sites' keys (sorted), read aloud by phone to detect a swapped key.
 */
export function safetyCode(a: SitePublicKeys, b: SitePublicKeys): string {
  const [first, second] = [keyText(a), keyText(b)].sort();
  const digest = pbkdf2Sync(Buffer.from(`${first}\n${second}`, 'utf8'), 'kecard safety code v1', SAFETY_ITERATIONS, 32, 'sha256');
  const groups: string[] = [];
  // 5 bytes (40 bits) per group, mod 100000: the bias is below 1e-7.
  for (let g = 0; g < 4; g++) groups.push(String(digest.readUIntBE(g * 5, 5) % 100_000).padStart(5, '0'));
  return groups.join(' ');
}

/** Each key as Kecard writes it; a text that is no key at all still gets a code (one that will not match). */
function keyText(keys: SitePublicKeys): string {
  const text = (base64: string, kind: 'ed25519' | 'x25519') => {
    try {
      return canonicalPublicKey(base64, kind);
    } catch {
      return base64;
    }
  };
  return `${text(keys.signPublic, 'ed25519')}:${text(keys.boxPublic, 'x25519')}`;
}

/**
 * A public key's text as Kecard writes it (its DER re-encoded): the same key spelled differently
 * (base64 with line breaks, url-safe letters) still gives the same safety code and bundle key.
 */
export function canonicalPublicKey(base64: string, kind: 'ed25519' | 'x25519'): string {
  return publicKey(base64, kind).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** A key as node:crypto wants it; a value that is not one is the caller's mistake, not the bundle's. */
export function publicKey(base64: string, kind: 'ed25519' | 'x25519'): KeyObject {
  return checkedKey(() => createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' }), kind);
}
export function privateKey(base64: string, kind: 'ed25519' | 'x25519'): KeyObject {
  return checkedKey(() => createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' }), kind);
}

function checkedKey(make: () => KeyObject, kind: 'ed25519' | 'x25519'): KeyObject {
  let key: KeyObject;
  try {
    key = make();
  } catch {
    throw new KecardError('VALIDATION', `not a valid ${kind} site key`, { key: kind });
  }
  if (key.asymmetricKeyType !== kind)
    throw new KecardError('VALIDATION', `site key is ${key.asymmetricKeyType ?? '?'}, expected ${kind}`, { key: kind });
  return key;
}
