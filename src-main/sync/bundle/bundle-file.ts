import { createHash } from 'node:crypto';
import { bundleHeaderSchema, type BundleHeader } from '../../../src-shared/domain/sync-bundle';
import { KecardError } from '../../../src-shared/errors';
import { BODY_OVERHEAD, compress, decompress, openBody, sealBody, verifyBody } from './bundle-crypto';
import { decodePart, encodePart, MAX_HEADER_BYTES, MAX_PARTS, partOverhead, type BundlePart } from './bundle-part';
import { isRefusal, refuse } from './bundle-refusal';
import { canonicalJson } from './canonical-json';
import type { SiteKeyPair, SitePublicKeys } from './site-keys';

// A sync bundle (同步包) as files: seal a payload for one recipient into parts small enough to mail,
// read any part's header without keys, group loose parts, and open a complete set after checking
// everything. Pure functions over buffers: the caller reads and writes the files.
// Layout, crypto and refusals: docs/sync-protocol.md, "Bundle file format".

/** Postfix's default message_size_limit: the common ceiling of a mail, headers and encoding included. */
export const MAIL_LIMIT_BYTES = 10_240_000;

/**
 * The largest part whose mail fits MAIL_LIMIT_BYTES. Base64 turns each 57 bytes into one 76-char
 * line + CRLF = 78 bytes; allow 4,096 bytes for the mail's and the MIME part's headers:
 *   10,240,000 − 4,096 = 10,235,904 = 131,229 full lines (10,235,862 bytes) + 42 bytes,
 *   and 42 bytes hold one more line of 40 chars + CRLF, i.e. 30 more input bytes;
 *   131,229 × 57 + 30 = 7,480,083 bytes ≈ 7.13 MiB (one byte more needs a 4-char group: 10,240,004).
 * tests/unit/sync/bundle-file.test.ts checks it with a real base64 encoding.
 */
export const DEFAULT_MAX_PART_BYTES = 131_229 * 57 + 30;

/** Inflated payload a reader accepts unless told otherwise: a crafted bundle cannot exhaust memory. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 2 * 1024 * 1024 * 1024;

const FILE_EXTENSION = '.kcsync';

export function sealBundle(input: {
  header: Omit<BundleHeader, 'payload'>;
  /** NDJSON of log entries. */
  payload: Buffer;
  sender: SiteKeyPair;
  recipient: SitePublicKeys;
  /** Default DEFAULT_MAX_PART_BYTES; each returned part is at most this long. */
  maxPartBytes?: number;
}): { header: BundleHeader; parts: Buffer[] } {
  const compressed = compress(input.payload);
  const payload = { bytes: input.payload.length, sha256: sha256(input.payload).toString('hex'), compressedBytes: compressed.length };
  const parsed = bundleHeaderSchema.safeParse({ ...input.header, payload });
  if (!parsed.success) {
    throw new KecardError('VALIDATION', `bundle header is invalid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  const header = parsed.data;
  const headerBytes = Buffer.from(canonicalJson(header), 'utf8');
  if (headerBytes.length > MAX_HEADER_BYTES)
    throw new KecardError('VALIDATION', `bundle header is ${headerBytes.length} bytes, over ${MAX_HEADER_BYTES}`);
  const body = sealBody(header, headerBytes, compressed, input.sender, input.recipient);
  const bundleId = createHash('sha256').update(headerBytes).update(body).digest();

  const maxPartBytes = input.maxPartBytes ?? DEFAULT_MAX_PART_BYTES;
  const room = maxPartBytes - partOverhead(headerBytes.length);
  if (!Number.isInteger(maxPartBytes) || room < 1) {
    throw new KecardError('VALIDATION', `maxPartBytes ${maxPartBytes} leaves no room beside a ${headerBytes.length}-byte header`);
  }
  const count = Math.ceil(body.length / room);
  if (count > MAX_PARTS) throw new KecardError('VALIDATION', `bundle would need ${count} parts, over ${MAX_PARTS}`);
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(encodePart({ index: i + 1, count, bundleId, headerBytes, chunk: body.subarray(i * room, (i + 1) * room) }));
  }
  return { header, parts };
}

/**
 * File names for a bundle's parts: "总部-南京店-000042.kcsync", or "总部-南京店-000042.part1of3.kcsync"
 * when split. Safe on Windows (no \ / : * ? " < > | or control characters). Names are for people;
 * readers go by the parts' contents, never by their names.
 */
export function bundleFileNames(header: BundleHeader, partCount: number): string[] {
  const base = `${siteLabel(header.from)}-${siteLabel(header.to)}-${String(header.number).padStart(6, '0')}`;
  if (partCount <= 1) return [`${base}${FILE_EXTENSION}`];
  return Array.from({ length: partCount }, (_, i) => `${base}.part${i + 1}of${partCount}${FILE_EXTENSION}`);
}

function siteLabel(site: BundleHeader['from']): string {
  const clean = (text: string) =>
    Array.from(
      text
        // eslint-disable-next-line no-control-regex -- control characters are what is being removed
        .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^\.+|\.+$/g, ''),
    )
      .slice(0, 40)
      .join('')
      .trim();
  return clean(site.name) || clean(site.code) || 'site';
}

/** Any ONE part's header, without keys. Throws BUNDLE_INVALID when it is not a (whole, intact) bundle part. */
export function readBundleHeader(part: Buffer): BundleHeader {
  return parseHeader(decodePart(part).headerBytes);
}

/**
 * Groups loose part files by bundle (the inbox may hold parts of several bundles, and miss some),
 * sorted by sender, recipient and number; `missing` lists the part numbers not given; `parts` are
 * the very buffers given (a caller can map them back to files). A buffer that
 * is not a readable part throws BUNDLE_INVALID with details.position (its index in `parts`): check
 * files one by one with readBundleHeader to set bad ones aside instead of skipping them unseen.
 */
export function groupParts(parts: Buffer[]): { header: BundleHeader; parts: Buffer[]; missing: number[] }[] {
  const groups = new Map<string, { header: BundleHeader; count: number; byIndex: Map<number, Buffer> }>();
  parts.forEach((bytes, position) => {
    let part: BundlePart;
    let header: BundleHeader;
    try {
      part = decodePart(bytes);
      header = parseHeader(part.headerBytes);
    } catch (err) {
      if (isRefusal(err)) Object.assign(err.details ?? {}, { position });
      throw err;
    }
    const key = `${part.bundleId.toString('hex')}/${part.count}`;
    const group = groups.get(key) ?? { header, count: part.count, byIndex: new Map<number, Buffer>() };
    groups.set(key, group);
    // A part received twice (mail fetched again) counts once.
    if (!group.byIndex.has(part.index)) group.byIndex.set(part.index, bytes);
  });
  return [...groups.values()]
    .map((g) => ({
      header: g.header,
      parts: [...g.byIndex.entries()].sort(([a], [b]) => a - b).map(([, bytes]) => bytes),
      missing: Array.from({ length: g.count }, (_, i) => i + 1).filter((i) => !g.byIndex.has(i)),
    }))
    .sort(
      (a, b) =>
        compareText(a.header.from.siteId, b.header.from.siteId) ||
        compareText(a.header.to.siteId, b.header.to.siteId) ||
        a.header.number - b.header.number,
    );
}

/**
 * The header and payload of a complete bundle, after verifying everything: format, every part
 * present and of one bundle, hashes, the sender's signature, decryption with this site's keys, and
 * the payload's size and hash. Any failure throws BUNDLE_INVALID with details.reason.
 */
export function openBundle(
  parts: Buffer[],
  keys: { recipient: SiteKeyPair; sender: SitePublicKeys },
  limits?: { maxPayloadBytes?: number },
): { header: BundleHeader; payload: Buffer } {
  const maxPayloadBytes = limits?.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  if (parts.length === 0) throw refuse('incomplete', 'no bundle parts given');
  const decoded = parts.map((bytes) => decodePart(bytes));
  const first = decoded[0] as BundlePart;
  if (decoded.some((p) => !p.bundleId.equals(first.bundleId))) throw refuse('mixedParts', 'parts of different bundles given together');
  if (decoded.some((p) => p.count !== first.count || !p.headerBytes.equals(first.headerBytes))) {
    throw refuse('tampered', 'parts claim one bundle but disagree on its header or part count');
  }
  const byIndex = new Map<number, BundlePart>();
  for (const part of decoded) {
    const seen = byIndex.get(part.index);
    if (seen && !seen.chunk.equals(part.chunk)) throw refuse('tampered', `two different copies of part ${part.index}`, { part: part.index });
    byIndex.set(part.index, part);
  }
  const missing = Array.from({ length: first.count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw refuse('incomplete', `bundle parts missing: ${missing.join(', ')} of ${first.count}`, { missing, partCount: first.count });

  const header = parseHeader(first.headerBytes);
  if (header.payload.bytes > maxPayloadBytes) {
    throw refuse('tooLarge', `bundle payload of ${header.payload.bytes} bytes is over the limit of ${maxPayloadBytes}`, {
      limitBytes: maxPayloadBytes,
    });
  }
  const body = Buffer.concat(Array.from({ length: first.count }, (_, i) => (byIndex.get(i + 1) as BundlePart).chunk));
  if (!createHash('sha256').update(first.headerBytes).update(body).digest().equals(first.bundleId)) {
    throw refuse('tampered', 'bundle contents do not match the bundle id its parts carry');
  }
  if (body.length !== header.payload.compressedBytes + BODY_OVERHEAD) throw refuse('tampered', 'bundle body length does not match its header');
  verifyBody(first.headerBytes, body, keys.sender.signPublic);
  const compressed = openBody(header, first.headerBytes, body, keys.recipient, keys.sender);
  // Never inflate past what the signed header declares (itself within the limit checked above).
  const payload = decompress(compressed, header.payload.bytes, maxPayloadBytes);
  if (payload.length !== header.payload.bytes || sha256(payload).toString('hex') !== header.payload.sha256) {
    throw refuse('tampered', 'bundle payload does not match the size and hash in its header');
  }
  return { header, payload };
}

/** A header as read from a part whose digests hold: JSON that does not fit the schema was made wrong on purpose. */
function parseHeader(bytes: Buffer): BundleHeader {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refuse('tampered', 'bundle header is not JSON');
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > 1) {
    throw refuse('formatNewer', `bundle header format ${version} is newer than this Kecard reads (1)`, { formatVersion: version });
  }
  const parsed = bundleHeaderSchema.safeParse(json);
  if (!parsed.success) throw refuse('tampered', `bundle header is invalid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
