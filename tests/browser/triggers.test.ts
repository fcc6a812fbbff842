// Proactive prompts on the demo store, in Chromium: the demo's rules (demo/triggers.json)
// fire on time on page, scroll depth, exit intent and the shop's own cart_updated event;
// and they never nag: once per visit, quiet after a dismissal, silent while chatting.
// A prompt is observed through the page API's 'prompt' event, which the engine emits in the
// same task as the signal that fired it: "no prompt" is then a fact, not a wait.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ConsoleTriggers } from '../../server/http/console-triggers.js';
import { launchBrowser } from '../helpers/browser.js';
import { ROOT, spawnServer, tempDir, type ChildServer } from '../helpers/server.js';

declare global {
  interface Window {
    Deskbell: { track(name: string, data: object): void; on(event: string, fn: (d: unknown) => void): () => void; open(o?: object): void };
    prompts: string[];
  }
}

describe('proactive prompts in Chromium', () => {
  const tmp = tempDir();
  let server: ChildServer;
  let browser: Browser;
  let cookie = '';
  before(async () => {
    server = await spawnServer(tmp.dbPath, { demo: true });
    browser = await launchBrowser();
    const m = /Log in as:\s+(\S+) \/ (\S+)/.exec(server.output());
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: m?.[1], password: m?.[2] }) });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
  after(async () => {
    await browser?.close();
    await server?.kill();
    tmp.cleanup();
  });

  /** A demo page in a fresh browser profile (or `context`'s), with prompts recorded in window.prompts. */
  async function visit(path: string, context?: BrowserContext, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; context: BrowserContext }> {
    const ctx = context ?? (await browser.newContext({ viewport }));
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      window.prompts = [];
      // The page API's stub: calls before the widget loads are queued and replayed.
      (window as unknown as { Deskbell: { q: unknown[] } }).Deskbell = { q: [['on', 'prompt', (d: { id: string }) => window.prompts.push(d.id)]] };
    });
    await page.goto(`${server.url}/demo/${path}`);
    await page.locator('deskbell-widget .db-launcher').waitFor();
    return { page, context: ctx };
  }
  /** The console, logged in as the demo agent. */
  async function consoleLogin(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const m = /Log in as:\s+(\S+) \/ (\S+)/.exec(server.output());
    await page.goto(`${server.url}/console/`);
    await page.locator('[data-testid=login-email]').fill(m?.[1] ?? '');
    await page.locator('[data-testid=login-password]').fill(m?.[2] ?? '');
    await page.locator('[data-testid=login-submit]').click();
    return page;
  }
  const prompts = (page: Page): Promise<string[]> => page.evaluate(() => window.prompts);
  const stats = async (id: string): Promise<ConsoleTriggers['triggers'][number]['stats'] | undefined> => {
    const res = await fetch(`${server.url}/api/sites/demo/triggers`, { headers: { cookie } });
    return ((await res.json()) as ConsoleTriggers).triggers.find((t) => t.id === id)?.stats;
  };

  test('time on page: the cart page offers help after a few seconds, accessibly and without taking focus; a quick reply starts a conversation counted for the prompt', async () => {
    const { page, context } = await visit('cart.html');
    const prompt = page.locator('[data-testid=prompt]');
    await prompt.waitFor({ timeout: 15_000 });
    assert.deepEqual(await prompts(page), ['cart-help']);
    assert.match(await prompt.innerText(), /Questions about shipping or gift wrap/);
    assert.equal(await prompt.getAttribute('role'), 'region');
    assert.equal(await page.locator('[data-testid=prompt-dismiss]').getAttribute('aria-label'), 'Dismiss message');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BODY', 'the prompt does not steal focus');
    await page.screenshot({ path: `${tmp.dir}/cart-prompt.png` });

    await page.locator('[data-testid=prompt-reply]').filter({ hasText: 'How much is shipping?' }).click();
    await page.locator('[data-testid=message][data-author=visitor]').filter({ hasText: 'How much is shipping?' }).waitFor();
    await page.locator('[data-testid=message][data-author=bot]').first().waitFor();
    // The widget links the new conversation to the prompt once it is stored.
    for (let i = 0; i < 50 && (await stats('cart-help'))?.conversations !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await stats('cart-help'), { shown: 1, dismissed: 0, clicked: 1, replied: 1, conversations: 1, handoffs: 0 });

    // The journey: the agent sees the cart page among this visit's pages.
    await context.close();
  });

  test('scroll depth: reading the size guide of the tee offers sizing help; the tea page does not', async () => {
    const tea = await visit('product.html?id=alishan-oolong');
    await tea.page.mouse.wheel(0, 20_000);
    await tea.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.deepEqual(await prompts(tea.page), []);

    const { page, context } = await visit('product.html?id=leaf-tee', tea.context);
    assert.deepEqual(await prompts(page), [], 'not before scrolling');
    await page.locator('.guide-table').scrollIntoViewIfNeeded();
    await page.locator('[data-testid=prompt]').waitFor();
    assert.deepEqual(await prompts(page), ['size-guide']);
    await page.screenshot({ path: `${tmp.dir}/size-prompt.png` });
    await context.close();
  });

  test('exit intent: the pointer leaving through the top of the checkout', async () => {
    const { page, context } = await visit('checkout.html');
    // The exit watcher comes in a part the loader fetches once the rule applies to this page.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/widget\/watchers-/.test(e.name)));
    await page.mouse.move(600, 300);
    await page.mouse.move(600, 200);
    await page.waitForTimeout(200);
    assert.deepEqual(await prompts(page), [], 'moving about the page is not leaving');
    // Leaving through the top; repeated only in case the part is still being evaluated (a loaded machine).
    for (let i = 0; i < 50 && (await prompts(page)).length === 0; i++) {
      await page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientX: 600, clientY: -2, relatedTarget: null, bubbles: true })));
      await page.waitForTimeout(100);
    }
    await page.locator('[data-testid=prompt]').waitFor();
    assert.deepEqual(await prompts(page), ['checkout-exit']);
    await context.close();
  });

  test('a custom event: the shop\'s own cart_updated above NT$3,000, once per visit, and quiet after a dismissal', async () => {
    const { page, context } = await visit('product.html?id=trail-sneakers');
    // The shop's add-to-cart calls Deskbell.track('cart_updated', { value, items }).
    await page.locator('[data-testid=add-to-cart]').click();
    assert.deepEqual(await prompts(page), [], 'NT$2,480 is below the rule\'s NT$3,000');
    await page.locator('[data-testid=add-to-cart]').click();
    await page.locator('[data-testid=prompt]').waitFor();
    assert.deepEqual(await prompts(page), ['big-cart']);
    // Keyboard: the prompt is next to the launcher in the tab order, and Escape dismisses it.
    await page.locator('deskbell-widget .db-launcher').focus();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => (document.querySelector('deskbell-widget')?.shadowRoot?.activeElement as HTMLElement | null)?.closest('[data-testid=prompt]') !== null), true);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('[data-testid=prompt]').count(), 0);
    assert.equal(await page.evaluate(() => (document.querySelector('deskbell-widget')?.shadowRoot?.activeElement as HTMLElement | null)?.className), 'db-launcher', 'focus goes to the launcher');

    // Next page of the visit: the same event again shows nothing (dismissed: quiet; shown: once per visit).
    const next = await visit('index.html', context);
    await next.page.evaluate(() => window.Deskbell.track('cart_updated', { value: 9000, items: 4 }));
    assert.deepEqual(await prompts(next.page), []);
    const s = await stats('big-cart');
    assert.equal(s?.shown, 1);
    assert.equal(s?.dismissed, 1);
    await context.close();
  });

  test('never while the shopper is talking to a person', async () => {
    const { page, context } = await visit('index.html');
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').fill('I want to talk to a person please');
    await page.keyboard.press('Enter');
    // Handed over: the shopper waits in the queue (their place in line is shown).
    await page.locator('[data-testid=queue-status]').waitFor();
    await page.locator('deskbell-widget .db-close').click();
    await page.evaluate(() => window.Deskbell.track('cart_updated', { value: 9000, items: 4 }));
    assert.deepEqual(await prompts(page), [], 'handed to a person: no prompt, even with the panel closed');
    await context.close();
  });

  test('the console editor: the demo prompts with their counts, a rule refused with the reason next to its field, then saved, with a preview in every language', async () => {
    const page = await consoleLogin();
    await page.locator('[data-testid=nav-triggers]').click();
    await page.locator('[data-testid=trg-row]').first().waitFor();
    assert.deepEqual(await page.locator('[data-testid=trg-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id'))), ['cart-help', 'checkout-exit', 'size-guide', 'big-cart']);

    await page.locator('[data-testid=trg-add]').click();
    await page.locator('[data-testid=trg-name]').fill('Deep readers');
    await page.locator('[data-testid=trg-text-en]').fill('Still reading? Ask us anything.');
    await page.locator('[data-testid=trg-text-th]').fill('ยังอ่านอยู่ใช่ไหมคะ ถามเราได้เลย');
    await page.locator('[data-testid=trg-conditions]').fill('[{ "type": "scroll", "percent": 150 }]');
    await page.locator('[data-testid=trg-save]').click();
    const error = page.locator('[data-testid=trg-error-conditions]');
    await error.waitFor();
    assert.match(await error.innerText(), /scroll depth must be 1-100/);
    assert.equal(await page.locator('[data-testid=trg-conditions]').getAttribute('aria-invalid'), 'true');
    const previews = await page.locator('[data-testid=trg-preview] figure').allInnerTexts();
    assert.equal(previews.length, 4);
    assert.match(previews[3] ?? '', /ยังอ่านอยู่/);
    assert.match(previews[1] ?? '', /Still reading/, 'a language without its own text falls back to English, as in the widget');
    await page.screenshot({ path: `${process.env.DESKBELL_SHOTS ?? tmp.dir}/console-triggers.png`, fullPage: true });

    await page.locator('[data-testid=trg-conditions]').fill('[{ "type": "scroll", "percent": 90 }]');
    await page.locator('[data-testid=trg-save]').click();
    await page.locator('[data-testid=trg-row][data-id=deep-readers]').waitFor();

    // On a phone the prompts' switches and Edit are on screen, their counts under the name.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const control of ['trg-enabled', 'trg-edit']) {
      const box = await page.locator(`[data-testid=${control}]`).first().boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${control} within the phone's width (${JSON.stringify(box)})`);
    }
    assert.match(await page.locator('[data-testid=trg-row]').first().locator('.phone-stats').innerText(), /^Shown \d+ · Clicked \d+ · /);
    await page.close();
  });

  test('the page API: hide() and show() the launcher, open({ message }) with a prefilled composer and an "open" event', async () => {
    const { page, context } = await visit('index.html');
    const launcher = page.locator('deskbell-widget .db-launcher');
    await page.evaluate(() => (window as unknown as { Deskbell: { hide(): void } }).Deskbell.hide());
    await launcher.waitFor({ state: 'hidden' });
    await page.evaluate(() => (window as unknown as { Deskbell: { show(): void } }).Deskbell.show());
    await launcher.waitFor({ state: 'visible' });
    const opened = await page.evaluate(() => new Promise<boolean>((resolve) => {
      window.Deskbell.on('open', () => resolve(true));
      window.Deskbell.open({ message: 'A question about order #1042: ' });
    }));
    assert.equal(opened, true);
    assert.equal(await page.locator('[data-testid=composer]').inputValue(), 'A question about order #1042: ');
    await context.close();
  });

  test('a prompt that offers a FAQ entry shows its answer on a click; an "open" prompt opens the chat with its message', async () => {
    const base = `/api/sites/demo/triggers`;
    const post = (rule: object): Promise<Response> => fetch(`${server.url}${base}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: server.url }, body: JSON.stringify(rule) });
    assert.equal((await post({ id: 'faq-offer', name: 'Shipping answer', conditions: [{ type: 'event', name: 'asked_shipping' }], action: { kind: 'bubble', text: { en: 'Wondering about delivery?' }, faqId: 'shipping-en' } })).status, 201);
    assert.equal((await post({ id: 'open-chat', name: 'Open on a big order', conditions: [{ type: 'event', name: 'big_order' }], action: { kind: 'open', text: { en: 'Ordering for a company? We can help with invoices.' } } })).status, 201);

    const { page, context } = await visit('index.html');
    await page.evaluate(() => window.Deskbell.track('asked_shipping', {}));
    await page.locator('[data-testid=prompt-faq]').click();
    assert.match(await page.locator('[data-testid=prompt-answer]').innerText(), /\S/);
    const answer = (JSON.parse(readFileSync(join(ROOT, 'demo/faq.json'), 'utf8')) as Array<{ id: string; answer: string }>).find((e) => e.id === 'shipping-en')?.answer ?? '';
    assert.equal(await page.locator('[data-testid=prompt-answer]').innerText(), answer.trim());

    const other = await visit('index.html');
    await other.page.evaluate(() => window.Deskbell.track('big_order', { value: 90000 }));
    await other.page.locator('[data-testid=composer]').waitFor();
    await other.page.locator('.db-greeting').filter({ hasText: 'Ordering for a company?' }).waitFor();
    assert.deepEqual(await prompts(other.page), ['open-chat']);
    assert.equal(await other.page.evaluate(() => document.activeElement?.tagName), 'BODY', 'a prompt opening the chat does not take the focus from the page');
    await context.close();
    await other.context.close();
  });

  test('the agent sees the shopper\'s pages this visit next to the conversation', async () => {
    const shopper = await visit('index.html');
    await visit('product.html?id=alishan-oolong', shopper.context);
    const { page } = await visit('checkout.html', shopper.context);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').fill('Can I pay with LINE Pay? journey-check');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=message][data-author=visitor][data-state=sent]').waitFor();

    const agent = await consoleLogin();
    // The newest conversation is listed first (the bot's reply is its last message).
    await agent.locator('[data-testid=conversation-row]').first().click();
    await agent.locator('[data-testid=message]').filter({ hasText: 'journey-check' }).waitFor();
    const journey = agent.locator('[data-testid=journey] li');
    await journey.nth(2).waitFor();
    const pages = await journey.allInnerTexts();
    assert.equal(pages.length, 3);
    assert.match(pages[0] ?? '', /Lantern/);
    assert.match(pages[1] ?? '', /Oolong/i);
    assert.match(pages[2] ?? '', /Checkout/i);
    await agent.screenshot({ path: `${process.env.DESKBELL_SHOTS ?? tmp.dir}/console-journey.png` });
    await agent.close();
    await shopper.context.close();
  });
});
