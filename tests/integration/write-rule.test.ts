// Who may write to the shopper (server/roles.ts requireMayWrite): a plain agent is refused in a
// conversation a colleague holds, with DESKBELL_CONVERSATION_HELD and nothing stored; the
// holder and a manager write there; an agent writes in a conversation nobody holds and it
// becomes theirs; notes stay open to everyone; a role changed meanwhile counts at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConversationSummary, Message } from '../../server/protocol.js';
import { connectAgent, connectShopper, createAgents, eventually, type Shopper, type TestAgent } from '../helpers/queue.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, ask, clientId, connected, must, type AgentClient } from '../helpers/sockets.js';

const codeOf = (res: { ok: boolean; error?: { code: string } }): string => (res.ok ? 'ok' : (res.error?.code ?? '?'));

describe('writing in a conversation someone else holds', () => {
  let server: InProcessServer;
  let manager: AgentClient;
  let ben: TestAgent;
  let cai: TestAgent;
  const shoppers: Shopper[] = [];
  before(async () => {
    server = await startServer();
    const [b, c] = await createAgents(server.deskbell.store, 2);
    ben = await connectAgent(server.url, b!);
    cai = await connectAgent(server.url, c!);
    manager = agentSocket(server.url, await login(server.url));
    await connected(manager);
  });
  after(async () => {
    for (const s of [manager, ben.socket, cai.socket, ...shoppers.map((x) => x.socket)]) s.close();
    await server.close();
  });

  /** A shopper's conversation, held by Ben. */
  async function bensConversation(shopperHears?: (shopper: Shopper) => void): Promise<string> {
    const shopper = await connectShopper(server.url, server.site.key);
    shopperHears?.(shopper);
    shoppers.push(shopper);
    await shopper.send('My parcel arrived damaged.');
    const id = shopper.conversationId();
    await eventually(() => assert.equal(shopper.latest()?.routing, 'assigned'));
    if ((await server.deskbell.store.getConversation(id))?.assignedAgentId !== ben.id) {
      await must(manager, 'conversation:transfer', { conversationId: id, agentId: ben.id });
    }
    return id;
  }

  const send = (socket: AgentClient, conversationId: string, body: string) =>
    ask<{ message: Message }>(socket, 'message:send', { conversationId, clientId: clientId('w'), body });

  test('a plain agent is refused, with what to do; the holder and a manager are accepted', async () => {
    const id = await bensConversation();
    const refused = await send(cai.socket, id, 'Cai butting in');
    assert.equal(codeOf(refused), 'DESKBELL_CONVERSATION_HELD');
    assert.match(refused.ok ? '' : refused.error.message, /transfer it to you/);
    assert.ok(!(await server.deskbell.store.listMessages(id, 0, 100)).some((m) => m.body === 'Cai butting in'), 'nothing stored');

    assert.equal((await send(ben.socket, id, 'Ben: sorry to hear that')).ok, true);
    assert.equal((await send(manager, id, 'Manager: we will replace it')).ok, true);
    const conversation = await server.deskbell.store.getConversation(id);
    assert.equal(conversation?.assignedAgentId, ben.id, 'the manager writing does not take it from Ben');
    // A private note is not writing to the shopper: open to everyone.
    assert.equal((await ask(cai.socket, 'note:add', { conversationId: id, body: 'I handled this customer last week' })).ok, true);
  });

  test('after a transfer to them, the agent may write; a role changed meanwhile counts at once', async () => {
    const id = await bensConversation();
    await must(ben.socket, 'conversation:transfer', { conversationId: id, agentId: cai.id });
    assert.equal((await send(cai.socket, id, 'Cai here, I have it now')).ok, true);
    assert.equal(codeOf(await send(ben.socket, id, 'Ben again')), 'DESKBELL_CONVERSATION_HELD');
    await server.deskbell.store.updateAgent(ben.id, { role: 'manager' });
    try {
      assert.equal((await send(ben.socket, id, 'Ben, now a manager')).ok, true);
    } finally {
      await server.deskbell.store.updateAgent(ben.id, { role: 'agent' });
    }
  });

  test('a conversation nobody holds: an agent writing in it takes it', async () => {
    await must(manager, 'site:routing', { siteKey: server.site.key, mode: 'manual' });
    try {
      const shopper = await connectShopper(server.url, server.site.key);
      shoppers.push(shopper);
      await shopper.send('Can someone help?');
      const id = shopper.conversationId();
      await eventually(async () => assert.equal((await server.deskbell.store.getConversation(id))?.routing, 'queued'));
      assert.equal((await send(cai.socket, id, 'Cai answering from the queue')).ok, true);
      const { conversation } = await must<{ conversation: ConversationSummary }>(cai.socket, 'conversation:open', { conversationId: id });
      assert.equal(conversation.assignedAgent?.id, cai.id);
      assert.equal(codeOf(await send(ben.socket, id, 'Ben too late')), 'DESKBELL_CONVERSATION_HELD');
    } finally {
      await must(manager, 'site:routing', { siteKey: server.site.key, mode: 'auto' });
    }
  });

  test('a plain agent\'s typing in a colleague\'s conversation is refused and never reaches the shopper; the holder\'s does', async () => {
    const heard: Array<{ conversationId: string; typing: boolean; name: string | null }> = [];
    const id = await bensConversation((shopper) => shopper.socket.on('typing:update', (t) => heard.push(t)));
    for (const typing of [true, false]) {
      assert.equal(codeOf(await ask(cai.socket, 'typing:set', { conversationId: id, typing })), 'DESKBELL_CONVERSATION_HELD');
    }
    // Ben's indicator is relayed after Cai's refusals were acknowledged: had either been
    // relayed, the shopper would have heard it first on the same connection.
    await must(ben.socket, 'typing:set', { conversationId: id, typing: true });
    await eventually(() => assert.ok(heard.length > 0));
    assert.deepEqual(heard, [{ conversationId: id, typing: true, name: ben.name }]);
    // A manager may type there (they may write there).
    await must(manager, 'typing:set', { conversationId: id, typing: false });
    await eventually(() => assert.equal(heard.length, 2));
  });

  test('resolving or closing a colleague\'s conversation: refused to a plain agent (nothing changes), open to the holder and a manager', async () => {
    const id = await bensConversation();
    const state = async () => {
      const c = await server.deskbell.store.getConversation(id);
      return [c?.status, c?.routing, c?.assignedAgentId];
    };
    assert.equal(codeOf(await ask(cai.socket, 'conversation:resolve', { conversationId: id })), 'DESKBELL_CONVERSATION_HELD');
    assert.equal(codeOf(await ask(cai.socket, 'conversation:close', { conversationId: id })), 'DESKBELL_CONVERSATION_HELD');
    // Claiming what someone holds is refused to everyone, managers included (they take over instead).
    assert.equal(codeOf(await ask(cai.socket, 'conversation:claim', { conversationId: id })), 'DESKBELL_ALREADY_CLAIMED');
    assert.equal(codeOf(await ask(manager, 'conversation:claim', { conversationId: id })), 'DESKBELL_ALREADY_CLAIMED');
    assert.deepEqual(await state(), ['open', 'assigned', ben.id]);
    await must(ben.socket, 'conversation:resolve', { conversationId: id });
    assert.deepEqual(await state(), ['open', 'resolved', ben.id]);

    const other = await bensConversation();
    await must(manager, 'conversation:resolve', { conversationId: other });
    await must(manager, 'conversation:close', { conversationId: other });
    assert.equal((await server.deskbell.store.getConversation(other))?.status, 'closed');
  });
});
