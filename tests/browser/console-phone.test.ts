// The console on a phone (390 × 844, in Thai, the language with the longest words): an agent
// reading and answering a chat there gets at least half the screen for the messages — the top
// bar is two short rows, the conversation's buttons one row, the shopper's context a closed
// disclosure opened by keyboard or tap; language and log out are behind a named toggle. On a
// desktop the context stays in view without a click.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { Audit } from '../helpers/axe.js';
import { chooseConsoleLanguage, consoleLogin, demoSuite } from '../helpers/demo.js';
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

    // The side panel (who, pages, notes, canned replies) is below the reply box: the header's
    // button takes focus there and brings it into view; the panel's button takes it back.
    const panel = page.locator('[data-testid=shopper-details]');
    const active = (): Promise<string | null | undefined> => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    const onScreen = async (selector: string): Promise<boolean> => {
      const b = await box(page, selector);
      return b.y >= 0 && b.y < PHONE.height && b.y + Math.min(b.height, 100) <= PHONE.height;
    };
    assert.equal(await onScreen('[data-testid=side-panel]'), false, 'the side panel starts below the screen');
    const toDetails = page.locator('[data-testid=to-shopper-details]');
    assert.equal(await toDetails.textContent(), 'รายละเอียดลูกค้า', 'the button says where it goes, in Thai');
    assert.ok((await box(page, '[data-testid=to-shopper-details]')).x + (await box(page, '[data-testid=to-shopper-details]')).width <= PHONE.width, 'the button is on the screen');
    await toDetails.focus();
    await page.keyboard.press('Enter');
    assert.equal(await active(), 'shopper-details', 'focus is on the side panel');
    assert.equal(await panel.getAttribute('aria-label'), 'รายละเอียดลูกค้า', 'which a screen reader names');
    assert.ok(await onScreen('[data-testid=side-panel]'), `the side panel is on the screen (${JSON.stringify(await box(page, '[data-testid=side-panel]'))})`);
    assert.equal((await box(page, '[data-testid=topbar]')).y, 0, 'the top bar stays where it was');
    assert.ok((await box(page, '[data-testid=to-shopper-details]')).y > 0, "so does the conversation's header");
    await run.check(page, 'console conversation on a phone, side panel in view');
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'back-to-reply', 'the next stop is the way back');
    assert.ok(await onScreen('[data-testid=back-to-reply]'), 'and it is on the screen');
    await page.keyboard.press('Enter');
    assert.equal(await active(), 'composer', 'the way back puts focus in the reply box');
    assert.ok(await onScreen('[data-testid=composer]'), 'which is on the screen');
    assert.equal(await onScreen('[data-testid=side-panel]'), false, 'and the panel is out of the way again');

    // The row of buttons fades at an edge past which there are more (purely a cue: the row
    // scrolls as before). At 390 px in Thai a plain agent's four fit; at 320 px they do not.
    const frame = page.locator('.head-actions-frame');
    const edges = (): Promise<{ more: boolean; start: boolean; end: boolean }> => frame.evaluate((f) => {
      const row = f.querySelector('.head-actions')!;
      return { more: row.scrollWidth > row.clientWidth, start: f.hasAttribute('data-more-start'), end: f.hasAttribute('data-more-end') };
    });
    assert.deepEqual(await edges(), { more: false, start: false, end: false }, 'no fade while every button is in view');
    await page.setViewportSize({ width: 320, height: PHONE.height });
    await page.waitForFunction(() => document.querySelector('.head-actions-frame')?.hasAttribute('data-more-end'), undefined, { timeout: 5_000 }).catch(() => undefined);
    assert.deepEqual(await edges(), { more: true, start: false, end: true }, 'at 320 px: more past the end, faded there');
    await page.locator('.head-actions').evaluate((row) => row.scrollTo({ left: row.scrollWidth }));
    await page.waitForFunction(() => !document.querySelector('.head-actions-frame')?.hasAttribute('data-more-end'), undefined, { timeout: 5_000 }).catch(() => undefined);
    assert.deepEqual(await edges(), { more: true, start: true, end: false }, 'scrolled to the end: the fade moves to the start');
    const fades = await frame.evaluate((f) => [getComputedStyle(f, '::before').content, getComputedStyle(f, '::after').content]);
    assert.deepEqual(fades, ['""', 'none'], 'and is drawn there alone');
    await page.setViewportSize(PHONE);

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
    assert.equal(await page.locator('[data-testid=to-shopper-details]').isVisible(), false, 'the side panel is beside the chat: no button to reach it');

    // One line in every language: every view, availability, the language and log out share a
    // row (at 1280 px "ตั้งค่า" used to wrap to a second line in Thai).
    for (const lang of ['th', 'zh-TW', 'zh-CN', 'en']) {
      await chooseConsoleLanguage(page, lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      const middles = await page.locator('.view-link, [data-testid=status], [data-testid=language], [data-testid=logout]').evaluateAll((els) =>
        els.map((el) => { const r = el.getBoundingClientRect(); return Math.round(r.top + r.height / 2); }));
      assert.equal(middles.length, 8, 'five views and three controls');
      assert.ok(Math.max(...middles) - Math.min(...middles) <= 4, `in ${lang} the top bar's items stand on one line (middles at ${middles.join(', ')} px)`);
      const bar = await box(page, '[data-testid=topbar]');
      assert.ok(bar.height < 64, `in ${lang} the top bar is one row high (${bar.height} px)`);
      const signedIn = await page.locator('.signed-in').boundingBox();
      assert.ok(signedIn && signedIn.width >= 60, `"signed in as" keeps some of its words in ${lang} (${signedIn?.width} px)`);
      if (process.env.DESKBELL_SCREENSHOTS) await page.locator('[data-testid=topbar]').screenshot({ path: `${process.env.DESKBELL_SCREENSHOTS}/console-topbar-1280-${lang}.png` });
    }
    await context.close();
  });
});
