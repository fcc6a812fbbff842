// A file over the shop's limit: the widget says the limit, in the shopper's language, from
// the server's refusal (`maxMb`, docs/errors.md#details) — not just "too large", which leaves
// the shopper guessing how small is small enough.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { th } from '../../widget/i18n/th.js';
import { launchBrowser, startShopWithWidget, type startShop } from '../helpers/browser.js';
import { startServer, type InProcessServer } from '../helpers/server.js';

describe("a file over the shop's limit", { timeout: 120_000 }, () => {
  let server: InProcessServer;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    await server.deskbell.store.setAttachmentLimit(server.site.id, 2 * 1024 * 1024);
    shop = await startShopWithWidget(server, 'th', 'ร้าน');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  test('is refused with the limit said in Thai, and nothing is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbell-limit-'));
    const big = join(dir, 'receipt.png');
    // A PNG's signature, then 3 MB: over the 2 MB limit.
    writeFileSync(big, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3 * 1024 * 1024)]));
    const page = await browser.newPage({ viewport: { width: 390, height: 760 } });
    await page.goto(shop.url);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=attach]').setInputFiles(big);
    await page.getByText(th.fileOverLimit.replace('{n}', '2')).waitFor();
    const rows = await server.deskbell.store.listConversations({ status: 'all', limit: 10 });
    assert.equal(rows.length, 0, 'no message was sent for the refused file');
    await page.close();
  });
});
