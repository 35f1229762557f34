import { X509Certificate } from 'node:crypto';

// The pairing code is the first 80 bits of the host certificate's SHA-256 fingerprint in base32,
// as 4 groups of 4 (e.g. `K7QM-2XHD-9…`): short enough to read out over the phone, long enough
// that making another certificate with the same code costs about 2^80 tries. The assistant's app
// computes it from the certificate it is shown and compares it with the code the manager read out;
// from then on it pins the full fingerprint (like a Syncthing device id).

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no I, O, 0, 1: nothing to confuse when read out

/** SHA-256 fingerprint as Node prints it (`AB:CD:…`) of a PEM or DER certificate. */
export function certificateFingerprint(cert: string | Buffer): string {
  return new X509Certificate(cert).fingerprint256;
}

export function pairingCode(fingerprint256: string): string {
  const bytes = Buffer.from(fingerprint256.replaceAll(':', ''), 'hex');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= 16) break;
  }
  return (out.match(/.{4}/g) as string[]).join('-');
}

/** A code as typed (lower case, spaces, no dashes) in the form `pairingCode` gives. */
export function normalisePairingCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return (plain.match(/.{1,4}/g) ?? []).join('-');
}
