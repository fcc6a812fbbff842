// The shopper's earlier conversations over the visitor socket: the list (own only, newest
// first, with the last message), reading one, and "start a new conversation" — which closes
// the current one so the next message opens another (and agents see it closed).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConversationSummary, Message, VisitorConversationItem, VisitorSyncResult } from '../../server/protocol.js';
import { connectShopper } from '../helpers/queue.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, ask, clientId, connected, must, type AgentClient } from '../helpers/sockets.js';

const codeOf = (res: { ok: boolean; error?: { code: string } }): string => (res.ok ? 'ok' : (res.error?.code ?? '?'));

describe("the shopper's earlier conversations", () => {
  let server: InProcessServer;
  let agent: AgentClient;
  before(async () => {
    server = await startServer();
    agent = agentSocket(server.url, await login(server.url));
    await connected(agent);
  });
  after(async () => {
    agent.close();
    await server.close();
  });

  test('list, read, start a new one; another shopper sees none of it', async () => {
    const shopper = await connectShopper(server.url, server.site.key);
    const first = await shopper.send('Do you ship to Chiang Mai?');
    await must(agent, 'message:send', { conversationId: first.conversationId, clientId: clientId('reply1'), body: 'Yes, in 3 days.' });

    // Start a new one: the first is closed; the agent's list says so.
    await must(shopper.socket, 'conversation:close', { conversationId: first.conversationId });
    const closed = (await must<{ conversation: ConversationSummary; messages: Message[] }>(agent, 'conversation:open', { conversationId: first.conversationId })).conversation;
    assert.equal(closed.status, 'closed');
    const { message: second } = await must<{ message: Message }>(shopper.socket, 'message:send', { clientId: clientId('second'), body: 'And to Phuket?' });
    assert.notEqual(second.conversationId, first.conversationId, 'the next message opened a new conversation');
    const sync = await must<VisitorSyncResult>(shopper.socket, 'session:sync', { afterSeq: 0 });
    assert.equal(sync.conversation?.id, second.conversationId);

    const { conversations } = await must<{ conversations: VisitorConversationItem[] }>(shopper.socket, 'conversations:mine', {});
    assert.deepEqual(conversations.map((c) => [c.id, c.status]), [[second.conversationId, 'open'], [first.conversationId, 'closed']]);
    assert.deepEqual(conversations[1]?.lastMessage?.body, 'Yes, in 3 days.');
    const { messages } = await must<{ messages: Message[] }>(shopper.socket, 'conversation:history', { conversationId: first.conversationId });
    assert.deepEqual(messages.map((m) => [m.author, m.body]), [['visitor', 'Do you ship to Chiang Mai?'], ['agent', 'Yes, in 3 days.']]);

    // Someone else: their own (empty) list, and the first shopper's conversation is not found.
    const other = await connectShopper(server.url, server.site.key);
    assert.deepEqual((await must<{ conversations: VisitorConversationItem[] }>(other.socket, 'conversations:mine', {})).conversations, []);
    assert.equal(codeOf(await ask(other.socket, 'conversation:history', { conversationId: first.conversationId })), 'DESKBELL_CONVERSATION_NOT_FOUND');
    assert.equal(codeOf(await ask(other.socket, 'conversation:close', { conversationId: second.conversationId })), 'DESKBELL_CONVERSATION_NOT_FOUND');
    assert.equal((await server.deskbell.store.getConversation(second.conversationId))?.status, 'open');
    shopper.socket.close();
    other.socket.close();
  });
});
