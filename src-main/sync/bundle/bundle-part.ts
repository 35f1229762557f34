import { createHash } from 'node:crypto';
import { refuse } from './bundle-refusal';

// One part file of a bundle: a plain prefix that says what it is (and lets a damaged, truncated or
// foreign part be told apart before any key is touched), then a slice of the sealed body, then a
// digest of the part. Byte layout: docs/sync-protocol.md, "Bundle file format".

/** "KCSYNC\r\n": the CR LF also catches a transfer that rewrote line ends. */
export const MAGIC = Buffer.from('KCSYNC\r\n', 'latin1');
export const FORMAT_VERSION = 1;
/** Magic, version and its complement, part i of n, bundle id, two lengths, digest of these fields. */
export const FIXED_BYTES = 64;
export const PART_DIGEST_BYTES = 32;
export const BUNDLE_ID_BYTES = 32;
export const MAX_HEADER_BYTES = 1024 * 1024;
export const MAX_PARTS = 0xffff;
const FIXED_DIGEST_AT = 56;

export interface BundlePart {
  /** 1-based. */
  index: number;
  count: number;
  /** SHA-256 over the header bytes and the whole sealed body: the same in every part of one bundle. */
  bundleId: Buffer;
  headerBytes: Buffer;
  chunk: Buffer;
}

/** The bytes a part adds around its chunk. */
export function partOverhead(headerBytes: number): number {
  return FIXED_BYTES + headerBytes + PART_DIGEST_BYTES;
}

export function encodePart(part: BundlePart): Buffer {
  const out = Buffer.alloc(partOverhead(part.headerBytes.length) + part.chunk.length);
  MAGIC.copy(out, 0);
  out.writeUInt16BE(FORMAT_VERSION, 8);
  // The complement makes one flipped version byte read as damage, not as "made by a newer Kecard".
  out.writeUInt16BE(~FORMAT_VERSION & 0xffff, 10);
  out.writeUInt16BE(part.index, 12);
  out.writeUInt16BE(part.count, 14);
  part.bundleId.copy(out, 16);
  out.writeUInt32BE(part.headerBytes.length, 48);
  out.writeUInt32BE(part.chunk.length, 52);
  sha256(out.subarray(0, FIXED_DIGEST_AT)).copy(out, FIXED_DIGEST_AT, 0, FIXED_BYTES - FIXED_DIGEST_AT);
  part.headerBytes.copy(out, FIXED_BYTES);
  part.chunk.copy(out, FIXED_BYTES + part.headerBytes.length);
  const end = out.length - PART_DIGEST_BYTES;
  sha256(out.subarray(0, end)).copy(out, end);
  return out;
}

/**
 * Reads one part, checking everything a part can prove alone. The fixed fields carry their own
 * digest so that the lengths are trusted before they are used: a part shorter than it says is
 * `incomplete` (a copy cut short), while a flipped byte anywhere is `tampered`.
 */
export function decodePart(bytes: Buffer): BundlePart {
  const magicSeen = bytes.subarray(0, MAGIC.length);
  if (!magicSeen.equals(MAGIC.subarray(0, magicSeen.length)) || bytes.length === 0)
    throw refuse('notABundle', 'not a Kecard sync bundle (no magic bytes)');
  if (bytes.length < 12) throw refuse('incomplete', `bundle part truncated to ${bytes.length} bytes`);
  const version = bytes.readUInt16BE(8);
  if ((version ^ bytes.readUInt16BE(10)) !== 0xffff || version === 0) throw refuse('tampered', 'bundle part format version is damaged');
  if (version > FORMAT_VERSION)
    throw refuse('formatNewer', `bundle format ${version} is newer than this Kecard reads (${FORMAT_VERSION})`, { formatVersion: version });
  if (bytes.length < FIXED_BYTES) throw refuse('incomplete', `bundle part truncated to ${bytes.length} bytes`);
  if (
    !sha256(bytes.subarray(0, FIXED_DIGEST_AT))
      .subarray(0, FIXED_BYTES - FIXED_DIGEST_AT)
      .equals(bytes.subarray(FIXED_DIGEST_AT, FIXED_BYTES))
  ) {
    throw refuse('tampered', 'bundle part prefix does not match its digest');
  }
  const index = bytes.readUInt16BE(12);
  const count = bytes.readUInt16BE(14);
  const headerLength = bytes.readUInt32BE(48);
  const chunkLength = bytes.readUInt32BE(52);
  // Consistent with its digest yet impossible: made that way on purpose.
  if (count < 1 || index < 1 || index > count || headerLength > MAX_HEADER_BYTES) throw refuse('tampered', 'bundle part prefix is inconsistent');
  const expected = partOverhead(headerLength) + chunkLength;
  if (bytes.length < expected)
    throw refuse('incomplete', `bundle part ${index} of ${count} holds ${bytes.length} of ${expected} bytes`, { part: index });
  if (bytes.length > expected)
    throw refuse('tampered', `bundle part ${index} of ${count} has ${bytes.length - expected} bytes too many`, { part: index });
  const end = expected - PART_DIGEST_BYTES;
  if (!sha256(bytes.subarray(0, end)).equals(bytes.subarray(end)))
    throw refuse('tampered', `bundle part ${index} of ${count} does not match its digest`, { part: index });
  return {
    index,
    count,
    bundleId: bytes.subarray(16, 16 + BUNDLE_ID_BYTES),
    headerBytes: bytes.subarray(FIXED_BYTES, FIXED_BYTES + headerLength),
    chunk: bytes.subarray(FIXED_BYTES + headerLength, end),
  };
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}
