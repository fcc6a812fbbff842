// Keeps the report day cache (report_days) filled in the background, so the dashboard's
// first look at a long range reads cached days instead of computing a year of them while the
// owner waits (docs/benchmarks.md: ~1.3 s for a busy shop's year, 0.1 s cached). At start and
// then every few minutes, each site's missing whole UTC days of the last 400 (not before the
// site existed) up to yesterday are computed, one day per turn of the event loop, so sockets
// and requests are served in between. Days an event changes since are computed again on the
// next round; today is never cached (it is still changing).
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../ids.js';
import type { Store } from '../store/types.js';
import { warmDays } from './query.js';

const DAY_MS = 86_400_000;
export const WARM_DAYS = 400;
export const WARM_EVERY_MS = 10 * 60_000;

const STOPPED = Symbol('stopped');

export class ReportWarmer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: { store: Store; clock: Clock; log: FastifyBaseLogger; everyMs?: number; firstAfterMs?: number }) {}

  start(): void {
    this.schedule(this.deps.firstAfterMs ?? 2_000);
  }

  /** One round over every site (also what the timer runs). */
  async warm(): Promise<number> {
    const { store, clock } = this.deps;
    const today = Math.floor(clock.now() / DAY_MS);
    let saved = 0;
    for (const site of await store.listSites()) {
      if (this.stopped) break;
      const first = Math.max(today - WARM_DAYS, Math.floor(site.createdAt / DAY_MS));
      saved += await warmDays(store, site.id, first, today, () => this.pause());
    }
    return saved;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Between two days: yields to the server, and ends the round once stopping. */
  private pause(): Promise<void> {
    return new Promise((resolve, reject) => setImmediate(() => (this.stopped ? reject(STOPPED) : resolve())));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.warm()
        .then((saved) => {
          if (saved > 0) this.deps.log.info({ days: saved }, 'report days cached');
        })
        .catch((err: unknown) => {
          if (err !== STOPPED) this.deps.log.warn({ err }, 'caching report days failed; trying again later');
        })
        .finally(() => {
          this.running = null;
          this.schedule(this.deps.everyMs ?? WARM_EVERY_MS);
        });
    }, ms);
    this.timer.unref();
  }
}
