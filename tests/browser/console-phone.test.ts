// The console on a phone (390 × 844, in Thai, the language with the longest words): an agent
// reading and answering a chat there gets at least half the screen for the messages — the top
// bar is two short rows, the conversation's buttons one row, the shopper's context a closed
// disclosure opened by keyboard or tap; language and log out are behind a named toggle. On a
// desktop the context stays in view without a click.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { Audit } from '../helpers/axe.js';
import { consoleLogin, demoSuite } from '../helpers/demo.js';
import type { ChildServer } from '../helpers/server.js';

const PHONE = { width: 390, height: 844 };
/** Two rows (name and controls; the views) measured 91 px in Thai: room for a larger system font. */
const TOP_BAR_MAX = 120;

async function shopperAsksForAPerson(browser: Browser, server: ChildServer): Promise<Page> {
  const shop = await browser.newPage();
  await shop.goto(`${server.url}/demo/product.html`);
  await shop.locator('deskbell-widget .db-launcher').click();
  await shop.locator('[data-testid=composer]').fill('Talk to a person please, about my parcel');
  await shop.keyboard.press('Enter');
  return shop;
}

async function openTheConversation(page: Page): Promise<void> {
  await page.locator('.conversation-list .row').first().click();
  await page.locator('[data-testid=message-list] li').filter({ hasText: 'about my parcel' }).waitFor();
}

async function box(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await page.locator(selector).boundingBox();
  assert.ok(b, `${selector} is on the page`);
  return b;
}

describe('the console on a phone', () => {
  const demo = demoSuite();

  test('with a conversation open at 390 × 844 the messages get half the screen; context and account controls open by keyboard', async () => {
    const server = demo.server();
    const context = await demo.browser().newContext({ viewport: PHONE, locale: 'th-TH', bypassCSP: true });
    const page = await context.newPage();
    const run = new Audit();
    await consoleLogin(page, server);
    const shop = await shopperAsksForAPerson(demo.browser(), server);
    await openTheConversation(page);

    const topbar = await box(page, '[data-testid=topbar]');
    assert.ok(topbar.height <= TOP_BAR_MAX, `the top bar is at most ${TOP_BAR_MAX} px high (${topbar.height} px)`);
    const list = await box(page, '[data-testid=message-list]');
    assert.ok(list.height >= PHONE.height / 2, `the message list is at least half the screen (${list.height} of ${PHONE.height} px)`);
    const composer = await box(page, '[data-testid=composer]');
    assert.ok(composer.y + composer.height <= PHONE.height, `the reply box is on the screen (its bottom at ${composer.y + composer.height} px)`);
    // The conversation's buttons: one row, not two.
    const rows = await page.locator('.head-actions button').evaluateAll((buttons) =>
      [...new Set(buttons.filter((b) => b.getClientRects().length > 0).map((b) => Math.round(b.getBoundingClientRect().top)))]);
    assert.equal(rows.length, 1, `the conversation's buttons stand in one row (tops at ${rows.join(', ')} px)`);
    assert.ok(await page.locator('[data-testid=close-conversation]').isVisible(), 'closing the conversation is one of them');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no sideways scrolling of the page (${width} px)`);

    // The shopper's context: closed, named, opened and closed again from the keyboard.
    const details = page.locator('[data-testid=shopper-context]');
    const summary = page.locator('[data-testid=shopper-context-toggle]');
    const where = page.locator('[data-testid=visitor-page]');
    assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), false, 'the context starts closed');
    assert.equal(await where.isVisible(), false, "the shopper's page is not shown before it is asked for");
    assert.match((await summary.textContent()) ?? '', /ข้อมูลลูกค้า/, 'the disclosure says what it holds, in Thai');
    await run.check(page, 'console conversation on a phone, context closed');
    await summary.focus();
    await page.keyboard.press('Enter');
    await where.waitFor();
    assert.match((await where.textContent()) ?? '', /\/demo\/product\.html/, "opened, it shows the shopper's page");
    await run.check(page, 'console conversation on a phone, context open');
    await page.keyboard.press(' ');
    await where.waitFor({ state: 'hidden' });

    // Language, who is signed in and log out: behind one named toggle, reached by keyboard.
    const toggle = page.locator('[data-testid=account-toggle]');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('[data-testid=logout]').isVisible(), false, 'log out waits behind the toggle');
    assert.equal(await toggle.evaluate((b) => b.textContent?.trim()), 'ภาษาและออกจากระบบ', "the toggle's name, for a screen reader");
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await page.locator('[data-testid=logout]').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'language', 'Tab goes from the toggle into what it opened');
    await run.check(page, 'console conversation on a phone, language and log out open');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=logout]').waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'account-toggle', 'Escape closes it and puts focus back on the toggle');

    // Transfer's form opens under the scrolling row of buttons, whole and on the screen.
    await page.locator('[data-testid=transfer]').click();
    const form = await box(page, '[data-testid=transfer-form]');
    assert.ok(form.x >= 0 && form.x + form.width <= PHONE.width, `the transfer form is within the screen's width (${JSON.stringify(form)})`);
    // Not clipped by the row it opened from: what is drawn at its bottom corner is the form's.
    const drawn = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid=transfer-form]') !== null,
      { x: form.x + form.width - 8, y: form.y + form.height - 4 });
    assert.ok(drawn, `the transfer form is drawn whole, over what is under it (${JSON.stringify(form)})`);
    if (process.env.DESKBELL_SCREENSHOTS) await page.screenshot({ path: `${process.env.DESKBELL_SCREENSHOTS}/console-phone-transfer.png` });
    await page.locator('[data-testid=transfer]').click();

    // The views' row scrolls sideways; the current view is in sight even when it is the last
    // one, opened by its address.
    await page.goto(`${server.url}/console/#/settings`);
    const settings = page.locator('[data-testid=nav-settings]');
    await page.locator('[data-testid=nav-settings][aria-current=page]').waitFor();
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid=nav-settings]')!.getBoundingClientRect();
      return r.left >= 0 && r.right <= window.innerWidth;
    }, undefined, { timeout: 5_000 }).catch(() => undefined);
    const link = await settings.boundingBox();
    assert.ok(link && link.x >= 0 && link.x + link.width <= PHONE.width, `Settings, the current view, is on the screen (${JSON.stringify(link)})`);

    await shop.close();
    await context.close();
    run.assertClean();
  });

  test('on a desktop (1280 px) the shopper context and the account controls are in view without a click', async () => {
    const server = demo.server();
    const context = await demo.browser().newContext({ viewport: { width: 1280, height: 800 }, locale: 'th-TH' });
    const page = await context.newPage();
    await consoleLogin(page, server);
    await openTheConversation(page);
    assert.ok(await page.locator('[data-testid=visitor-page]').isVisible(), "the shopper's page is shown at once");
    assert.equal(await page.locator('[data-testid=shopper-context]').count(), 0, 'no disclosure to open');
    assert.ok(await page.locator('[data-testid=logout]').isVisible(), 'log out is in the top bar');
    assert.ok(await page.locator('[data-testid=language]').isVisible(), 'so is the language picker');
    assert.equal(await page.locator('[data-testid=account-toggle]').isVisible(), false, 'and no toggle for them');
    await context.close();
  });
});
