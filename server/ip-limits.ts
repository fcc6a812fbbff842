// Per-IP flood control for what anyone on the internet can reach: the widget's HTTP routes
// and new socket connections. The per-socket bucket (realtime/limits.ts) cannot stop one host
// opening thousands of sockets or hammering /api/widget/*; this can. Generous by default —
// shops' shoppers sit behind shared addresses (offices, mobile carriers' NAT) — and
// configurable (`--ip-rate`), so the load benchmark can drive thousands of shoppers from one host.
import type { IncomingMessage } from 'node:http';
import { TokenBucket } from './realtime/limits.js';

export interface IpLimitOptions {
  /** Sustained requests (or new connections) per second per address. 0 turns the limit off. */
  perSecond: number;
  /** How many may come at once before the rate applies. */
  burst: number;
}

export const DEFAULT_IP_LIMITS: IpLimitOptions = { perSecond: 20, burst: 200 };
/** Addresses tracked at most; past this the idlest are forgotten (bounded memory under attack). */
const MAX_TRACKED = 50_000;

export class IpLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly options: IpLimitOptions,
    private readonly now: () => number,
  ) {}

  /** True when this address may go on; false when it is over its rate. */
  take(ip: string): boolean {
    if (this.options.perSecond <= 0) return true;
    let bucket = this.buckets.get(ip);
    if (bucket) {
      // Re-insert: the Map's order then runs from idlest to busiest.
      this.buckets.delete(ip);
    } else {
      bucket = new TokenBucket(this.now, this.options.perSecond, this.options.burst);
      if (this.buckets.size >= MAX_TRACKED) this.forgetIdlest();
    }
    this.buckets.set(ip, bucket);
    return bucket.take();
  }

  /** Seconds until one more request would pass: the `Retry-After` answer. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(1 / Math.max(this.options.perSecond, 1)));
  }

  get tracked(): number {
    return this.buckets.size;
  }

  private forgetIdlest(): void {
    let drop = Math.ceil(MAX_TRACKED / 10);
    for (const key of this.buckets.keys()) {
      this.buckets.delete(key);
      if (--drop === 0) break;
    }
  }
}

/** The client's address for a raw Node request, as Fastify's `request.ip` would give it. */
export function remoteAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
