// The whole loop a newcomer tries: the demo store's widget and the agent console, in Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { Audit, pageAt } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { chooseConsoleLanguage } from '../helpers/demo.js';
import { connectShopper, type Shopper } from '../helpers/queue.js';
import { AGENT, spawnServer, startServer, tempDir, type ChildServer, type InProcessServer } from '../helpers/server.js';

describe('the agent console', () => {
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

  test('an agent logs in, sees the shopper\'s message live, replies, and the shopper sees it', async () => {
    const m = /Log in as:\s+(\S+) \/ (\S+)/.exec(server.output());
    assert.ok(m?.[1] && m[2], 'npm start prints the demo login');

    const consolePage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await consolePage.goto(`${server.url}/console/`);
    await consolePage.locator('[data-testid=login-email]').fill(m[1]);
    await consolePage.locator('[data-testid=login-password]').fill('wrong password');
    await consolePage.locator('[data-testid=login-submit]').click();
    await consolePage.getByRole('alert').waitFor();
    await consolePage.locator('[data-testid=login-password]').fill(m[2]);
    await consolePage.locator('[data-testid=login-submit]').click();
    await consolePage.locator('[data-testid=logout]').waitFor();

    const shop = await browser.newPage();
    await shop.goto(`${server.url}/demo/checkout.html`);
    await shop.locator('deskbell-widget .db-launcher').click();
    await shop.locator('[data-testid=composer]').fill('I want to talk to a person about cash on delivery');
    await shop.keyboard.press('Enter');
    // The bot hands over at once, and says a person is online.
    await shop.locator('[data-testid=message][data-author=bot]').filter({ hasText: 'passing you to a person' }).waitFor();
    await shop.locator('[data-testid=waiting]').waitFor();

    // Live: the row appears without a reload, marked as waiting; opening it shows the shopper's page.
    const row = consolePage.locator('[data-testid=conversation-row]').filter({ has: consolePage.locator('[data-testid=waiting-tag]') });
    await row.waitFor();
    // The demo agent is online, so routing gives it to them: it waits for their reply, not for an agent.
    await row.locator('[data-testid=waiting-tag]', { hasText: 'Waiting for a reply' }).waitFor();
    await row.click();
    await consolePage.locator('[data-testid=message][data-author=visitor]').filter({ hasText: 'cash on delivery' }).waitFor();
    await consolePage.locator('[data-testid=message][data-author=bot]').waitFor();
    assert.match((await consolePage.locator('[data-testid=visitor-page]').textContent()) ?? '', /checkout/i);

    // The shopper typing shows in the console.
    await shop.locator('[data-testid=composer]').pressSequentially('and', { delay: 20 });
    await consolePage.locator('[data-testid=typing]').waitFor();

    await consolePage.locator('[data-testid=composer]').fill('Yes — in Taiwan, cash on delivery or 7-11 pickup.');
    await consolePage.keyboard.press('Enter');
    await consolePage.locator('[data-testid=message][data-author=agent][data-state=sent]').waitFor();
    await shop.locator('[data-testid=message][data-author=agent]').filter({ hasText: '7-11 pickup' }).waitFor();
    assert.equal(await shop.locator('[data-testid=waiting]').count(), 0, 'no longer waiting once a person replied');
    assert.equal(await row.locator('[data-testid=waiting-tag]').count(), 0);
    assert.equal(await shop.locator('[data-testid=message][data-author=agent]').locator('xpath=.//*[contains(@class,"db-author")]').textContent(), 'Demo Agent');

    // Closing the conversation reaches the shopper.
    await consolePage.locator('[data-testid=close-conversation]').click();
    await shop.locator('.db-notice').waitFor();

    // Logging out takes the agent back to the login form.
    await consolePage.locator('[data-testid=logout]').click();
    await consolePage.locator('[data-testid=login-email]').waitFor();
    await shop.close();
    await consolePage.close();
  });
});

// On a site with manual routing an agent picks the chats they can read: each row says the
// language the shopper writes in, as a short tag in that language's own script, and its full
// name (in the console's language) for a screen reader and the tooltip.
describe("the conversation list shows each shopper's language", () => {
  let server: InProcessServer;
  let browser: Browser;
  const shoppers: Shopper[] = [];
  before(async () => {
    server = await startServer();
    await server.deskbell.store.updateSite(server.site.id, { routing: 'manual' });
    browser = await launchBrowser();
  });
  after(async () => {
    for (const s of shoppers) s.socket.close();
    await browser?.close();
    await server?.close();
  });

  async function shopperWrites(text: string): Promise<string> {
    const shopper = await connectShopper(server.url, server.site.key);
    shoppers.push(shopper);
    await shopper.send(text);
    return shopper.conversationId();
  }

  const row = (page: Page, id: string) => page.locator(`[data-testid=conversation-row][data-conversation-id="${id}"]`);

  test('a Thai and a Taiwanese shopper get their tags, a shopper whose language is not known none; in English and in Thai', async () => {
    const thai = await shopperWrites('ขอคุยกับพนักงานเรื่องคืนสินค้าค่ะ');
    const taiwanese = await shopperWrites('請問這個商品可以退貨嗎');
    // Digits say nothing of a language (server/i18n/written-lang.ts), and the socket sent none.
    const unknown = await shopperWrites('12345');

    const run = new Audit();
    const page = await pageAt(browser, 'desktop', 'en-US');
    await page.goto(`${server.url}/console/`);
    await page.locator('[data-testid=login-email]').fill(AGENT.email);
    await page.locator('[data-testid=login-password]').fill(AGENT.password);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=filter-open]').click();
    for (const id of [thai, taiwanese, unknown]) await row(page, id).waitFor();

    const tag = (id: string) => row(page, id).locator('[data-testid=lang-tag]');
    const shown = (id: string) => tag(id).locator('[aria-hidden=true]');
    assert.equal(await shown(thai).textContent(), 'ไทย', 'the Thai shopper: "ไทย", in Thai');
    assert.equal(await shown(thai).getAttribute('lang'), 'th', 'marked as Thai, for the screen reader and the font');
    assert.equal(await tag(thai).getAttribute('title'), 'Thai', "its full name in the console's language, on hover");
    assert.equal(await shown(taiwanese).textContent(), '繁中', 'the Taiwanese shopper: Traditional Chinese');
    assert.equal(await shown(taiwanese).getAttribute('lang'), 'zh-TW');
    assert.equal(await tag(unknown).count(), 0, 'no tag where the language is not known');
    // What a screen reader says for the row: the full name, not the short form.
    await page.getByRole('button', { name: /Writes in Thai/ }).waitFor();
    await page.getByRole('button', { name: /Writes in Traditional Chinese/ }).waitFor();
    assert.doesNotMatch((await row(page, unknown).textContent()) ?? '', /Writes in/);
    assert.ok(await shown(thai).isVisible(), 'the tag is on the screen');
    await run.check(page, 'console list with language tags (desktop, English)');

    // In a Thai console the short forms stay as they are; the full names are Thai.
    await chooseConsoleLanguage(page, 'th');
    await page.waitForFunction(() => document.documentElement.lang === 'th');
    assert.equal(await shown(thai).textContent(), 'ไทย');
    assert.equal(await tag(taiwanese).getAttribute('title'), 'จีนตัวเต็ม');
    await page.getByRole('button', { name: /ใช้ภาษาไทย/ }).waitFor();
    assert.equal(await tag(unknown).count(), 0);
    if (process.env.DESKBELL_SCREENSHOTS) await page.screenshot({ path: `${process.env.DESKBELL_SCREENSHOTS}/console-list-languages-th.png` });
    await run.check(page, 'console list with language tags (desktop, Thai)');
    await page.context().close();
    run.assertClean();
  });
});
