// The loader in Chromium: a page view that never opens the chat downloads no chat and opens
// no socket; opening it fetches the chat and only the shopper's language; hovering the
// launcher prefetches it; a returning shopper with an unread reply gets the chat (and the
// count) without a click; in consent mode nothing is stored until the shopper opens the chat.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Message, TriggerRule } from '../../server/protocol.js';
import { launchBrowser, startShop } from '../helpers/browser.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, clientId, connected, findConversation, must, type AgentClient } from '../helpers/sockets.js';

interface Seen {
  requests: string[];
  sockets: string[];
}

/** Every request and WebSocket the page makes to the chat server. */
function watch(page: Page, server: string): Seen {
  const seen: Seen = { requests: [], sockets: [] };
  page.on('request', (r) => r.url().startsWith(server) && seen.requests.push(new URL(r.url()).pathname));
  page.on('websocket', (ws) => seen.sockets.push(ws.url()));
  return seen;
}

const chatFiles = (seen: Seen): string[] => seen.requests.filter((p) => /^\/widget\/(chat|lang)-/.test(p));
/** The loader's parts fetched on demand (the prompt bubble, the page watchers), by name. */
const parts = (seen: Seen): string[] => seen.requests.map((p) => /^\/widget\/(bubble|watchers)-[\w-]+\.js$/.exec(p)?.[1]).filter((p): p is string => p !== undefined);

async function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('deskbell:')));
}

describe('the loader in Chromium', { timeout: 120_000 }, () => {
  let server: InProcessServer;
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let thaiShop: Awaited<ReturnType<typeof startShop>>;
  let agent: AgentClient;

  before(async () => {
    server = await startServer();
    const tag = `<script src="${server.url}/widget.js" data-site="${server.site.key}" async></script>`;
    shop = await startShop(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Lanterns</h1><p>A page of the shop.</p>${tag}</body></html>`);
    thaiShop = await startShop(`<!doctype html><html lang="th"><head><title>ร้าน</title></head><body><h1>โคมไฟ</h1>${tag}</body></html>`);
    await server.deskbell.store.updateSite(server.site.id, { origins: [...server.site.origins, shop.origin, thaiShop.origin] });
    agent = agentSocket(server.url, await login(server.url));
    await connected(agent);
    browser = await launchBrowser();
  });
  after(async () => {
    agent?.close();
    await browser?.close();
    await shop?.close();
    await thaiShop?.close();
    await server?.close();
  });

  test('a page view that never opens the chat downloads no chat and opens no socket; opening it loads the chat and one language', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = watch(page, server.url);
    await page.goto(thaiShop.url);
    await page.locator('deskbell-widget .db-launcher').waitFor();
    // Give a lazy mistake time to show: the page idles with the launcher alone.
    await page.waitForTimeout(1500);
    assert.deepEqual(chatFiles(seen), [], `no chat before it is needed, got ${chatFiles(seen).join(', ')}`);
    assert.deepEqual(parts(seen), [], 'no prompt, no part of the loader fetched');
    assert.deepEqual(seen.sockets, [], 'no socket before the chat opens');
    assert.equal(await page.locator('deskbell-widget .db-launcher').getAttribute('aria-label'), 'เปิดแชท', 'the launcher speaks the page language');

    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').waitFor();
    const files = chatFiles(seen);
    assert.equal(files.filter((f) => /^\/widget\/chat-[\w-]+\.js$/.test(f)).length, 1, `the chat once: ${files.join(', ')}`);
    assert.deepEqual(files.filter((f) => f.startsWith('/widget/lang-')).map((f) => f.replace(/-[\w-]{8}\.js$/, '')) /* the content hash: 8 url-safe characters, '-' among them */, ['/widget/lang-th'], 'only Thai strings');
    assert.equal(await page.locator('[data-testid=composer]').getAttribute('placeholder') !== null, true);
    await page.locator('[data-testid=composer]').fill('สวัสดีค่ะ');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').filter({ hasText: 'สวัสดีค่ะ' }).waitFor();
    assert.equal(seen.sockets.length, 1, 'one WebSocket, straight away (no long-polling first)');
    await context.close();
  });

  test('hovering the launcher prefetches the chat, so opening it is instant', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = watch(page, server.url);
    await page.goto(shop.url);
    await page.locator('deskbell-widget .db-launcher').hover();
    for (let i = 0; i < 50 && chatFiles(seen).length < 2; i++) await page.waitForTimeout(100);
    assert.equal(chatFiles(seen).length, 2, `the chat and the English strings, before any click: ${chatFiles(seen).join(', ')}`);
    assert.deepEqual(seen.sockets, [], 'prefetching connects nothing');
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').waitFor();
    assert.equal(chatFiles(seen).length, 2, 'nothing fetched twice');
    await context.close();
  });

  test('a returning shopper with an unread reply gets the chat and the count without a click', async () => {
    const context: BrowserContext = await browser.newContext();
    const page = await context.newPage();
    await page.goto(shop.url);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').fill('Do you restock the paper lanterns?');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').waitFor();
    await page.close();

    const conversation = await findConversation(agent, 'Do you restock the paper lanterns?');
    assert.ok(conversation);
    await must<{ message: Message }>(agent, 'message:send', { conversationId: conversation.id, clientId: clientId('loader-reply'), body: 'Yes, next Tuesday.' });

    const back = await context.newPage();
    const seen = watch(back, server.url);
    await back.goto(shop.url);
    await back.locator('deskbell-widget .db-badge').waitFor();
    assert.equal(await back.locator('deskbell-widget .db-badge').textContent(), '1');
    assert.match(await back.locator('deskbell-widget .db-launcher').getAttribute('aria-label') ?? '', /1 unread/);
    for (let i = 0; i < 50 && seen.sockets.length === 0; i++) await back.waitForTimeout(100);
    assert.equal(chatFiles(seen).length, 2, 'the chat was loaded without a click');
    assert.equal(seen.sockets.length, 1, 'and connected, so further replies arrive live');
    await back.locator('deskbell-widget .db-launcher').click();
    await back.locator('[data-testid=message][data-author=agent]').filter({ hasText: 'next Tuesday' }).waitFor();
    await context.close();
  });

  test('consent mode: prompts work, but nothing is stored in the browser until the shopper opens the chat', async () => {
    const rule: TriggerRule = {
      id: 'welcome', name: 'welcome', enabled: true,
      conditions: [{ type: 'timeOnPage', seconds: 1 }],
      action: { kind: 'bubble', text: { en: 'Questions about lanterns? Ask us.' } },
      cap: { oncePerVisit: false, days: 0 },
    };
    await server.deskbell.store.replaceTriggers(server.site.id, [rule]);
    const site = (await server.deskbell.store.getSiteByKey(server.site.key))!;
    await server.deskbell.store.updateSite(site.id, { theme: { ...site.theme, consent: true } });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen = watch(page, server.url);
      await page.goto(shop.url);
      await page.locator('deskbell-widget [data-testid=prompt]').waitFor();
      assert.deepEqual(await storedKeys(page), [], 'the prompt showed with nothing stored');
      assert.deepEqual(chatFiles(seen), [], 'and with no chat downloaded');
      assert.deepEqual(parts(seen), ['bubble'], 'only the bubble: a rule that waits for time needs no page watcher');

      await page.locator('deskbell-widget [data-testid=prompt-open]').click();
      await page.locator('[data-testid=composer]').fill('Which lantern suits a balcony?');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').waitFor();
      const keys = await storedKeys(page);
      assert.ok(keys.some((k) => k.endsWith(':token')), `the conversation is kept once the shopper opened the chat: ${keys.join(', ')}`);
      assert.ok(keys.some((k) => k.endsWith(':consent')));

      // The next page of this shopper remembers them (consent given), and shows the history.
      const next = await context.newPage();
      await next.goto(shop.url);
      await next.locator('deskbell-widget .db-launcher').click();
      await next.locator('[data-testid=message][data-author=visitor]').filter({ hasText: 'balcony' }).waitFor();
      await context.close();
    } finally {
      await server.deskbell.store.replaceTriggers(server.site.id, []);
      await server.deskbell.store.updateSite(site.id, { theme: { ...site.theme, consent: false } });
    }
  });

  test('a prompt that waits for scrolling fetches the page watchers only on the pages its rule is for', async () => {
    const rule: TriggerRule = {
      id: 'deep-read', name: 'deep read', enabled: true,
      conditions: [{ type: 'page', include: ['/guides/*'] }, { type: 'scroll', percent: 50 }],
      action: { kind: 'bubble', text: { en: 'Enjoying the guide? Ask us anything.' } },
      cap: { oncePerVisit: false, days: 0 },
    };
    await server.deskbell.store.replaceTriggers(server.site.id, [rule]);
    try {
      const context = await browser.newContext();
      const other = await context.newPage();
      const seenOther = watch(other, server.url);
      await other.goto(shop.url);
      await other.locator('deskbell-widget .db-launcher').waitFor();
      await other.waitForTimeout(1000);
      assert.deepEqual(parts(seenOther), [], 'the rule is not for this page: nothing fetched, nothing watched');

      const guide = await context.newPage();
      const seen = watch(guide, server.url);
      await guide.goto(`${shop.origin}/guides/lanterns`);
      // The page is shorter than the window, so it counts as read to the end once watched.
      await guide.locator('deskbell-widget [data-testid=prompt]').filter({ hasText: 'Enjoying the guide?' }).waitFor();
      assert.deepEqual(parts(seen).sort(), ['bubble', 'watchers'], 'the watchers, then the bubble');
      assert.deepEqual(chatFiles(seen), [], 'and no chat');
      await context.close();
    } finally {
      await server.deskbell.store.replaceTriggers(server.site.id, []);
    }
  });

  test('a single-page shop: a URL changed by history.pushState is a page view, and the rules for that page run', async () => {
    const rule: TriggerRule = {
      id: 'spa-cart', name: 'spa cart', enabled: true,
      conditions: [{ type: 'page', include: ['/cart'] }, { type: 'timeOnPage', seconds: 1 }],
      action: { kind: 'bubble', text: { en: 'Anything to ask before you pay?' } },
      cap: { oncePerVisit: false, days: 0 },
    };
    await server.deskbell.store.replaceTriggers(server.site.id, [rule]);
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(shop.url);
      await page.locator('deskbell-widget .db-launcher').waitFor();
      await page.waitForTimeout(1500);
      assert.equal(await page.locator('deskbell-widget [data-testid=prompt]').count(), 0, 'not on the home page');
      // The shop's router shows its cart without loading a page.
      await page.evaluate(() => history.pushState({}, '', '/cart'));
      await page.locator('deskbell-widget [data-testid=prompt]').filter({ hasText: 'before you pay' }).waitFor({ timeout: 5000 });
      await page.evaluate(() => history.pushState({}, '', '/cart#shipping'));
      await page.waitForTimeout(1500);
      const anon = await page.evaluate(() => localStorage.getItem(Object.keys(localStorage).find((k) => k.endsWith(':anon')) ?? ''));
      const db = new Database(server.dbPath, { readonly: true });
      try {
        const urls = (db.prepare('SELECT url FROM page_views WHERE anon_id = ? ORDER BY rowid').all(anon) as Array<{ url: string }>).map((r) => new URL(r.url).pathname);
        assert.deepEqual(urls, ['/', '/cart'], 'two page views: the home page and the cart (a #fragment is not a page)');
      } finally {
        db.close();
      }
      await context.close();
    } finally {
      await server.deskbell.store.replaceTriggers(server.site.id, []);
    }
  });
});
