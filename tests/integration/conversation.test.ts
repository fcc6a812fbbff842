// A shopper and an agent talk through the real server: real sockets, real SQLite.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConversationSummary, Message, VisitorConversation, VisitorSyncResult } from '../../server/protocol.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, clientId, connected, must, next, visitorSocket } from '../helpers/sockets.js';

describe('a conversation between a shopper and an agent', () => {
  let server: InProcessServer;
  let cookie: string;
  before(async () => {
    server = await startServer();
    cookie = await login(server.url);
  });
  after(() => server.close());

  test('the shopper writes, the agent sees it live, replies, and the shopper sees the reply', async () => {
    const agent = agentSocket(server.url, cookie);
    await connected(agent);
    const shopper = visitorSocket(server.url, server.site.key);
    await connected(shopper);
    const session = await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0, page: { url: 'https://shop.example/cart', title: 'Cart' } });
    assert.equal(session.conversation, null);
    assert.ok(session.token.startsWith('v1.'));

    const seenByAgent = next<Message>(agent, 'message:new');
    const sent = await must<{ message: Message }>(shopper, 'message:send', { clientId: clientId(1), body: 'Where is my order #1042?' });
    assert.equal(sent.message.seq, 1);
    assert.equal((await seenByAgent).body, 'Where is my order #1042?');

    const { conversations } = await must<{ conversations: ConversationSummary[] }>(agent, 'conversations:list', { status: 'open' });
    const row = conversations.find((c) => c.id === sent.message.conversationId);
    assert.ok(row, 'the conversation is in the agent list');
    assert.equal(row.page?.url, 'https://shop.example/cart');
    assert.equal(row.visitorOnline, true);
    assert.equal(row.lastSeq - row.agentReadSeq, 1, 'one unread');

    const typing = next<{ typing: boolean; name: string | null }>(shopper, 'typing:update');
    await must(agent, 'typing:set', { conversationId: row.id, typing: true });
    assert.deepEqual(await typing, { conversationId: row.id, typing: true, name: 'Ann' });

    const reply = next<Message>(shopper, 'message:new');
    await must(agent, 'message:send', { conversationId: row.id, clientId: clientId(2), body: 'It ships today.' });
    const got = await reply;
    assert.equal(got.author, 'agent');
    assert.equal(got.authorName, 'Ann');
    assert.equal(got.seq, 2);

    const opened = await must<{ messages: Message[] }>(agent, 'conversation:open', { conversationId: row.id });
    assert.deepEqual(opened.messages.map((m) => [m.seq, m.author, m.body]), [
      [1, 'visitor', 'Where is my order #1042?'],
      [2, 'agent', 'It ships today.'],
    ]);

    const closed = next<VisitorConversation>(shopper, 'conversation:update');
    await must(agent, 'conversation:close', { conversationId: row.id });
    assert.equal((await closed).status, 'closed');

    // Writing again after a close opens a new conversation; the old one stays closed.
    const again = await must<{ message: Message }>(shopper, 'message:send', { clientId: clientId(3), body: 'One more thing' });
    assert.notEqual(again.message.conversationId, row.id);
    assert.equal(again.message.seq, 1);
    shopper.close();
    agent.close();
  });

  test('opening the chat writes nothing; the first message stores the visitor with their page and language', async () => {
    const tab1 = visitorSocket(server.url, server.site.key);
    await connected(tab1);
    const first = await must<VisitorSyncResult>(tab1, 'session:sync', { afterSeq: 0, page: { url: 'https://shop.example/p/mug', title: 'Mug' }, lang: 'zh-TW' });
    assert.equal(await server.deskbell.store.getVisitor(first.visitorId), null, 'no row for a visitor who has not written');
    // A second tab with the token is the same visitor, before either has written.
    const tab2 = visitorSocket(server.url, server.site.key, { token: first.token });
    await connected(tab2);
    const second = await must<VisitorSyncResult>(tab2, 'session:sync', { afterSeq: 0, page: { url: 'https://shop.example/cart', title: 'Cart' }, lang: 'zh-TW' });
    assert.equal(second.visitorId, first.visitorId);
    const inTab1 = next<Message>(tab1, 'message:new');
    await must(tab2, 'message:send', { clientId: clientId('lazy'), body: '第二個分頁你好' });
    assert.equal((await inTab1).body, '第二個分頁你好');
    const stored = await server.deskbell.store.getVisitor(first.visitorId);
    assert.ok(stored, 'the first message stored the visitor');
    assert.equal(stored.lang, 'zh-TW');
    assert.equal(stored.page?.url, 'https://shop.example/cart', 'the page of the tab that wrote');
    tab1.close();
    tab2.close();
  });

  test('the same message sent twice, even at once, is stored once and acknowledged twice', async () => {
    const shopper = visitorSocket(server.url, server.site.key);
    await connected(shopper);
    const id = clientId('dup');
    const [a, b] = await Promise.all([
      must<{ message: Message }>(shopper, 'message:send', { clientId: id, body: 'hello' }),
      must<{ message: Message }>(shopper, 'message:send', { clientId: id, body: 'hello' }),
    ]);
    const c = await must<{ message: Message }>(shopper, 'message:send', { clientId: id, body: 'hello' });
    assert.equal(a.message.id, b.message.id);
    assert.equal(a.message.id, c.message.id);
    const stored = await server.deskbell.store.listMessages(a.message.conversationId, 0, 100);
    assert.equal(stored.filter((m) => m.clientId === id).length, 1);
    shopper.close();
  });

  test('two tabs of one shopper see the same conversation live', async () => {
    const tab1 = visitorSocket(server.url, server.site.key);
    await connected(tab1);
    const { token } = await must<VisitorSyncResult>(tab1, 'session:sync', { afterSeq: 0 });
    const tab2 = visitorSocket(server.url, server.site.key, { token });
    await connected(tab2);
    const inTab2 = next<Message>(tab2, 'message:new');
    await must(tab1, 'message:send', { clientId: clientId('tab'), body: 'from tab one' });
    assert.equal((await inTab2).body, 'from tab one');
    tab1.close();
    tab2.close();
  });

  test('a shopper offline while the agent writes catches up on reconnect, in order', async () => {
    const agent = agentSocket(server.url, cookie);
    await connected(agent);
    const shopper = visitorSocket(server.url, server.site.key);
    await connected(shopper);
    const { token } = await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0 });
    const first = await must<{ message: Message }>(shopper, 'message:send', { clientId: clientId('off'), body: 'hi' });
    const conversationId = first.message.conversationId;
    shopper.close();

    for (let i = 1; i <= 3; i++) await must(agent, 'message:send', { conversationId, clientId: clientId(`agent-off-${i}`), body: `reply ${i}` });

    const back = visitorSocket(server.url, server.site.key, { token });
    await connected(back);
    const sync = await must<VisitorSyncResult>(back, 'session:sync', { conversationId, afterSeq: first.message.seq });
    assert.deepEqual(sync.messages.map((m) => [m.seq, m.body]), [[2, 'reply 1'], [3, 'reply 2'], [4, 'reply 3']]);
    assert.equal(sync.conversation?.id, conversationId);
    assert.equal(sync.conversation?.agentName, 'Ann', 'the shopper sees who is answering');
    back.close();
    agent.close();
  });

  test('a shopper can never read or write another shopper\'s conversation', async () => {
    const alice = visitorSocket(server.url, server.site.key);
    await connected(alice);
    const mine = await must<{ message: Message }>(alice, 'message:send', { clientId: clientId('alice'), body: 'private' });
    const mallory = visitorSocket(server.url, server.site.key);
    await connected(mallory);
    const sync = await must<VisitorSyncResult>(mallory, 'session:sync', { conversationId: mine.message.conversationId, afterSeq: 0 });
    assert.equal(sync.conversation, null, 'another visitor\'s conversation id gives nothing');
    assert.deepEqual(sync.messages, []);
    const read = await mallory.timeout(5000).emitWithAck('messages:read', { conversationId: mine.message.conversationId, seq: 1 });
    assert.equal(read.ok, false);
    // Reusing Alice's clientId is Mallory's own new message, not an ack of Alice's.
    const reuse = await must<{ message: Message }>(mallory, 'message:send', { clientId: mine.message.clientId, body: 'x' });
    assert.notEqual(reuse.message.conversationId, mine.message.conversationId);
    alice.close();
    mallory.close();
  });
});
