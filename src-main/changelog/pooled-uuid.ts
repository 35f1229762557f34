import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

// uuid's v7() asks the OS for 16 random bytes on every call (1.7–10 µs, it was 5 % of an import's
// profile); bulk writes (demo data, import, every change-log row) need millions of ids, so random
// bytes are drawn 16 KB at a time. The ids are the same
// kind the services make: UUIDv7, time-ordered, with uuid's own monotonic sequence rule.

const pool = new Uint8Array(16 * 1024);
let offset = pool.length;
let lastMs = -Infinity;
let seq = 0;

export function pooledUuidV7(): string {
  if (offset + 16 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const random = pool.subarray(offset, offset + 16);
  offset += 16;
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    seq = (((random[6] ?? 0) & 0x7f) << 24) | ((random[7] ?? 0) << 16) | ((random[8] ?? 0) << 8) | (random[9] ?? 0);
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs += 1; // 2^31 ids in one millisecond: borrow the next one, as uuid does
  }
  return uuidv7({ random, msecs: lastMs, seq });
}
