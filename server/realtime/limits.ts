// Per-socket flood control: a token bucket. A burst of BURST events is fine; past that,
// events are refused at RATE per second, and a socket that keeps flooding is disconnected.
export const RATE_PER_SECOND = 20;
export const BURST = 60;
export const DISCONNECT_AFTER_REFUSALS = 200;

export class TokenBucket {
  private tokens: number;
  private last: number;
  refused = 0;

  constructor(
    private readonly now: () => number,
    private readonly rate = RATE_PER_SECOND,
    private readonly burst = BURST,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.refused += 1;
    return false;
  }
}
