// `npm run bench:load`: how much the server holds on this machine. The real server
// (`deskbell start`, per-address limits off) in one process, a driver of real
// socket.io-client shoppers and agents in another (bench/load/driver.ts), on loopback.
//   1. idle shoppers, connected and synced, in steps up to 10,000: memory per connection;
//   2. 1,000 shoppers chatting with 20 agents at rising message rates: acknowledgement and
//      delivery latency, every message counted end to end, the server's event-loop delay.
// Then the database is counted against what was sent. Prints Markdown for docs/benchmarks.md.
// `-- --quick` runs a small version (a smoke test of the benchmark itself).
import Database from 'better-sqlite3';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { AgentService } from '../../server/agents.js';
import { EventBus } from '../../server/events.js';
import { randomId, systemClock } from '../../server/ids.js';
import { createSite } from '../../server/sites.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { login, ROOT, SHOP_ORIGIN, tempDir } from '../../tests/helpers/server.js';
import type { Command, PhaseResult } from './driver.js';

const quick = process.argv.includes('--quick');
const IDLE_STEPS = quick ? [200, 500] : [1_000, 5_000, 10_000];
const SHOPPERS = quick ? 100 : 1_000;
const AGENTS = quick ? 4 : 20;
const RATES = quick ? [50] : [100, 250, 500, 750];
const SECONDS = quick ? 5 : 15;
const PASSWORD = 'load-test-password';

async function seedDb(dbPath: string): Promise<{ siteKey: string; emails: string[] }> {
  const store = openSqliteStore({ path: dbPath, clock: systemClock, newId: randomId });
  try {
    const site = await createSite(store, { name: 'Load Shop', origins: [SHOP_ORIGIN] });
    const agents = new AgentService(store, systemClock, new EventBus());
    const emails = Array.from({ length: AGENTS }, (_, i) => `agent${i}@load.example`);
    for (const email of emails) await agents.create({ email, name: email.split('@')[0]!, password: PASSWORD });
    return { siteKey: site.key, emails };
  } finally {
    await store.close();
  }
}

interface Server {
  url: string;
  child: ChildProcess;
  loop(): Promise<{ p50: number; p99: number; max: number; mean: number }>;
  rssMb(): number;
}

async function startServer(dbPath: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', join(ROOT, 'bench/load/loop-probe.mjs'), join(ROOT, 'bin/deskbell.js'), 'start', '--db', dbPath, '--port', '0', '--ip-rate', '0', '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const check = setInterval(() => {
      const m = /ready in \d+ ms on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearInterval(check);
        resolve(Number(m[1]));
      }
    }, 20);
    child.once('exit', () => reject(new Error(`server exited:\n${out}\n${err}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async loop() {
      const before = err.length;
      child.kill('SIGUSR2');
      for (let i = 0; i < 100 && !err.slice(before).includes('LOOP '); i++) await new Promise((r) => setTimeout(r, 20));
      const line = /LOOP (\{.*\})/.exec(err.slice(before))?.[1];
      return line ? JSON.parse(line) : { p50: NaN, p99: NaN, max: NaN, mean: NaN };
    },
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    },
  };
}

function driver(): { send<T>(c: Command): Promise<T>; child: ChildProcess } {
  const child = fork(join(ROOT, 'bench/load/driver.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    child,
    send<T>(c: Command): Promise<T> {
      return new Promise((resolve, reject) => {
        child.once('message', (m: { ok: boolean; result?: T; error?: string }) => (m.ok ? resolve(m.result as T) : reject(new Error(m.error))));
        child.send(c);
      });
    },
  };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const tmp = tempDir();
  const { siteKey, emails } = await seedDb(tmp.dbPath);
  const server = await startServer(tmp.dbPath);
  const load = driver();
  const lines: string[] = [];
  const log = (s: string) => {
    lines.push(s);
    console.log(s);
  };
  try {
    log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; server and driver share the machine.`);
    log('');
    await settle(1000);
    const baseline = server.rssMb();
    log('| idle shoppers (connected + synced) | connect time | server RSS | per connection | event loop p99 / max |');
    log('|---|---|---|---|---|');
    log(`| 0 | | ${baseline} MB | | |`);
    await server.loop();
    for (const target of IDLE_STEPS) {
      const r = await load.send<{ connected: number; failed: number; seconds: number }>({ cmd: 'idle', url: server.url, site: siteKey, origin: SHOP_ORIGIN, target });
      await settle(2000);
      const rss = server.rssMb();
      const loop = await server.loop();
      log(`| ${r.connected}${r.failed ? ` (${r.failed} failed)` : ''} | ${r.seconds} s | ${rss} MB | ${(((rss - baseline) * 1024) / Math.max(r.connected, 1)).toFixed(1)} KB | ${loop.p99} / ${loop.max} ms |`);
      if (r.connected < target) break;
    }
    await load.send({ cmd: 'closeIdle' });
    await settle(3000);

    const cookies = [];
    for (const email of emails) cookies.push(await login(server.url, email, PASSWORD));
    const setup = await load.send<{ shoppers: number; agents: number }>({ cmd: 'chatSetup', url: server.url, site: siteKey, origin: SHOP_ORIGIN, shoppers: SHOPPERS, cookies });
    log('');
    log(`Chat: ${setup.shoppers} shoppers, ${setup.agents} agents (every agent's console receives every message, as it does today); one message in 10 gets an agent reply. ${SECONDS} s per rate.`);
    log('');
    log('| target msg/s | sent msg/s | ack p50 / p99 | delivered to agents | missing / dup | delivery p50 / p99 / max | replies received | reply p50 / p99 | event loop p50 / p99 / max |');
    log('|---|---|---|---|---|---|---|---|---|');
    const notes: string[] = [];
    let totalSent = 0;
    let totalReplies = 0;
    for (const rate of RATES) {
      await server.loop();
      const r = await load.send<PhaseResult>({ cmd: 'chatPhase', rate, seconds: SECONDS, replyEvery: 10 });
      const loop = await server.loop();
      totalSent += r.acked;
      totalReplies += r.replies.sent;
      log(
        `| ${rate} | ${r.sentPerSecond} | ${r.ackMs.p50} / ${r.ackMs.p99} ms | ${r.deliveries.received} of ${r.deliveries.expected} | ${r.deliveries.lost} / ${r.deliveries.duplicated} | ${r.deliveries.p50} / ${r.deliveries.p99} / ${r.deliveries.max} ms | ${r.replies.received} of ${r.replies.sent} (dup ${r.replies.duplicated}) | ${r.replies.p50} / ${r.replies.p99} ms | ${loop.p50} / ${loop.p99} / ${loop.max} ms |`,
      );
      if (r.ackFailed > 0) notes.push(`${rate} msg/s: ${r.ackFailed} shopper sends not acknowledged within 30 s.`);
      const refused = Object.entries(r.replies.refused).map(([code, n]) => `${n} ${code}`).join(', ');
      if (refused) notes.push(`${rate} msg/s: agent replies refused by the server (not sent, so not counted): ${refused}.`);
      if (r.deliveries.lost > 0) notes.push(`${rate} msg/s: ${r.deliveries.lost} deliveries to agents had not arrived 30 s after sending stopped (agent disconnects so far: ${r.agentDisconnects}).`);
    }
    for (const note of notes) log(`- ${note}`);
    await load.send({ cmd: 'exit' });
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    const db = new Database(tmp.dbPath, { readonly: true });
    const stored = (db.prepare("SELECT author AS kind, count(*) AS n FROM messages GROUP BY author").all() as { kind: string; n: number }[]);
    db.close();
    log('');
    log(`Stored after the run: ${stored.map((s) => `${s.n} ${s.kind}`).join(', ')}; acknowledged shopper messages: ${totalSent}, agent replies sent: ${totalReplies}.`);
  } finally {
    load.child.kill();
    server.child.kill('SIGKILL');
    tmp.cleanup();
  }
}

await main();
