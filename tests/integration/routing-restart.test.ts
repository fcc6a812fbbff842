// The queue lives in SQLite: a server killed (SIGKILL) and started again keeps every waiting
// shopper in their place, and re-arms the grace period of agents who had conversations, so
// an agent who never comes back does not leave them stuck.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { VisitorSyncResult } from '../../server/protocol.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { seedFile, spawnServer, tempDir, type ChildServer } from '../helpers/server.js';
import { connectAgent, connectShopper, createAgents, eventually } from '../helpers/queue.js';
import { connected, must, visitorSocket } from '../helpers/sockets.js';

describe('routing across a server restart', () => {
  const tmp = tempDir();
  let server: ChildServer | null = null;
  after(async () => {
    await server?.kill();
    tmp.cleanup();
  });

  test('waiting shoppers keep their places; an absent agent\'s conversations are requeued after the grace period', async () => {
    const { site } = await seedFile(tmp.dbPath);
    const store = openSqliteStore({ path: tmp.dbPath });
    const [a1] = await createAgents(store, 1, 1);
    await store.close();

    server = await spawnServer(tmp.dbPath, { graceSeconds: 1 });
    const agent = await connectAgent(server.url, a1!);
    const first = await connectShopper(server.url, site.key);
    await first.send('first');
    await eventually(() => assert.deepEqual(agent.assigned, [first.conversationId()]));
    const second = await connectShopper(server.url, site.key);
    await second.send('second');
    await eventually(() => assert.equal(second.latest()?.queue?.position, 1));

    await server.kill();
    agent.socket.close();
    first.socket.close();
    second.socket.close();
    server = await spawnServer(tmp.dbPath, { port: server.port, graceSeconds: 1 });

    const sync = async (token: string): Promise<VisitorSyncResult> => {
      const socket = visitorSocket(server!.url, site.key, { token });
      await connected(socket);
      try {
        return await must<VisitorSyncResult>(socket, 'session:sync', { afterSeq: 0 });
      } finally {
        socket.close();
      }
    };
    // Right after the restart: the assignment and the queue are as they were.
    const before = await sync(second.token);
    assert.deepEqual([before.conversation?.routing, before.conversation?.queue?.position], ['queued', 1]);
    // The agent never comes back: after the grace period the first shopper is back at the head.
    await eventually(async () => {
      const again = await sync(first.token);
      assert.deepEqual([again.conversation?.routing, again.conversation?.queue?.position], ['queued', 1]);
    });
    const after = await sync(second.token);
    assert.equal(after.conversation?.queue?.position, 2);
  });
});
