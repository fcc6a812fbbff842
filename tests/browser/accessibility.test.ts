// An automated WCAG 2.1 A/AA audit (axe-core) of what shoppers and agents see, in Chromium,
// at phone and desktop width: the widget on the demo shop (closed, open, with the bot's
// suggestions and its Yes/No question, a form's error), its prompt bubbles, a conversation
// with a person (files both ways, a refused file, the rating), the demo shop page around it,
// and every view of the console with its dialog, forms and error messages, in English and in
// Thai and Traditional Chinese (the widget too). It fails on any violation, of any impact, and
// prints what axe could not decide for a person to look at. What axe cannot judge (the order a
// screen reader announces things, whether a label makes sense) stays a manual check:
// docs/accessibility.md.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ask, Audit, langOf, pageAt, pageIn, type Width } from '../helpers/axe.js';
import { contrast } from '../helpers/contrast.js';
import { chooseConsoleLanguage, consoleLogin, demoLogin, demoSuite } from '../helpers/demo.js';
import { PDF, png } from '../helpers/files.js';
import { panelRings, ringOf, widgetRingProblem } from '../helpers/focus-ring.js';
import { login } from '../helpers/server.js';
import { clientId, connected, must, visitorSocket } from '../helpers/sockets.js';

describe('accessibility: axe-core WCAG 2.1 A/AA in Chromium', () => {
  const suite = demoSuite();

  const newPage = (width: Width, locale?: string): Promise<Page> => pageAt(suite.browser(), width, locale);

  for (const width of ['phone', 'desktop'] as const) {
    test(`the widget on the demo shop, closed and open, with suggestions and a Yes/No question (${width})`, async () => {
      const run = new Audit();
      const page = await newPage(width);
      await page.goto(`${suite.server().url}/demo/`);
      const launcher = page.locator('deskbell-widget .db-launcher');
      await launcher.waitFor();
      await run.check(page, `widget closed (${width})`, 'deskbell-widget');
      await run.check(page, `demo shop page, widget closed (${width})`);

      await launcher.click();
      await page.locator('[data-testid=composer]').waitFor();
      await page.locator('[data-testid=top-questions] button').first().waitFor();
      await run.check(page, `widget open (${width})`, 'deskbell-widget');

      await ask(page, 'order');
      await page.locator('[data-testid=bot-suggestions] button').nth(1).waitFor();
      await run.check(page, `widget with "Did you mean…" suggestions (${width})`, 'deskbell-widget');

      await ask(page, 'do you gift wrap?');
      await page.locator('[data-testid=bot-feedback]').getByRole('button', { name: 'Yes' }).waitFor();
      await run.check(page, `widget with a Yes/No question (${width})`, 'deskbell-widget');
      await run.check(page, `demo shop page, chat open (${width})`);

      // "No" hands over; nobody is online yet (the console tests come later), so the shopper
      // waits in line and may leave a message instead.
      await page.locator('[data-testid=bot-feedback]').getByRole('button', { name: 'No' }).click();
      await page.locator('[data-testid=queue-status]').waitFor();
      await page.locator('[data-testid=nobody-online] button').click();
      const form = page.locator('[data-testid=leave-form]');
      await form.waitFor();
      await run.check(page, `widget waiting in line, leave-a-message form (${width})`, 'deskbell-widget');
      // An address that is not one: the form's error message.
      await form.getByLabel('Your email').fill('mei@example');
      await form.getByLabel('Your message').fill('Please email me about my refund.');
      await form.getByRole('button', { name: 'Send message' }).click();
      await form.getByRole('alert').filter({ hasText: 'name@example.com' }).waitFor();
      await run.check(page, `widget leave-a-message form with an error (${width})`, 'deskbell-widget');
      await page.context().close();
      run.assertClean();
    });
  }

  // The widget speaks the page's language (<html lang>); the demo shop is in English, so its
  // page is served with another lang for these runs.
  for (const [lang, name, question] of [['th', 'Thai', 'ค่าส่งเท่าไหร่'], ['zh-TW', 'Traditional Chinese', '運費多少']] as const) {
    test(`the widget in ${name}: open, and a bot answer with its Yes/No question (phone)`, async () => {
      const run = new Audit();
      const page = await newPage('phone');
      await pageIn(page, '', lang);
      await page.goto(`${suite.server().url}/demo/`);
      await page.locator('deskbell-widget .db-launcher').click();
      await page.locator('[data-testid=top-questions] button').first().waitFor();
      await run.check(page, `widget open in ${name} (phone)`, 'deskbell-widget');
      await ask(page, question);
      await page.locator('[data-testid=bot-feedback] button').first().waitFor();
      // Declared on the panel itself, not left to the page around it, which may be in a language
      // the widget does not speak.
      assert.equal(await page.locator('deskbell-widget [data-testid=composer]').evaluate((el) => el.closest('[lang]')?.getAttribute('lang')), lang, 'the widget says which language it is in');
      await run.check(page, `widget answer with Yes/No in ${name} (phone)`, 'deskbell-widget');
      await page.context().close();
      run.assertClean();
    });
  }

  // axe does not look at focus rings. The widget's sits on white, on the shop's accent colour
  // (the header's buttons) and on the shop's page (the launcher): one colour cannot stand out
  // on all of them, two can (WCAG 1.4.11 Non-text Contrast; technique C40: two colours at least
  // 9:1 apart, each at least 2 px wide).
  test('the widget\'s focus ring is two colours 9:1 apart, each at least 2 px, on everything Tab reaches (desktop)', async () => {
    const page = await newPage('desktop');
    await page.goto(`${suite.server().url}/demo/`);
    const launcher = page.locator('deskbell-widget .db-launcher');
    await launcher.waitFor();
    // Keyboard focus (Shift+Tab, Tab), as a keyboard user arrives: that is when :focus-visible shows.
    await launcher.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const onLauncher = await ringOf(page, 'widget');
    assert.ok(onLauncher, 'focus is on the launcher');
    const rings = [onLauncher];
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=top-questions] button').first().waitFor();
    await ask(page, 'do you gift wrap?');
    await page.locator('[data-testid=bot-feedback] button').first().waitFor();
    rings.push(...await panelRings(page));
    const seen = rings.map((r) => r.what);
    assert.deepEqual(rings.map(widgetRingProblem).filter(Boolean), [], 'every ring is two colours 9:1 apart, each at least 2 px');
    console.log(`focus ring checked on ${seen.length} stops: ${seen.join(', ')}`);
    for (const kind of ['textarea.db-input', 'ol.db-messages', 'label.db-attach', 'button.db-close', 'button.db-chip']) {
      assert.ok(seen.some((w) => w.startsWith(kind)), `Tab reached ${kind} (reached: ${seen.join(', ')})`);
    }
    await page.context().close();
  });

  for (const width of ['phone', 'desktop'] as const) {

    test(`the console: login, conversations, an open conversation, FAQ, prompts, reports (${width})`, async () => {
      const run = new Audit();
      const server = suite.server();
      // A shopper asks for a person, so there is a conversation to list and open.
      const shopper = visitorSocket(server.url, 'demo', { origin: server.url });
      await connected(shopper);
      await must(shopper, 'session:sync', { afterSeq: 0, lang: 'en' });
      await must(shopper, 'message:send', { clientId: clientId('a11y'), body: `I want to talk to a person about my order (${width})` });

      const page = await newPage(width);
      await page.goto(`${server.url}/console/`);
      await page.locator('[data-testid=login-email]').waitFor();
      await run.check(page, `console login (${width})`);
      await consoleLogin(page, server);
      // The row previews the bot's last words, so it is found by its waiting tag.
      const row = page.locator('[data-testid=conversation-row]').filter({ has: page.locator('[data-testid=waiting-tag]') }).first();
      await row.waitFor();
      await run.check(page, `console conversation list (${width})`);

      await row.click();
      await page.locator('[data-testid=message][data-author=visitor]').first().waitFor();
      await page.locator('[data-testid=composer]').waitFor();
      await run.check(page, `console open conversation (${width})`);

      await page.locator('[data-testid=nav-faq]').click();
      await page.locator('[data-testid=faq-row]').first().waitFor();
      await run.check(page, `console FAQ (${width})`);

      await page.locator('[data-testid=nav-settings]').click();
      await page.locator('[data-testid=site-install]').waitFor();
      await page.locator('[data-testid=backup-status]').waitFor();
      await run.check(page, `console settings and backups (${width})`);

      await page.locator('[data-testid=nav-triggers]').click();
      await page.locator('[data-testid=trg-row]').first().waitFor();
      await run.check(page, `console prompts (${width})`);

      await page.locator('[data-testid=nav-reports]').click();
      await page.locator('[data-testid=reports-view] [data-testid=heatmap]').waitFor();
      await run.check(page, `console reports (${width})`);
      shopper.close();
      await page.context().close();
      run.assertClean();
    });
  }

  for (const [lang, name] of [['th', 'Thai'], ['zh-TW', 'Traditional Chinese']] as const) {
    test(`the console in ${name}: lang attributes and the longer words (desktop and phone)`, async () => {
      const run = new Audit();
      for (const width of ['desktop', 'phone'] as const) {
        const page = await newPage(width);
        await consoleLogin(page, suite.server());
        await chooseConsoleLanguage(page, lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        await run.check(page, `console conversation list in ${name} (${width})`);
        await page.locator('[data-testid=nav-faq]').click();
        await page.locator('[data-testid=faq-row]').first().waitFor();
        await run.check(page, `console FAQ in ${name} (${width})`);
        await page.locator('[data-testid=nav-settings]').click();
        await page.locator('[data-testid=site-install]').waitFor();
        await run.check(page, `console settings in ${name} (${width})`);
        await page.context().close();
      }
      run.assertClean();
    });
  }

  // Prompt bubbles and a conversation with a person come after the tests above: they add
  // prompts to the demo site, and bring an agent online.
  for (const width of ['phone', 'desktop'] as const) {
    test(`the prompt bubble: a demo prompt with quick replies, and one that shows a FAQ answer in it (${width})`, async () => {
      const run = new Audit();
      const server = suite.server();
      // A prompt that offers a FAQ entry (the demo's have none), fired by the page's own event.
      const event = `a11y_delivery_${width}`;
      const { email, password } = demoLogin(server);
      const cookie = await login(server.url, email, password);
      const res = await fetch(`${server.url}/api/sites/demo/triggers`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ id: `a11y-faq-${width}`, name: `Delivery answer (${width})`, conditions: [{ type: 'event', name: event }], action: { kind: 'bubble', text: { en: 'Wondering about delivery?' }, faqId: 'shipping-en' } }),
      });
      assert.equal(res.status, 201, await res.text());

      const page = await newPage(width);
      // The demo's cart prompt: its message and two quick replies, after 4 s on the cart page.
      await page.goto(`${server.url}/demo/cart.html`);
      const prompt = page.locator('deskbell-widget [data-testid=prompt]');
      await prompt.locator('[data-testid=prompt-reply]').nth(1).waitFor({ timeout: 15_000 });
      assert.equal(await langOf(prompt), 'en', 'the bubble says which language it is in');
      await run.check(page, `prompt bubble with quick replies (${width})`, 'deskbell-widget');
      await run.check(page, `demo cart page with the prompt bubble (${width})`);

      await page.goto(`${server.url}/demo/`);
      await page.locator('deskbell-widget .db-launcher').waitFor();
      await page.evaluate((name) => (window as unknown as { Deskbell: { track(n: string, d: object): void } }).Deskbell.track(name, {}), event);
      await prompt.locator('[data-testid=prompt-faq]').click();
      await prompt.locator('[data-testid=prompt-answer]').waitFor();
      await run.check(page, `prompt bubble with its FAQ answer (${width})`, 'deskbell-widget');
      await page.context().close();
      run.assertClean();
    });
  }

  test('the prompt bubble in Thai on a shop page in French: the widget, not the page, says which language it is in (phone)', async () => {
    const run = new Audit();
    // A Thai browser on a French page: the widget speaks Thai (the page's language is not one
    // of its four), while everything around it is French.
    const page = await newPage('phone', 'th-TH');
    await pageIn(page, 'cart.html', 'fr');
    await page.goto(`${suite.server().url}/demo/cart.html`);
    const prompt = page.locator('deskbell-widget [data-testid=prompt]');
    await prompt.locator('[data-testid=prompt-reply]').first().waitFor({ timeout: 15_000 });
    assert.match(await prompt.innerText(), /[\u0E00-\u0E7F]/, 'the prompt is in Thai');
    assert.equal(await langOf(prompt), 'th', 'the bubble declares Thai');
    // The launcher's name and the live region that announced the prompt are Thai too.
    assert.equal(await langOf(page.locator('deskbell-widget .db-launcher')), 'th');
    assert.equal(await langOf(page.locator('deskbell-widget .db-root > .db-live')), 'th');
    await run.check(page, 'prompt bubble in Thai on a French page (phone)', 'deskbell-widget');
    await page.context().close();
    run.assertClean();
  });

  const files = mkdtempSync(join(tmpdir(), 'deskbell-a11y-'));
  after(() => rmSync(files, { recursive: true, force: true }));

  for (const width of ['phone', 'desktop'] as const) {
    test(`a conversation with a person: a refused file, photos both ways and a PDF, the transfer form, then the rating (${width})`, async () => {
      const run = new Audit();
      const server = suite.server();
      const file = (name: string, bytes: Buffer): string => {
        const path = join(files, name);
        writeFileSync(path, bytes);
        return path;
      };
      const photo = file(`damaged-parcel-${width}.png`, png(120, 80, [200, 60, 30]));

      // The agent is in the console first, so the shopper's hand-off is theirs at once.
      const agent = await newPage(width);
      await consoleLogin(agent, server);
      const shop = await newPage(width);
      await shop.goto(`${server.url}/demo/product.html`);
      await shop.locator('deskbell-widget .db-launcher').click();
      await ask(shop, `My parcel arrived damaged, I want to talk to a person (${width})`);
      const attach = shop.getByLabel('Send a photo or PDF');
      await attach.waitFor({ state: 'attached' });

      // A file the widget does not send: its error message.
      await attach.setInputFiles(file('notes.txt', Buffer.from('not a picture')));
      await shop.locator('deskbell-widget [role=alert]').filter({ hasText: 'Only images' }).waitFor();
      await run.check(shop, `widget with a refused file's error (${width})`, 'deskbell-widget');

      await attach.setInputFiles(photo);
      await shop.locator('deskbell-widget [data-testid=message][data-author=visitor] [data-testid=attachment-image]').waitFor();
      await run.check(shop, `widget with a photo sent (${width})`, 'deskbell-widget');

      // The agent opens the conversation with the photo, and sends a picture and a PDF back.
      await agent.locator('[data-testid=conversation-row]').filter({ hasText: `damaged-parcel-${width}.png` }).first().click();
      await agent.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('[data-testid=message][data-author=visitor] [data-testid=attachment-image]');
        return img !== null && img.complete && img.naturalWidth === 120;
      });
      await run.check(agent, `console conversation with a photo (${width})`);
      await agent.locator('[data-testid=attach]').setInputFiles(file('size-chart.png', png(90, 60, [30, 90, 200])));
      await agent.locator('[data-testid=pending-files]').filter({ hasText: 'size-chart.png' }).waitFor();
      await agent.locator('[data-testid=attach]').setInputFiles(file('returns-form.pdf', PDF));
      await agent.locator('[data-testid=pending-files]').filter({ hasText: 'returns-form.pdf' }).waitFor();
      await agent.locator('[data-testid=composer]').fill('Sorry about that! Our size chart, and the returns form.');
      await run.check(agent, `console reply with two files waiting to be sent (${width})`);
      await agent.locator('[data-testid=send]').click();
      await agent.locator('[data-testid=message][data-author=agent][data-state=sent] [data-testid=attachment-image]').waitFor();
      await run.check(agent, `console conversation with files both ways (${width})`);

      await agent.locator('[data-testid=transfer]').click();
      await agent.locator('[data-testid=transfer-form]').waitFor();
      await run.check(agent, `console transfer form (${width})`);
      await agent.locator('[data-testid=transfer]').click();

      const reply = shop.locator('deskbell-widget [data-testid=message][data-author=agent]').filter({ hasText: 'returns form' });
      await reply.locator('img[alt="size-chart.png"]').waitFor();
      await reply.getByRole('button', { name: 'File: returns-form.pdf' }).waitFor();
      await run.check(shop, `widget with a reply carrying a photo and a PDF (${width})`, 'deskbell-widget');

      // The agent resolves: the shopper is asked for a rating.
      await agent.locator('[data-testid=resolve]').click();
      const rating = shop.locator('deskbell-widget [data-testid=rating]');
      await rating.waitFor();
      await run.check(shop, `widget rating after the agent resolved (${width})`, 'deskbell-widget');
      // The stars are symbols, which axe leaves undecided: as the only sign of the buttons they
      // need 3:1 on their background (WCAG 1.4.11; as large text, 1.4.3 asks the same).
      const [star = '', ground = ''] = await rating.evaluate((form) => [getComputedStyle(form.querySelector('.db-star') ?? form).color, getComputedStyle(form).backgroundColor]);
      assert.ok(contrast(star, ground) >= 3, `the rating's stars are ${contrast(star, ground).toFixed(2)}:1 on their background, under 3:1`);
      await rating.getByRole('button', { name: '4 of 5' }).click();
      await rating.getByLabel('Anything to add? (optional)').fill('Kind and quick');
      await run.check(shop, `widget rating with stars chosen and a comment (${width})`, 'deskbell-widget');
      await rating.getByRole('button', { name: 'Send rating' }).click();
      await shop.locator('deskbell-widget [data-testid=rated]').waitFor();
      await run.check(shop, `widget after the rating was sent (${width})`, 'deskbell-widget');
      await shop.context().close();
      await agent.context().close();
      run.assertClean();
    });
  }

  for (const width of ['phone', 'desktop'] as const) {
    test(`the console's dialogs and error messages: a wrong password, the FAQ entry dialog and its errors, an import refused, a delete confirmed, a prompt refused (${width})`, async () => {
      const run = new Audit();
      const server = suite.server();
      const page = await newPage(width);
      await page.goto(`${server.url}/console/`);
      await page.locator('[data-testid=login-email]').fill(demoLogin(server).email);
      await page.locator('[data-testid=login-password]').fill('not the password');
      await page.locator('[data-testid=login-submit]').click();
      await page.locator('#login-error').filter({ hasText: /\S/ }).waitFor();
      await run.check(page, `console login with a wrong password (${width})`);

      await consoleLogin(page, server);
      await page.locator('[data-testid=nav-faq]').click();
      await page.locator('[data-testid=faq-row]').first().waitFor();
      // The add / edit form: a modal dialog.
      await page.locator('[data-testid=faq-add]').click();
      await page.locator('[data-testid=faq-form]').waitFor();
      await run.check(page, `console FAQ entry dialog (${width})`);
      await page.locator('[data-testid=faq-field-question]').fill(`Do you rent out bicycles (${width})?`);
      await page.locator('[data-testid=faq-form-save]').click();
      await page.locator('[data-testid=faq-error-answer]').waitFor();
      await run.check(page, `console FAQ entry dialog with errors (${width})`);
      await page.locator('[data-testid=faq-form-cancel]').click();
      await page.locator('[data-testid=faq-form]').waitFor({ state: 'detached' });

      // An import with a bad row: refused, the line named.
      await page.locator('[data-testid=faq-import-open]').click();
      const csv = (rows: string): { name: string; mimeType: string; buffer: Buffer } => ({ name: 'more-faq.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,lang,question,answer\r\n${rows}`) });
      await page.locator('[data-testid=faq-import-file]').setInputFiles(csv(`a11y-${width},en,When are you open?,9 to 6.\r\nhours-fr,fr,Quand êtes-vous ouverts ?,De 9h à 18h.\r\n`));
      await page.locator('[data-testid=faq-import-submit]').click();
      await page.locator('[data-testid=faq-import-errors] li').first().waitFor();
      await run.check(page, `console FAQ import refused, with its errors (${width})`);

      // Delete, confirmed: the browser's own confirm() (no DOM for axe), then the status line.
      await page.locator('[data-testid=faq-import-file]').setInputFiles(csv(`a11y-${width},en,When are you open?,9 to 6.\r\n`));
      await page.locator('[data-testid=faq-import-submit]').click();
      const entry = page.locator(`[data-testid=faq-row][data-faq-id=a11y-${width}]`);
      await entry.waitFor();
      let asked = '';
      page.once('dialog', (dialog) => {
        asked = dialog.message();
        void dialog.accept();
      });
      await entry.locator('[data-testid=faq-delete]').click();
      await entry.waitFor({ state: 'detached' });
      assert.match(asked, /When are you open\?/, 'the confirmation names the entry');
      await run.check(page, `console FAQ after a delete (${width})`);

      // A prompt refused by the server: the reason next to its field.
      await page.locator('[data-testid=nav-triggers]').click();
      await page.locator('[data-testid=trg-add]').click();
      await page.locator('[data-testid=trg-form]').waitFor();
      await run.check(page, `console new prompt form (${width})`);
      await page.locator('[data-testid=trg-name]').fill('Deep readers');
      await page.locator('[data-testid=trg-text-en]').fill('Still reading? Ask us anything.');
      await page.locator('[data-testid=trg-conditions]').fill('[{ "type": "scroll", "percent": 150 }]');
      await page.locator('[data-testid=trg-save]').click();
      await page.locator('[data-testid=trg-error-conditions]').waitFor();
      await run.check(page, `console prompt form with an error (${width})`);
      await page.context().close();
      run.assertClean();
    });
  }
});
