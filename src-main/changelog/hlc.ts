// Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, suffixed with the
// site id. Fixed-width so that string order is clock order, which lets SQL sort the log directly.

const MS_WIDTH = 15;
const COUNTER_WIDTH = 6;

export interface HlcParts {
  ms: number;
  counter: number;
  siteId: string;
}

export function formatHlc(parts: HlcParts): string {
  return `${String(parts.ms).padStart(MS_WIDTH, '0')}-${parts.counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${parts.siteId}`;
}

export function parseHlc(value: string): HlcParts {
  const m = /^(\d{15})-([0-9a-z]{6})-(.+)$/.exec(value);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) throw new Error(`Malformed HLC: ${value}`);
  return { ms: Number(m[1]), counter: parseInt(m[2], 36), siteId: m[3] };
}

export class HybridClock {
  private ms = 0;
  private counter = 0;

  constructor(
    private readonly siteId: string,
    private readonly now: () => number = Date.now,
    lastSeen?: string | null,
  ) {
    if (lastSeen) this.observe(lastSeen);
  }

  /** A timestamp for a local event, strictly greater than every one issued or observed before. */
  tick(): string {
    const wall = this.now();
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return formatHlc({ ms: this.ms, counter: this.counter, siteId: this.siteId });
  }

  /** Merge a timestamp received from another site (or read back from the log at open). */
  observe(remote: string): void {
    const r = parseHlc(remote);
    const wall = this.now();
    const maxMs = Math.max(this.ms, r.ms, wall);
    if (maxMs === this.ms && maxMs === r.ms) this.counter = Math.max(this.counter, r.counter);
    else if (maxMs === r.ms) this.counter = r.counter;
    else if (maxMs !== this.ms) this.counter = 0;
    this.ms = maxMs;
  }
}
