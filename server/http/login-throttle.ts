// Slows password guessing: after FREE_FAILURES failed logins for one (ip, email), each
// further attempt must wait, doubling from 1 s up to 15 minutes. In memory, per process.
const FREE_FAILURES = 5;
const MAX_WAIT_MS = 15 * 60 * 1000;
const FORGET_AFTER_MS = 60 * 60 * 1000;

interface Entry { failures: number; lastFailure: number }

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  retryAfterSeconds(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    const t = this.now();
    if (t - entry.lastFailure > FORGET_AFTER_MS) {
      this.entries.delete(key);
      return 0;
    }
    if (entry.failures < FREE_FAILURES) return 0;
    const wait = Math.min(MAX_WAIT_MS, 1000 * 2 ** (entry.failures - FREE_FAILURES));
    return Math.max(0, Math.ceil((entry.lastFailure + wait - t) / 1000));
  }

  failed(key: string): void {
    const entry = this.entries.get(key) ?? { failures: 0, lastFailure: 0 };
    entry.failures += 1;
    entry.lastFailure = this.now();
    this.entries.set(key, entry);
    if (this.entries.size > 10_000) this.prune();
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }

  private prune(): void {
    const t = this.now();
    for (const [key, entry] of this.entries) if (t - entry.lastFailure > FORGET_AFTER_MS) this.entries.delete(key);
  }
}
