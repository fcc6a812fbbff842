// The agent's workbench in Chromium: the queue with its waiting tag and count, claim, "mine",
// a canned reply by /shortcut, a private note, the unread count in the tab title, the shopper
// panel, and resolve — with the shopper's widget on the other side.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_SITE_KEY } from '../../server/demo.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { consoleLogin, demoSuite } from '../helpers/demo.js';
import { eventually } from '../helpers/queue.js';
import type { ChildServer } from '../helpers/server.js';

const SHOTS = process.env.DESKBELL_SCREENSHOTS;

async function shopperAsks(browser: Browser, server: ChildServer, text: string): Promise<Page> {
  const shop = await browser.newPage();
  await shop.goto(`${server.url}/demo/product.html`);
  await shop.locator('deskbell-widget .db-launcher').click();
  await shop.locator('[data-testid=composer]').fill(text);
  await shop.keyboard.press('Enter');
  return shop;
}

describe('the agent workbench', () => {
  const demo = demoSuite();

  test('queue → claim → canned reply → note → resolve, with the shopper seeing only what is theirs', async () => {
    const server = demo.server();
    const browser = demo.browser();
    // Notifications allowed, and recorded as the page shows them (the browser's own API, wrapped).
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, permissions: ['notifications'] });
    await context.addInitScript(() => {
      const Real = window.Notification;
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      window.Notification = class extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(title);
        }
      } as typeof Notification;
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await consoleLogin(page, server);
    assert.equal(await page.locator('[data-testid=status]').inputValue(), 'online');

    // Chat settings: manual routing, so shoppers wait for a claim; the identity secret.
    await page.locator('[data-testid=nav-settings]').click();
    await page.locator('[data-testid=routing-manual]').check();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Show the secret' }).click();
    const secret = await page.locator('[data-testid=identity-secret]').textContent();
    if (SHOTS) await page.locator('[data-testid=site-settings]').screenshot({ path: `${SHOTS}/console-site-settings.png` });
    const store = openSqliteStore({ path: demo.dbPath });
    const site = await store.getSiteByKey(DEMO_SITE_KEY);
    assert.equal(site?.routing, 'manual');
    assert.equal(secret, await store.identitySecret(site!.id, () => 'not created here'));
    // Consent mode, switched on and off again from the same form.
    const consent = page.getByRole('checkbox', { name: /Consent mode/ });
    await consent.check();
    await page.locator('[data-testid=consent-note]').getByText('Saved.').waitFor();
    assert.equal((await store.getSiteByKey(DEMO_SITE_KEY))?.theme.consent, true);
    await consent.uncheck();
    for (let i = 0; i < 50 && (await store.getSiteByKey(DEMO_SITE_KEY))?.theme.consent; i++) await page.waitForTimeout(100);
    assert.equal((await store.getSiteByKey(DEMO_SITE_KEY))?.theme.consent, false, 'switched off again');
    assert.equal(await consent.isChecked(), false);
    await store.close();
    await page.locator('[data-testid=nav-conversations]').click();

    const shop = await shopperAsks(browser, server, 'I want to talk to a person about my size');
    await shop.locator('[data-testid=queue-status]').filter({ hasText: 'number 1 in line' }).waitFor();

    await page.locator('[data-testid=filter-queue]').click();
    await page.locator('[data-testid=queue-count]').filter({ hasText: '1' }).waitFor();
    const row = page.locator('li.queued').filter({ has: page.locator('[data-testid=waiting-tag]', { hasText: '#1 in line' }) });
    await row.waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-queue.png` });
    await row.locator('[data-testid=claim-row]').click();
    await page.locator('[data-testid=message][data-author=visitor]').filter({ hasText: 'about my size' }).waitFor();
    await shop.locator('[data-testid=queue-status]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=enable-notifications]').count(), 0, 'no "turn on" button once allowed');
    // The team panel shows the load live.
    await page.locator('[data-testid=team-row]').filter({ hasText: '1/3' }).waitFor();
    await page.locator('[data-testid=filter-mine]').click();
    await page.locator('[data-testid=conversation-row]').filter({ has: page.locator('[data-testid=assigned-tag]') }).waitFor();

    // A canned reply, created here and typed as /shortcut.
    await page.locator('[data-testid=canned-manager] summary').click();
    await page.locator('[data-testid=canned-shortcut]').fill('size');
    await page.locator('[data-testid=canned-body]').fill('Our size guide is on every product page, under the photos.');
    await page.locator('[data-testid=canned-save]').click();
    await page.locator('[data-testid=canned-manager] li').filter({ hasText: '/size' }).waitFor();
    await page.locator('[data-testid=composer]').fill('/si');
    await page.locator('[data-testid=canned-matches]').filter({ hasText: '/size' }).waitFor();
    await page.locator('[data-testid=composer]').press('Tab');
    assert.equal(await page.locator('[data-testid=composer]').inputValue(), 'Our size guide is on every product page, under the photos.');
    await page.locator('[data-testid=composer]').press('Enter');
    await shop.locator('[data-testid=message][data-author=agent]').filter({ hasText: 'size guide' }).waitFor();

    // A private note: in the console, never in the widget.
    await page.locator('[data-testid=note-input]').fill('Asked about size M in the blue dress');
    await page.locator('[data-testid=add-note]').click();
    await page.locator('[data-testid=notes] li').filter({ hasText: 'size M in the blue dress' }).waitFor();

    // Another shopper writes: the unread count shows in the tab title.
    const other = await shopperAsks(browser, server, 'Can I talk to a human about a refund');
    await other.locator('[data-testid=queue-status]').waitFor();
    await page.waitForFunction(() => /^\(\d+\) /.test(document.title));
    // Keyboard: Alt+R puts the cursor in the reply box.
    await page.locator('[data-testid=note-input]').focus();
    await page.keyboard.press('Alt+KeyR');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-text');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-workbench.png` });

    // Search: by what the shopper wrote.
    await page.locator('[data-testid=search]').fill('about my size');
    await page.getByRole('status').filter({ hasText: '1 found' }).waitFor();
    await page.locator('[data-testid=search]').fill('');

    await page.locator('[data-testid=resolve]').click();
    await shop.locator('[data-testid=rating]').waitFor();
    assert.equal(await shop.getByText('size M in the blue dress').count(), 0, 'notes never reach the shopper');

    // Back to automatic routing: the waiting shopper is given to this agent, and a desktop
    // notification says so (the claim above, the agent's own doing, made none).
    const shown = (): Promise<string[]> => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);
    assert.deepEqual(await shown(), []);
    await page.locator('[data-testid=nav-settings]').click();
    await page.locator('[data-testid=routing-auto]').check();
    await page.waitForFunction(() => (window as unknown as { shownNotifications: string[] }).shownNotifications.some((t) => t.startsWith('New conversation')));
    await page.locator('[data-testid=routing-manual]').check();
    await eventually(async () => {
      const db = openSqliteStore({ path: demo.dbPath });
      try {
        assert.equal((await db.getSiteByKey(DEMO_SITE_KEY))?.routing, 'manual');
      } finally {
        await db.close();
      }
    });
    assert.deepEqual(errors, []);
    await shop.close();
    await other.close();
    await context.close();
  });

  test('on a phone-sized screen the workbench still fits: the queue, then the conversation', async () => {
    const server = demo.server();
    const browser = demo.browser();
    const page = await browser.newPage({ viewport: { width: 390, height: 780 } });
    await consoleLogin(page, server);
    const shop = await shopperAsks(browser, server, 'Talk to a person please, about delivery');
    await shop.locator('[data-testid=queue-status]').waitFor();
    await page.locator('[data-testid=filter-queue]').click();
    const row = page.locator('li.queued').first();
    await row.waitFor();
    await row.locator('[data-testid=claim-row]').click();
    await page.locator('[data-testid=composer]').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-phone.png`, fullPage: false });
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > 391).map((el) => `${el.tagName}.${el.className}`).slice(0, 5));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling (${width}px: ${wide.join(', ')})`);
    await shop.close();
    await page.close();
  });
});
