// `npm run bench:queue`: the human queue's numbers on this machine, over real sockets.
// 1. hand-off → assigned: a shopper's first message (site without bot) until their widget
//    hears `routing: 'assigned'`, with free agents (20 agents × 3).
// 2. queue fan-out: with WAITING shoppers in line, an agent resolves one conversation; the
//    time until every waiting shopper has been told their new place.
// Prints Markdown for docs/benchmarks.md. Loopback only, bounded counts.
import { cpus, totalmem } from 'node:os';
import type { VisitorConversation } from '../server/protocol.js';
import { connectAgent, connectShopper, createAgents, type Shopper } from '../tests/helpers/queue.js';
import { startServer } from '../tests/helpers/server.js';
import { must } from '../tests/helpers/sockets.js';

const AGENTS = 20;
const CAPACITY = 3;
const WAITING = 300;
const ROUNDS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;

function until(shopper: Shopper, check: (c: VisitorConversation) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const done = (c: VisitorConversation): void => {
      if (!check(c)) return;
      shopper.socket.off('conversation:update', done);
      resolve(performance.now());
    };
    shopper.socket.on('conversation:update', done);
  });
}

async function main(): Promise<void> {
  const server = await startServer();
  const agents = [];
  for (const a of await createAgents(server.deskbell.store, AGENTS, CAPACITY)) agents.push(await connectAgent(server.url, a));

  // 1. Hand-off → assigned, one shopper at a time, agents free.
  const assignMs: number[] = [];
  const served: Shopper[] = [];
  for (let i = 0; i < AGENTS * CAPACITY; i++) {
    const shopper = await connectShopper(server.url, server.site.key);
    const assigned = until(shopper, (c) => c.routing === 'assigned');
    const t0 = performance.now();
    await shopper.send(`help ${i}`);
    assignMs.push((await assigned) - t0);
    served.push(shopper);
  }
  assignMs.sort((a, b) => a - b);

  // 2. Everyone busy: WAITING shoppers in line; each round frees one place.
  const waiting: Shopper[] = [];
  for (let i = 0; i < WAITING; i++) {
    const shopper = await connectShopper(server.url, server.site.key);
    await shopper.send(`waiting ${i}`);
    waiting.push(shopper);
  }
  await server.deskbell.router.settled();
  await new Promise((r) => setTimeout(r, 500));
  const fanOutMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Those still waiting after this round move up by one.
    const still = waiting.slice(round + 1);
    const heard = still.map((s, i) => until(s, (c) => c.queue?.position === i + 1));
    const agent = agents[round % AGENTS]!;
    const t0 = performance.now();
    await must(agent.socket, 'conversation:resolve', { conversationId: agent.assigned[round === 0 ? 0 : Math.floor(round / AGENTS)]! });
    const times = await Promise.all(heard);
    fanOutMs.push(Math.max(...times) - t0);
  }
  fanOutMs.sort((a, b) => a - b);

  for (const s of [...served, ...waiting]) s.socket.close();
  for (const a of agents) a.socket.close();
  await server.close();

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`Machine: ${cpu} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| queue | value |');
  console.log('|---|---|');
  console.log(`| hand-off → assigned, free agents (${AGENTS} agents × ${CAPACITY}, n=${assignMs.length}) | p50 ${fmt(percentile(assignMs, 50))}, p99 ${fmt(percentile(assignMs, 99))} |`);
  console.log(`| resolve → every waiting shopper (${WAITING - ROUNDS}–${WAITING - 1} in line) told their new place (n=${ROUNDS}) | p50 ${fmt(percentile(fanOutMs, 50))}, max ${fmt(fanOutMs[fanOutMs.length - 1] ?? NaN)} |`);
}

await main();
