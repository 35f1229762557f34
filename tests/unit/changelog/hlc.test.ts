import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, HLC_COUNTER_SPAN, hlcMillis, HybridClock, parseHlc } from '../../../src-main/changelog/hlc';

describe('hybrid logical clock', () => {
  it('round-trips its text form, and text order is stamp order', () => {
    const stamp = fc.integer({ min: 0, max: 2 ** 43 * HLC_COUNTER_SPAN });
    fc.assert(
      fc.property(stamp, stamp, fc.uuid(), (a, b, siteId) => {
        expect(parseHlc(formatHlc(a, siteId))).toEqual({ stamp: a, siteId });
        expect(Math.sign(formatHlc(a, siteId).localeCompare(formatHlc(b, siteId), 'en'))).toBe(Math.sign(a - b));
      }),
    );
  });

  it('refuses text that is not a stamp', () => {
    for (const text of ['', '1-2-3', '001796560988485-00zzzz-site', 'x01796560988485-000000-site']) expect(() => parseHlc(text)).toThrow();
  });

  it('issues strictly increasing stamps, never below the wall clock, whatever remote stamps do', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), wall: fc.integer({ min: 0, max: 1e6 }), times: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({
        kind: fc.constant('observe' as const),
        wall: fc.integer({ min: 0, max: 1e6 }),
        remote: fc.integer({ min: 0, max: 1.2e6 * HLC_COUNTER_SPAN }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 100 }), (steps) => {
        let wall = 0;
        const clock = new HybridClock(() => wall);
        let last = -1;
        for (const s of steps) {
          wall = s.wall;
          if (s.kind === 'observe') {
            clock.observe(s.remote);
            const next = clock.tick();
            expect(next).toBeGreaterThan(s.remote);
            expect(next).toBeGreaterThan(last);
            last = next;
          } else {
            // More than 1024 in one millisecond borrow the next one and stay unique.
            for (let i = 0; i < s.times; i += 1) {
              const next = clock.tick();
              expect(next).toBeGreaterThan(last);
              expect(hlcMillis(next)).toBeGreaterThanOrEqual(s.wall);
              last = next;
            }
          }
        }
      }),
    );
  });
});
