import { closeSync, openSync, readSync } from 'node:fs';

export type SourceFormat = 'xlsx' | 'xls' | 'text';
export type TextEncoding = 'utf8' | 'gb18030' | 'utf16le';

/** Decided by content, not by the file name: users rename .csv files to .xls and back. */
export function sniffFile(path: string): { format: SourceFormat; head: Buffer } {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(65536);
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const bytes = head.subarray(0, n);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { format: 'xlsx', head: bytes };
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return { format: 'xls', head: bytes };
  return { format: 'text', head: bytes };
}

/**
 * UTF-8 with or without BOM, UTF-16 with BOM, otherwise GB18030 (a superset of GBK and GB2312,
 * what Chinese Excel and old ERPs write). Valid UTF-8 is recognised by decoding strictly.
 */
export function detectEncoding(head: Buffer): { encoding: TextEncoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  // Drop a possibly cut multi-byte character at the end of the sample.
  let end = head.length;
  while (end > 0 && end > head.length - 4 && ((head[end - 1] ?? 0) & 0xc0) === 0x80) end -= 1;
  if (end > 0 && ((head[end - 1] ?? 0) & 0x80) !== 0) end -= 1;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return { encoding: 'utf8', bom: 0 };
  } catch {
    return { encoding: 'gb18030', bom: 0 };
  }
}

/** Tab or comma, by which splits the first lines into more, equally many fields. */
export function detectDelimiter(sample: string): ',' | '\t' | ';' {
  const lines = sample
    .split(/\r?\n/)
    .slice(0, 20)
    .filter((l) => l.trim() !== '');
  const score = (d: string) => {
    const counts = lines.map((l) => l.split(d).length - 1);
    const max = Math.max(0, ...counts);
    const consistent = counts.filter((c) => c === max).length;
    return max === 0 ? 0 : max * consistent;
  };
  const candidates: (',' | '\t' | ';')[] = ['\t', ',', ';'];
  return candidates.reduce((best, d) => (score(d) > score(best) ? d : best), ',');
}
