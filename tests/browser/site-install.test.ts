// Putting the chat on a shop from the console (phone width): the script tag copied, a shop page
// on a domain the site does not allow shows no chat and appears under "Refused lately", one
// click allows it and the page then shows the chat; removing the domain takes the chat away
// again. The settings are audited with the refused list showing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Audit, pageAt } from '../helpers/axe.js';
import { startShop } from '../helpers/browser.js';
import { consoleLogin, demoSuite } from '../helpers/demo.js';

describe('the script tag and the allowed domains, in the console', () => {
  const suite = demoSuite();
  let shop: Awaited<ReturnType<typeof startShop>>;
  before(async () => {
    shop = await startShop(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Another shop domain</h1>
      <script src="${suite.server().url}/widget.js" data-site="demo" async></script></body></html>`);
  });
  after(() => shop?.close());

  test('a refused shop domain is listed, allowed in one click, then shows the chat; removed, it shows none', async () => {
    const run = new Audit();
    const server = suite.server();
    const shopper = await suite.browser().newPage();
    const refusal = shopper.waitForEvent('console', (m) => m.type() === 'error' && m.text().includes('[Deskbell] The chat is not shown'));
    await shopper.goto(shop.url);
    await refusal;
    assert.equal(await shopper.locator('deskbell-widget .db-launcher').count(), 0, 'no chat on a domain the site does not allow');

    const page = await pageAt(suite.browser(), 'phone');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await consoleLogin(page, server);
    await page.locator('[data-testid=nav-settings]').click();
    const install = page.locator('[data-testid=site-install]');
    await install.scrollIntoViewIfNeeded();
    const tag = `<script src="${server.url}/widget.js" data-site="demo" async></script>`;
    assert.equal(await install.getByLabel('The script tag').inputValue(), tag);
    await install.getByRole('button', { name: 'Copy the tag' }).click();
    await install.getByText('Copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), tag);

    const refused = install.locator('[data-testid=refused-origins]');
    // The page is not named: browsers send only the origin as a cross-origin Referer.
    await refused.locator(`li[data-origin="${shop.origin}"]`).getByText(/\b1× refused, last at /).waitFor();
    await run.check(page, 'console chat settings with a refused domain (phone)');

    // A typo is caught in the agent's language before the server is asked.
    await install.getByLabel('Domain, like https://shop.example').fill('not a domain');
    await install.getByRole('button', { name: 'Allow this domain' }).click();
    await install.locator('[data-testid=origin-note]').getByText('Write a web address, like https://shop.example.').waitFor();
    await run.check(page, 'console chat settings with a domain refused by the form (phone)');

    await refused.getByRole('button', { name: `Allow ${shop.origin}` }).click();
    await install.locator(`[data-testid=origins] li[data-origin="${shop.origin}"]`).waitFor();
    await refused.waitFor({ state: 'detached' });
    await shopper.reload();
    await shopper.locator('deskbell-widget .db-launcher').click();
    await shopper.locator('[data-testid=composer]').waitFor();

    page.once('dialog', (d) => void d.dismiss()); // only asked before removing the last domain: must not be asked here
    await install.getByRole('button', { name: `Remove ${shop.origin}` }).click();
    await install.locator(`[data-testid=origins] li[data-origin="${shop.origin}"]`).waitFor({ state: 'detached' });
    const refusedAgain = shopper.waitForEvent('console', (m) => m.type() === 'error' && m.text().includes('[Deskbell] The chat is not shown'));
    await shopper.reload();
    await refusedAgain;
    assert.equal(await shopper.locator('deskbell-widget .db-launcher').count(), 0);
    run.assertClean();
    await page.context().close();
    await shopper.close();
  });
});
