// Sign-in tries per remote address, in a sliding window. The per-login slow-down and lockout
// (people/sign-in.ts) stop guessing one user's password; this stops one machine from walking
// through many logins, or from locking every user out for the others.

const MAX_ADDRESSES = 10_000;

export class AddressLimiter {
  private readonly tries = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts a try; 0 when it may go ahead, otherwise how long until the next may. */
  take(address: string): number {
    const now = this.clock();
    const recent = (this.tries.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.tries.set(address, recent);
      return (recent[0] as number) + this.windowMs - now;
    }
    recent.push(now);
    if (!this.tries.has(address) && this.tries.size >= MAX_ADDRESSES) this.prune(now);
    this.tries.set(address, recent);
    return 0;
  }

  private prune(now: number): void {
    for (const [address, times] of this.tries) if (times.every((t) => now - t >= this.windowMs)) this.tries.delete(address);
    // Still full (a flood of addresses): forget the oldest rather than grow without end.
    if (this.tries.size >= MAX_ADDRESSES) this.tries.delete(this.tries.keys().next().value as string);
  }
}
