// The demo store runs under the strict CSP a careful shop would set, and the widget works
// inside it: no policy violation, a message sent and stored. Also: the visitor token never
// travels in a URL the browser requests (where Referer headers and proxy logs would keep it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { spawnServer, tempDir, type ChildServer } from '../helpers/server.js';

describe('demo store under a strict CSP', () => {
  let browser: Browser;
  let server: ChildServer;
  const tmp = tempDir();
  before(async () => {
    server = await spawnServer(tmp.dbPath, { demo: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await server.stop();
    tmp.cleanup();
  });

  test('the widget loads, chats and breaks no policy; its token is in no URL', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const urls: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${server.url}/demo/product.html`);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').fill('Do you ship to Chiang Mai?');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').first().waitFor();
    assert.deepEqual(violations, [], 'no CSP violation reported');

    const token = await page.evaluate(() => localStorage.getItem('deskbell:demo:token'));
    assert.ok(token && token.split('.').length === 3, `the widget keeps a visitor token (${token})`);
    assert.ok(urls.length > 3, 'requests were seen');
    for (const u of urls) assert.ok(!u.includes(token) && !u.includes(token.split('.')[2]!), `token in URL ${u.slice(0, 80)}`);
    await page.close();
  });
});
