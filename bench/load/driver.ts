// The load driver: a process of its own (forked by bench/load/run.ts) holding real
// socket.io-client shoppers and agents. It takes commands over IPC and answers with counts
// and latencies. Every chat message carries its number, so each one is counted end to end:
// acknowledged once, received by every agent exactly once, and each agent reply by its shopper.
import { io, type Socket } from 'socket.io-client';
import type { Ack, Message } from '../../server/protocol.js';

export type Command =
  | { cmd: 'idle'; url: string; site: string; origin: string; target: number }
  | { cmd: 'closeIdle' }
  | { cmd: 'chatSetup'; url: string; site: string; origin: string; shoppers: number; cookies: string[] }
  | { cmd: 'chatPhase'; rate: number; seconds: number; replyEvery: number }
  | { cmd: 'exit' };

export interface PhaseResult {
  rate: number;
  seconds: number;
  sentPerSecond: number;
  sent: number;
  acked: number;
  ackFailed: number;
  ackMs: { p50: number; p99: number };
  deliveries: { expected: number; received: number; lost: number; duplicated: number; p50: number; p99: number; max: number };
  replies: { sent: number; received: number; lost: number; duplicated: number; p50: number; p99: number; refused: Record<string, number> };
  agentDisconnects: number;
}

const now = (): number => performance.timeOrigin + performance.now();

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

let idle: Socket[] = [];
let shoppers: Socket[] = [];
let agents: Socket[] = [];

function visitor(url: string, site: string, origin: string): Socket {
  return io(`${url}/visitor`, { query: { site }, transports: ['websocket'], extraHeaders: { origin }, reconnection: false, forceNew: true });
}

function syncOnce(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    socket.once('connect_error', () => resolve(false));
    socket.once('connect', () => {
      socket.timeout(30_000).emit('session:sync', { afterSeq: 0 }, (err: Error | null, res?: Ack<object>) => resolve(!err && res?.ok === true));
    });
  });
}

/** Opens shoppers, 200 at a time, until `target` are connected and synced. */
async function openIdle(c: Extract<Command, { cmd: 'idle' }>): Promise<object> {
  const t0 = now();
  let failed = 0;
  while (idle.length < c.target) {
    const batch = Array.from({ length: Math.min(200, c.target - idle.length) }, () => visitor(c.url, c.site, c.origin));
    const ok = await Promise.all(batch.map(syncOnce));
    batch.forEach((s, i) => (ok[i] ? idle.push(s) : (failed++, s.close())));
    if (failed > 100) break;
  }
  return { connected: idle.filter((s) => s.connected).length, failed, seconds: Math.round((now() - t0) / 100) / 10 };
}

// Chat state: indexed by message number.
const sentAt: number[] = [];
const receipts: number[] = [];
const replySentAt = new Map<number, number>();
/** Replies the server refused (by error code): not sent, so not counted as lost. */
const replyRefused = new Map<string, number>();
let agentDisconnects = 0;
const replyReceipts = new Map<number, number>();
let deliveryMs: number[] = [];
let replyMs: number[] = [];
let replyEvery = 10;

async function chatSetup(c: Extract<Command, { cmd: 'chatSetup' }>): Promise<object> {
  shoppers = Array.from({ length: c.shoppers }, () => visitor(c.url, c.site, c.origin));
  const synced = await Promise.all(shoppers.map(syncOnce));
  for (const s of shoppers) {
    s.on('message:new', (m: Message) => {
      if (m.author !== 'agent' || !m.body.startsWith('r:')) return;
      const n = Number(m.body.slice(2));
      replyReceipts.set(n, (replyReceipts.get(n) ?? 0) + 1);
      const t = replySentAt.get(n);
      if (t !== undefined && replyReceipts.get(n) === 1) replyMs.push(now() - t);
    });
  }
  agents = c.cookies.map((cookie) => io(`${c.url}/agent`, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true }));
  await Promise.all(agents.map((a) => new Promise<void>((resolve, reject) => (a.once('connect', () => resolve()), a.once('connect_error', reject)))));
  agents.forEach((agent, k) => {
    agent.on('disconnect', () => agentDisconnects++);
    agent.on('message:new', (m: Message) => {
      if (m.author !== 'visitor' || !m.body.startsWith('m:')) return;
      const n = Number(m.body.slice(2));
      receipts[n] = (receipts[n] ?? 0) + 1;
      deliveryMs.push(now() - sentAt[n]!);
      // One message in `replyEvery` gets a reply, from each agent in turn (so no agent goes past
      // its own per-socket rate limit just because the numbers line up).
      if (n % replyEvery === 0 && (n / replyEvery) % agents.length === k) {
        replySentAt.set(n, now());
        agent.timeout(30_000).emit('message:send', { conversationId: m.conversationId, clientId: `reply-${n}-load`, body: `r:${n}` }, (err: Error | null, res?: Ack<object>) => {
          if (!err && res?.ok) return;
          // Refused (another agent has that shopper, say): it was never sent, so it is not lost.
          replySentAt.delete(n);
          const code = err ? 'TIMEOUT' : res && !res.ok ? res.error.code : 'UNKNOWN';
          replyRefused.set(code, (replyRefused.get(code) ?? 0) + 1);
        });
      }
    });
  });
  return { shoppers: synced.filter(Boolean).length, agents: agents.length };
}

async function chatPhase(c: Extract<Command, { cmd: 'chatPhase' }>): Promise<PhaseResult> {
  replyEvery = c.replyEvery;
  deliveryMs = [];
  replyMs = [];
  replyRefused.clear();
  const first = sentAt.length;
  const ackMs: number[] = [];
  let acked = 0;
  let ackFailed = 0;
  let owed = 0;
  let next = 0;
  const t0 = now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (now() - t0) / 1000;
      if (elapsed >= c.seconds) {
        clearInterval(timer);
        resolve();
        return;
      }
      // Catch up to where the rate says we should be: a late tick sends more, not fewer.
      owed = c.rate * elapsed - (sentAt.length - first);
      for (; owed >= 1; owed--) {
        const n = sentAt.length;
        const shopper = shoppers[next++ % shoppers.length]!;
        sentAt.push(now());
        shopper.timeout(30_000).emit('message:send', { clientId: `load-${n}-msg`, body: `m:${n}` }, (err: Error | null, res?: Ack<object>) => {
          if (!err && res?.ok) {
            acked++;
            ackMs.push(now() - sentAt[n]!);
          } else ackFailed++;
        });
      }
    }, 5);
  });
  const sendSeconds = (now() - t0) / 1000;
  // Drain: wait until every message is acknowledged and delivered, or 30 s pass.
  const sent = sentAt.length - first;
  const expected = sent * agents.length;
  const deadline = now() + 30_000;
  const delivered = (): number => receipts.slice(first).reduce((a, b) => a + Math.min(b ?? 0, agents.length), 0);
  while (now() < deadline && (acked + ackFailed < sent || delivered() < expected)) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 2000)); // late duplicates, replies and their acks
  let lost = 0;
  let duplicated = 0;
  for (let n = first; n < sentAt.length; n++) {
    const got = receipts[n] ?? 0;
    if (got < agents.length) lost += agents.length - got;
    if (got > agents.length) duplicated += got - agents.length;
  }
  let repliesReceived = 0;
  let repliesLost = 0;
  let repliesDuplicated = 0;
  let repliesSent = 0;
  for (const [n] of replySentAt) {
    if (n < first) continue;
    repliesSent++;
    const got = replyReceipts.get(n) ?? 0;
    repliesReceived += Math.min(got, 1);
    if (got === 0) repliesLost++;
    if (got > 1) repliesDuplicated += got - 1;
  }
  return {
    rate: c.rate,
    seconds: c.seconds,
    sentPerSecond: Math.round(sent / sendSeconds),
    sent,
    acked,
    ackFailed,
    ackMs: { p50: percentile(ackMs, 50), p99: percentile(ackMs, 99) },
    deliveries: { expected, received: expected - lost, lost, duplicated, p50: percentile(deliveryMs, 50), p99: percentile(deliveryMs, 99), max: percentile(deliveryMs, 100) },
    replies: { sent: repliesSent, received: repliesReceived, lost: repliesLost, duplicated: repliesDuplicated, p50: percentile(replyMs, 50), p99: percentile(replyMs, 99), refused: Object.fromEntries(replyRefused) },
    agentDisconnects,
  };
}

process.on('message', (c: Command) => {
  const run = async (): Promise<unknown> => {
    switch (c.cmd) {
      case 'idle':
        return openIdle(c);
      case 'closeIdle':
        for (const s of idle) s.close();
        idle = [];
        return { closed: true };
      case 'chatSetup':
        return chatSetup(c);
      case 'chatPhase':
        return chatPhase(c);
      case 'exit':
        for (const s of [...idle, ...shoppers, ...agents]) s.close();
        setTimeout(() => process.exit(0), 100);
        return { bye: true };
    }
  };
  run().then(
    (result) => process.send?.({ ok: true, result }),
    (err: unknown) => process.send?.({ ok: false, error: String(err) }),
  );
});
