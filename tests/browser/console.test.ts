// The whole loop a newcomer tries: the demo store's widget and the agent console, in Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { spawnServer, tempDir, type ChildServer } from '../helpers/server.js';

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
