import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, HybridClock, parseHlc } from '../../../src-main/changelog/hlc';

describe('hybrid logical clock', () => {
  it('round-trips its text form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 0, max: 36 ** 6 - 1 }), fc.uuid(), (ms, counter, siteId) => {
        expect(parseHlc(formatHlc({ ms, counter, siteId }))).toEqual({ ms, counter, siteId });
      }),
    );
  });

  it('issues strictly increasing stamps whatever the wall clock and remote stamps do', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), wall: fc.integer({ min: 0, max: 1e6 }) }),
      fc.record({
        kind: fc.constant('observe' as const),
        wall: fc.integer({ min: 0, max: 1e6 }),
        remoteMs: fc.integer({ min: 0, max: 1.2e6 }),
        remoteCounter: fc.integer({ min: 0, max: 50 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 200 }), (steps) => {
        let wall = 0;
        const clock = new HybridClock('site-a', () => wall);
        let last = '';
        for (const s of steps) {
          wall = s.wall;
          if (s.kind === 'observe') {
            const remote = formatHlc({ ms: s.remoteMs, counter: s.remoteCounter, siteId: 'site-b' });
            clock.observe(remote);
            const next = clock.tick();
            expect(next > remote.replace('site-b', 'site-a')).toBe(true);
            expect(next > last).toBe(true);
            last = next;
          } else {
            const next = clock.tick();
            expect(next > last).toBe(true);
            expect(parseHlc(next).ms).toBeGreaterThanOrEqual(s.wall);
            last = next;
          }
        }
      }),
    );
  });
});
