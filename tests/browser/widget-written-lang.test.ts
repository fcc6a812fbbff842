// A Thai shopper on an English shop page: the widget starts in English (the page's language),
// and once they write Thai it speaks Thai — its own words at once, and from the next page
// view on before they write anything (the launcher's name too).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { WIDGET_WORDS } from '../../server/i18n/widget-words.js';
import { en } from '../../widget/i18n/en.js';
import { th } from '../../widget/i18n/th.js';
import { audit, describeFindings } from '../helpers/axe.js';
import { launchBrowser, startShopWithWidget, type startShop } from '../helpers/browser.js';
import { startServer, type InProcessServer } from '../helpers/server.js';

describe('the widget follows the language the shopper writes', { timeout: 120_000 }, () => {
  let server: InProcessServer;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    shop = await startShopWithWidget(server, 'en', 'Tea shop');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  test('writing Thai turns an English widget Thai, now and on the next page', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(shop.url);
    const launcher = page.locator('deskbell-widget .db-launcher');
    assert.equal(await launcher.getAttribute('aria-label'), WIDGET_WORDS.en.open);
    await launcher.click();
    const composer = page.locator('[data-testid=composer]');
    assert.equal(await composer.getAttribute('placeholder'), en.composerPlaceholder);

    await composer.fill('ส่งของไปเชียงใหม่กี่วันคะ');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'เชียงใหม่' }).waitFor();
    await page.waitForFunction((placeholder) => document.querySelector('deskbell-widget')?.shadowRoot
      ?.querySelector('[data-testid=composer]')?.getAttribute('placeholder') === placeholder, th.composerPlaceholder);
    // Screen readers read it with a Thai voice.
    assert.equal(await page.locator('deskbell-widget .db-panel').getAttribute('lang'), 'th');
    assert.equal(await page.getByRole('button', { name: th.close, exact: true }).count(), 1);
    const run = await audit(page, 'deskbell-widget');
    assert.deepEqual(run.violations, [], describeFindings('the widget after switching to Thai', run.violations));

    // The launcher too: its name while open and, once closed, again.
    assert.equal(await page.locator('deskbell-widget .db-launcher').getAttribute('aria-label'), WIDGET_WORDS.th.close);
    await page.locator('deskbell-widget .db-launcher').click();
    assert.equal(await page.locator('deskbell-widget .db-launcher').getAttribute('aria-label'), WIDGET_WORDS.th.open);
    assert.equal(await page.locator('deskbell-widget .db-root').getAttribute('lang'), 'th');

    // The next page view asks for Thai: the launcher is named in Thai before the chat loads.
    await page.reload();
    await page.locator('deskbell-widget .db-launcher').waitFor();
    assert.equal(await page.locator('deskbell-widget .db-launcher').getAttribute('aria-label'), WIDGET_WORDS.th.open);
    await page.locator('deskbell-widget .db-launcher').click();
    assert.equal(await page.locator('[data-testid=composer]').getAttribute('placeholder'), th.composerPlaceholder);
    await context.close();
  });
});
