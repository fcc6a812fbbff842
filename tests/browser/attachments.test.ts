// Attachments in Chromium: a shopper attaches a photo in the widget (the labelled file input,
// reached by keyboard) and the agent sees it inline in the console; the agent attaches one
// back and the shopper sees it inline in the widget.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { consoleLogin, demoSuite } from '../helpers/demo.js';
import { png } from '../helpers/files.js';

const SHOTS = process.env.DESKBELL_SCREENSHOTS;

describe('attachments in the widget and the console', () => {
  const demo = demoSuite();

  test('a shopper sends a photo, the agent sees it inline and sends one back', async () => {
    const server = demo.server();
    const browser = demo.browser();
    const dir = mkdtempSync(join(tmpdir(), 'deskbell-files-'));
    const photo = join(dir, 'damaged-parcel.png');
    writeFileSync(photo, png(120, 80, [200, 60, 30]));
    const chart = join(dir, 'size-chart.png');
    writeFileSync(chart, png(90, 60, [30, 90, 200]));

    const agentPage = await browser.newPage({ viewport: { width: 1366, height: 820 } });
    const errors: string[] = [];
    agentPage.on('pageerror', (e) => errors.push(e.message));
    await consoleLogin(agentPage, server);

    const shop = await browser.newPage({ viewport: { width: 390, height: 760 } });
    shop.on('pageerror', (e) => errors.push(e.message));
    await shop.goto(`${server.url}/demo/product.html`);
    await shop.locator('deskbell-widget .db-launcher').click();
    await shop.locator('[data-testid=composer]').fill('My parcel arrived damaged, I want to talk to a person');
    await shop.keyboard.press('Enter');
    // The file input has an accessible name and is reached with the keyboard.
    const input = shop.getByLabel('Send a photo or PDF');
    await input.focus();
    assert.equal(await input.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true);
    await input.setInputFiles(photo);
    const sent = shop.locator('[data-testid=message][data-author=visitor]').filter({ has: shop.locator('[data-testid=attachment-image]') });
    await sent.waitFor();
    await assert.doesNotReject(sent.locator('img[alt="damaged-parcel.png"]').waitFor());

    // The agent opens the conversation and sees the picture, loaded (not a broken image).
    const row = agentPage.locator('[data-testid=conversation-row]').filter({ hasText: 'damaged-parcel.png' });
    await row.first().click();
    const image = agentPage.locator('[data-testid=message][data-author=visitor] [data-testid=attachment-image]');
    await image.waitFor();
    await agentPage.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=attachment-image]');
      return img !== null && img.complete && img.naturalWidth === 120;
    });

    // The agent attaches one back, with a caption.
    await agentPage.locator('[data-testid=attach]').setInputFiles(chart);
    await agentPage.locator('[data-testid=pending-files]').filter({ hasText: 'size-chart.png' }).waitFor();
    await agentPage.locator('[data-testid=composer]').fill('Sorry about that! Here is our size chart too.');
    await agentPage.locator('[data-testid=send]').click();
    await agentPage.locator('[data-testid=message][data-author=agent][data-state=sent] [data-testid=attachment-image]').waitFor();

    const reply = shop.locator('[data-testid=message][data-author=agent]').filter({ hasText: 'size chart too' });
    await reply.locator('img[alt="size-chart.png"]').waitFor();
    assert.equal(await reply.locator('img').evaluate((img: HTMLImageElement) => img.src.startsWith('data:image/png') && img.naturalWidth), 90);
    if (SHOTS) {
      await shop.screenshot({ path: `${SHOTS}/widget-attachments.png` });
      await agentPage.screenshot({ path: `${SHOTS}/console-attachments.png` });
    }
    assert.deepEqual(errors, []);
  });
});
