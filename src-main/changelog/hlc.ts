// Hybrid logical clock (Kulkarni et al.) packed into one integer: wall-clock milliseconds × 1024
// plus a counter. A stamp is never below the wall clock and always above every stamp issued or
// observed before, so a counter that runs past 1023 in one millisecond borrows the next one.
// Integers sort in SQL and stay exact in a double until the year 2248.

export const HLC_COUNTER_SPAN = 1024;

export function hlcFromWall(ms: number): number {
  return ms * HLC_COUNTER_SPAN;
}

/** Wall-clock milliseconds of a stamp (what a person reads as "when"). */
export function hlcMillis(stamp: number): number {
  return Math.floor(stamp / HLC_COUNTER_SPAN);
}

/** Fixed-width text (ms-counter-site), sortable as text: how stamps travel in the contract and bundles. */
export function formatHlc(stamp: number, siteId: string): string {
  const ms = hlcMillis(stamp);
  const counter = stamp - ms * HLC_COUNTER_SPAN;
  return `${String(ms).padStart(15, '0')}-${counter.toString(36).padStart(6, '0')}-${siteId}`;
}

/** The inverse of formatHlc; throws on anything else. */
export function parseHlc(text: string): { stamp: number; siteId: string } {
  const m = /^(\d{15})-([0-9a-z]{6})-(.+)$/.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) throw new Error(`Malformed HLC: ${text}`);
  const counter = parseInt(m[2], 36);
  if (counter >= HLC_COUNTER_SPAN) throw new Error(`Malformed HLC: ${text}`);
  return { stamp: Number(m[1]) * HLC_COUNTER_SPAN + counter, siteId: m[3] };
}

/**
 * One connection's view of the workspace clock. It is only right while its holder has observed
 * the file's latest stamp inside the current write transaction (WriteTx does that), because
 * other connections, threads and processes write the same file.
 */
export class HybridClock {
  private last = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** A stamp for a local event, strictly greater than every one issued or observed before. */
  tick(): number {
    const wall = hlcFromWall(this.now());
    this.last = wall > this.last ? wall : this.last + 1;
    return this.last;
  }

  /** Merge a stamp written by another writer or received from another site. */
  observe(stamp: number): void {
    if (stamp > this.last) this.last = stamp;
  }

  get latest(): number {
    return this.last;
  }
}
