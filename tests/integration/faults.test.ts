// Faults under the storage and the network: the database locked by another process, the disk
// "full" (SQLITE_FULL, through --max-db-mb's page limit: the same error a full disk gives), and
// a restart with a thousand shoppers reconnecting at once. Each time: a clear "not stored"
// and no acknowledgement for what was not stored, reads keep working, nothing corrupted, and
// every message the shoppers send ends up stored exactly once.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { io, type Socket } from 'socket.io-client';
import { buildApp } from '../../server/app.js';
import type { Ack, ErrorInfo, Message, VisitorSyncResult } from '../../server/protocol.js';
import { login, seedFile, SHOP_ORIGIN, spawnServer, startServer, tempDir } from '../helpers/server.js';
import { agentSocket, ask, clientId, connected, must, visitorSocket } from '../helpers/sockets.js';

function refusalCode(res: Ack<object>): string {
  assert.equal(res.ok, false, 'expected "not stored"');
  return (res as { error: ErrorInfo }).error.code;
}

function countMessages(dbPath: string): { total: number; distinctClientIds: number; integrity: unknown } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const row = db.prepare("SELECT count(*) AS total, count(DISTINCT client_id) AS distinctClientIds FROM messages WHERE author = 'visitor'").get() as { total: number; distinctClientIds: number };
    return { ...row, integrity: db.pragma('integrity_check', { simple: true }) };
  } finally {
    db.close();
  }
}

describe('faults', () => {
  test('database locked by another process: "not stored" quickly, reads go on, the retry stores once', async () => {
    const server = await startServer();
    try {
      const cookie = await login(server.url);
      const agent = agentSocket(server.url, cookie);
      await connected(agent);
      const seen = new Map<string, number>();
      agent.on('message:new', (m: Message) => seen.set(m.body, (seen.get(m.body) ?? 0) + 1));
      const shopper = visitorSocket(server.url, server.site.key);
      await connected(shopper);
      await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0 });
      const first = await must<{ message: Message }>(shopper, 'message:send', { clientId: clientId('before'), body: 'before the lock' });

      // Another process takes the write lock, as a CLI import or a careless backup would.
      const other = new Database(server.dbPath);
      other.exec('BEGIN IMMEDIATE');
      const id = clientId('locked');
      assert.equal(refusalCode(await ask(shopper, 'message:send', { clientId: id, body: 'during the lock' })), 'DESKBELL_STORAGE');
      // Reads are not blocked (WAL): health, and the agent opening the conversation.
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
      const opened = await must<{ messages: Message[] }>(agent, 'conversation:open', { conversationId: first.message.conversationId });
      assert.deepEqual(opened.messages.map((m) => m.body), ['before the lock']);
      other.exec('ROLLBACK');
      other.close();

      const stored = await must<{ message: Message }>(shopper, 'message:send', { clientId: id, body: 'during the lock' });
      const again = await must<{ message: Message }>(shopper, 'message:send', { clientId: id, body: 'during the lock' });
      assert.equal(again.message.id, stored.message.id, 'the retry is idempotent');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(seen.get('during the lock'), 1, 'the agent got it exactly once');
      const counted = countMessages(server.dbPath);
      assert.equal(counted.total, 2);
      assert.equal(counted.integrity, 'ok');
      shopper.close();
      agent.close();
    } finally {
      await server.close();
    }
  });

  test('disk full on write: clear refusals, no false acknowledgement, no corruption; after room is made, the outbox stores the rest once', async () => {
    const tmp = tempDir();
    const { site } = await seedFile(tmp.dbPath);
    const probe = new Database(tmp.dbPath, { readonly: true });
    const bytes = (probe.pragma('page_count', { simple: true }) as number) * (probe.pragma('page_size', { simple: true }) as number);
    probe.close();
    const start = async (maxDbBytes?: number) => {
      const deskbell = await buildApp({ dbPath: tmp.dbPath, maxDbBytes });
      await deskbell.app.listen({ port: 0, host: '127.0.0.1' });
      const address = deskbell.app.server.address();
      return { deskbell, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
    };
    // Room for a few dozen kilobytes more, then "full".
    let server = await start(bytes + 48 * 1024);
    try {
      let shopper = visitorSocket(server.url, site.key);
      await connected(shopper);
      const { token } = await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0 });
      const acked = new Set<string>();
      const refused: string[] = [];
      const body = (i: number) => `${i}: ${'the parcel arrived damaged, photos follow. '.repeat(60)}`.slice(0, 2500);
      for (let i = 0; i < 60 && refused.length < 5; i++) {
        const id = clientId(`full-${i}`);
        const res = await ask(shopper, 'message:send', { clientId: id, body: body(i) });
        if (res.ok) acked.add(id);
        else {
          assert.equal(refusalCode(res), 'DESKBELL_STORAGE', 'full is "not stored, retry"');
          refused.push(id);
        }
      }
      assert.ok(acked.size > 0 && refused.length === 5, `some stored (${acked.size}), then refused (${refused.length})`);
      assert.equal((await fetch(`${server.url}/health`)).status, 200, 'reads still answer');
      shopper.close();
      await server.deskbell.app.close();
      let counted = countMessages(tmp.dbPath);
      assert.equal(counted.integrity, 'ok');
      assert.equal(counted.total, acked.size, 'stored exactly what was acknowledged');

      // The owner frees space (here: lifts the limit) and restarts; the widget's outbox resends.
      server = await start();
      shopper = visitorSocket(server.url, site.key, { token });
      await connected(shopper);
      for (const id of [...refused, ...acked]) await must(shopper, 'message:send', { clientId: id, body: 'resent' });
      shopper.close();
      await server.deskbell.app.close();
      counted = countMessages(tmp.dbPath);
      assert.equal(counted.total, acked.size + refused.length, 'every message once: the refused now stored, the acknowledged not twice');
      assert.equal(counted.distinctClientIds, counted.total);
    } finally {
      await server.deskbell.app.close().catch(() => undefined);
      tmp.cleanup();
    }
  });

  test('a restart with 1,000 shoppers connected: all reconnect with jitter, and every message is stored once', async () => {
    const tmp = tempDir();
    const { site } = await seedFile(tmp.dbPath);
    const SHOPPERS = 1000;
    // Per-address limits off: here a thousand shoppers share one address.
    let server = await spawnServer(tmp.dbPath, { args: ['--ip-rate', '0'] });
    const port = server.port;
    const shoppers: Socket[] = [];
    try {
      for (let i = 0; i < SHOPPERS; i += 100) {
        const batch = Array.from({ length: Math.min(100, SHOPPERS - i) }, () => {
          // The token goes in once synced, so the reconnect is the same shopper (as the widget does).
          const auth: { token?: string } = {};
          // socket.io-client's own reconnection: exponential backoff with ±50% jitter.
          const socket = io(`${server.url}/visitor`, { query: { site: site.key }, auth: (cb) => cb(auth), transports: ['websocket'], extraHeaders: { origin: SHOP_ORIGIN }, forceNew: true, reconnectionDelay: 300, reconnectionDelayMax: 3000, randomizationFactor: 0.5 });
          return { socket, auth };
        });
        await Promise.all(batch.map((b) => connected(b.socket)));
        await Promise.all(batch.map(async (b) => (b.auth.token = (await must<VisitorSyncResult>(b.socket, 'session:sync', { afterSeq: 0 })).token)));
        shoppers.push(...batch.map((b) => b.socket));
      }
      await Promise.all(shoppers.map((s, i) => must(s, 'message:send', { clientId: `restart-a-${i}-xx`, body: `first ${i}` })));

      await server.kill();
      // The namespace's own connect (after the engine's reconnect): the shopper is back when it fires.
      const reconnected = shoppers.map((s) => new Promise<void>((resolve) => s.once('connect', () => resolve())));
      server = await spawnServer(tmp.dbPath, { port, args: ['--ip-rate', '0'] });
      await Promise.all(reconnected);
      assert.equal(shoppers.filter((s) => s.connected).length, SHOPPERS, 'every shopper is back');
      // Each resends its first message (as an outbox would, not knowing) and sends a second.
      await Promise.all(
        shoppers.map(async (s, i) => {
          await must(s, 'message:send', { clientId: `restart-a-${i}-xx`, body: `first ${i}` });
          await must(s, 'message:send', { clientId: `restart-b-${i}-xx`, body: `second ${i}` });
        }),
      );
      const counted = countMessages(tmp.dbPath);
      assert.equal(counted.total, SHOPPERS * 2);
      assert.equal(counted.distinctClientIds, SHOPPERS * 2);
    } finally {
      for (const s of shoppers) s.close();
      await server.kill();
      tmp.cleanup();
    }
  });
});
