// The queue and automatic routing with real sockets: 60 shoppers hand off to 5 agents who
// take 3 conversations each. Fair assignment (fewest open, then idle longest), queue places
// told live and in order, nobody over capacity, and everyone served as conversations end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AgentPresence, VisitorConversation } from '../../server/protocol.js';
import { startServer, type InProcessServer } from '../helpers/server.js';
import { connectAgent, connectShopper, createAgents, eventually, type Shopper, type TestAgent } from '../helpers/queue.js';
import { must, next } from '../helpers/sockets.js';

const SHOPPERS = 60;
const AGENTS = 5;
const CAPACITY = 3;

describe('the queue: 60 shoppers, 5 agents with 3 chats each', () => {
  let server: InProcessServer;
  const shoppers: Shopper[] = [];
  const agents: TestAgent[] = [];
  const resolved = new Set<string>();
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    for (const s of shoppers) s.socket.close();
    for (const a of agents) a.socket.close();
    await server.close();
  });

  test('with nobody online, every shopper waits in order and sees their place; no estimate without real waits', async () => {
    // The test site has no FAQ, so there is no bot: a first message goes straight to the queue.
    for (let i = 0; i < SHOPPERS; i++) {
      const shopper = await connectShopper(server.url, server.site.key);
      shoppers.push(shopper);
      await shopper.send(`shopper ${i} needs help`);
    }
    await server.deskbell.router.settled();
    await eventually(() => {
      shoppers.forEach((s, i) => {
        const c = s.latest();
        assert.equal(c?.routing, 'queued', `shopper ${i} queued`);
        assert.equal(c?.queue?.position, i + 1, `shopper ${i} at place ${i + 1}`);
        assert.equal(c?.queue?.estimatedWaitMs, null, 'no real waits yet: no estimate');
      });
    });
    // The shopper can keep writing while waiting; it does not move them.
    await shoppers[10]!.send('still there?');
    await server.deskbell.router.settled();
    assert.equal(shoppers[10]!.latest()?.queue?.position, 11);
  });

  test('agents coming online take the head of the queue, 3 each, and the rest move up live', async () => {
    const created = await createAgents(server.deskbell.store, AGENTS);
    for (const a of created) agents.push(await connectAgent(server.url, a));
    await server.deskbell.router.settled();
    await eventually(() => {
      const given = agents.flatMap((a) => a.assigned);
      assert.equal(given.length, AGENTS * CAPACITY);
    });
    for (const a of agents) assert.equal(a.assigned.length, CAPACITY, `${a.name} has ${CAPACITY}`);
    // The first 15 in line were served first.
    const served = new Set(agents.flatMap((a) => a.assigned));
    assert.deepEqual(new Set(shoppers.slice(0, AGENTS * CAPACITY).map((s) => s.conversationId())), served);
    await eventually(() => {
      shoppers.slice(AGENTS * CAPACITY).forEach((s, i) => assert.equal(s.latest()?.queue?.position, i + 1, `waiting shopper ${i} moved up`));
      shoppers.slice(0, AGENTS * CAPACITY).forEach((s) => {
        assert.equal(s.latest()?.routing, 'assigned');
        assert.ok(s.latest()?.agentName?.startsWith('Agent '), 'the shopper sees who has them');
      });
    });
    // Now there are real waits: the estimate is a number.
    const waiting = shoppers[SHOPPERS - 1]!.latest()!;
    assert.equal(typeof waiting.queue?.estimatedWaitMs, 'number');
    const { agents: loads } = await must<{ agents: AgentPresence[] }>(agents[0]!.socket, 'agents:list', {});
    for (const a of agents) {
      const row = loads.find((l) => l.id === a.id);
      assert.deepEqual([row?.status, row?.openChats, row?.maxChats], ['online', CAPACITY, CAPACITY]);
    }
  });

  test('as conversations are resolved the queue drains in order, fairly, and nobody goes over capacity', async () => {
    const served: string[] = agents.flatMap((a) => a.assigned);
    const order = shoppers.map((s) => s.conversationId());
    let round = 0;
    while (served.length < SHOPPERS) {
      // Each agent resolves their oldest open conversation in turn.
      const agent = agents[round % AGENTS]!;
      round++;
      const open = agent.assigned.filter((id) => !resolved.has(id));
      const id = open[0];
      assert.ok(id, `${agent.name} has an open conversation`);
      const before = agent.assigned.length;
      await must(agent.socket, 'conversation:resolve', { conversationId: id });
      resolved.add(id);
      await server.deskbell.router.settled();
      await eventually(() => assert.equal(agent.assigned.length, before + 1, `${agent.name} got the next one (round ${round})`));
      const given = agent.assigned[agent.assigned.length - 1]!;
      assert.equal(given, order[served.length], 'the head of the queue went first');
      served.push(given);
      if (served.length === SHOPPERS / 2) {
        // Now there are handling times: the estimate grows with the place in line.
        await eventually(() => {
          const at = (n: number): number | null | undefined => shoppers.find((x) => x.latest()?.queue?.position === n)?.latest()?.queue?.estimatedWaitMs;
          const first = at(1);
          const second = at(2);
          assert.ok(typeof first === 'number' && first > 0, 'an estimate from real handling times');
          assert.ok(typeof second === 'number' && Math.abs(second - 2 * first) <= 1, `twice as long for the second in line (${first}, ${second})`);
        });
      }
      const loads = await server.deskbell.store.agentLoads();
      for (const a of agents) assert.ok((loads.get(a.id) ?? 0) <= CAPACITY, `${a.name} within capacity`);
    }
    // Fair: the same number each.
    for (const a of agents) assert.equal(a.assigned.length, SHOPPERS / AGENTS, `${a.name} served ${SHOPPERS / AGENTS}`);
    assert.deepEqual(await server.deskbell.store.listQueue(server.site.id), []);
  });

  test('a resolved conversation asks for a rating; writing again reopens it', async () => {
    const agent = agents[0]!;
    const id = agent.assigned[agent.assigned.length - 1]!;
    const shopper = shoppers.find((s) => s.conversationId() === id)!;
    // Not resolved yet: no rating.
    const early = await shopper.socket.emitWithAck('conversation:rate', { conversationId: id, rating: 5 });
    assert.equal(early.ok ? 'ok' : early.error.code, 'DESKBELL_NOT_RESOLVED');
    const update = next<VisitorConversation>(shopper.socket, 'conversation:update');
    await must(agent.socket, 'conversation:resolve', { conversationId: id });
    assert.equal((await update).routing, 'resolved');
    const bad = await shopper.socket.emitWithAck('conversation:rate', { conversationId: id, rating: 6 });
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'DESKBELL_VALIDATION');
    await must(shopper.socket, 'conversation:rate', { conversationId: id, rating: 4, comment: 'Quick and kind' });
    const summary = await must<{ conversation: { rating: unknown } }>(agent.socket, 'conversation:open', { conversationId: id });
    assert.deepEqual(summary.conversation.rating, { score: 4, comment: 'Quick and kind' });

    await shopper.send('one more question');
    assert.equal(shopper.conversationId(), id, 'the same conversation, reopened');
    await server.deskbell.router.settled();
    await eventually(() => assert.equal(shopper.latest()?.routing, 'assigned'));
  });
});
