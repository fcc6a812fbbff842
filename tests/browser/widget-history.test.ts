// The widget's earlier conversations in Chromium: start a new conversation (the old one is
// closed and stays gone after a reload), then find the old one in the list and read it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoSuite } from '../helpers/demo.js';

const SHOTS = process.env.DESKBELL_SCREENSHOTS;

describe('earlier conversations in the widget', () => {
  const demo = demoSuite();

  test('start a new conversation, then read the earlier one', async () => {
    const server = demo.server();
    const page = await demo.browser().newPage({ viewport: { width: 390, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/demo/product.html`);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').fill('Is the lantern waterproof? (first chat)');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'first chat' }).waitFor();

    await page.getByRole('button', { name: 'Earlier conversations' }).click();
    await page.locator('[data-testid=start-new]').click();
    await page.locator('[data-testid=history]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=message]').filter({ hasText: 'first chat' }).count(), 0);
    // A reload does not bring the closed conversation back.
    await page.reload();
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').waitFor();
    await page.getByRole('button', { name: 'Earlier conversations' }).waitFor();
    assert.equal(await page.locator('[data-testid=message]').filter({ hasText: 'first chat' }).count(), 0);

    await page.locator('[data-testid=composer]').fill('A new question (second chat)');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'second chat' }).waitFor();
    await page.getByRole('button', { name: 'Earlier conversations' }).click();
    const item = page.locator('[data-testid=history-item]');
    await item.first().waitFor();
    assert.equal(await item.count(), 1, 'the current conversation is not listed');
    await item.first().click();
    await page.locator('[data-testid=history-messages]').filter({ hasText: 'first chat' }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-history.png` });
    await page.getByRole('button', { name: /Earlier conversations/ }).first().click();
    assert.deepEqual(errors, []);
  });
});
