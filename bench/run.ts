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

function widgetSize(): string {
  const file = readFileSync(join(ROOT, 'dist/public/widget.js'));
  const gz = gzipSync(file, { level: 9 }).length;
  const br = brotliCompressSync(file, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return `| widget.js | ${file.length} B | ${gz} B | ${br} B |`;
}

/** Wall time from spawning `deskbell start` to its "ready" line, and RSS once idle. */
async function startup(): Promise<{ readyMs: number[]; rssMb: number }> {
  const readyMs: number[] = [];
  let rssMb = 0;
  for (let i = 0; i < RUNS; i++) {
    const tmp = tempDir();
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/deskbell.js'), 'start', '--db', tmp.dbPath, '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready in')) resolve();
      });
    });
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
console.log(`| start → ready (median of ${RUNS}, spawn to "ready" line) | ${median(readyMs).toFixed(0)} ms |`);
console.log(`| idle RSS after start | ${rssMb.toFixed(0)} MB |`);
console.log(`| message send → ack, stored with fsync (${SHOPPERS} shoppers, n=${MESSAGES}) | p50 ${percentile(acks, 50).toFixed(2)} ms, p99 ${percentile(acks, 99).toFixed(2)} ms |`);
