// A message the server refuses for good — its file is gone from the server, it is too long —
// is marked "not sent" at once, says why in the shopper's language, and does not hold back the
// messages written after it (the outbox sends in order). The refused messages come from an
// earlier visit's outbox, as a tab left them: the file's upload has since been removed (unsent
// uploads are swept after a day), the long one was written by an older widget.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import type { OutboxEntry } from '../../widget/outbox.js';
import { th } from '../../widget/i18n/th.js';
import { audit, describeFindings } from '../helpers/axe.js';
import { launchBrowser, startShopWithWidget, type startShop } from '../helpers/browser.js';
import { startServer, type InProcessServer } from '../helpers/server.js';

const visitorBodies = (server: InProcessServer): Promise<string[]> =>
  server.deskbell.store.listConversations({ status: 'all', limit: 10 }).then(async (rows) => {
    const bodies: string[] = [];
    for (const row of rows) bodies.push(...(await server.deskbell.store.listMessages(row.id, 0, 100)).filter((m) => m.author === 'visitor').map((m) => m.body));
    return bodies;
  });

describe('messages the server refuses for good', { timeout: 120_000 }, () => {
  let server: InProcessServer;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let browser: Browser;
  let shopper: BrowserContext;

  before(async () => {
    server = await startServer();
    shop = await startShopWithWidget(server, 'th', 'ร้าน');
    browser = await launchBrowser();
    shopper = await browser.newContext({ locale: 'th-TH' });
  });
  after(async () => {
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  test('are marked "not sent" with the reason in Thai, and the message after them is delivered', async () => {
    const page = await shopper.newPage();
    await page.goto(shop.url);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').fill('สวัสดีค่ะ');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').filter({ hasText: 'สวัสดีค่ะ' }).waitFor();

    const now = Date.now();
    const left: OutboxEntry[] = [
      { clientId: 'earlier-file', body: 'slip.png', attachments: [{ id: 'swept0upload0000', name: 'slip.png', type: 'image/png', size: 48_213 }], createdAt: now, state: 'pending' },
      { clientId: 'earlier-long', body: 'ก'.repeat(4001), createdAt: now + 1, state: 'pending' },
      { clientId: 'earlier-after', body: 'เลขคำสั่งซื้อ 20417', createdAt: now + 2, state: 'pending' },
    ];
    await page.evaluate(([key, entries]) => localStorage.setItem(key, JSON.stringify(entries)), [`deskbell:${server.site.key}:outbox`, left] as const);
    await page.reload();
    await page.locator('deskbell-widget .db-launcher').click();

    // Before: the file's refusal (not found) counted as "try later", so it stayed "Sending…"
    // for ever and the order number behind it was never sent.
    await page.locator('[data-testid=message][data-state=sent]').filter({ hasText: 'เลขคำสั่งซื้อ 20417' }).waitFor({ timeout: 15_000 });
    const failed = page.locator('[data-testid=message][data-state=failed]');
    await failed.nth(1).waitFor();
    assert.equal(await failed.count(), 2);
    assert.equal(await failed.filter({ hasText: 'slip.png' }).locator('.db-error').innerText(), th.fileGone);
    assert.equal(await failed.filter({ hasText: 'กกกก' }).locator('.db-error').innerText(), th.tooLong.replace('{n}', '4000'));
    assert.deepEqual((await visitorBodies(server)).sort(), ['สวัสดีค่ะ', 'เลขคำสั่งซื้อ 20417'].sort(), 'only what was accepted is stored');

    const run = await audit(page, 'deskbell-widget');
    assert.deepEqual(run.violations, [], describeFindings('the widget with refused messages', run.violations));

    // Remove: gone, and still gone after a reload (the outbox forgot them).
    for (const text of ['slip.png', 'กกกก']) await failed.filter({ hasText: text }).getByRole('button', { name: th.discard }).click();
    assert.equal(await failed.count(), 0);
    await page.reload();
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=message]').filter({ hasText: 'เลขคำสั่งซื้อ 20417' }).waitFor();
    assert.equal(await page.locator('[data-testid=message][data-state=failed]').count(), 0);
    await page.close();
  });
});
