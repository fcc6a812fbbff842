// Script-injection payloads in every text a shopper, an agent or a shop owner can set —
// messages, the agent's name, the site's name, the shopper's page title, FAQ questions and
// answers — rendered in the widget and the console in Chromium: shown as text, no script run,
// no link but http(s).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startShop } from '../helpers/browser.js';
import { startServer, type InProcessServer } from '../helpers/server.js';

// Each payload, if it ever ran, would bump window.__xss in the page that rendered it.
const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<script>window.__xss=(window.__xss||0)+1</script>',
  '<svg/onload=window.__xss=(window.__xss||0)+1>',
  '"><iframe srcdoc="<script>parent.__xss=(parent.__xss||0)+1</script>">',
  'javascript:window.__xss=(window.__xss||0)+1',
  'https://ok.example/"onmouseover="window.__xss=1" x="',
  '[click me](javascript:window.__xss=(window.__xss||0)+1)',
  '<a href="javascript:window.__xss=1">link</a>',
];
const STORED = '[data-testid=message][data-author=visitor][data-state=sent]';
const NAME = '<img src=x onerror="window.__xss=(window.__xss||0)+1">Eve';
const AGENT_EVE = { email: 'eve@shop.example', name: NAME, password: 'eve password 123' };

async function ranNothing(page: Page, where: string): Promise<void> {
  // A string, not a function: tsx would wrap inner named functions in a helper the page lacks.
  const state = (await page.evaluate(`(() => {
    const anchors = [];
    const walk = (root) => {
      root.querySelectorAll('a[href]').forEach((a) => anchors.push(a.protocol));
      root.querySelectorAll('*').forEach((el) => el.shadowRoot && walk(el.shadowRoot));
    };
    walk(document);
    return { xss: window.__xss ?? 0, anchors, iframes: document.querySelectorAll('iframe').length };
  })()`)) as { xss: number; anchors: string[]; iframes: number };
  assert.equal(state.xss, 0, `${where}: a payload ran`);
  assert.equal(state.iframes, 0, `${where}: an iframe was injected`);
  for (const protocol of state.anchors) assert.match(protocol, /^(https?|mailto):$/, `${where}: a ${protocol} link`);
}

async function consoleAsEve(browser: Browser, url: string, dialogs: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
  await page.goto(`${url}/console/`);
  await page.locator('[data-testid=login-email]').fill(AGENT_EVE.email);
  await page.locator('[data-testid=login-password]').fill(AGENT_EVE.password);
  await page.locator('[data-testid=login-submit]').click();
  await page.locator('[data-testid=logout]').waitFor();
  return page;
}

describe('script injection, rendered in Chromium', () => {
  let server: InProcessServer;
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startShop>>;

  before(async () => {
    server = await startServer();
    const { store, agents } = server.deskbell;
    await agents.create(AGENT_EVE);
    shop = await startShop(`<!doctype html><html lang="en"><head><title>${PAYLOADS[0]} cart</title></head><body><h1>Shop</h1>
      <script src="${server.url}/widget.js" data-site="${server.site.key}" async></script></body></html>`);
    await store.updateSite(server.site.id, { name: `${PAYLOADS[1]} Shop`, origins: [...server.site.origins, shop.origin] });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  test('messages, names, page titles and FAQ texts stay text in the widget and the console', async () => {
    const dialogs: string[] = [];
    const consolePage = await consoleAsEve(browser, server.url, dialogs);

    // A FAQ entry written by a careless (or hostile) owner, through the console's own API.
    const added = await consolePage.evaluate(
      async ({ key, question, answer }) => {
        const res = await fetch(`/api/sites/${key}/faq`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lang: 'en', question, answer, phrasings: ['shipping time'] }) });
        return res.status;
      },
      { key: server.site.key, question: `How long is shipping? ${PAYLOADS[2]}`, answer: `Shipping takes 3 days. ${PAYLOADS.join(' ')}` },
    );
    assert.equal(added, 201);

    const shopper = await browser.newPage();
    shopper.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await shopper.goto(shop.url);
    await shopper.locator('deskbell-widget .db-launcher').click();
    await shopper.locator('[data-testid=composer]').waitFor();
    await shopper.locator('[data-testid=composer]').fill('how long is shipping time');
    await shopper.keyboard.press('Enter');
    // The bot answers from the entry: the answer is shown as text.
    await shopper.locator('[data-testid=message][data-author=bot]').filter({ hasText: 'Shipping takes 3 days.' }).waitFor();
    for (const [i, payload] of PAYLOADS.entries()) {
      await shopper.locator('[data-testid=composer]').fill(`${i}: ${payload}`);
      await shopper.keyboard.press('Enter');
      const sent = shopper.locator(STORED).filter({ hasText: `${i}: ${payload.slice(0, 12)}` });
      await sent.waitFor({ timeout: 10_000 }).catch(async (err: Error) => {
        const states = await shopper.locator('[data-testid=message]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-author')}/${e.getAttribute('data-state')}: ${e.textContent?.slice(0, 40)}`));
        throw new Error(`payload ${i} not shown as sent: ${err.message}\n${states.join('\n')}`);
      });
    }
    await ranNothing(shopper, 'widget after the shopper wrote');

    const row = consolePage.locator('[data-testid=conversation-row]').first();
    await row.waitFor();
    await row.click();
    await consolePage.locator('[data-testid=message][data-author=visitor]').filter({ hasText: '<svg/onload' }).waitFor();
    await consolePage.locator('[data-testid=message][data-author=bot]').first().waitFor();
    for (const payload of PAYLOADS.slice(0, 4)) {
      await consolePage.locator('[data-testid=composer]').fill(`re: ${payload}`);
      await consolePage.keyboard.press('Enter');
    }
    await consolePage.locator('[data-testid=message][data-author=agent][data-state=sent]').filter({ hasText: 're: "><iframe' }).waitFor();
    await ranNothing(consolePage, 'console conversation');

    // The shopper sees the agent's replies and name, as text.
    await shopper.locator('[data-testid=message][data-author=agent]').filter({ hasText: 're: "><iframe' }).waitFor();
    const shown = (await shopper.locator('deskbell-widget').evaluate((el) => el.shadowRoot?.textContent ?? '')) ?? '';
    assert.ok(shown.includes('<script>window.__xss'), 'the payload is visible as text');
    await ranNothing(shopper, 'widget after the agent replied');

    // The FAQ manager lists the hostile entry as text too.
    await consolePage.goto(`${server.url}/console/#/faq`);
    await consolePage.getByText('How long is shipping?').first().waitFor();
    await ranNothing(consolePage, 'console FAQ manager');
    assert.deepEqual(dialogs, [], 'no alert, confirm or prompt opened');
  });

  test("a prompt's texts and an identified shopper's name and attributes stay text too", async () => {
    const dialogs: string[] = [];
    const consolePage = await consoleAsEve(browser, server.url, dialogs);
    const status = await consolePage.evaluate(
      async ({ key, text, reply }) => {
        const rule = { id: 'xss-prompt', name: 'xss', conditions: [{ type: 'timeOnPage', seconds: 1 }], action: { kind: 'bubble', text: { en: text }, replies: [{ en: reply }] }, cap: { oncePerVisit: false } };
        return (await fetch(`/api/sites/${key}/triggers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) })).status;
      },
      { key: server.site.key, text: `Need help? ${PAYLOADS[0]}`, reply: `Yes ${PAYLOADS[2]}`.slice(0, 100) },
    );
    assert.equal(status, 201);

    // A signed-in customer whose shop put hostile strings in the name and attributes.
    const secret = await server.deskbell.store.identitySecret(server.site.id, () => 'unused');
    const claim = { id: 'cust-xss', name: NAME, email: 'eve@example.com', hash: createHmac('sha256', secret).update('cust-xss').digest('hex'), attributes: { order: PAYLOADS[3], note: PAYLOADS[1] } };
    const idShop = await startShop(`<!doctype html><html lang="en"><head><title>Account</title>
      <script src="data:text/javascript,window.Deskbell=window.Deskbell||{q:[]};Deskbell.q.push(['identify',${encodeURIComponent(JSON.stringify(claim))}])"></script></head>
      <body><h1>Your account</h1><script src="${server.url}/widget.js" data-site="${server.site.key}" async></script></body></html>`);
    try {
      const site = await server.deskbell.store.getSiteByKey(server.site.key);
      await server.deskbell.store.updateSite(server.site.id, { origins: [...(site?.origins ?? []), idShop.origin] });
      const shopper = await browser.newPage();
      shopper.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
      await shopper.goto(idShop.url);
      const prompt = shopper.locator('[data-testid=prompt]');
      await prompt.waitFor();
      assert.match((await prompt.textContent()) ?? '', /Need help\? <img src=x/);
      await ranNothing(shopper, 'widget prompt');
      await shopper.locator('[data-testid=prompt-reply]').click();
      await shopper.locator(STORED).filter({ hasText: 'Yes <svg' }).waitFor();

      await consolePage.locator('[data-testid=conversation-row]').filter({ hasText: 'Eve' }).first().click();
      await consolePage.locator('[data-testid=identity-tag]').waitFor();
      const panel = (await consolePage.locator('.side-column').textContent()) ?? '';
      assert.ok(panel.includes('iframe srcdoc'), `the attribute is shown as text: ${panel.slice(0, 300)}`);
      await ranNothing(consolePage, 'console shopper panel');
      // The prompts editor lists the rule and previews its bubble in every language.
      await consolePage.goto(`${server.url}/console/#/triggers`);
      const row = consolePage.locator('[data-testid=trg-row]').filter({ hasText: 'xss' }).first();
      await row.locator('[data-testid=trg-edit]').click();
      const preview = consolePage.locator('[data-testid=trg-preview]');
      await preview.waitFor();
      assert.match((await preview.textContent()) ?? '', /Need help\? <img src=x/, 'the bubble preview shows the text as text');
      await ranNothing(consolePage, 'console prompts editor');
      await ranNothing(shopper, 'widget after the reply');
      assert.deepEqual(dialogs, []);
    } finally {
      await idShop.close();
    }
  });
});
