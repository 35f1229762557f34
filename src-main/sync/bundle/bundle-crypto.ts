import { createCipheriv, createDecipheriv, createHash, diffieHellman, hkdfSync, randomBytes, sign, verify } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { BundleHeader } from '../../../src-shared/domain/sync-bundle';
import { KecardError } from '../../../src-shared/errors';
import { refuse } from './bundle-refusal';
import { canonicalJson } from './canonical-json';
import { canonicalPublicKey, privateKey, publicKey, type SiteKeyPair, type SitePublicKeys } from './site-keys';

// The sealed body of a bundle: salt | nonce | ciphertext | GCM tag | Ed25519 signature.
// Why each choice: docs/sync-protocol.md, "Bundle file format".

export const SALT_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const SIGNATURE_BYTES = 64;
export const BODY_OVERHEAD = SALT_BYTES + NONCE_BYTES + TAG_BYTES + SIGNATURE_BYTES;
const SIGNED_CONTEXT = Buffer.from('kecard-sync v1 signature\0', 'latin1');

// Brotli quality 5, text mode, 4 MiB window. Measured on 50 MB of NDJSON change-log entries with
// Chinese demo customers (2 shared cores): gzip -6 12.4 % of the input at 118 MiB/s; brotli q4
// 11.1 % at 97 MiB/s; q5 10.5 % at 61 MiB/s; q6 10.5 % at 38 MiB/s; q9 10.3 % at 14 MiB/s; q11
// 8.5 % at 0.5 MiB/s. q5 is 15 % smaller than gzip for half its speed (100k changes ≈ 40 MB ≈
// 0.7 s), and every level past it costs far more time than it saves bytes. Decompression runs at
// 130–170 MiB/s for all of them.
const BROTLI_QUALITY = 5;
const BROTLI_WINDOW_BITS = 22;

export function compress(payload: Buffer): Buffer {
  return brotliCompressSync(payload, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: payload.length,
    },
  });
}

/**
 * Inflates at most `maxBytes`: a crafted stream cannot make the reader allocate more. `limitBytes`
 * is the reader's configured cap, named in the refusal.
 */
export function decompress(compressed: Buffer, maxBytes: number, limitBytes: number): Buffer {
  try {
    return brotliDecompressSync(compressed, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw refuse('tooLarge', `bundle payload inflates beyond ${maxBytes} bytes`, { limitBytes });
    }
    throw refuse('tampered', `bundle payload does not decompress: ${(err as Error).message}`);
  }
}

/**
 * The AES key of one bundle: X25519 between the two sites' box keys, stretched by HKDF-SHA256 with
 * the bundle's own random salt and an info naming network, sender, recipient, number and both box
 * keys, so a key never serves another bundle, pair or direction.
 */
function bundleKey(ownBoxPrivate: string, theirBoxPublic: string, salt: Buffer, info: Buffer): Buffer {
  const shared = diffieHellman({ privateKey: privateKey(ownBoxPrivate, 'x25519'), publicKey: publicKey(theirBoxPublic, 'x25519') });
  return Buffer.from(hkdfSync('sha256', shared, salt, info, 32));
}

function keyInfo(header: BundleHeader, senderBox: string, recipientBox: string): Buffer {
  const info = canonicalJson({
    purpose: 'kecard-sync v1 bundle key',
    networkId: header.networkId,
    from: header.from.siteId,
    to: header.to.siteId,
    number: header.number,
    senderBox: canonicalPublicKey(senderBox, 'x25519'),
    recipientBox: canonicalPublicKey(recipientBox, 'x25519'),
  });
  return Buffer.from(info, 'utf8');
}

/** What the sender signs: a digest of header bytes, salt, nonce, ciphertext and tag (Ed25519 takes no stream). */
function signedMessage(headerBytes: Buffer, sealed: Buffer[]): Buffer {
  const hash = createHash('sha256');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  hash.update(length).update(headerBytes);
  for (const piece of sealed) hash.update(piece);
  return Buffer.concat([SIGNED_CONTEXT, hash.digest()]);
}

/** Encrypts and signs: the body that is cut into parts. */
export function sealBody(header: BundleHeader, headerBytes: Buffer, compressed: Buffer, sender: SiteKeyPair, recipient: SitePublicKeys): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const key = bundleKey(sender.boxPrivate, recipient.boxPublic, salt, keyInfo(header, sender.boxPublic, recipient.boxPublic));
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  // The header is also the cipher's associated data: the payload cannot be moved under another header.
  cipher.setAAD(headerBytes);
  const ciphertext = Buffer.concat([cipher.update(compressed), cipher.final()]);
  const tag = cipher.getAuthTag();
  const signature = sign(null, signedMessage(headerBytes, [salt, nonce, ciphertext, tag]), privateKey(sender.signPrivate, 'ed25519'));
  return Buffer.concat([salt, nonce, ciphertext, tag, signature]);
}

/** Checks the sender's signature over header and body; throws `tampered` when it does not hold. */
export function verifyBody(headerBytes: Buffer, body: Buffer, senderSignPublic: string): void {
  const signed = body.subarray(0, body.length - SIGNATURE_BYTES);
  const signature = body.subarray(body.length - SIGNATURE_BYTES);
  if (!verify(null, signedMessage(headerBytes, [signed]), publicKey(senderSignPublic, 'ed25519'), signature)) {
    throw refuse('tampered', "bundle signature does not verify with the sender's key (damaged, or not made by that sender)");
  }
}

/** Decrypts a verified body; a failing tag here means the keys are not the ones it was sealed for. */
export function openBody(header: BundleHeader, headerBytes: Buffer, body: Buffer, recipient: SiteKeyPair, sender: SitePublicKeys): Buffer {
  const salt = body.subarray(0, SALT_BYTES);
  const nonce = body.subarray(SALT_BYTES, SALT_BYTES + NONCE_BYTES);
  const tagAt = body.length - SIGNATURE_BYTES - TAG_BYTES;
  const ciphertext = body.subarray(SALT_BYTES + NONCE_BYTES, tagAt);
  const tag = body.subarray(tagAt, tagAt + TAG_BYTES);
  const notForUs = () => refuse('notForThisSite', "bundle does not decrypt with this site's keys (sealed for another site or key)");
  let key: Buffer;
  try {
    key = bundleKey(recipient.boxPrivate, sender.boxPublic, salt, keyInfo(header, sender.boxPublic, recipient.boxPublic));
  } catch (err) {
    // X25519 refuses a small-order public key (an all-zero secret); any other failure is the caller's key.
    if (err instanceof KecardError) throw err;
    throw notForUs();
  }
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(headerBytes);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw notForUs();
  }
}
