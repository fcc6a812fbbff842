// `npm run bench`: the core's numbers on this machine — widget size, server start-up time
// and idle memory, and the latency of a stored-and-acknowledged message. Prints Markdown
// for docs/benchmarks.md. Loopback only, bounded counts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { io } from 'socket.io-client';
import { ROOT, seedFile, spawnServer, tempDir } from '../tests/helpers/server.js';

const RUNS = 5;
const MESSAGES = 500;
const SHOPPERS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

/** The loader, and the files it names: the chat, its languages and the parts (the build writes their hashed names into it). */
function widgetSize(): string {
  const sizes = (path: string): [number, number, number] => {
    const file = readFileSync(join(ROOT, 'dist/public', path));
    return [file.length, gzipSync(file, { level: 9 }).length, brotliCompressSync(file, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
  };
  const loader = readFileSync(join(ROOT, 'dist/public/widget.js'), 'utf8');
  const files = ['widget.js', ...[...loader.matchAll(/\/(widget\/(?:chat|lang-[\w-]+?|bubble|watchers)-[\w-]+\.js)/g)].map((m) => m[1] ?? '')];
  const rows = files.map((f) => [f.replace(/-[\w-]{8}\.js$/, '-HASH.js'), ...sizes(f)] as const);
  const [, lr, lg, lb] = rows[0]!;
  const chat = rows.find((r) => r[0].includes('chat'))!;
  const heaviest = rows.filter((r) => r[0].includes('lang-')).sort((a, b) => b[2] - a[2])[0]!;
  const parts = rows.filter((r) => /bubble|watchers/.test(r[0]));
  const sum = (i: 1 | 2 | 3): number => parts.reduce((n, r) => n + r[i], 0);
  return [
    ...rows.map(([name, raw, gz, br]) => `| ${name} | ${raw} B | ${gz} B | ${br} B |`),
    `| before typing: loader + chat + ${heaviest[0].replace('widget/', '')} (the heaviest language) | ${lr + chat[1] + heaviest[1]} B | ${lg + chat[2] + heaviest[2]} B | ${lb + chat[3] + heaviest[3]} B |`,
    `| the same, brought by a prompt that waited for scrolling (+ bubble + watchers) | ${lr + chat[1] + heaviest[1] + sum(1)} B | ${lg + chat[2] + heaviest[2] + sum(2)} B | ${lb + chat[3] + heaviest[3] + sum(3)} B |`,
  ].join('\n');
}

/** Wall time from spawning `deskbell start` to its first answered request (GET /health), and RSS once idle. */
async function startup(): Promise<{ readyMs: number[]; rssMb: number }> {
  const readyMs: number[] = [];
  let rssMb = 0;
  for (let i = 0; i < RUNS; i++) {
    const tmp = tempDir();
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/deskbell.js'), 'start', '--db', tmp.dbPath, '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const base = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /ready in \d+ ms on (\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
    });
    const health = await fetch(`${base}/health`);
    if (health.status !== 200) throw new Error(`/health answered ${health.status}`);
    readyMs.push(performance.now() - t0);
    if (i === RUNS - 1) {
      await new Promise((r) => setTimeout(r, 2000));
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    }
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    tmp.cleanup();
  }
  return { readyMs, rssMb };
}

/**
 * SHOPPERS shoppers each send MESSAGES / SHOPPERS messages one after another (under the
 * per-socket rate limit); each message is fsynced before its ack.
 */
async function ackLatency(): Promise<number[]> {
  const tmp = tempDir();
  const { site } = await seedFile(tmp.dbPath);
  const server = await spawnServer(tmp.dbPath);
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: SHOPPERS }, async (_, s) => {
      const socket = io(`${server.url}/visitor`, { query: { site: site.key }, transports: ['websocket'], extraHeaders: { origin: 'https://shop.example' } });
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      for (let i = 0; i < MESSAGES / SHOPPERS; i++) {
        const t0 = performance.now();
        const res = (await socket.emitWithAck('message:send', { clientId: `bench-${s}-${i}-${Date.now()}`, body: `message ${i}` })) as { ok: boolean };
        if (!res.ok) throw new Error(`send refused: ${JSON.stringify(res)}`);
        times.push(performance.now() - t0);
      }
      socket.close();
    }),
  );
  await server.stop();
  tmp.cleanup();
  return times.sort((a, b) => a - b);
}

const { readyMs, rssMb } = await startup();
const acks = await ackLatency();
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| bundle | raw | gzip -9 | brotli 11 |\n|---|---|---|---|');
console.log(widgetSize());
console.log(`\n| server | value |\n|---|---|`);
console.log(`| \`deskbell start\` → serving (median of ${RUNS}, spawn to the first GET /health answered) | ${median(readyMs).toFixed(0)} ms |`);
console.log(`| idle RSS after start | ${rssMb.toFixed(0)} MB |`);
console.log(`| message send → ack, stored with fsync (${SHOPPERS} shoppers, n=${MESSAGES}) | p50 ${percentile(acks, 50).toFixed(2)} ms, p99 ${percentile(acks, 99).toFixed(2)} ms |`);
