// The heart of the core: the server killed (SIGKILL) mid-conversation and restarted on the
// same database loses no acknowledged message, and the outbox delivers the rest — each
// exactly once. The shopper side uses the widget's real Outbox (in-memory storage here).
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import type { Message, VisitorSyncResult } from '../../server/protocol.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { Outbox, newClientId } from '../../widget/outbox.js';
import type { KeyValue } from '../../widget/storage.js';
import { login, seedFile, spawnServer, tempDir, type ChildServer } from '../helpers/server.js';
import { agentSocket, connected, emitRaw, must, visitorSocket, type VisitorClient } from '../helpers/sockets.js';

function memoryStorage(): KeyValue {
  const map = new Map<string, string>();
  return { get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v), remove: (k) => void map.delete(k) };
}

/** What the widget does after a connect: resend the outbox in order; drop what is acked. */
async function flush(socket: VisitorClient, outbox: Outbox, acked: Map<string, Message>): Promise<void> {
  for (const entry of outbox.toSend()) {
    const res = await socket.timeout(3000).emitWithAck('message:send', { clientId: entry.clientId, body: entry.body }).catch(() => null);
    if (!res?.ok) return;
    acked.set(entry.clientId, res.message);
    outbox.remove(entry.clientId);
  }
}

describe('a server killed mid-conversation', () => {
  const tmp = tempDir();
  let server: ChildServer | null = null;
  after(async () => {
    await server?.kill();
    tmp.cleanup();
  });

  test('loses no acknowledged message, and the outbox delivers the rest exactly once', async (t) => {
    const { site } = await seedFile(tmp.dbPath);
    server = await spawnServer(tmp.dbPath);
    const port = server.port;
    const outbox = new Outbox(memoryStorage());
    const acked = new Map<string, Message>();
    const bodies: string[] = [];
    const write = (): string => {
      const body = `message ${bodies.length + 1}`;
      bodies.push(body);
      const clientId = newClientId();
      outbox.add({ clientId, body, createdAt: Date.now(), state: 'pending' });
      return clientId;
    };
    const storedCount = async (conversationId: string): Promise<number> => {
      const store = openSqliteStore({ path: tmp.dbPath });
      try {
        return (await store.listMessages(conversationId, 0, 1000)).length;
      } finally {
        await store.close();
      }
    };

    // 1. Ten messages sent and acknowledged.
    let shopper = visitorSocket(server.url, site.key);
    await connected(shopper);
    const { token } = await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0 });
    for (let i = 0; i < 10; i++) write();
    await flush(shopper, outbox, acked);
    assert.equal(acked.size, 10);
    const conversationId = [...acked.values()][0]?.conversationId ?? '';

    // 2. Five more reach the server and are stored, but no acknowledgement reaches the
    //    shopper (sent without an ack id, which is what a lost ack looks like to the
    //    client): they stay in the outbox.
    for (let i = 0; i < 5; i++) {
      const clientId = write();
      emitRaw(shopper, 'message:send', { clientId, body: bodies[bodies.length - 1] ?? '' });
    }
    for (let waited = 0; (await storedCount(conversationId)) < 15; waited += 10) {
      assert.ok(waited < 5000, 'the five unacknowledged messages were stored');
      await new Promise((r) => setTimeout(r, 10));
    }
    shopper.close();

    // 3. Five more are sent to a frozen server (SIGSTOP), which is then killed (SIGKILL):
    //    never received, never stored.
    shopper = visitorSocket(server.url, site.key, { token });
    await connected(shopper);
    server.process.kill('SIGSTOP');
    for (let i = 0; i < 5; i++) {
      const clientId = write();
      emitRaw(shopper, 'message:send', { clientId, body: bodies[bodies.length - 1] ?? '' });
    }
    await new Promise((r) => setTimeout(r, 100));
    await server.kill();
    shopper.close();

    // Every acknowledged message is on disk; the outbox holds the other ten.
    const store = openSqliteStore({ path: tmp.dbPath });
    const onDisk = await store.listMessages(conversationId, 0, 1000);
    await store.close();
    for (const [clientId, m] of acked) {
      assert.ok(onDisk.some((d) => d.clientId === clientId && d.seq === m.seq), `acked "${m.body}" survived the kill`);
    }
    assert.equal(onDisk.length, 15);
    assert.equal(outbox.all().length, 10);
    t.diagnostic(`at the kill: ${acked.size} acked, ${onDisk.length - acked.size} stored without ack, ${20 - onDisk.length} not received`);

    // 4. Restart on the same database and port; the shopper reconnects with its token and
    //    resends its outbox, including the five that were stored but never acknowledged.
    server = await spawnServer(tmp.dbPath, { port });
    const back = visitorSocket(server.url, site.key, { token });
    await connected(back);
    await must(back, 'session:sync', { conversationId, afterSeq: 0 });
    await flush(back, outbox, acked);
    assert.equal(outbox.all().length, 0, 'outbox empty after reconnect');

    // The agent sees each of the 20 exactly once, in the order they were written.
    const cookie = await login(server.url);
    const agent = agentSocket(server.url, cookie);
    await connected(agent);
    const opened = await must<{ messages: Message[] }>(agent, 'conversation:open', { conversationId });
    assert.deepEqual(opened.messages.map((m) => m.body), bodies, 'each message once, in order');
    assert.deepEqual(opened.messages.map((m) => m.seq), bodies.map((_, i) => i + 1), 'seq has no gaps');
    back.close();
    agent.close();
    await server.stop();
    server = null;
  });

  test('SIGTERM shuts down cleanly: exit code 0, the database closed and reopenable; clients come back by themselves', async () => {
    const store0 = openSqliteStore({ path: tmp.dbPath });
    const [site] = await store0.listSites();
    await store0.close();
    assert.ok(site);
    server = await spawnServer(tmp.dbPath);
    const port = server.port;
    // A client with Socket.IO's own reconnection on, as the widget has.
    const shopper = io(`${server.url}/visitor`, { query: { site: site.key }, transports: ['websocket'], extraHeaders: { origin: 'https://shop.example' }, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    await connected(shopper);
    const code = await server.stop();
    server = null;
    assert.equal(code, 0);
    const store = openSqliteStore({ path: tmp.dbPath });
    await store.ping();
    await store.close();
    const reconnected = new Promise<void>((resolve) => shopper.once('connect', () => resolve()));
    server = await spawnServer(tmp.dbPath, { port });
    await reconnected;
    shopper.close();
  });

  test('SIGTERM during a request: it is answered, and the server exits then, not when the client drops its keep-alive connection', async () => {
    server ??= await spawnServer(tmp.dbPath);
    const { port } = server;
    const agent = new Agent({ keepAlive: true });
    try {
      // A login whose body is still arriving when the shutdown starts: an active connection.
      const body = JSON.stringify({ email: 'nobody@shop.example', password: 'not the password' });
      const answered = new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => req.end(body.slice(10)), 500);
      });
      await new Promise((r) => setTimeout(r, 100));
      const exited = server.stop();
      server = null;
      assert.ok((await answered) > 0, 'the request in flight gets its answer');
      // The connection is idle now and the client keeps it (a keep-alive agent, like a
      // browser): before, the server waited for the client's 72 s keep-alive to run out.
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running after 20 s'), 20_000))]);
      assert.equal(code, 0);
    } finally {
      agent.destroy();
    }
  });
});
