// The shop sets how its widget looks, and it stays readable: a manager picks a light yellow, the
// left side, Thai and a Thai greeting in the console's chat settings (the form is audited at
// phone width, the note says the widget will use dark text); the demo shop's widget then draws
// in that look, with its launcher, header, the shopper's bubble, the send button and the chips
// all at 4.5:1 or more, and passes the axe audit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { ask, Audit, pageAt } from '../helpers/axe.js';
import { contrast } from '../helpers/contrast.js';
import { consoleLogin, demoSuite } from '../helpers/demo.js';
import type { WidgetConfig } from '../../server/protocol.js';

const SHOTS = process.env.DESKBELL_SCREENSHOTS;
const YELLOW = '#facc15';
const GREETING_TH = 'สวัสดีค่ะ ร้านของเรายินดีช่วยเหลือ';

/** An element's text colour against its own background, as Chromium computed them. */
async function ownContrast(element: Locator): Promise<{ ratio: number; color: string; background: string }> {
  const [color, background] = await element.evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.color, s.backgroundColor] as const;
  });
  return { ratio: contrast(color, background), color, background };
}

/** Text or an icon on white (the chips): its colour against white. */
async function onWhite(element: Locator): Promise<{ ratio: number; color: string; background: string }> {
  const mine = await ownContrast(element);
  assert.equal(mine.background, 'rgb(255, 255, 255)', 'a chip is white');
  return mine;
}

/**
 * Under the pointer, on the shop's accent: a chip (4.5:1 for its text against its hover
 * background) and the header's close button (its icon 4.5:1 on its hover background, which
 * stands 3:1 or more apart from the header's: the state shows).
 */
async function hoverStates(page: Page, where: string): Promise<void> {
  const chip = page.locator('[data-testid=top-questions] button').first();
  await chip.hover();
  const chipHover = await ownContrast(chip);
  assert.notEqual(chipHover.background, 'rgb(255, 255, 255)', `${where}: a hovered chip changes`);
  assert.ok(chipHover.ratio >= 4.5, `${where}: a hovered chip: ${chipHover.color} on ${chipHover.background}, ${chipHover.ratio.toFixed(2)}:1`);

  const header = await ownContrast(page.locator('deskbell-widget .db-header'));
  const close = page.locator('deskbell-widget .db-close');
  await close.hover();
  const closeHover = await ownContrast(close);
  assert.ok(closeHover.ratio >= 4.5, `${where}: the hovered close icon: ${closeHover.color} on ${closeHover.background}, ${closeHover.ratio.toFixed(2)}:1`);
  const apart = contrast(closeHover.background, header.background);
  assert.ok(apart >= 3, `${where}: the hovered close button (${closeHover.background}) on the header (${header.background}): ${apart.toFixed(2)}:1`);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-yellow-hover-${where}.png` });
  await page.mouse.move(0, 0);
}

describe("the widget's look, set in the console and readable on the shop", () => {
  const suite = demoSuite();

  test('a manager picks a light yellow, the left side and a Thai greeting (phone): a note, a preview, an audited form', async () => {
    const run = new Audit();
    const server = suite.server();
    const page = await pageAt(suite.browser(), 'phone');
    await consoleLogin(page, server);
    await page.locator('[data-testid=nav-settings]').click();
    const form = page.locator('[data-testid=widget-look]');
    await form.scrollIntoViewIfNeeded();
    const readable = form.locator('[data-testid=look-readable]');
    await readable.getByText(/White text on this colour is easy to read \(5\.5:1/).waitFor();

    await form.getByLabel('Colour code').fill(YELLOW);
    // Not an error: what the widget will do.
    await readable.getByText("White text would be hard to read on this colour; the chat will use dark text on it.").waitFor();
    await readable.getByText(/a darker shade of it, #8e740c/).waitFor();
    assert.equal(await form.getByLabel('Colour', { exact: true }).inputValue(), YELLOW, 'the picker follows the code');
    const launcher = await ownContrast(form.locator('[data-testid=look-preview-launcher]'));
    assert.equal(launcher.background, 'rgb(250, 204, 21)');
    assert.ok(launcher.ratio >= 4.5, `the preview's launcher: ${launcher.color} on ${launcher.background}, ${launcher.ratio.toFixed(2)}:1`);

    await form.getByLabel('Bottom left').check();
    await form.getByLabel('Language the chat starts in').selectOption('th');
    await form.getByRole('textbox', { name: 'ไทย' }).fill(GREETING_TH);
    await form.locator('[data-testid=look-preview-greeting]').getByText(GREETING_TH).waitFor();
    const mine = await ownContrast(form.locator('[data-testid=look-preview-mine]'));
    assert.ok(mine.ratio >= 4.5, `the preview's shopper bubble: ${mine.ratio.toFixed(2)}:1`);

    // A code half typed: the save says how to write it, the preview keeps the last colour.
    await form.getByLabel('Colour code').fill('#fac');
    await form.getByLabel('Colour code').fill('#facc1');
    await form.getByRole('button', { name: 'Save the look' }).click();
    await form.locator('[data-testid=look-note]').getByText('Write the colour as # and 6 hex digits, like #0f766e, or pick it.').waitFor();
    assert.equal(await form.getByLabel('Colour code').getAttribute('aria-invalid'), 'true');
    await run.check(page, 'console chat settings, the look form with a note (phone)');
    await form.getByLabel('Colour code').fill(YELLOW);
    await run.check(page, 'console chat settings, the look form (phone)');
    if (SHOTS) {
      await form.locator('[data-testid=look-preview]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/console-widget-look-phone.png` });
      await form.getByRole('textbox', { name: 'ไทย' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/console-widget-look-greetings-phone.png` });
    }

    await form.getByRole('button', { name: 'Save the look' }).click();
    await form.locator('[data-testid=look-note]').getByText('Saved.').waitFor();
    const config = (await (await fetch(`${server.url}/api/widget/config?site=demo`)).json()) as WidgetConfig;
    assert.equal(config.theme.accentColor, YELLOW);
    assert.equal(config.theme.position, 'left');
    assert.equal(config.theme.defaultLang, 'th');
    assert.equal(config.theme.greeting.th, GREETING_TH);
    assert.equal(config.theme.greeting.en, "Hi! Ask us anything about your order.", "the demo's other greetings are kept");
    await page.context().close();
    run.assertClean();
  });

  test('the demo shop in that look (phone): dark text on the yellow, darker chips, the Thai greeting, no axe violation', async () => {
    const run = new Audit();
    const page = await pageAt(suite.browser(), 'phone');
    await page.goto(`${suite.server().url}/demo/`);
    const launcher = page.locator('deskbell-widget .db-launcher');
    await launcher.waitFor();
    const closed = await ownContrast(launcher);
    assert.equal(closed.background, 'rgb(250, 204, 21)');
    assert.ok(closed.ratio >= 4.5, `launcher: ${closed.color} on ${closed.background}, ${closed.ratio.toFixed(2)}:1`);
    const box = await launcher.boundingBox();
    assert.ok(box && box.x < 390 / 2, `on the left: x = ${box?.x}`);
    await run.check(page, 'widget closed, yellow (phone)', 'deskbell-widget');

    await launcher.click();
    await page.locator('[data-testid=composer]').waitFor();
    await page.locator('deskbell-widget .db-greeting .db-bubble').getByText(GREETING_TH).waitFor();
    const header = await ownContrast(page.locator('deskbell-widget .db-header'));
    assert.ok(header.ratio >= 4.5, `header: ${header.ratio.toFixed(2)}:1`);
    const chip = await onWhite(page.locator('[data-testid=top-questions] button').first());
    assert.ok(chip.ratio >= 4.5, `a chip: ${chip.color} on white, ${chip.ratio.toFixed(2)}:1`);
    await run.check(page, 'widget open, yellow, in Thai (phone)', 'deskbell-widget');
    await hoverStates(page, 'phone');

    await ask(page, 'ค่าส่งเท่าไหร่');
    // Once stored: the unsent bubble is a different element, replaced when the ack arrives
    // (measured in between, it was detached and had no style at all).
    const bubble = page.locator('deskbell-widget [data-testid=message][data-author=visitor][data-state=sent] .db-bubble').first();
    await bubble.waitFor();
    const sent = await ownContrast(bubble);
    assert.equal(sent.background, 'rgb(250, 204, 21)');
    assert.ok(sent.ratio >= 4.5, `the shopper's bubble: ${sent.color} on ${sent.background}, ${sent.ratio.toFixed(2)}:1`);
    // The send button's icon is drawn in its text colour.
    const send = await ownContrast(page.locator('deskbell-widget .db-send'));
    assert.ok(send.ratio >= 4.5, `send: ${send.ratio.toFixed(2)}:1`);
    await page.locator('[data-testid=bot-feedback]').waitFor();
    await run.check(page, 'widget with a bot answer, yellow, in Thai (phone)', 'deskbell-widget');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-yellow-th-phone.png` });
    await page.context().close();
    run.assertClean();
  });

  test('the demo shop in that look (desktop): hovered chips and header buttons stay readable and show', async () => {
    const page = await pageAt(suite.browser(), 'desktop');
    await page.goto(`${suite.server().url}/demo/`);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=top-questions] button').first().waitFor();
    await hoverStates(page, 'desktop');
    await page.context().close();
  });
});
