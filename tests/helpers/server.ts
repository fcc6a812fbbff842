// Test helpers: the real server, on an ephemeral port, with a temp SQLite file — in this
// process (buildApp) or as a child process that a test can SIGKILL and start again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type AppOptions, type Deskbell } from '../../server/app.js';
import { AgentService } from '../../server/agents.js';
import { EventBus } from '../../server/events.js';
import { systemClock } from '../../server/ids.js';
import { createSite } from '../../server/sites.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Site, Store } from '../../server/store/types.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHOP_ORIGIN = 'https://shop.example';
export const AGENT = { email: 'ann@shop.example', name: 'Ann', password: 'correct horse battery' };

export function tempDir(): { dir: string; dbPath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'deskbell-test-'));
  return { dir, dbPath: join(dir, 'deskbell.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A site for shop.example and an agent, written straight into a database file. */
export async function seed(store: Store): Promise<{ site: Site }> {
  const site = await createSite(store, { name: 'Test Shop', origins: [SHOP_ORIGIN] });
  await new AgentService(store, systemClock, new EventBus()).create(AGENT);
  return { site };
}

export interface InProcessServer {
  url: string;
  deskbell: Deskbell;
  site: Site;
  dbPath: string;
  close(): Promise<void>;
}

/** The whole server in this process on an ephemeral port, a temp database, a seeded site and agent. */
export async function startServer(options: { demo?: boolean; graceMs?: number; app?: Partial<AppOptions> } = {}): Promise<InProcessServer> {
  const tmp = tempDir();
  const deskbell = await buildApp({
    dbPath: tmp.dbPath, demoDir: options.demo ? join(ROOT, 'demo') : null,
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    ...options.app,
  });
  const { site } = await seed(deskbell.store);
  await deskbell.app.listen({ port: 0, host: '127.0.0.1' });
  const address = deskbell.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    deskbell,
    site,
    dbPath: tmp.dbPath,
    async close() {
      await deskbell.app.close();
      tmp.cleanup();
    },
  };
}

export interface ChildServer {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown, no flush — as a crash or an OOM kill. */
  kill(): Promise<void>;
  stop(): Promise<number | null>;
}

/** `deskbell start` as a separate process, on `port` (0 = any), ready when it says so. */
export async function spawnServer(dbPath: string, options: { port?: number; demo?: boolean; graceSeconds?: number; args?: string[] } = {}): Promise<ChildServer> {
  const args = [join(ROOT, 'bin/deskbell.js'), 'start', '--db', dbPath, '--port', String(options.port ?? 0), '--host', '127.0.0.1', '--log-level', 'warn'];
  if (options.demo) args.push('--demo');
  if (options.graceSeconds !== undefined) args.push('--grace', String(options.graceSeconds));
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DESKBELL_PUBLIC_URL: '' } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const check = (): void => {
      const m = /ready in \d+ ms on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output: () => out,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function seedFile(dbPath: string): Promise<{ site: Site }> {
  const store = openSqliteStore({ path: dbPath });
  try {
    return await seed(store);
  } finally {
    await store.close();
  }
}

/** Logs in over HTTP and returns the Cookie header value. */
export async function login(url: string, email = AGENT.email, password = AGENT.password): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}
