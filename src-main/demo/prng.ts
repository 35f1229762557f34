// A small seeded PRNG for demo data. Math.random cannot be seeded, and demo data must be
// reproducible: the same seed and size always give the same workspace content.

/** splitmix32: spreads a (seed, stream) pair into well-mixed 32-bit state words. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes
 * PractRand, and is a few integer ops per draw, which matters at millions of records.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  /**
   * `stream` gives independent sequences from one seed: each customer draws from its own stream
   * (its index), so customer #n is the same whatever the total size, and no record's draws shift
   * another's.
   */
  constructor(seed: number, stream = 0) {
    const mix = splitmix32((seed >>> 0) ^ Math.imul(stream >>> 0, 0x27d4eb2d));
    this.a = mix();
    this.b = mix() ^ (stream >>> 0);
    this.c = mix();
    for (let i = 0; i < 12; i += 1) this.next(); // discard the weakly mixed first outputs
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks by weight: `[[value, weight], …]`; weights need not sum to 1. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.float() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    const last = table[table.length - 1];
    if (!last) throw new Error('weighted pick from an empty table');
    return last[0];
  }

  /** `count` distinct items in random order (count is clamped to the list length). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < count && pool.length > 0; i += 1) {
      const k = Math.floor(this.float() * pool.length);
      out.push(pool.splice(k, 1)[0] as T);
    }
    return out;
  }

  /** A string of `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let s = '';
    for (let i = 0; i < length; i += 1) s += String(Math.floor(this.float() * 10));
    return s;
  }
}
