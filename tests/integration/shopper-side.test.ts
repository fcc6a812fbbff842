// The shopper's side of the human queue: nobody online (honest availability, pushed live;
// leave-a-message with a validated email; the reply waiting on the next visit, unread), and
// Deskbell.identify with a good and a forged hash, a JWT, and joining across devices.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ConversationSummary, Message, ShopperPanel, VisitorSyncResult, WidgetConfig } from '../../server/protocol.js';
import { SHOP_ORIGIN, startServer, type InProcessServer } from '../helpers/server.js';
import { connectAgent, connectShopper, createAgents, eventually, summaries } from '../helpers/queue.js';
import { ask, clientId, connected, must, next, visitorSocket } from '../helpers/sockets.js';

async function config(s: InProcessServer): Promise<WidgetConfig> {
  const res = await fetch(`${s.url}/api/widget/config?site=${s.site.key}`, { headers: { origin: SHOP_ORIGIN } });
  return (await res.json()) as WidgetConfig;
}

function jwt(claims: object, secret: string): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${data}.${createHmac('sha256', secret).update(data).digest('base64url')}`;
}

describe('nobody online: leave a message', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('the widget is told honestly, the message waits in the queue, and the reply shows on the next visit as unread', async () => {
    assert.equal((await config(server)).agentsOnline, false);
    const shopper = await connectShopper(server.url, server.site.key);
    const sync = await must<VisitorSyncResult>(shopper.socket, 'session:sync', { afterSeq: 0 });
    assert.equal(sync.agentsOnline, false);

    const bad = await ask(shopper.socket, 'message:leave', { clientId: clientId(1), email: 'not-an-email', body: 'Call me' });
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'DESKBELL_VALIDATION');
    const empty = await ask(shopper.socket, 'message:leave', { clientId: clientId(2), email: 'mei@example.com', body: '' });
    assert.equal(empty.ok ? 'ok' : empty.error.code, 'DESKBELL_MESSAGE_EMPTY');
    const { message } = await must<{ message: Message }>(shopper.socket, 'message:leave', {
      clientId: clientId(3), email: 'Mei@Example.com', body: 'My parcel arrived damaged, please email me.',
    });
    const row = (await server.deskbell.store.getConversation(message.conversationId))!;
    assert.deepEqual([row.routing, row.queueReason], ['queued', 'message']);
    shopper.socket.close();

    // An agent comes online: every open widget hears it at once.
    const other = await connectShopper(server.url, server.site.key);
    const heard = next<{ agentsOnline: boolean }>(other.socket, 'agents:availability');
    const [a1] = await createAgents(server.deskbell.store, 1);
    const agent = await connectAgent(server.url, a1!);
    assert.deepEqual(await heard, { agentsOnline: true });
    assert.equal((await config(server)).agentsOnline, true);
    await eventually(() => assert.deepEqual(agent.assigned, [message.conversationId]));
    const summary = (await summaries(agent.socket)).find((c) => c.id === message.conversationId)!;
    assert.equal(summary.identity.email, 'mei@example.com');
    const { panel } = await must<{ panel: ShopperPanel }>(agent.socket, 'shopper:panel', { conversationId: message.conversationId });
    assert.equal(panel.emailReplies, false, 'no SMTP: the console says replies wait for the shopper');
    await must(agent.socket, 'message:send', { conversationId: message.conversationId, clientId: clientId(4), body: 'Sorry! A new one is on its way.' });

    // The next visit, with the stored token: the reply is there, unread.
    const back = visitorSocket(server.url, server.site.key, { token: shopper.token });
    await connected(back);
    const later = await must<VisitorSyncResult>(back, 'session:sync', { afterSeq: 0 });
    assert.equal(later.conversation?.id, message.conversationId);
    const unread = later.messages.filter((m) => m.seq > (later.conversation?.visitorReadSeq ?? 0) && m.author !== 'visitor');
    assert.deepEqual(unread.map((m) => m.body), ['Sorry! A new one is on its way.']);
    back.close();

    // The last console tab closes: widgets hear that nobody is there.
    const gone = next<{ agentsOnline: boolean }>(other.socket, 'agents:availability');
    agent.socket.close();
    assert.deepEqual(await gone, { agentsOnline: false });
    other.socket.close();
  });
});

describe('business hours', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('set in the console; outside them the widget config says closed, and when it opens', async () => {
    const [a1] = await createAgents(server.deskbell.store, 1);
    // Business hours are a site setting: a manager's (tests/integration/roles.test.ts has the refusal).
    await server.deskbell.store.updateAgent(a1!.id, { role: 'manager' });
    const agent = await connectAgent(server.url, a1!);
    const bad = await ask(agent.socket, 'site:hours', { siteKey: server.site.key, hours: { timeZone: 'UTC', text: 'mon 18:00-09:00' } });
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'DESKBELL_VALIDATION');
    assert.equal((await config(server)).hours, null, 'nothing set: always open');

    // Open only on the day after tomorrow (UTC), so it is closed now.
    const later = new Date(Date.now() + 2 * 86_400_000);
    const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][later.getUTCDay()];
    const { settings } = await must<{ settings: { hours: { timeZone: string; text: string } | null } }>(agent.socket, 'site:hours', {
      siteKey: server.site.key, hours: { timeZone: 'UTC', text: `${day} 09:00-10:00` },
    });
    assert.deepEqual(settings.hours, { timeZone: 'UTC', text: `${day} 09:00-10:00` });
    const closed = (await config(server)).hours;
    assert.deepEqual(closed, { open: false, opensAt: Date.UTC(later.getUTCFullYear(), later.getUTCMonth(), later.getUTCDate(), 9, 0) });

    await must(agent.socket, 'site:hours', { siteKey: server.site.key, hours: null });
    assert.equal((await config(server)).hours, null);
    agent.socket.close();
  });
});

describe('the shopper panel', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('lists the pages of this visit in order, the current page, and no earlier conversations for a first-timer', async () => {
    const [a1] = await createAgents(server.deskbell.store, 1);
    const agent = await connectAgent(server.url, a1!);
    const shopper = visitorSocket(server.url, server.site.key);
    await connected(shopper);
    await must(shopper, 'session:sync', { afterSeq: 0, page: { url: 'https://shop.example/', title: 'Home' } });
    await must(shopper, 'page:view', { url: 'https://shop.example/dress', title: 'Blue dress' });
    await must(shopper, 'page:view', { url: 'https://shop.example/cart', title: 'Cart' });
    const { message } = await must<{ message: Message }>(shopper, 'message:send', { clientId: clientId(9), body: 'Does the dress run small?' });
    const { panel } = await must<{ panel: ShopperPanel }>(agent.socket, 'shopper:panel', { conversationId: message.conversationId });
    assert.deepEqual(panel.pages.map((p) => p.title), ['Home', 'Blue dress', 'Cart']);
    assert.equal(panel.page?.title, 'Cart');
    assert.deepEqual(panel.earlier, []);
    shopper.close();
    agent.socket.close();
  });
});

describe('identify', () => {
  let server: InProcessServer;
  let secret: string;
  before(async () => {
    server = await startServer();
    secret = await server.deskbell.store.identitySecret(server.site.id, () => 'unused: created on first use');
  });
  after(() => server.close());

  const hash = (id: string): string => createHmac('sha256', secret).update(id).digest('hex');

  test('a good hash is verified; a forged one is kept as unverified and never joined', async () => {
    const [a1] = await createAgents(server.deskbell.store, 1);
    const agent = await connectAgent(server.url, a1!);

    const phone = await connectShopper(server.url, server.site.key);
    const good = await must<{ verified: boolean; token: string | null }>(phone.socket, 'identify', {
      id: 'cust-42', name: 'Mei Lin', email: 'mei@example.com', hash: hash('cust-42'), attributes: { orders: '3' },
    });
    assert.deepEqual(good, { ok: true, verified: true, token: null });
    await phone.send('Where is order 1042?');

    // Another device proves the same id: it becomes the same shopper, with the same conversation.
    const laptop = await connectShopper(server.url, server.site.key);
    const joined = await must<{ verified: boolean; token: string | null }>(laptop.socket, 'identify', { id: 'cust-42', hash: hash('cust-42') });
    assert.equal(joined.verified, true);
    assert.ok(joined.token, 'a token for the shopper who proved the id first');
    const again = await connectShopper(server.url, server.site.key, joined.token);
    assert.equal(again.latest()?.id, phone.conversationId(), 'the phone\'s conversation, on the laptop');

    // A forged hash for the same id: unverified, and not joined.
    const stranger = await connectShopper(server.url, server.site.key);
    const forged = await must<{ verified: boolean; token: string | null }>(stranger.socket, 'identify', {
      id: 'cust-42', name: 'Mallory', hash: hash('cust-43'),
    });
    assert.deepEqual(forged, { ok: true, verified: false, token: null });
    await stranger.send('Show me the order of cust-42');
    assert.notEqual(stranger.conversationId(), phone.conversationId());

    const rows = await summaries(agent.socket);
    const mei = rows.find((c) => c.id === phone.conversationId()) as ConversationSummary;
    const mallory = rows.find((c) => c.id === stranger.conversationId()) as ConversationSummary;
    assert.deepEqual(mei.identity, { name: 'Mei Lin', email: 'mei@example.com', externalId: 'cust-42', verified: true });
    assert.equal(mei.visitorLabel, 'Mei Lin');
    assert.deepEqual([mallory.identity.name, mallory.identity.verified], ['Mallory', false]);
    const { panel } = await must<{ panel: ShopperPanel }>(agent.socket, 'shopper:panel', { conversationId: stranger.conversationId() });
    assert.deepEqual(panel.earlier, [], 'an unverified identity sees no one else\'s conversations');
    const { panel: meiPanel } = await must<{ panel: ShopperPanel }>(agent.socket, 'shopper:panel', { conversationId: phone.conversationId() });
    assert.deepEqual(meiPanel.identity.attributes, { orders: '3' });
    for (const s of [phone, laptop, again, stranger]) s.socket.close();
    agent.socket.close();
  });

  test('a JWT with an expiry is verified until it expires; checked again on every write', async () => {
    const shopper = await connectShopper(server.url, server.site.key);
    const now = Math.floor(Date.now() / 1000);
    const expired = await must<{ verified: boolean }>(shopper.socket, 'identify', { id: 'cust-7', token: jwt({ sub: 'cust-7', exp: now - 10 }, secret) });
    assert.equal(expired.verified, false);
    const wrongKey = await must<{ verified: boolean }>(shopper.socket, 'identify', { id: 'cust-7', token: jwt({ sub: 'cust-7', exp: now + 600 }, 'not the secret') });
    assert.equal(wrongKey.verified, false);
    const otherId = await must<{ verified: boolean }>(shopper.socket, 'identify', { id: 'cust-7', token: jwt({ sub: 'cust-8', exp: now + 600 }, secret) });
    assert.equal(otherId.verified, false);
    // Expires in 1 s: verified now, not at a write after that.
    const short = await must<{ verified: boolean }>(shopper.socket, 'identify', { id: 'cust-7', token: jwt({ sub: 'cust-7', exp: now + 1 }, secret) });
    assert.equal(short.verified, true);
    await shopper.send('first');
    const visitorId = (await server.deskbell.store.getConversation(shopper.conversationId()))!.visitorId;
    assert.equal((await server.deskbell.store.getVisitor(visitorId))!.identity.verified, true);
    await new Promise((r) => setTimeout(r, 2100 - (Date.now() - now * 1000) % 1000));
    await shopper.send('second, after the token expired');
    assert.equal((await server.deskbell.store.getVisitor(visitorId))!.identity.verified, false);
    shopper.socket.close();
  });
});
