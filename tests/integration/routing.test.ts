// Routing's hard cases with real sockets: an agent's connection dropped (requeue after the
// grace period, kept when they come back in time), two agents claiming one conversation,
// capacity on a manual claim, and transfer with a note.
import assert from 'node:assert/strict';
import { after, afterEach, describe, test } from 'node:test';
import type { AgentPresence, ConversationSummary, NoteView, VisitorConversation } from '../../server/protocol.js';
import { startServer, type InProcessServer } from '../helpers/server.js';
import { connectAgent, connectShopper, createAgents, eventually, type Shopper, type TestAgent } from '../helpers/queue.js';
import { ask, must, next } from '../helpers/sockets.js';

describe('routing', () => {
  let server: InProcessServer | null = null;
  const sockets: Array<{ close: () => unknown }> = [];
  const shopper = async (s: InProcessServer, text: string): Promise<Shopper> => {
    const one = await connectShopper(s.url, s.site.key);
    sockets.push(one.socket);
    await one.send(text);
    await s.deskbell.router.settled();
    return one;
  };
  const agent = async (s: InProcessServer, a: { id: string; name: string; email: string }): Promise<TestAgent> => {
    const one = await connectAgent(s.url, a);
    sockets.push(one.socket);
    await s.deskbell.router.settled();
    return one;
  };
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await server?.close();
    server = null;
  });
  after(async () => server?.close());

  test('an agent gone past the grace period: their conversations go back to the head of the queue, in order', async () => {
    server = await startServer({ graceMs: 300 });
    const [a1, a2] = await createAgents(server.deskbell.store, 2, 2);
    const ann = await agent(server, a1!);
    const first = await shopper(server, 'first');
    const second = await shopper(server, 'second');
    const third = await shopper(server, 'third');
    await eventually(() => assert.deepEqual(ann.assigned, [first.conversationId(), second.conversationId()]));
    await eventually(() => assert.equal(third.latest()?.queue?.position, 1));

    const requeued = next<VisitorConversation>(first.socket, 'conversation:update', 5000);
    ann.socket.disconnect();
    assert.equal((await requeued).routing, 'queued');
    await server.deskbell.router.settled();
    await eventually(() => {
      assert.deepEqual([first, second, third].map((s) => s.latest()?.queue?.position), [1, 2, 3], 'the requeued two ahead of the one who waited');
    });
    const row = (await server.deskbell.store.getConversation(first.conversationId()))!;
    assert.equal(row.queueReason, 'agent_left');
    assert.equal(row.assignedAgentId, null);

    // The next agent takes them from the head.
    const ben = await agent(server, a2!);
    await eventually(() => assert.deepEqual(ben.assigned, [first.conversationId(), second.conversationId()]));
  });

  test('an agent back within the grace period keeps their conversations', async () => {
    server = await startServer({ graceMs: 1500 });
    const [a1] = await createAgents(server.deskbell.store, 1);
    const ann = await agent(server, a1!);
    const one = await shopper(server, 'hello');
    await eventually(() => assert.deepEqual(ann.assigned, [one.conversationId()]));
    ann.socket.disconnect();
    const back = await agent(server, a1!);
    // Wait past the grace period: nothing may move.
    await new Promise((r) => setTimeout(r, 2000));
    const row = (await server.deskbell.store.getConversation(one.conversationId()))!;
    assert.deepEqual([row.routing, row.assignedAgentId], ['assigned', a1!.id]);
    assert.deepEqual(back.assigned, [], 'nothing newly assigned: it never left');
  });

  test('an away agent gets nothing new and counts as not online for shoppers; back online, they are served first', async () => {
    server = await startServer();
    const [a1] = await createAgents(server.deskbell.store, 1);
    const ann = await agent(server, a1!);
    const watcher = await connectShopper(server.url, server.site.key);
    sockets.push(watcher.socket);
    const away = next<{ agentsOnline: boolean }>(watcher.socket, 'agents:availability');
    const { agents } = await must<{ agents: AgentPresence[] }>(ann.socket, 'agent:status', { status: 'away' });
    assert.equal(agents.find((a) => a.id === a1!.id)?.status, 'away');
    assert.deepEqual(await away, { agentsOnline: false });
    const waiting = await shopper(server, 'anyone there?');
    assert.equal(waiting.latest()?.routing, 'queued');
    assert.deepEqual(ann.assigned, []);
    // The choice survives a reconnect (it is stored).
    ann.socket.disconnect();
    const back = await agent(server, a1!);
    const { agents: still } = await must<{ agents: AgentPresence[] }>(back.socket, 'agents:list', {});
    assert.equal(still.find((a) => a.id === a1!.id)?.status, 'away');
    await must(back.socket, 'agent:status', { status: 'online' });
    await eventually(() => assert.deepEqual(back.assigned, [waiting.conversationId()]));
  });

  test('languages: a shopper goes to an agent who speaks their language, waits for one who is busy, and goes to anyone when none is online', async () => {
    server = await startServer();
    const [a1, a2] = await createAgents(server.deskbell.store, 2);
    await server.deskbell.store.updateAgent(a1!.id, { languages: ['th'], maxChats: 2 });
    await server.deskbell.store.updateAgent(a2!.id, { languages: ['en'] });
    const thai = await agent(server, a1!);
    const english = await agent(server, a2!);
    const inLang = async (lang: string, text: string): Promise<Shopper> => {
      const one = await connectShopper(server!.url, server!.site.key);
      sockets.push(one.socket);
      await must(one.socket, 'session:sync', { afterSeq: 0, lang });
      await one.send(text);
      await server!.deskbell.router.settled();
      return one;
    };
    const t1 = await inLang('th', 'สวัสดีค่ะ');
    const t2 = await inLang('th', 'ส่งของกี่วัน');
    // Fewest open chats alone would have given the second one to the English agent.
    await eventually(() => assert.deepEqual(thai.assigned, [t1.conversationId(), t2.conversationId()]));
    const t3 = await inLang('th', 'ขอคุยกับเจ้าหน้าที่');
    const e1 = await inLang('en', 'Hello there');
    // The Thai agent is full: the Thai shopper waits for them; the English one behind is served.
    await eventually(() => assert.deepEqual(english.assigned, [e1.conversationId()]));
    assert.equal(t3.latest()?.routing, 'queued');
    // The Thai agent goes away: nobody online speaks Thai, so anyone may answer.
    await must(thai.socket, 'agent:status', { status: 'away' });
    await eventually(() => assert.deepEqual(english.assigned, [e1.conversationId(), t3.conversationId()]));
  });

  test('two agents claiming the same conversation at once: one wins, the other is told who', async () => {
    server = await startServer();
    await server.deskbell.store.updateSite(server.site.id, { routing: 'manual' });
    const [a1, a2] = await createAgents(server.deskbell.store, 2, 50);
    const ann = await agent(server, a1!);
    const ben = await agent(server, a2!);
    const waiting: Shopper[] = [];
    for (let i = 0; i < 20; i++) waiting.push(await shopper(server, `manual ${i}`));
    assert.deepEqual([...ann.assigned, ...ben.assigned], [], 'manual routing assigns nothing by itself');
    for (const s of waiting) {
      const conversationId = s.conversationId();
      const [x, y] = await Promise.all([
        ask<{ conversation: ConversationSummary }>(ann.socket, 'conversation:claim', { conversationId }),
        ask<{ conversation: ConversationSummary }>(ben.socket, 'conversation:claim', { conversationId }),
      ]);
      const wins = [x, y].filter((r) => r.ok);
      const losses = [x, y].filter((r) => !r.ok);
      assert.equal(wins.length, 1, 'exactly one winner');
      const loss = losses[0]!;
      assert.ok(!loss.ok);
      assert.equal(loss.error.code, 'DESKBELL_ALREADY_CLAIMED');
      const winner = x.ok ? 'Agent 1' : 'Agent 2';
      assert.match(loss.error.message, new RegExp(winner), 'the loser is told who has it');
      assert.equal(loss.error.holder, winner, 'and the name comes as a field, for consoles in other languages');
      const row: { assignedAgentId: string | null } = (await server.deskbell.store.getConversation(conversationId))!;
      assert.equal(row.assignedAgentId, x.ok ? a1!.id : a2!.id);
    }
  });

  test('a manual claim over capacity is refused with a clear error', async () => {
    server = await startServer();
    await server.deskbell.store.updateSite(server.site.id, { routing: 'manual' });
    const [a1] = await createAgents(server.deskbell.store, 1, 1);
    const ann = await agent(server, a1!);
    const one = await shopper(server, 'one');
    const two = await shopper(server, 'two');
    await must(ann.socket, 'conversation:claim', { conversationId: one.conversationId() });
    const refused = await ask(ann.socket, 'conversation:claim', { conversationId: two.conversationId() });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'DESKBELL_AGENT_AT_CAPACITY');
    // Places are re-sent live, at most every FANOUT_INTERVAL_MS: wait for it, bounded.
    await eventually(() => assert.equal(two.latest()?.queue?.position, 1, 'still waiting, first in line'));
  });

  test('search finds conversations by what was written and by who the shopper is; % is a character, not a wildcard', async () => {
    server = await startServer();
    await server.deskbell.store.updateSite(server.site.id, { routing: 'manual' });
    const [a1] = await createAgents(server.deskbell.store, 1);
    const ann = await agent(server, a1!);
    const parcel = await shopper(server, 'My parcel 8812 arrived crushed');
    const discount = await shopper(server, 'Is there a 100% refund?');
    await must(discount.socket, 'message:leave', { clientId: 'leave-000001', email: 'lee@example.com', body: 'call me' });
    const find = async (text: string): Promise<string[]> =>
      (await must<{ conversations: ConversationSummary[] }>(ann.socket, 'conversations:search', { text })).conversations.map((c) => c.id);
    assert.deepEqual(await find('PARCEL 8812'), [parcel.conversationId()]);
    assert.deepEqual(await find('lee@example'), [discount.conversationId()]);
    assert.deepEqual(await find('100%'), [discount.conversationId()]);
    assert.deepEqual(await find('%'), [discount.conversationId()], 'only the one with a % in it');
    assert.deepEqual(await find('nothing like this'), []);
    const empty = await ask(ann.socket, 'conversations:search', { text: '' });
    assert.equal(empty.ok ? 'ok' : empty.error.code, 'DESKBELL_VALIDATION');
  });

  test('transfer: the other agent gets it with the note; the shopper sees the new name; not to someone offline', async () => {
    server = await startServer();
    const [a1, a2, a3] = await createAgents(server.deskbell.store, 3);
    const ann = await agent(server, a1!);
    const one = await shopper(server, 'I need a refund');
    await eventually(() => assert.deepEqual(ann.assigned, [one.conversationId()]));
    const ben = await agent(server, a2!);
    const conversationId = one.conversationId();

    const offline = await ask(ann.socket, 'conversation:transfer', { conversationId, agentId: a3!.id, note: 'x' });
    assert.equal(offline.ok ? 'ok' : offline.error.code, 'DESKBELL_AGENT_UNAVAILABLE');

    const given = next<{ conversation: ConversationSummary; note: string | null; by: string | null }>(ben.socket, 'conversation:assigned');
    const seen = next<VisitorConversation>(one.socket, 'conversation:update');
    const res = await must<{ conversation: ConversationSummary }>(ann.socket, 'conversation:transfer', { conversationId, agentId: a2!.id, note: 'Order 1042, refund approved' });
    assert.equal(res.conversation.assignedAgent?.id, a2!.id);
    const event = await given;
    assert.deepEqual([event.conversation.id, event.note, event.by], [conversationId, 'Order 1042, refund approved', 'Agent 1']);
    assert.equal((await seen).agentName, 'Agent 2');
    const { notes } = await must<{ notes: NoteView[] }>(ben.socket, 'notes:list', { conversationId });
    assert.deepEqual(notes.map((n) => [n.agentName, n.body]), [['Agent 1', 'Order 1042, refund approved']]);
    // Notes never reach the shopper.
    assert.ok(!one.messages.some((m) => m.body.includes('refund approved')));
    // Ben holds it now (Ann, a plain agent, may no longer move it: tests/integration/roles.test.ts).
    const again = await ask(ben.socket, 'conversation:transfer', { conversationId, agentId: a2!.id });
    assert.equal(again.ok ? 'ok' : again.error.code, 'DESKBELL_ALREADY_CLAIMED', 'to the agent who has it already: refused');

    // The transcript: what was said, for the shopper and the agent; never the notes; only one's own.
    await must(ben.socket, 'message:send', { conversationId, clientId: 'reply-000001', body: 'Refund done.\nAnything else?' });
    const mine = await must<{ filename: string; text: string }>(one.socket, 'conversation:transcript', { conversationId });
    assert.match(mine.filename, new RegExp(`${conversationId}\\.txt$`));
    assert.match(mine.text, /\] Shopper: I need a refund\n/);
    assert.match(mine.text, /\] Agent 2: Refund done\.\n {4}Anything else\?\n/);
    assert.doesNotMatch(mine.text, /refund approved/, 'no private notes');
    assert.equal((await must<{ text: string }>(ben.socket, 'conversation:transcript', { conversationId })).text, mine.text);
    const stranger = await connectShopper(server.url, server.site.key);
    sockets.push(stranger.socket);
    const refused = await ask(stranger.socket, 'conversation:transcript', { conversationId });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'DESKBELL_CONVERSATION_NOT_FOUND');
  });
});
