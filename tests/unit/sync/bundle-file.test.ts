import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHeaderSchema } from '../../../src-shared/domain/sync-bundle';
import {
  bundleFileNames,
  DEFAULT_MAX_PART_BYTES,
  groupParts,
  MAIL_LIMIT_BYTES,
  openBundle,
  readBundleHeader,
  sealBundle,
} from '../../../src-main/sync/bundle/bundle-file';
import { BODY_OVERHEAD, NONCE_BYTES, SALT_BYTES, SIGNATURE_BYTES, TAG_BYTES } from '../../../src-main/sync/bundle/bundle-crypto';
import { decodePart, FIXED_BYTES, PART_DIGEST_BYTES } from '../../../src-main/sync/bundle/bundle-part';
import { generateSiteKeys, publicKeysOf, type SiteKeyPair } from '../../../src-main/sync/bundle/site-keys';
import { draftHeader, flipped, forge, ndjson, refusalOf, sealWithDeclaredPayload, throughFolder } from '../../support/sync-bundle-kit';

let dir: string;
let hq: SiteKeyPair;
let store: SiteKeyPair;
let stranger: SiteKeyPair;
const storeOpens = () => ({ recipient: store, sender: publicKeysOf(hq) });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kecard-bundle-'));
  hq = generateSiteKeys();
  store = generateSiteKeys();
  stranger = generateSiteKeys();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let folders = 0;
const freshFolder = () => join(dir, `inbox-${++folders}`);

/** A bundle of random (incompressible) bytes from HQ to the store, in parts of at most `maxPartBytes`. */
function sealRandom(bytes: number, maxPartBytes: number) {
  return sealBundle({ header: draftHeader(), payload: randomBytes(bytes), sender: hq, recipient: publicKeysOf(store), maxPartBytes });
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seed * (i + 7)) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('sealing and opening a bundle', () => {
  it('round-trips an empty payload, a small one and one of more than 3 parts, through files, in any order', () => {
    const empty = sealBundle({ header: draftHeader(), payload: Buffer.alloc(0), sender: hq, recipient: publicKeysOf(store) });
    expect(empty.parts).toHaveLength(1);
    expect(empty.header.payload).toMatchObject({ bytes: 0, sha256: createHash('sha256').digest('hex') });
    expect(openBundle(throughFolder(freshFolder(), empty.header, empty.parts), storeOpens()).payload).toHaveLength(0);

    const small = ndjson(20);
    const sealed = sealBundle({ header: draftHeader(), payload: small, sender: hq, recipient: publicKeysOf(store) });
    const opened = openBundle(throughFolder(freshFolder(), sealed.header, sealed.parts), storeOpens());
    expect(opened.payload.equals(small)).toBe(true);
    expect(opened.header).toEqual(sealed.header);
    expect(opened.header.payload.compressedBytes).toBeLessThan(small.length);

    const large = randomBytes(20_000);
    const split = sealBundle({ header: draftHeader(), payload: large, sender: hq, recipient: publicKeysOf(store), maxPartBytes: 4000 });
    expect(split.parts.length).toBeGreaterThan(3);
    for (const part of split.parts) expect(part.length).toBeLessThanOrEqual(4000);
    const files = throughFolder(freshFolder(), split.header, split.parts);
    for (const order of [files, [...files].reverse(), shuffled(files, 5), shuffled(files, 11)]) {
      expect(openBundle(order, storeOpens()).payload.equals(large)).toBe(true);
    }
  });

  it('keeps the header readable without keys and the payload unreadable', () => {
    const secret = Buffer.from('{"field":"name","newValue":"机密客户甲"}\n'.repeat(3));
    const { parts } = sealBundle({ header: draftHeader(), payload: secret, sender: hq, recipient: publicKeysOf(store) });
    const part = parts[0] as Buffer;
    expect(part.includes(Buffer.from('"南京店"'))).toBe(true);
    expect(part.includes(Buffer.from('机密客户甲'))).toBe(false);
  });

  it('seals then opens any payload at any part size (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 6000 }), fc.integer({ min: 900, max: 5000 }), fc.nat(), (bytes, maxPartBytes, seed) => {
        const payload = Buffer.from(bytes);
        const sealed = sealBundle({ header: draftHeader(), payload, sender: hq, recipient: publicKeysOf(store), maxPartBytes });
        for (const part of sealed.parts) expect(part.length).toBeLessThanOrEqual(maxPartBytes);
        expect(openBundle(shuffled(sealed.parts, seed), storeOpens()).payload.equals(payload)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('reads the header from every part alone, without keys', () => {
    const sealed = sealRandom(12_000, 3000);
    for (const part of throughFolder(freshFolder(), sealed.header, sealed.parts)) expect(readBundleHeader(part)).toEqual(sealed.header);
    expect(bundleHeaderSchema.parse(sealed.header)).toEqual(sealed.header);
  });

  it('opens a bundle sealed with the recipient key spelled differently (base64 with line breaks)', () => {
    const spelled = { signPublic: store.signPublic, boxPublic: (store.boxPublic.match(/.{1,16}/g) ?? []).join('\r\n') };
    const sealed = sealBundle({ header: draftHeader(), payload: ndjson(4), sender: hq, recipient: spelled });
    expect(openBundle(sealed.parts, storeOpens()).payload.equals(ndjson(4))).toBe(true);
  });

  it('opens a part received twice, once', () => {
    const sealed = sealRandom(8000, 3000);
    expect(openBundle([...sealed.parts, sealed.parts[1] as Buffer], storeOpens()).payload).toHaveLength(8000);
  });
});

describe('refusing a bundle', () => {
  let sealed: ReturnType<typeof sealRandom>;
  beforeAll(() => {
    sealed = sealRandom(10_000, 3000);
  });
  const open = (parts: Buffer[]) => () => openBundle(parts, storeOpens());
  /** Where body byte `at` lies: which part and which byte of it. */
  function inPart(at: number): [number, number] {
    const first = decodePart(sealed.parts[0] as Buffer);
    const start = FIXED_BYTES + first.headerBytes.length;
    const part = Math.floor(at / first.chunk.length);
    return [part, start + (at % first.chunk.length)];
  }
  const bodyLength = () => sealed.header.payload.compressedBytes + BODY_OVERHEAD;
  const withFlip = (part: number, at: number) => sealed.parts.map((p, i) => (i === part ? flipped(p, at) : p));

  it('refuses a flipped byte anywhere in any part (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: sealed.parts.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (part, position, mask) => {
        const bytes = sealed.parts[part] as Buffer;
        const damaged = sealed.parts.map((p, i) => (i === part ? flipped(bytes, position % bytes.length, mask) : p));
        expect(() => openBundle(damaged, storeOpens())).toThrow(expect.objectContaining({ code: 'BUNDLE_INVALID' }));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a flipped byte at every position of every part of a small bundle', () => {
    const small = sealBundle({ header: draftHeader(), payload: ndjson(30), sender: hq, recipient: publicKeysOf(store), maxPartBytes: 1000 });
    expect(small.parts.length).toBeGreaterThan(1);
    let refused = 0;
    small.parts.forEach((bytes, part) => {
      for (let at = 0; at < bytes.length; at++) {
        const damaged = small.parts.map((p, i) => (i === part ? flipped(bytes, at, 0x80) : p));
        expect(['notABundle', 'tampered']).toContain(refusalOf(() => openBundle(damaged, storeOpens())));
        refused++;
      }
    });
    expect(refused).toBe(small.parts.reduce((n, p) => n + p.length, 0));
  });

  it('refuses a flipped byte in each region of a part, each for its reason', () => {
    const headerLength = decodePart(sealed.parts[0] as Buffer).headerBytes.length;
    const last = sealed.parts.length - 1;
    const lastLength = (sealed.parts[last] as Buffer).length;
    const cases: [string, number, number, string][] = [
      ['magic', 0, 0, 'notABundle'],
      ['format version', 0, 9, 'tampered'],
      ['version complement', 0, 11, 'tampered'],
      ['part number', 1, 13, 'tampered'],
      ['part count', 1, 15, 'tampered'],
      ['bundle id', 2, 20, 'tampered'],
      ['header length', 0, 51, 'tampered'],
      ['chunk length', 0, 55, 'tampered'],
      ['prefix digest', 0, 60, 'tampered'],
      ['header JSON', 1, FIXED_BYTES + 10, 'tampered'],
      ['salt', ...inPart(3), 'tampered'],
      ['nonce', ...inPart(SALT_BYTES + 2), 'tampered'],
      ['ciphertext', ...inPart(Math.floor(bodyLength() / 2)), 'tampered'],
      ['GCM tag', ...inPart(bodyLength() - SIGNATURE_BYTES - 5), 'tampered'],
      ['signature', ...inPart(bodyLength() - 7), 'tampered'],
      ['part digest', last, lastLength - 1, 'tampered'],
    ];
    expect(headerLength).toBeGreaterThan(10);
    for (const [region, part, at, reason] of cases) expect([region, refusalOf(open(withFlip(part, at)))]).toEqual([region, reason]);
  });

  it('refuses a change with every digest recomputed, by the signature', () => {
    const body = bodyLength();
    const regions: [string, number][] = [
      ['salt', 3],
      ['nonce', SALT_BYTES + 2],
      ['ciphertext', SALT_BYTES + NONCE_BYTES + 5],
      ['GCM tag', body - SIGNATURE_BYTES - TAG_BYTES + 1],
      ['signature', body - 1],
    ];
    for (const [region, at] of regions) {
      expect([region, refusalOf(open(forge(sealed.parts, { body: (b) => flipped(b, at) })))]).toEqual([region, 'tampered']);
    }
    // A header edited by someone who fixed up every digest: a different number, a different recipient.
    const renumbered = forge(sealed.parts, { header: (h) => Buffer.from(h.toString('utf8').replace('"number":42', '"number":43')) });
    expect(readBundleHeader(renumbered[0] as Buffer).number).toBe(43);
    expect(refusalOf(open(renumbered))).toBe('tampered');
    const readdressed = forge(sealed.parts, { header: (h) => Buffer.from(h.toString('utf8').replace('南京店', '苏州店')) });
    expect(refusalOf(open(readdressed))).toBe('tampered');
  });

  it('refuses a truncated part, a missing part and a part of another bundle, each for its reason', () => {
    const truncated = sealed.parts.map((p, i) => (i === 1 ? p.subarray(0, p.length - 100) : p));
    expect(refusalOf(open(truncated))).toBe('incomplete');
    expect(refusalOf(() => readBundleHeader((sealed.parts[1] as Buffer).subarray(0, 40)))).toBe('incomplete');
    expect(refusalOf(() => readBundleHeader((sealed.parts[1] as Buffer).subarray(0, 5)))).toBe('incomplete');

    const withoutSecond = sealed.parts.filter((_, i) => i !== 1);
    expect(refusalOf(open(withoutSecond))).toBe('incomplete');
    expect(refusalOf(open([]))).toBe('incomplete');

    // Another bundle with the same header and size, so that the parts line up: only its id differs.
    const other = sealRandom(10_000, 3000);
    expect(other.parts).toHaveLength(sealed.parts.length);
    expect(refusalOf(open(sealed.parts.map((p, i) => (i === 1 ? (other.parts[1] as Buffer) : p))))).toBe('mixedParts');
    // Bytes after the end (two files glued together) are not a part either.
    expect(refusalOf(open(sealed.parts.map((p, i) => (i === 0 ? Buffer.concat([p, Buffer.from('x')]) : p))))).toBe('tampered');
  });

  it('refuses the wrong keys: another recipient, another sender', () => {
    expect(refusalOf(() => openBundle(sealed.parts, { recipient: stranger, sender: publicKeysOf(hq) }))).toBe('notForThisSite');
    expect(refusalOf(() => openBundle(sealed.parts, { recipient: hq, sender: publicKeysOf(store) }))).toBe('tampered');
    // Made by a stranger claiming to be HQ: signed, but not with HQ's key.
    const impostor = sealBundle({ header: draftHeader(), payload: ndjson(3), sender: stranger, recipient: publicKeysOf(store) });
    expect(refusalOf(() => openBundle(impostor.parts, storeOpens()))).toBe('tampered');
  });

  it('refuses a newer format, in the prefix or in the header', () => {
    const version2 = (part: Buffer) => {
      const copy = Buffer.from(part);
      copy.writeUInt16BE(2, 8);
      copy.writeUInt16BE(0xfffd, 10);
      return copy;
    };
    expect(refusalOf(() => readBundleHeader(version2(sealed.parts[0] as Buffer)))).toBe('formatNewer');
    expect(refusalOf(open(sealed.parts.map(version2)))).toBe('formatNewer');
    const newerHeader = forge(sealed.parts, { header: (h) => Buffer.from(h.toString('utf8').replace('"formatVersion":1', '"formatVersion":2')) });
    expect(refusalOf(() => readBundleHeader(newerHeader[0] as Buffer))).toBe('formatNewer');
    expect(refusalOf(open(newerHeader))).toBe('formatNewer');
  });

  it('refuses files that are not bundles, and headers that do not fit the schema', () => {
    const path = join(freshFolder());
    writeFileSync(`${path}.txt`, '客户名单\n张三,13800000000\n');
    expect(refusalOf(() => readBundleHeader(readFileSync(`${path}.txt`)))).toBe('notABundle');
    expect(refusalOf(() => readBundleHeader(Buffer.alloc(0)))).toBe('notABundle');
    const noJson = forge(sealed.parts, { header: () => Buffer.from('not json') });
    expect(refusalOf(open(noJson))).toBe('tampered');
    const wrongShape = forge(sealed.parts, { header: (h) => Buffer.from(h.toString('utf8').replace('"number":42', '"number":-1')) });
    expect(refusalOf(() => readBundleHeader(wrongShape[0] as Buffer))).toBe('tampered');
  });

  it('refuses a decompression bomb under a small cap as too large', () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const bomb = sealBundle({ header: draftHeader(), payload: zeros, sender: hq, recipient: publicKeysOf(store) });
    expect(bomb.parts[0]?.length).toBeLessThan(64 * 1024);
    expect(refusalOf(() => openBundle(bomb.parts, storeOpens(), { maxPayloadBytes: 1024 * 1024 }))).toBe('tooLarge');
    // A signed header that understates the payload: inflation stops at the declared size.
    const liar = sealWithDeclaredPayload(draftHeader(), zeros, { bytes: 1000 }, hq, publicKeysOf(store));
    expect(refusalOf(() => openBundle(liar, storeOpens()))).toBe('tooLarge');
    // And one that misstates the hash of an honest size: refused after decryption.
    const wrongHash = sealWithDeclaredPayload(draftHeader(), ndjson(5), { sha256: 'ab'.repeat(32) }, hq, publicKeysOf(store));
    expect(refusalOf(() => openBundle(wrongHash, storeOpens()))).toBe('tampered');
  });
});

describe('grouping loose parts', () => {
  it('groups the parts of several bundles, lists what is missing and counts a duplicate once', () => {
    const a = sealRandom(9000, 3000);
    const b = sealBundle({
      header: draftHeader({ number: 7 }),
      payload: randomBytes(9000),
      sender: hq,
      recipient: publicKeysOf(store),
      maxPartBytes: 3000,
    });
    const inbox = shuffled([...a.parts, ...b.parts.filter((_, i) => i !== 1), a.parts[0] as Buffer], 3);
    const groups = groupParts(inbox);
    expect(groups.map((g) => [g.header.number, g.parts.length, g.missing])).toEqual([
      [7, b.parts.length - 1, [2]],
      [42, a.parts.length, []],
    ]);
    expect(openBundle((groups[1] as { parts: Buffer[] }).parts, storeOpens()).header.number).toBe(42);
  });

  it('names the position of a file that is not a part', () => {
    const a = sealRandom(2000, 3000);
    try {
      groupParts([a.parts[0] as Buffer, Buffer.from('hello')]);
      throw new Error('not refused');
    } catch (err) {
      expect(err).toMatchObject({ code: 'BUNDLE_INVALID', details: { reason: 'notABundle', position: 1 } });
    }
  });
});

describe('part sizes and file names', () => {
  /** The size of a mail carrying `bytes` as a base64 attachment: 76-char lines, CRLF, 4 KB of headers. */
  function mailBytes(bytes: Buffer): number {
    const base64 = bytes.toString('base64');
    const lines = base64.match(/.{1,76}/g) ?? [];
    return Buffer.byteLength(lines.map((l) => `${l}\r\n`).join('')) + 4096;
  }

  it('DEFAULT_MAX_PART_BYTES is the largest part whose mail fits the 10 MB limit', () => {
    const part = randomBytes(DEFAULT_MAX_PART_BYTES + 1);
    expect(mailBytes(part.subarray(0, DEFAULT_MAX_PART_BYTES))).toBeLessThanOrEqual(MAIL_LIMIT_BYTES);
    expect(mailBytes(part)).toBeGreaterThan(MAIL_LIMIT_BYTES);
    expect(DEFAULT_MAX_PART_BYTES / 1024 / 1024).toBeCloseTo(7.13, 2);
  });

  it('splits a large bundle into parts of at most the default size', () => {
    const payload = randomBytes(16 * 1024 * 1024);
    const sealed = sealBundle({ header: draftHeader(), payload, sender: hq, recipient: publicKeysOf(store) });
    expect(sealed.parts).toHaveLength(3);
    for (const part of sealed.parts) expect(part.length).toBeLessThanOrEqual(DEFAULT_MAX_PART_BYTES);
    expect(openBundle(sealed.parts, storeOpens()).payload.equals(payload)).toBe(true);
  });

  it('names files by sender, recipient and number, safe on Windows', () => {
    const { header } = sealBundle({ header: draftHeader(), payload: Buffer.alloc(0), sender: hq, recipient: publicKeysOf(store) });
    expect(bundleFileNames(header, 1)).toEqual(['总部-南京店-000042.kcsync']);
    expect(bundleFileNames(header, 3)).toEqual([
      '总部-南京店-000042.part1of3.kcsync',
      '总部-南京店-000042.part2of3.kcsync',
      '总部-南京店-000042.part3of3.kcsync',
    ]);
    const odd = { ...header, from: { ...header.from, name: 'A/B\\C:D*E?F"G<H>I|J\u0001 ' }, to: { ...header.to, name: '...' }, number: 1_234_567 };
    const [name] = bundleFileNames(odd, 1);
    expect(name).toBe('A_B_C_D_E_F_G_H_I_J_-NJ01-1234567.kcsync');
    expect([...(name as string)].filter((c) => '\\/:*?"<>|'.includes(c) || c.charCodeAt(0) < 32)).toEqual([]);
    const long = bundleFileNames({ ...header, from: { ...header.from, name: '很'.repeat(200) } }, 1)[0] as string;
    expect(Array.from(long).length).toBeLessThan(80);
    // Written and read back under that name.
    writeFileSync(join(dir, name as string), 'x');
    expect(readFileSync(join(dir, name as string), 'utf8')).toBe('x');
  });

  it('refuses to seal a header that does not fit the schema or a part size with no room', () => {
    const bad = () =>
      sealBundle({ header: draftHeader({ networkId: 'not-a-uuid' }), payload: Buffer.alloc(0), sender: hq, recipient: publicKeysOf(store) });
    expect(bad).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    const tiny = () => sealBundle({ header: draftHeader(), payload: Buffer.alloc(0), sender: hq, recipient: publicKeysOf(store), maxPartBytes: 200 });
    expect(tiny).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(PART_DIGEST_BYTES).toBe(32);
  });
});
