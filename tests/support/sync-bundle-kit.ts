import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { BundleHeader } from '../../src-shared/domain/sync-bundle';
import { KecardError } from '../../src-shared/errors';
import { compress, sealBody } from '../../src-main/sync/bundle/bundle-crypto';
import { bundleFileNames } from '../../src-main/sync/bundle/bundle-file';
import { decodePart, encodePart } from '../../src-main/sync/bundle/bundle-part';
import { canonicalJson } from '../../src-main/sync/bundle/canonical-json';
import type { SiteKeyPair, SitePublicKeys } from '../../src-main/sync/bundle/site-keys';

// Helpers for the bundle file tests: a header to seal, parts through real files, and a forger that
// rebuilds parts with valid digests (what a deliberate attacker, not a flipped bit, would make).

export const NETWORK_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

export function draftHeader(overrides: Partial<Omit<BundleHeader, 'payload'>> = {}): Omit<BundleHeader, 'payload'> {
  return {
    format: 'kecard-sync',
    formatVersion: 1,
    networkId: NETWORK_ID,
    from: { siteId: '0190a1b2-0000-7000-8000-00000000a001', code: 'HQ', name: '总部' },
    to: { siteId: '0190a1b2-0000-7000-8000-00000000b002', code: 'NJ01', name: '南京店' },
    number: 42,
    createdAt: '2026-12-06T19:30:00.000Z',
    appVersion: '0.1.0',
    schemaVersion: 12,
    vector: { '0190a1b2-0000-7000-8000-00000000a001': 1200 },
    ack: { '0190a1b2-0000-7000-8000-00000000b002': 37 },
    counts: { changes: 3, byEntity: { customer: 2, contact: 1 } },
    ...overrides,
  };
}

/** NDJSON of change entries with Chinese text, as the lead's export builds it. */
export function ndjson(lines: number): Buffer {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(JSON.stringify({ seq: i + 1, entity: 'customer', field: 'name', newValue: `南京市鼓楼区第${i}号贸易有限公司`, userName: '张伟' }));
  }
  return Buffer.from(out.map((l) => `${l}\n`).join(''), 'utf8');
}

/** Writes parts under their bundle file names and reads the folder back, as an inbox would. */
export function throughFolder(dir: string, header: BundleHeader, parts: Buffer[]): Buffer[] {
  mkdirSync(dir, { recursive: true });
  const names = bundleFileNames(header, parts.length);
  parts.forEach((part, i) => writeFileSync(join(dir, names[i] as string), part));
  return readdirSync(dir)
    .sort()
    .map((name) => readFileSync(join(dir, name)));
}

/** The refusal reason of `run`, failing the test when it does not throw BUNDLE_INVALID. */
export function refusalOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(KecardError);
    expect((err as KecardError).code).toBe('BUNDLE_INVALID');
    return String((err as KecardError).details?.reason);
  }
  throw new Error('not refused');
}

export function flipped(bytes: Buffer, at: number, mask = 0x01): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] as number) ^ mask;
  return copy;
}

/**
 * Rebuilds a bundle's parts after changing its header bytes or body, with every digest and the
 * bundle id recomputed: only the signature (or decryption) can then notice the change.
 */
export function forge(parts: Buffer[], change: { header?: (bytes: Buffer) => Buffer; body?: (body: Buffer) => Buffer }): Buffer[] {
  const decoded = parts.map(decodePart).sort((a, b) => a.index - b.index);
  const headerBytes = (change.header ?? ((b) => b))(Buffer.from((decoded[0] as { headerBytes: Buffer }).headerBytes));
  const body = (change.body ?? ((b) => b))(Buffer.concat(decoded.map((p) => p.chunk)));
  return reparts(headerBytes, body, decoded.length);
}

/** A body cut into `count` parts with valid digests and bundle id. */
export function reparts(headerBytes: Buffer, body: Buffer, count: number): Buffer[] {
  const bundleId = createHash('sha256').update(headerBytes).update(body).digest();
  const room = Math.ceil(body.length / count);
  return Array.from({ length: count }, (_, i) =>
    encodePart({ index: i + 1, count, bundleId, headerBytes, chunk: body.subarray(i * room, (i + 1) * room) }),
  );
}

/**
 * A bundle sealed and signed by a real sender whose header lies about the payload (the size a
 * dishonest or broken sender declares), as one part.
 */
export function sealWithDeclaredPayload(
  header: Omit<BundleHeader, 'payload'>,
  payload: Buffer,
  declared: Partial<BundleHeader['payload']>,
  sender: SiteKeyPair,
  recipient: SitePublicKeys,
): Buffer[] {
  const compressed = compress(payload);
  const full: BundleHeader = {
    ...header,
    payload: {
      bytes: payload.length,
      sha256: createHash('sha256').update(payload).digest('hex'),
      compressedBytes: compressed.length,
      ...declared,
    },
  };
  const headerBytes = Buffer.from(canonicalJson(full), 'utf8');
  return reparts(headerBytes, sealBody(full, headerBytes, compressed, sender, recipient), 1);
}
