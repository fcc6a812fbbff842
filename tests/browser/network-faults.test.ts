// The widget in Chromium behind a real TCP proxy that the test breaks on purpose: an ack lost
// on the way back, one server event dropped, the network gone while the shopper writes in two
// tabs, WebSockets refused (long-polling instead). Each time every message ends up shown once
// and stored once.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Message } from '../../server/protocol.js';
import { launchBrowser, startShop } from '../helpers/browser.js';
import { startProxy, type NetProxy } from '../helpers/net-proxy.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, connected, findConversation, must, type AgentClient } from '../helpers/sockets.js';

const mine = (page: Page, text: string) => page.locator('[data-testid=message][data-author=visitor]').filter({ hasText: text });

describe('the widget through a broken network', { timeout: 120_000 }, () => {
  let server: InProcessServer;
  let proxy: NetProxy;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let browser: Browser;
  // One shopper: one context, so every page shares the widget's localStorage.
  let shopper: BrowserContext;
  let agent: AgentClient;
  const seen = new Map<string, number>();

  before(async () => {
    server = await startServer();
    const address = server.deskbell.app.server.address();
    proxy = await startProxy(typeof address === 'object' && address ? address.port : 0);
    shop = await startShop(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1>
      <script src="${proxy.url}/widget.js" data-site="${server.site.key}" async></script></body></html>`);
    await server.deskbell.store.updateSite(server.site.id, { origins: [...server.site.origins, shop.origin] });
    agent = agentSocket(server.url, await login(server.url));
    await connected(agent);
    agent.on('message:new', (m: Message) => seen.set(m.body, (seen.get(m.body) ?? 0) + 1));
    browser = await launchBrowser();
    shopper = await browser.newContext();
  });
  after(async () => {
    agent?.close();
    await browser?.close();
    await shop?.close();
    await proxy?.close();
    await server?.close();
  });

  function stored(body: string): number {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM messages WHERE body = ?').get(body) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(check(), what);
  }

  test('the ack is lost on the way back: after the reconnect the message is shown as sent, once, and stored once', async () => {
    const page = await shopper.newPage();
    await page.goto(shop.url);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').fill('hello through the proxy');
    await page.keyboard.press('Enter');
    await mine(page, 'hello through the proxy').and(page.locator('[data-state=sent]')).waitFor();
    await until(() => proxy.upgraded > 0, 'the widget upgraded to WebSocket');

    proxy.swallowFromServer = true;
    await page.locator('[data-testid=composer]').fill('my parcel never came');
    await page.keyboard.press('Enter');
    await until(() => seen.get('my parcel never came') === 1, 'the server stored it and told the agent');
    assert.equal(await mine(page, 'my parcel never came').getAttribute('data-state'), 'pending', 'no ack reached the widget');

    proxy.cut();
    proxy.swallowFromServer = false;
    await mine(page, 'my parcel never came').and(page.locator('[data-state=sent]')).waitFor({ timeout: 15_000 });
    assert.equal(await mine(page, 'my parcel never came').count(), 1, 'shown once');
    assert.equal(stored('my parcel never came'), 1, 'stored once');
    assert.equal(seen.get('my parcel never came'), 1, 'the agent saw it once');
    await page.close();
  });

  test('one event from the server is dropped: the widget notices the gap in seq and catches up, in order', async () => {
    const page = await shopper.newPage();
    const switchedBefore = proxy.switched;
    await page.goto(shop.url);
    await page.locator('deskbell-widget .db-launcher').click();
    await mine(page, 'hello through the proxy').waitFor();
    // Not only the 101: events flow once the client joined /visitor over it.
    await until(() => proxy.switched > switchedBefore, "this page's WebSocket carries the events");
    const conversation = await findConversation(agent, 'my parcel never came');
    assert.ok(conversation, 'the conversation is found');

    const dropped = proxy.dropNextFrame((t) => t.includes('"message:new"') && t.includes('first of two'));
    await must(agent, 'message:send', { conversationId: conversation.id, clientId: 'gap-test-first', body: 'first of two: we are checking' });
    assert.match(await dropped, /first of two/);
    const agentSays = page.locator('[data-testid=message][data-author=agent]');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await agentSays.filter({ hasText: 'first of two' }).count(), 0, 'the dropped event did not arrive');

    await must(agent, 'message:send', { conversationId: conversation.id, clientId: 'gap-test-second', body: 'second of two: found it' });
    await agentSays.filter({ hasText: 'second of two' }).waitFor();
    await agentSays.filter({ hasText: 'first of two' }).waitFor();
    const order = await agentSays.allTextContents();
    const first = order.findIndex((t) => t.includes('first of two'));
    const second = order.findIndex((t) => t.includes('second of two'));
    assert.ok(first >= 0 && first < second, `in order: ${order.join(' | ')}`);
    assert.equal(await agentSays.filter({ hasText: 'first of two' }).count(), 1, 'shown once');
    await page.close();
  });

  test('written with no network, then a reload and a second tab: delivered once, shown once in both', async () => {
    const tabA = await shopper.newPage();
    await tabA.goto(shop.url);
    await tabA.locator('deskbell-widget .db-launcher').click();
    await mine(tabA, 'hello through the proxy').waitFor();

    proxy.offline = true;
    proxy.cut();
    await tabA.locator('[data-testid=composer]').fill('written on the train');
    await tabA.keyboard.press('Enter');
    await mine(tabA, 'written on the train').waitFor();
    assert.notEqual(await mine(tabA, 'written on the train').getAttribute('data-state'), 'sent');
    assert.equal(stored('written on the train'), 0);

    // The network returns; the shopper reloads this tab and opens the shop in another.
    proxy.offline = false;
    const tabB = await shopper.newPage();
    await Promise.all([tabA.reload(), tabB.goto(shop.url)]);
    await tabB.locator('deskbell-widget .db-launcher').click();
    await tabA.locator('deskbell-widget .db-launcher').click();
    for (const tab of [tabA, tabB]) {
      await mine(tab, 'written on the train').and(tab.locator('[data-state=sent]')).waitFor({ timeout: 15_000 });
      assert.equal(await mine(tab, 'written on the train').count(), 1, 'shown once in each tab');
    }
    assert.equal(stored('written on the train'), 1, 'stored once');
    await tabA.close();
    await tabB.close();
  });

  test('on a slow link, a message written while the previous one is on its way is sent right after it', async () => {
    const page = await shopper.newPage();
    await page.goto(shop.url);
    await page.locator('deskbell-widget .db-launcher').click();
    await mine(page, 'hello through the proxy').waitFor();
    // Every answer from the server takes 600 ms: the first message's ack is still on its way
    // when the second is written.
    proxy.delayFromServerMs = 600;
    try {
      await page.locator('[data-testid=composer]').fill('first on a slow link');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=composer]').fill('second, right behind it');
      await page.keyboard.press('Enter');
      // Nothing else happens (no third message, no reconnect): the second must still go.
      for (const text of ['first on a slow link', 'second, right behind it']) {
        await mine(page, text).and(page.locator('[data-state=sent]')).waitFor({ timeout: 8000 });
      }
      assert.equal(stored('second, right behind it'), 1);
    } finally {
      proxy.delayFromServerMs = 0;
    }
    await page.close();
  });

  test('the database busy for a while: the message waits as pending and goes by itself once it is free', async () => {
    const page = await shopper.newPage();
    await page.goto(shop.url);
    await page.locator('deskbell-widget .db-launcher').click();
    await mine(page, 'hello through the proxy').waitFor();
    // Another process holds the write lock (a CLI import, a backup): the server says "not stored, retry".
    const other = new Database(server.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      await page.locator('[data-testid=composer]').fill('sent while the database was busy');
      await page.keyboard.press('Enter');
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(await mine(page, 'sent while the database was busy').getAttribute('data-state'), 'pending', 'waiting, not failed');
      assert.equal(stored('sent while the database was busy'), 0);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // No click, no new message: the widget's own retry sends it.
    await mine(page, 'sent while the database was busy').and(page.locator('[data-state=sent]')).waitFor({ timeout: 15_000 });
    assert.equal(stored('sent while the database was busy'), 1);
    await page.close();
  });

  test('WebSockets failing while the page loads (a server restarting): long-polling first, then an upgrade to a WebSocket without reconnecting', async () => {
    proxy.refuseWebSockets = 2;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const polls: string[] = [];
      page.on('request', (r) => r.url().includes('transport=polling') && polls.push(r.method()));
      const frames: string[] = [];
      page.on('websocket', (ws) => {
        ws.on('framesent', (f) => frames.push(`> ${String(f.payload)}`));
        ws.on('framereceived', (f) => frames.push(`< ${String(f.payload)}`));
      });
      const switchedBefore = proxy.switched;
      await page.goto(shop.url);
      await page.locator('deskbell-widget .db-launcher').click();
      await page.locator('[data-testid=composer]').fill('hello while the server restarts');
      await page.keyboard.press('Enter');
      await mine(page, 'hello while the server restarts').and(page.locator('[data-state=sent]')).waitFor({ timeout: 20_000 });
      assert.equal(proxy.refuseWebSockets, 0, 'both WebSocket attempts were refused');
      for (let i = 0; i < 100 && proxy.switched === switchedBefore; i++) await page.waitForTimeout(100);
      assert.equal(proxy.switched - switchedBefore, 1, 'the polling session upgraded to a WebSocket (Engine.IO "5")');
      assert.ok(frames.includes('> 2probe') && frames.includes('< 3probe'), `the probe: ${frames.slice(0, 4).join(' | ')}`);
      const pollsAtUpgrade = polls.length;

      // Both ways over the WebSocket now, with no new polling request and no new session.
      await page.locator('[data-testid=composer]').fill('and now over the WebSocket');
      await page.keyboard.press('Enter');
      await mine(page, 'and now over the WebSocket').and(page.locator('[data-state=sent]')).waitFor();
      const conversation = await findConversation(agent, 'hello while the server restarts');
      assert.ok(conversation);
      await must(agent, 'message:send', { conversationId: conversation.id, clientId: 'upgraded-reply', body: 'Heard over the upgraded socket.' });
      await page.locator('[data-testid=message][data-author=agent]').filter({ hasText: 'upgraded socket' }).waitFor();
      assert.ok(frames.some((f) => f.startsWith('> ') && f.includes('and now over the WebSocket')), 'the message went out on the WebSocket');
      assert.ok(frames.some((f) => f.startsWith('< ') && f.includes('Heard over the upgraded socket.')), 'the reply came in on it');
      assert.equal(polls.length, pollsAtUpgrade, 'no polling after the upgrade');
      assert.equal(frames.filter((f) => f.startsWith('> 40')).length, 0, 'no new Socket.IO connect: the session carried over');
      assert.equal(stored('hello while the server restarts') + stored('and now over the WebSocket'), 2, 'each stored once');
    } finally {
      proxy.refuseWebSockets = 0;
      await context.close();
    }
  });

  test('a network that refuses WebSockets: the chat falls back to long-polling, both ways, and survives a cut', async () => {
    proxy.blockWebSockets = true;
    const refusedBefore = proxy.refused;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const polls: string[] = [];
      page.on('request', (r) => r.url().includes('transport=polling') && polls.push(r.method()));
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await page.goto(shop.url);
      await page.locator('deskbell-widget .db-launcher').click();
      await page.locator('[data-testid=composer]').fill('hello from behind the office proxy');
      await page.keyboard.press('Enter');
      await mine(page, 'hello from behind the office proxy').and(page.locator('[data-state=sent]')).waitFor({ timeout: 20_000 });
      assert.equal(stored('hello from behind the office proxy'), 1, 'stored once');
      // WebSocket twice, then polling; once polling works, one probe to upgrade, refused too.
      for (let i = 0; i < 100 && proxy.refused - refusedBefore < 3; i++) await page.waitForTimeout(100);
      assert.equal(proxy.refused - refusedBefore, 3, 'two WebSocket attempts and one upgrade probe, all refused');
      const socketsAfterFallback = sockets.length;
      assert.ok(polls.includes('GET') && polls.includes('POST'), `long-polling both ways: ${polls.join(', ')}`);

      // A reply reaches the shopper over the held GET.
      const conversation = await findConversation(agent, 'hello from behind the office proxy');
      assert.ok(conversation);
      await must(agent, 'message:send', { conversationId: conversation.id, clientId: 'polling-reply', body: 'We hear you over long-polling.' });
      await page.locator('[data-testid=message][data-author=agent]').filter({ hasText: 'over long-polling' }).waitFor();

      // The network drops the polling connections: the widget reconnects, still polling, and the next message goes.
      proxy.cut();
      await page.locator('[data-testid=composer]').fill('still here after the cut');
      await page.keyboard.press('Enter');
      await mine(page, 'still here after the cut').and(page.locator('[data-state=sent]')).waitFor({ timeout: 20_000 });
      assert.equal(stored('still here after the cut'), 1, 'stored once');
      assert.equal(await mine(page, 'still here after the cut').count(), 1, 'shown once');
      assert.equal(sockets.length, socketsAfterFallback, 'the page stayed on long-polling: no probe after a reconnect');
      assert.equal(proxy.refused - refusedBefore, 3);
    } finally {
      proxy.blockWebSockets = false;
      await context.close();
    }
  });
});
