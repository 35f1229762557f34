import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src-main/demo/prng';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('seeded PRNG', () => {
  it('repeats exactly for the same seed and stream', () => {
    expect(draws(new Rng(42, 7), 50)).toEqual(draws(new Rng(42, 7), 50));
  });

  it('differs between seeds and between streams of one seed', () => {
    const base = draws(new Rng(42, 7), 20);
    expect(draws(new Rng(43, 7), 20)).not.toEqual(base);
    expect(draws(new Rng(42, 8), 20)).not.toEqual(base);
  });

  it('keeps int() within bounds and covers both ends', () => {
    const rng = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i += 1) {
      const v = rng.int(3, 9);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(9);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('follows weights roughly and never picks a zero weight', () => {
    const rng = new Rng(5);
    const counts = { a: 0, b: 0, z: 0 };
    for (let i = 0; i < 20000; i += 1)
      counts[
        rng.weighted([
          ['a', 3],
          ['b', 1],
          ['z', 0],
        ] as const)
      ] += 1;
    expect(counts.z).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.6);
    expect(counts.a / counts.b).toBeLessThan(3.4);
  });

  it('samples distinct items', () => {
    const picked = new Rng(9).sample(['a', 'b', 'c', 'd', 'e'], 4);
    expect(new Set(picked).size).toBe(4);
  });
});
