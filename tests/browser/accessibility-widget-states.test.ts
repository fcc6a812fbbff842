// The accessibility audit (axe-core, WCAG 2.1 A/AA, in Chromium) of the widget's states the first
// one (./accessibility.test.ts) did not reach: the connection down (connecting, then offline with
// a message waiting to go), outside business hours, the shopper's earlier conversations, and the
// prompt bubble and the rating in Traditional and Simplified Chinese. Phone and desktop. What axe
// leaves undecided and a test can measure is measured: the stars' contrast, and the focus ring on
// every stop Tab reaches in the states with controls of their own. docs/accessibility.md.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ask, Audit, langOf, pageAt, pageIn, type Width } from '../helpers/axe.js';
import { startShop } from '../helpers/browser.js';
import { runDeskbell } from '../helpers/cli.js';
import { contrast } from '../helpers/contrast.js';
import { demoLogin, demoSuite } from '../helpers/demo.js';
import { panelRings, widgetRingProblem } from '../helpers/focus-ring.js';
import { startProxy } from '../helpers/net-proxy.js';
import { eventually } from '../helpers/queue.js';
import { login } from '../helpers/server.js';
import { agentSocket, clientId, connected, findConversation, must, type AgentClient } from '../helpers/sockets.js';

const WIDTHS = ['phone', 'desktop'] as const;

describe("accessibility of the widget's rarer states: axe-core WCAG 2.1 A/AA in Chromium", () => {
  const suite = demoSuite();
  const newPage = (width: Width, locale?: string): Promise<Page> => pageAt(suite.browser(), width, locale);

  /** The demo manager over a real socket, as the console would be. */
  async function manager(): Promise<AgentClient> {
    const { email, password } = demoLogin(suite.server());
    const socket = agentSocket(suite.server().url, await login(suite.server().url, email, password));
    await connected(socket);
    return socket;
  }

  /** What has focus in the widget: `tag[test id] text`; "none" when focus fell out of the widget. */
  const focused = (page: Page): Promise<string> => page.evaluate(() => {
    const el = document.querySelector('deskbell-widget')?.shadowRoot?.activeElement;
    return el ? `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? ''}] ${el.textContent ?? ''}` : 'none';
  });

  /** The focus ring on every stop in the open panel (desktop, where the launcher stays). */
  async function checkRings(page: Page, width: Width, where: string): Promise<void> {
    if (width !== 'desktop') return;
    const rings = await panelRings(page);
    console.log(`${where}: focus ring checked on ${rings.length} stops: ${rings.map((r) => r.what).join(', ')}`);
    assert.ok(rings.length > 1, `${where}: Tab reached the panel`);
    assert.deepEqual(rings.map(widgetRingProblem).filter(Boolean), [], `${where}: every ring is two colours 9:1 apart, each at least 2 px`);
  }

  // The widget reaches the server through a proxy the test breaks: its WebSocket handshake held
  // (connecting), then the network gone (offline, with a message waiting to be sent).
  for (const width of WIDTHS) {
    test(`the widget while the connection is down: connecting, then offline with a message waiting (${width})`, async () => {
      const run = new Audit();
      const proxy = await startProxy(suite.server().port);
      // A shop of its own on loopback that loads the widget through the proxy (a page served by
      // the test itself would count as public, and Chromium keeps it from loopback addresses).
      const shop = await startShop(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1></main>
        <script src="${proxy.url}/widget.js" data-site="demo" async></script></body></html>`);
      try {
        assert.equal((await runDeskbell(['site', 'origin', 'add', '--site', 'demo', '--origin', shop.origin, '--db', suite.dbPath])).code, 0);
        const page = await newPage(width);
        await page.goto(shop.url);
        proxy.holdWebSockets = true;
        await page.locator('deskbell-widget .db-launcher').click();
        const banner = page.locator('deskbell-widget .db-banner');
        await banner.filter({ hasText: 'Connecting' }).waitFor();
        await run.check(page, `widget connecting (${width})`, 'deskbell-widget');
        assert.match(await banner.innerText(), /Connecting/, 'still connecting when axe looked');
        // Said in a status region that stays while the panel is open (WCAG 4.1.3), not only shown.
        const region = (): Promise<string | null> => banner.evaluate((el) => el.parentElement?.getAttribute('role') ?? null);
        assert.equal(await region(), 'status', 'the banner is in a status region');

        proxy.holdWebSockets = false;
        proxy.cut();
        await page.locator('[data-testid=history-toggle]').waitFor({ timeout: 20_000 });
        await ask(page, `Is the lantern waterproof? (${width})`);
        await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').waitFor();
        proxy.offline = true;
        proxy.cut();
        await banner.filter({ hasText: 'offline' }).waitFor();
        assert.equal(await region(), 'status', 'the banner is in a status region');
        await ask(page, `Hello, anyone there? (${width})`);
        await page.locator('[data-testid=message][data-author=visitor]').filter({ hasText: 'anyone there' }).waitFor();
        await run.check(page, `widget offline, a message waiting to be sent (${width})`, 'deskbell-widget');
        proxy.offline = false;
        await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').filter({ hasText: 'anyone there' }).waitFor({ timeout: 20_000 });
        await page.context().close();
      } finally {
        await shop.close();
        await proxy.close();
      }
      run.assertClean();
    });
  }

  for (const width of WIDTHS) {
    test(`the widget outside business hours (${width})`, async () => {
      const run = new Audit();
      const agent = await manager();
      // Open only on the day after tomorrow (UTC): closed now, whatever the day.
      const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(Date.now() + 2 * 86_400_000).getUTCDay()];
      await must(agent, 'site:hours', { siteKey: 'demo', hours: { timeZone: 'UTC', text: `${day} 09:00-17:00` } });
      try {
        const page = await newPage(width);
        await page.goto(`${suite.server().url}/demo/`);
        await page.locator('deskbell-widget .db-launcher').click();
        const closed = page.locator('[data-testid=closed-hours]');
        await closed.waitFor();
        assert.match(await closed.innerText(), /We are closed now\. Back /);
        await run.check(page, `widget outside business hours (${width})`, 'deskbell-widget');
        await checkRings(page, width, `widget outside business hours (${width})`);
        await ask(page, `Where is my parcel? (${width}, closed)`);
        await page.locator('[data-testid=message][data-author=bot]').first().waitFor();
        await run.check(page, `widget outside business hours, after a question (${width})`, 'deskbell-widget');
        await page.context().close();
      } finally {
        await must(agent, 'site:hours', { siteKey: 'demo', hours: null });
        agent.close();
      }
      run.assertClean();
    });
  }

  for (const width of WIDTHS) {
    test(`the widget's earlier conversations: none yet, the list, one opened (${width})`, async () => {
      const run = new Audit();
      const page = await newPage(width);
      await page.goto(`${suite.server().url}/demo/product.html`);
      await page.locator('deskbell-widget .db-launcher').click();
      await ask(page, `Is the lantern waterproof? (first chat, ${width})`);
      await page.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'first chat' }).waitFor();
      await page.getByRole('button', { name: 'Earlier conversations' }).click();
      await page.locator('[data-testid=history]').filter({ hasText: 'No earlier conversations' }).waitFor();
      await run.check(page, `widget earlier conversations, none yet (${width})`, 'deskbell-widget');

      await page.locator('[data-testid=start-new]').click();
      await page.locator('[data-testid=history]').waitFor({ state: 'detached' });
      await ask(page, `A new question (second chat, ${width})`);
      await page.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'second chat' }).waitFor();
      await page.getByRole('button', { name: 'Earlier conversations' }).click();
      const item = page.locator('[data-testid=history-item]');
      await item.first().waitFor();
      await run.check(page, `widget earlier conversations, the list (${width})`, 'deskbell-widget');
      await checkRings(page, width, `widget earlier conversations, the list (${width})`);
      // From the keyboard: each press takes away the button pressed, and focus must not fall out
      // of the widget to the top of the shop's page (WCAG 2.4.3 Focus Order).
      await item.first().focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=history-messages]').filter({ hasText: 'first chat' }).waitFor();
      await eventually(async () => assert.match(await focused(page), /^h3\[\] Conversation of/, 'the conversation opened: focus on its heading'));
      await run.check(page, `widget earlier conversation, read (${width})`, 'deskbell-widget');
      await checkRings(page, width, `widget earlier conversation, read (${width})`);
      const back = page.locator('[data-testid=history] .db-link').first();
      await back.focus();
      await page.keyboard.press('Enter');
      await eventually(async () => assert.match(await focused(page), /^button\[history-item\]/, 'back in the list: focus on the item it was opened from'));
      await back.focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=history]').waitFor({ state: 'detached' });
      await eventually(async () => assert.match(await focused(page), /^button\[history-toggle\]/, 'back in the chat: focus on the button that opened the list'));
      await page.context().close();
      run.assertClean();
    });
  }

  // The page is served in Chinese (the widget follows <html lang>); the demo's cart prompt has
  // both scripts. Then a person answers and resolves: the rating, in the same language.
  for (const [lang, name, question] of [['zh-TW', 'Traditional Chinese', '我的包裹壞了'], ['zh-CN', 'Simplified Chinese', '我的包裹坏了']] as const) {
    test(`the prompt bubble and the rating in ${name} (phone)`, async () => {
      const run = new Audit();
      const page = await newPage('phone');
      await pageIn(page, 'cart.html', lang);
      await page.goto(`${suite.server().url}/demo/cart.html`);
      const prompt = page.locator('deskbell-widget [data-testid=prompt]');
      await prompt.locator('[data-testid=prompt-reply]').nth(1).waitFor({ timeout: 15_000 });
      assert.match(await prompt.innerText(), lang === 'zh-TW' ? /運送/ : /运送/, `the prompt is in ${name}`);
      assert.equal(await langOf(prompt), lang, 'the bubble declares its language');
      await run.check(page, `prompt bubble in ${name} (phone)`, 'deskbell-widget');

      await prompt.locator('[data-testid=prompt-open]').click();
      const text = `${question} (${lang})`;
      await ask(page, text);
      await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').filter({ hasText: text }).waitFor();
      // Conversations the earlier states handed over would fill the demo agent's three places.
      const { email } = demoLogin(suite.server());
      assert.equal((await runDeskbell(['agent', 'capacity', '--email', email, '--max', '50', '--db', suite.dbPath])).code, 0);
      const agent = await manager();
      try {
        const conversation = await findConversation(agent, text);
        assert.ok(conversation, 'the conversation is found');
        if (conversation.routing !== 'assigned') await must(agent, 'conversation:claim', { conversationId: conversation.id });
        await must(agent, 'message:send', { conversationId: conversation.id, clientId: clientId(lang), body: lang === 'zh-TW' ? '很抱歉，我們會為您換一個新的。' : '很抱歉，我们会为您换一个新的。' });
        await must(agent, 'conversation:resolve', { conversationId: conversation.id });
      } finally {
        agent.close();
      }
      const rating = page.locator('deskbell-widget [data-testid=rating]');
      await rating.waitFor();
      assert.equal(await langOf(rating), lang, 'the rating declares its language');
      await run.check(page, `widget rating in ${name} (phone)`, 'deskbell-widget');
      const [star = '', ground = ''] = await rating.evaluate((form) => [getComputedStyle(form.querySelector('.db-star') ?? form).color, getComputedStyle(form).backgroundColor]);
      assert.ok(contrast(star, ground) >= 3, `the rating's stars are ${contrast(star, ground).toFixed(2)}:1 on their background, under 3:1`);
      await rating.locator('.db-star').nth(3).click();
      await rating.locator('textarea').fill(lang === 'zh-TW' ? '很快就解決了' : '很快就解决了');
      await run.check(page, `widget rating with stars chosen and a comment in ${name} (phone)`, 'deskbell-widget');
      await rating.locator('button[type=submit]').click();
      await page.locator('deskbell-widget [data-testid=rated]').waitFor();
      await run.check(page, `widget after the rating was sent in ${name} (phone)`, 'deskbell-widget');
      await page.context().close();
      run.assertClean();
    });
  }
});
