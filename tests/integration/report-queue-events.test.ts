// The queue's steps reach the reports: queued, assigned, transferred, resolved, rated,
// reopened — each recorded once, in order, with its agent — and a conversation an agent
// resolved and then closed is resolved once, not twice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { VisitorConversation } from '../../server/protocol.js';
import { connectAgent, connectShopper, createAgents, eventually } from '../helpers/queue.js';
import { startServer, type InProcessServer } from '../helpers/server.js';
import { must, next } from '../helpers/sockets.js';

describe('report events from the queue', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('a conversation through the whole queue leaves each step once, with its agent', async () => {
    const [a1, a2] = await createAgents(server.deskbell.store, 2, 3);
    const ann = await connectAgent(server.url, a1!);
    const shopper = await connectShopper(server.url, server.site.key);
    // No bot on this site: the first message goes to the queue, and Ann (alone online) gets it.
    await shopper.send('my parcel is late');
    const id = shopper.conversationId();
    await eventually(() => assert.equal(shopper.latest()?.routing, 'assigned'));
    const ben = await connectAgent(server.url, a2!);
    await must(ann.socket, 'conversation:transfer', { conversationId: id, agentId: a2!.id, note: 'yours' });
    await must(ben.socket, 'message:send', { conversationId: id, clientId: 'report-reply-1', body: 'On its way' });
    const resolved = next<VisitorConversation>(shopper.socket, 'conversation:update');
    await must(ben.socket, 'conversation:resolve', { conversationId: id });
    assert.equal((await resolved).routing, 'resolved');
    await must(shopper.socket, 'conversation:rate', { conversationId: id, rating: 5 });
    await shopper.send('one more thing');
    await server.deskbell.router.settled();
    await eventually(() => assert.equal(shopper.latest()?.routing, 'assigned'));
    // Whoever it went to closes it: a plain agent may not close a colleague's conversation.
    const holder = (await server.deskbell.store.getConversation(id))?.assignedAgentId === a1!.id ? ann : ben;
    await must(holder.socket, 'conversation:close', { conversationId: id });

    const events = await server.deskbell.store.listConversationEvents(id);
    // The widget sent no language; "my parcel is late" is English enough: the conversation's language.
    assert.deepEqual(events.map((e) => e.type), [
      'started', 'lang_changed', 'queued', 'assigned', 'transferred', 'first_agent_reply', 'resolved', 'rated',
      'reopened', 'queued', 'assigned', 'resolved',
    ]);
    const byType = (type: string, n = 0) => events.filter((e) => e.type === type)[n];
    assert.equal(byType('assigned')?.agentId, a1!.id, 'the dispatcher gave it to Ann');
    assert.deepEqual([byType('transferred')?.agentId, byType('transferred')?.data], [a2!.id, { fromAgentId: a1!.id }]);
    assert.equal(byType('first_agent_reply')?.agentId, a2!.id);
    assert.equal(byType('resolved')?.agentId, a2!.id, 'resolved by Ben');
    assert.deepEqual(byType('rated')?.data, { score: 5 });
    assert.ok([a1!.id, a2!.id].includes(String(byType('assigned', 1)?.agentId)), 'reopened, then assigned again');
    ann.socket.close();
    ben.socket.close();
  });

  test('resolved by an agent, then closed: one resolution', async () => {
    // A server of its own: only this agent online.
    await server.close();
    server = await startServer();
    const [a3] = await createAgents(server.deskbell.store, 1, 3);
    const cat = await connectAgent(server.url, a3!);
    const shopper = await connectShopper(server.url, server.site.key);
    await shopper.send('hello?');
    const id = shopper.conversationId();
    await eventually(() => assert.equal(shopper.latest()?.routing, 'assigned'));
    const owner = (await server.deskbell.store.getConversation(id))?.assignedAgentId;
    const agentSocket = owner === a3!.id ? cat.socket : null;
    if (!agentSocket) return assert.fail(`the only free agent should have it, got ${owner}`);
    await must(agentSocket, 'conversation:resolve', { conversationId: id });
    await must(agentSocket, 'conversation:close', { conversationId: id });
    const types = (await server.deskbell.store.listConversationEvents(id)).map((e) => e.type);
    assert.equal(types.filter((t) => t === 'resolved').length, 1, types.join(', '));
  });
});
