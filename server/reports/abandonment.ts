// "Abandoned while waiting": the shopper left the queue before an agent came. Defined as: no
// socket of the shopper's was connected for ABANDON_AFTER_MS in a row while their open
// conversation was queued and no person had written in it. A page change or a short network
// drop reconnects well within that time, so it is not counted; a closed tab or a shopper who
// went away is. The event is recorded once, at the moment their last socket closed (when they
// left), and only if the conversation is still waiting when the time is up — so a claim in the
// meantime means an agent came in time. After a restart the sockets are gone: shoppers still
// queued and not back within the time count as having left at the restart.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../ids.js';
import type { Presence } from '../presence.js';
import type { Store } from '../store/types.js';

export const ABANDON_AFTER_MS = 5 * 60_000;

export class AbandonWatch {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: { store: Store; presence: Presence; clock: Clock; log: FastifyBaseLogger; afterMs?: number },
  ) {}

  get afterMs(): number {
    return this.deps.afterMs ?? ABANDON_AFTER_MS;
  }

  /** Shoppers waiting in a queue with no connection now (after a restart): their time starts now. */
  async start(): Promise<void> {
    for (const c of await this.deps.store.listQueue(null)) {
      if (!this.deps.presence.isVisitorOnline(c.visitorId)) this.visitorChanged(c.visitorId, false);
    }
  }

  /** A shopper's first socket opened (online) or last one closed (offline). */
  visitorChanged(visitorId: string, online: boolean): void {
    clearTimeout(this.timers.get(visitorId));
    this.timers.delete(visitorId);
    if (online) return;
    const leftAt = this.deps.clock.now();
    const timer = setTimeout(() => {
      this.timers.delete(visitorId);
      if (this.deps.presence.isVisitorOnline(visitorId)) return;
      const done = this.deps.store.recordAbandoned(visitorId, leftAt)
        .catch((err: unknown) => this.deps.log.error({ err }, 'recording an abandoned wait failed'))
        .finally(() => this.pending.delete(done));
      this.pending.add(done);
    }, this.afterMs);
    timer.unref();
    this.timers.set(visitorId, timer);
  }

  /** Stops the timers and waits for a recording under way (before the database closes). */
  async stop(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.pending);
  }
}
