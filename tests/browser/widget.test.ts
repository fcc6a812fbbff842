// The widget in real Chromium, on the demo store and on a hostile shop page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Message } from '../../server/protocol.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { launchBrowser, startShop } from '../helpers/browser.js';
import { spawnServer, tempDir, type ChildServer } from '../helpers/server.js';
import { agentSocket, clientId, connected, findConversation, must } from '../helpers/sockets.js';

function demoLogin(server: ChildServer): { email: string; password: string } {
  const m = /Log in as:\s+(\S+) \/ (\S+)/.exec(server.output());
  if (!m?.[1] || !m[2]) throw new Error(`no demo credentials in:\n${server.output()}`);
  return { email: m[1], password: m[2] };
}

async function agentCookie(server: ChildServer): Promise<string> {
  const { email, password } = demoLogin(server);
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert.equal(res.status, 200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function openChat(page: Page): Promise<void> {
  await page.locator('deskbell-widget .db-launcher').click();
  await page.locator('[data-testid=composer]').waitFor();
}

async function send(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid=composer]').fill(text);
  await page.keyboard.press('Enter');
}

describe('the widget in Chromium', () => {
  const tmp = tempDir();
  let server: ChildServer;
  let browser: Browser;
  before(async () => {
    server = await spawnServer(tmp.dbPath, { demo: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.kill();
    tmp.cleanup();
  });

  test('a shopper on the demo store chats with an agent; a reload keeps the history', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/demo/cart.html`);
    await openChat(page);
    await send(page, 'Do you ship to Chiang Mai?');
    const mine = page.locator('[data-testid=message][data-author=visitor]');
    await mine.filter({ hasText: 'Chiang Mai' }).and(page.locator('[data-state=sent]')).waitFor();

    const agent = agentSocket(server.url, await agentCookie(server));
    await connected(agent);
    const conversation = await findConversation(agent, 'Do you ship to Chiang Mai?');
    assert.ok(conversation, 'the agent sees the conversation');
    assert.match(conversation.page?.url ?? '', /\/demo\/cart\.html$/, 'with the page the shopper is on');

    await must(agent, 'typing:set', { conversationId: conversation.id, typing: true });
    await page.locator('[data-testid=agent-typing]').waitFor();
    await must<{ message: Message }>(agent, 'message:send', { conversationId: conversation.id, clientId: clientId('reply'), body: 'Yes! 3-5 days. See https://lanternleaf.example/shipping' });
    const reply = page.locator('[data-testid=message][data-author=agent]');
    await reply.filter({ hasText: '3-5 days' }).waitFor();
    assert.equal(await reply.locator('a').getAttribute('href'), 'https://lanternleaf.example/shipping');
    assert.equal(await reply.locator('a').getAttribute('rel'), 'noopener noreferrer nofollow');
    assert.equal(await page.locator('[data-testid=agent-typing]').count(), 0, 'typing ends with the reply');

    await page.reload();
    await openChat(page);
    await page.locator('[data-testid=message]').filter({ hasText: '3-5 days' }).waitFor();
    assert.equal(await page.locator('[data-testid=message]').filter({ hasText: 'Chiang Mai' }).count(), 1);
    assert.deepEqual(errors, []);
    agent.close();
    await page.close();
  });

  test('two tabs show one conversation live; a reply while the panel is closed shows an unread badge', async () => {
    const context = await browser.newContext();
    const tabA = await context.newPage();
    const tabB = await context.newPage();
    await tabA.goto(`${server.url}/demo/`);
    await openChat(tabA);
    await send(tabA, 'sent from tab A');
    await tabA.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'sent from tab A' }).waitFor();
    await tabB.goto(`${server.url}/demo/cart.html`);
    await openChat(tabB);
    await tabB.locator('[data-testid=message]').filter({ hasText: 'sent from tab A' }).waitFor();
    await send(tabB, 'and this from tab B');
    await tabA.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'and this from tab B' }).waitFor();

    // Both panels closed: the agent's reply raises the badge in both tabs.
    await tabA.locator('deskbell-widget .db-close').click();
    await tabB.locator('deskbell-widget .db-close').click();
    const agent = agentSocket(server.url, await agentCookie(server));
    await connected(agent);
    const conversation = await findConversation(agent, 'and this from tab B');
    assert.ok(conversation);
    await must(agent, 'message:send', { conversationId: conversation.id, clientId: clientId('badge'), body: 'Hello both tabs' });
    for (const tab of [tabA, tabB]) {
      await tab.locator('.db-badge').filter({ hasText: '1' }).waitFor();
      assert.match((await tab.locator('deskbell-widget .db-launcher').getAttribute('aria-label')) ?? '', /1 unread/);
    }
    // Reading it in one tab clears the badge in the other.
    await openChat(tabA);
    await tabB.locator('.db-badge').waitFor({ state: 'detached' });
    agent.close();
    await context.close();
  });

  test('the FAQ bot answers at once; suggestions are buttons; "No" brings a person', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/demo/`);
    await openChat(page);
    await send(page, 'gift');
    const answer = page.locator('[data-testid=message][data-author=bot]').last();
    await answer.filter({ hasText: 'wrap' }).waitFor();
    assert.match((await answer.locator('.db-author').textContent()) ?? '', /bot/i, 'marked as the bot');
    await answer.getByRole('button', { name: 'Yes' }).click();
    await answer.getByText('Glad to help!').waitFor();
    assert.equal(await answer.locator('[data-testid=talk-to-person]').count(), 1, 'a person is always one click away');

    await send(page, 'order');
    const suggestions = page.locator('[data-testid=bot-suggestions]');
    await suggestions.waitFor();
    const options = suggestions.getByRole('button');
    assert.ok((await options.count()) >= 2, 'at least one suggestion and "None of these"');
    const first = (await options.first().textContent()) ?? '';
    await options.first().click();
    await page.locator('[data-testid=message][data-author=visitor]').filter({ hasText: first }).waitFor();
    const chosen = page.locator('[data-testid=bot-feedback]');
    await chosen.waitFor();
    await chosen.getByRole('button', { name: 'No' }).click();
    await page.locator('[data-testid=message][data-author=bot]').filter({ hasText: 'No one is online' }).waitFor();
    // Handed over with nobody online: the shopper waits in line and is told their place.
    await page.locator('[data-testid=queue-status]').filter({ hasText: 'in line' }).waitFor();
    assert.equal(await page.locator('[data-testid=bot-feedback], [data-testid=bot-suggestions]').count(), 0, 'no more bot buttons after the hand-off');
    await page.close();
  });

  test('self-service: top questions when the chat opens, and matching questions while typing', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/demo/product.html?id=leaf-tee`);
    await openChat(page);
    const top = page.locator('[data-testid=top-questions] button');
    await top.first().waitFor();
    assert.ok((await top.count()) >= 3);
    const picked = (await top.first().textContent()) ?? '';
    await top.first().click();
    await page.locator('[data-testid=message][data-author=visitor]').filter({ hasText: picked }).waitFor();
    await page.locator('[data-testid=message][data-author=bot]').first().waitFor();
    assert.equal(await page.locator('[data-testid=top-questions]').count(), 0, 'gone once the shopper has asked');

    await page.locator('[data-testid=composer]').pressSequentially('gift wrap', { delay: 15 });
    const typed = page.locator('[data-testid=typed-suggestions] button');
    await typed.first().waitFor();
    const question = (await typed.first().textContent()) ?? '';
    await typed.first().click();
    await page.locator('[data-testid=message][data-author=visitor]').filter({ hasText: question }).waitFor();
    assert.equal(await page.locator('[data-testid=composer]').inputValue(), '', 'the draft is replaced by the chosen question');
    await page.close();
  });

  test('text is text: markup in a message is shown, never run', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/demo/`);
    await openChat(page);
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> javascript:alert(1)';
    await send(page, payload);
    const bubble = page.locator('[data-testid=message][data-state=sent]').filter({ hasText: '<img src=x' });
    await bubble.waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await bubble.locator('img, script, a').count(), 0);
    await page.close();
  });

  test("the shop's CSS does not leak into the widget, on a cross-origin shop", async () => {
    const hostile = `<!doctype html><html lang="th"><head><style>
      * { all: unset !important; } html, body { font: 40px/3 serif !important; color: red !important; }
      button, textarea, div, p, li { background: lime !important; border: 5px solid red !important; }
    </style></head><body><h1>ร้านของเรา</h1>
    <script src="SERVER/widget.js" data-site="demo" async></script></body></html>`;
    const shop = await startShop(hostile.replace('SERVER', server.url));
    const store = openSqliteStore({ path: tmp.dbPath });
    const site = await store.getSiteByKey('demo');
    assert.ok(site);
    await store.updateSite(site.id, { origins: [...site.origins, shop.origin] });
    await store.close();

    const page = await browser.newPage();
    await page.goto(shop.url);
    const launcher = page.locator('deskbell-widget .db-launcher');
    await launcher.waitFor();
    const style = await launcher.evaluate((el) => {
      const s = getComputedStyle(el);
      return { width: s.width, background: s.backgroundColor, position: s.position, border: s.borderTopWidth };
    });
    assert.deepEqual(style, { width: '56px', background: 'rgb(15, 118, 110)', position: 'fixed', border: '0px' });
    await openChat(page);
    const composer = page.locator('[data-testid=composer]');
    const composerStyle = await composer.evaluate((el) => ({ fontSize: getComputedStyle(el).fontSize, color: getComputedStyle(el).color }));
    assert.deepEqual(composerStyle, { fontSize: '16px', color: 'rgb(17, 24, 39)' });
    // The page says lang="th": the widget speaks Thai.
    assert.equal(await composer.getAttribute('aria-label'), 'ข้อความของคุณ');
    await send(page, 'สวัสดีค่ะ');
    await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').filter({ hasText: 'สวัสดีค่ะ' }).waitFor();
    await page.close();
    await shop.close();
  });

  test('a message written while the server is down waits in the outbox, survives a reload, and is delivered once', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/demo/product.html?id=celadon-mug`);
    await openChat(page);
    await send(page, 'first, while online');
    await page.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'first, while online' }).waitFor();

    const port = server.port;
    await server.kill();
    await send(page, 'second, while the server is down');
    await page.locator('[data-testid=message][data-state=pending]').filter({ hasText: 'second' }).waitFor();

    // Restart, then reload: the outbox in localStorage is sent by the fresh page.
    server = await spawnServer(tmp.dbPath, { port, demo: true });
    await page.reload();
    await openChat(page);
    await page.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'second, while the server is down' }).waitFor();

    // And written while down, delivered by the same page once the server is back.
    await server.kill();
    await send(page, 'third, no reload');
    await page.locator('[data-testid=message][data-state=pending]').filter({ hasText: 'third' }).waitFor();
    server = await spawnServer(tmp.dbPath, { port, demo: true });
    await page.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'third, no reload' }).waitFor({ timeout: 15_000 });

    const store = openSqliteStore({ path: tmp.dbPath });
    const rows = await store.listConversations({ status: 'all', limit: 50 });
    let bodies: string[] = [];
    for (const row of rows) {
      const mine = (await store.listMessages(row.id, 0, 100)).filter((m) => m.author === 'visitor').map((m) => m.body);
      if (mine.includes('third, no reload')) bodies = mine;
    }
    await store.close();
    assert.deepEqual(bodies, ['first, while online', 'second, while the server is down', 'third, no reload']);
    await page.close();
  });

  test('on a phone the panel fills the screen and the composer text is 16px', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo/`);
    await openChat(page);
    const box = await page.locator('deskbell-widget .db-panel').boundingBox();
    assert.ok(box);
    assert.deepEqual([box.x, box.y, box.width, Math.round(box.height)], [0, 0, 375, 700]);
    await page.screenshot({ path: `${tmp.dir}/phone.png` });
    await context.close();
  });
});
