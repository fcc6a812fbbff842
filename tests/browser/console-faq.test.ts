// The FAQ manager in the console, in Chromium, as a shop owner uses it: open it from the
// header, add an entry, see the bot rank it first for a question, import a file with a bad
// row and read which line is wrong.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { audit, describeFindings } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { STRINGS } from '../../server/console/i18n/index.js';
import type { Message } from '../../server/protocol.js';
import { spawnServer, tempDir, type ChildServer } from '../helpers/server.js';
import { clientId, connected, must, visitorSocket, type VisitorClient } from '../helpers/sockets.js';

describe('the console\'s FAQ manager', () => {
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

  /** A new shopper on the demo site asks one question; the socket stays open for their next step. */
  async function shopperAsks(question: string): Promise<{ socket: VisitorClient; bot: Message | undefined }> {
    const socket = visitorSocket(server.url, 'demo', { origin: server.url });
    await connected(socket);
    const replies: Message[] = [];
    socket.on('message:new', (m) => replies.push(m));
    await must(socket, 'session:sync', { afterSeq: 0, lang: 'en' });
    await must(socket, 'message:send', { clientId: clientId('ask'), body: question });
    // The bot replies inside the send, before the ack; its event may still be on the way.
    await new Promise((r) => setTimeout(r, 100));
    return { socket, bot: replies.find((m) => m.author === 'bot') };
  }

  /** Picks a CSV file in the import form and imports it (opening the form first, unless it is open). */
  async function importCsv(page: Page, name: string, csv: string, { open = true } = {}): Promise<void> {
    if (open) await page.locator('[data-testid=faq-import-open]').click();
    await page.locator('[data-testid=faq-import-file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-testid=faq-import-submit]').click();
  }

  async function logIn(page: Page): Promise<void> {
    const m = /Log in as:\s+(\S+) \/ (\S+)/.exec(server.output());
    assert.ok(m?.[1] && m[2], 'the demo prints its login');
    await page.goto(`${server.url}/console/`);
    await page.locator('[data-testid=login-email]').fill(m[1]);
    await page.locator('[data-testid=login-password]').fill(m[2]);
    await page.locator('[data-testid=login-submit]').click();
    // The availability picker: in sight at every width (log out is behind a toggle on a phone).
    await page.locator('[data-testid=status]').waitFor();
  }

  test('an owner adds an entry, the bot ranks it first for a question, and a bad import row is shown by line', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await logIn(page);

    // From the header, with the keyboard; the view says where the agent is.
    await page.locator('[data-testid=nav-faq]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=faq-row]').first().waitFor();
    assert.equal(await page.locator('[data-testid=nav-faq]').getAttribute('aria-current'), 'page');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'faq-title');
    const before = await page.locator('[data-testid=faq-row]').count();
    assert.ok(before > 10, 'the demo FAQ is listed');
    // The column headers sit over their columns (the table once took the entries card's
    // flex layout through a shared class: its headers bunched up on the left).
    const [headLefts, rowLefts] = await page.evaluate(() => {
      const table = document.querySelector('[data-testid=faq-row]')!.closest('table')!;
      return [table.querySelector('thead tr'), table.querySelector('[data-testid=faq-row]')]
        .map((tr) => [...(tr?.children ?? [])].map((cell) => Math.round(cell.getBoundingClientRect().left)));
    });
    assert.ok(headLefts && headLefts.length > 3);
    assert.deepEqual(headLefts, rowLefts, 'each header starts where its column does');

    // Add: the form opens as a dialog with focus in it; the server's reasons show by the fields.
    await page.locator('[data-testid=faq-add]').click();
    const form = page.locator('[data-testid=faq-form]');
    await form.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'question');
    await page.locator('[data-testid=faq-field-question]').fill('Do you rent out bicycles for tea farm tours?');
    await page.locator('[data-testid=faq-form-save]').click();
    await page.locator('[data-testid=faq-error-answer]').filter({ hasText: 'answer is empty' }).waitFor();
    assert.equal(await page.locator('[data-testid=faq-field-answer]').getAttribute('aria-invalid'), 'true');
    await page.locator('[data-testid=faq-field-answer]').fill('Yes: city bikes for NT$300 a day, booked at the counter.');
    await page.locator('[data-testid=faq-field-phrasings]').fill('bike rental\ncan I hire a bike');
    await page.locator('[data-testid=faq-field-tags]').fill('tours, bikes');
    await page.locator('[data-testid=faq-form-save]').click();
    await form.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid=faq-row]').filter({ hasText: 'Do you rent out bicycles' });
    await row.waitFor();
    assert.equal(await page.locator('[data-testid=faq-row]').count(), before + 1);
    assert.equal(await row.locator('[data-testid=faq-shown]').textContent(), '0');
    assert.match((await page.locator('[data-testid=faq-status]').textContent()) ?? '', /Added/);

    // Search narrows the list.
    await page.locator('[data-testid=faq-search]').fill('bike');
    assert.equal(await page.locator('[data-testid=faq-row]').count(), 1);
    await page.locator('[data-testid=faq-search]').fill('');

    // Try a question: the new entry is ranked first, with its score.
    await page.locator('[data-testid=faq-try-question]').fill('can I hire a bike?');
    await page.locator('[data-testid=faq-try-submit]').click();
    const first = page.locator('[data-testid=faq-try-match]').first();
    await first.waitFor();
    assert.match((await first.textContent()) ?? '', /Score 0\.\d{3}.*Do you rent out bicycles for tea farm tours\?/);
    assert.equal(await page.locator('[data-testid=faq-try-result]').getAttribute('data-decision'), 'answer');
    // "thanks" shows what the bot does with it: a reply in kind, no match, no hand-off.
    await page.locator('[data-testid=faq-try-question]').fill('thanks!');
    await page.locator('[data-testid=faq-try-submit]').click();
    await page.locator('[data-testid=faq-try-result]').getByText(STRINGS.en.faqTryInKind).waitFor();
    assert.match((await page.locator('[data-testid=faq-try-answer]').textContent()) ?? '', /You're welcome!/);
    assert.equal(await page.locator('[data-testid=faq-try-match]').count(), 0);

    // Import a CSV with a bad row: nothing is imported, the line is named.
    await importCsv(page, 'more-faq.csv', 'id,lang,question,answer\r\nhours-en,en,When are you open?,9 to 6.\r\nhours-fr,fr,Quand êtes-vous ouverts ?,De 9h à 18h.\r\n');
    const problem = page.locator('[data-testid=faq-import-errors] li');
    await problem.first().waitFor();
    assert.equal(await problem.count(), 1);
    assert.equal(await problem.first().textContent(), 'Line 3: lang must be one of en, zh-TW, zh-CN, th, not "fr"');
    assert.equal(await page.locator('[data-testid=faq-row]').count(), before + 1, 'nothing was imported');

    // Fixed, the same file imports.
    await importCsv(page, 'more-faq.csv', 'id,lang,question,answer\r\nhours-en,en,When are you open?,9 to 6.\r\n', { open: false });
    await page.locator('[data-testid=faq-import-status]').filter({ hasText: '1 added' }).waitFor();
    await page.locator('[data-testid=faq-row][data-faq-id=hours-en]').waitFor();

    // Disable, then delete (after confirming), with the keyboard-reachable row controls.
    const hours = page.locator('[data-testid=faq-row][data-faq-id=hours-en]');
    await hours.locator('[data-testid=faq-enabled]').click();
    await page.locator('[data-testid=faq-status]').filter({ hasText: 'is disabled' }).waitFor();
    assert.equal(await hours.locator('[data-testid=faq-enabled]').isChecked(), false);
    page.once('dialog', (dialog) => void dialog.accept());
    await hours.locator('[data-testid=faq-delete]').click();
    await hours.waitFor({ state: 'detached' });
    await page.close();
  });

  test('translations: rows name the languages an entry is also in; a topic takes one entry per language; a switch keeps the topic', async () => {
    // bypassCSP: the axe audits below arrive as an inline script.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const clean = async (where: string, selector: string): Promise<void> => {
      const { violations } = await audit(page, selector);
      assert.deepEqual(violations, [], describeFindings(where, violations));
    };
    await logIn(page);
    await page.goto(`${server.url}/console/#/faq`);
    const shipping = page.locator('[data-testid=faq-row][data-faq-id=shipping-en]');
    await shipping.waitFor();
    assert.equal(await shipping.locator('[data-testid=faq-translations]').textContent(), 'Also in: 繁體中文, 简体中文, ไทย');
    assert.deepEqual(await shipping.locator('[data-testid=faq-translations] [lang]').evaluateAll((els) => els.map((e) => e.getAttribute('lang'))), ['zh-TW', 'zh-CN', 'th']);

    await page.locator('[data-testid=faq-add]').click();
    const form = page.locator('[data-testid=faq-form]');
    await form.waitFor();
    assert.ok((await page.locator('#faq-topics option').count()) >= 20, "the site's topics are offered");
    await page.locator('[data-testid=faq-field-question]').fill('Do you wrap gifts in cloth?');
    await page.locator('[data-testid=faq-field-answer]').fill('Yes, in a furoshiki for NT$80.');
    await page.locator('[data-testid=faq-field-topic]').fill('gift-wrap');
    await page.locator('[data-testid=faq-form-save]').click();
    await page.locator('[data-testid=faq-error-topic]').filter({ hasText: 'topic "gift-wrap" already has a en entry' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'topic', 'focus goes to the field at fault');
    await clean('the entry form with a topic error', '[data-testid=faq-form]');
    await page.locator('[data-testid=faq-field-topic]').fill('cloth-wrap');
    await page.locator('[data-testid=faq-form-save]').click();
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-testid=faq-row]').filter({ hasText: 'Do you wrap gifts in cloth?' }).waitFor();

    // Entries written in both scripts without a topic are offered as a pair to link.
    assert.equal(await page.locator('[data-testid=faq-links]').count(), 0, 'the demo has nothing to link');
    await importCsv(page, 'bikes.csv', 'id,lang,question,answer\r\nbikes-zh-TW,zh-TW,可以租腳踏車嗎？,可以，一天三百元。\r\nbikes-zh-CN,zh-CN,可以租自行车吗？,可以，一天三百元。\r\n');
    const pair = page.locator('[data-testid=faq-links] [data-testid=faq-link]');
    await pair.waitFor();
    assert.equal(await pair.count(), 1);
    assert.deepEqual(await pair.locator('[lang]').evaluateAll((els) => els.map((e) => `${e.getAttribute('lang')} ${e.textContent}`)), ['zh-TW 可以租腳踏車嗎？', 'zh-CN 可以租自行车吗？']);
    await clean('the Chinese versions to link', '[data-testid=faq-links]');
    await pair.locator('[data-testid=faq-link-one]').click();
    await page.locator('[data-testid=faq-status]').filter({ hasText: 'Chinese versions linked: 1.' }).waitFor();
    await page.locator('[data-testid=faq-links]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=faq-row][data-faq-id=bikes-zh-TW] [data-testid=faq-translations]').textContent(), 'Also in: 简体中文');

    // The switch saves the whole entry: it must carry the topic along.
    await shipping.locator('[data-testid=faq-enabled]').click();
    await page.locator('[data-testid=faq-status]').filter({ hasText: 'is disabled' }).waitFor();
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const faq = (await (await fetch(`${server.url}/api/sites/demo/faq`, { headers: { cookie } })).json()) as { entries: Array<{ id: string; topic?: string; enabled: boolean }> };
    assert.deepEqual(faq.entries.filter((e) => e.id === 'shipping-en').map((e) => [e.enabled, e.topic]), [[false, 'shipping']]);
    await shipping.locator('[data-testid=faq-enabled]').click();
    await page.locator('[data-testid=faq-status]').filter({ hasText: 'is enabled' }).waitFor();
    await page.close();
  });

  test('on a phone, "try a question" shows a Simplified shopper what they get from a Traditional-only entry, and the owner turns the conversion off', async () => {
    // bypassCSP: the axe audit arrives as an inline script.
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    await logIn(page);
    await page.goto(`${server.url}/console/#/faq`);
    await page.locator('[data-testid=faq-row]').first().waitFor();
    // Written in Traditional only: no Simplified version to answer with.
    await importCsv(page, 'tea-class.csv', 'id,lang,question,answer\r\ntea-class-zh-TW,zh-TW,有開品茶課程嗎？,每週六下午有品茶課，名額十人，請來電預約。\r\n');
    await page.locator('[data-testid=faq-import-status]').filter({ hasText: '1 added' }).waitFor();

    await page.locator('[data-testid=faq-try-question]').fill('有开品茶课程吗');
    await page.locator('[data-testid=faq-try-lang]').selectOption('zh-CN');
    await page.locator('[data-testid=faq-try-submit]').click();
    const result = page.locator('[data-testid=faq-try-result][data-decision=answer]');
    await result.waitFor();
    assert.equal(await result.locator('[data-testid=faq-try-read-as]').textContent(), 'Read as 简体中文.');
    const first = result.locator('[data-testid=faq-try-match]').first();
    assert.equal(await first.getAttribute('data-faq-id'), 'tea-class-zh-TW');
    const question = first.locator('.faq-try-question');
    assert.equal(await question.textContent(), '有开品茶课程吗？', 'the question as the shopper reads it');
    assert.equal(await question.getAttribute('lang'), 'zh-CN', 'read out as Simplified');
    assert.equal(await first.locator('[data-testid=faq-try-entry]').textContent(), 'Entry tea-class-zh-TW, 繁體中文 · shown converted to 简体中文');
    assert.equal(await result.locator('[data-testid=faq-try-answer] p').textContent(), '每周六下午有品茶课，名额十人，请来电预约。', 'the answer as the bot sends it');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling at 390 px (page is ${width} px wide)`);
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/faq-try-phone.png' });
    for (const [where, selector] of [['the Try result', '.faq-try'], ['the bot settings', '[data-testid=faq-bot-settings]']] as const) {
      const { violations } = await audit(page, selector);
      assert.deepEqual(violations, [], describeFindings(where, violations));
    }

    // The switch, from the keyboard: off, the shown result is tried again and reads as written.
    const convert = page.locator('[data-testid=faq-convert-script]');
    assert.equal(await convert.isChecked(), true, 'on by default');
    await convert.focus();
    await page.keyboard.press('Space');
    await page.locator('[data-testid=faq-convert-script-note]').filter({ hasText: 'Saved.' }).waitFor();
    await result.locator('.faq-try-question').filter({ hasText: '有開品茶課程嗎？' }).waitFor();
    assert.equal(await result.locator('[data-testid=faq-try-answer] p').textContent(), '每週六下午有品茶課，名額十人，請來電預約。');
    assert.equal(await first.locator('[data-testid=faq-try-entry]').textContent(), 'Entry tea-class-zh-TW, 繁體中文');
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/faq-try-phone-off.png' });
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const settings = async () => ((await (await fetch(`${server.url}/api/sites/demo/bot-settings`, { headers: { cookie } })).json()) as { convertScript: boolean }).convertScript;
    assert.equal(await settings(), false, 'stored');
    await page.reload();
    await page.locator('[data-testid=faq-convert-script]').waitFor();
    assert.equal(await page.locator('[data-testid=faq-convert-script]').isChecked(), false, 'still off after a reload');
    await page.locator('[data-testid=faq-convert-script]').check();
    await page.locator('[data-testid=faq-convert-script-note]').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(await settings(), true);

    // A click on the match opens the entry shown, the Traditional one, for editing.
    await page.locator('[data-testid=faq-try-question]').fill('有开品茶课程吗');
    await page.locator('[data-testid=faq-try-lang]').selectOption('zh-CN');
    await page.locator('[data-testid=faq-try-submit]').click();
    await page.locator('[data-testid=faq-try-match] .faq-try-question').filter({ hasText: '有开品茶课程吗？' }).click();
    await page.locator('[data-testid=faq-form]').waitFor();
    assert.equal(await page.locator('[data-testid=faq-field-question]').inputValue(), '有開品茶課程嗎？');
    assert.equal(await page.locator('[data-testid=faq-field-lang]').inputValue(), 'zh-TW');
    await page.close();
  });

  test('on a phone, an owner sets the bot\'s thresholds from the keyboard, sees what they mean on the demo FAQ, is told what to fix, and goes back to the defaults', async () => {
    // bypassCSP: the axe audit arrives as an inline script.
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    await logIn(page);
    await page.goto(`${server.url}/console/#/faq`);
    const card = page.locator('[data-testid=faq-bot-settings]');
    const answer = page.locator('[data-testid=faq-threshold-answer]');
    const suggest = page.locator('[data-testid=faq-threshold-suggest]');
    await answer.waitFor();
    assert.equal(await answer.inputValue(), '0.8');
    assert.equal(await page.getByLabel('Answer by itself from this score', { exact: true }).getAttribute('data-testid'), 'faq-threshold-answer', 'the field is named by its label');
    const preview = page.locator('[data-testid=faq-threshold-preview]');
    const answered = async (): Promise<string> => (await preview.locator('[data-testid=faq-preview-answered]').textContent()) ?? '';
    await preview.locator('[data-testid=faq-preview-answered]').waitFor();
    const atDefault = await answered();
    assert.match(atDefault, /^Answered by the bot: \d+ \(\d+(\.\d)?%\), \d+ of them with the right entry$/);
    // Every wording of the demo FAQ as it is now (earlier tests here teach it phrasings), counted
    // here from the entries: each enabled entry's distinct wordings, when it has more than one.
    const wordings = await page.evaluate(async () => {
      const res = await fetch('/api/sites/demo/faq', { credentials: 'same-origin' });
      const { entries } = (await res.json()) as { entries: Array<{ question: string; phrasings: string[]; enabled: boolean }> };
      let n = 0;
      for (const e of entries) {
        const distinct = new Set([e.question, ...e.phrasings].map((t) => t.trim().toLowerCase()).filter(Boolean));
        if (e.enabled && distinct.size > 1) n += distinct.size;
      }
      return n;
    });
    assert.ok(wordings >= 500, `the demo FAQ has ${wordings} wordings`);
    assert.match((await preview.textContent()) ?? '', new RegExp(`’ ${wordings} wordings was asked`), 'every wording of the demo FAQ is asked');

    // From the keyboard: arrow keys step by 0.05, and the preview follows.
    await answer.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await answer.inputValue(), '0.9');
    await preview.locator('[data-testid=faq-preview-answered]').filter({ hasNotText: atDefault }).waitFor();
    const n = (text: string): number => Number(/: (\d+)/.exec(text)?.[1]);
    assert.ok(n(await answered()) < n(atDefault), `a stricter answer score answers fewer of the FAQ's own wordings (${await answered()} vs ${atDefault})`);

    // Suggest above answer: the field says what to do, the save is off, and the card passes the audit.
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('data-testid')) !== 'faq-threshold-suggest') await suggest.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.95');
    const error = page.locator('[data-testid=faq-threshold-suggest-error]');
    assert.equal(await error.textContent(), 'Make this no higher than the answer score, or raise that one.');
    assert.equal(await suggest.getAttribute('aria-invalid'), 'true');
    assert.match((await suggest.getAttribute('aria-describedby')) ?? '', /faq-threshold-suggest-error/, 'read out with the field');
    assert.equal(await page.locator('[data-testid=faq-thresholds-save]').isDisabled(), true);
    assert.equal(await preview.locator('[data-testid=faq-preview-answered]').count(), 0, 'no numbers for thresholds that cannot be saved');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling at 390 px (page is ${width} px wide)`);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/faq-thresholds-error-phone.png', fullPage: false });
    const { violations } = await audit(page, '[data-testid=faq-bot-settings]');
    assert.deepEqual(violations, [], describeFindings('the bot settings with an error', violations));

    // Fixed, and saved with Enter: stored, and still there after a reload.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.4');
    assert.equal(await error.count(), 0);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=faq-thresholds-note]').filter({ hasText: 'Saved.' }).waitFor();
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const stored = async () => ((await (await fetch(`${server.url}/api/sites/demo/bot-settings`, { headers: { cookie } })).json()) as { thresholds: Record<string, number> }).thresholds;
    assert.deepEqual(await stored(), { answer: 0.9, suggest: 0.4, coverage: 0.25 });
    await preview.locator('[data-testid=faq-preview-answered]').waitFor();
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/faq-thresholds-saved-phone.png' });
    await page.reload();
    await answer.waitFor();
    assert.equal(await answer.inputValue(), '0.9');

    // "Back to the default", from the keyboard, for each changed field; then saved.
    for (const name of ['answer', 'suggest']) {
      await page.locator(`[data-testid=faq-threshold-${name}-default]`).focus();
      await page.keyboard.press('Enter');
    }
    assert.equal(await answer.inputValue(), '0.8');
    assert.equal(await suggest.inputValue(), '0.3');
    assert.equal(await page.locator('[data-testid=faq-threshold-answer-default]').isDisabled(), true, 'nothing to undo at the default');
    await page.locator('[data-testid=faq-thresholds-save]').click();
    await page.locator('[data-testid=faq-thresholds-note]').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(await stored(), { answer: 0.8, suggest: 0.3, coverage: 0.25 });
    await page.close();
  });

  test('at tablet width the view fits and a shopper\'s unanswered question becomes a prefilled new entry', async () => {
    const page = await browser.newPage({ viewport: { width: 820, height: 1180 } });
    await logIn(page);
    // A shopper asks something the demo FAQ does not know, and turns down what the bot offers.
    const { socket: shopper, bot: reply } = await shopperAsks('Do you have a shop in Kaohsiung with parking for tour buses?');
    if (reply?.meta?.kind === 'answer') await must(shopper, 'bot:feedback', { messageId: reply.id, helpful: false });
    if (reply?.meta?.kind === 'suggest') await must(shopper, 'bot:choose', { messageId: reply.id, faqId: null });
    shopper.close();

    await page.goto(`${server.url}/console/#/faq`);
    const item = page.locator('[data-testid=unanswered-item]').filter({ hasText: 'Kaohsiung' });
    await item.waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 820, `no sideways scrolling at 820 px (page is ${width} px wide)`);
    await item.locator('[data-testid=unanswered-create]').click();
    await page.locator('[data-testid=faq-form]').waitFor();
    assert.equal(await page.locator('[data-testid=faq-field-question]').inputValue(), 'Do you have a shop in Kaohsiung with parking for tour buses?');
    assert.equal(await page.locator('[data-testid=faq-field-lang]').inputValue(), 'en');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=faq-form]').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'unanswered-create', 'focus goes back to the button');
    await page.close();
  });

  test('on a phone, an owner dismisses a question that needs no entry, from the keyboard, and can undo it', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logIn(page);
    const question = 'สวัสดีครับ ทดสอบระบบ'; // "hello, testing the system": nothing to add to a FAQ
    // The shopper turns down whatever the bot offers: the question lands on the unanswered list.
    const ask = async (): Promise<void> => {
      const { socket, bot } = await shopperAsks(question);
      if (bot?.meta?.kind === 'answer') await must(socket, 'bot:feedback', { messageId: bot.id, helpful: false });
      if (bot?.meta?.kind === 'suggest') await must(socket, 'bot:choose', { messageId: bot.id, faqId: null });
      socket.close();
    };
    await ask();

    await page.goto(`${server.url}/console/#/faq`);
    const item = page.locator('[data-testid=unanswered-item]').filter({ hasText: question });
    await item.waitFor();
    const dismiss = item.getByRole('button', { name: `Dismiss “${question}”` });
    await dismiss.focus();
    await page.keyboard.press('Enter');
    await item.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'faq-undo-button', 'focus goes to the undo, not lost with the item');
    await page.locator('[data-testid=faq-status]').filter({ hasText: 'comes back only if a shopper asks it again' }).waitFor();
    await page.screenshot({ path: '/tmp/faq-phone.png', fullPage: false });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling at 390 px (page is ${width} px wide)`);
    // An entry's switch and Edit are on screen, not scrolled off to the side of the table.
    for (const control of ['faq-enabled', 'faq-edit']) {
      const box = await page.locator(`[data-testid=${control}]`).first().boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${control} within the phone's width (${JSON.stringify(box)})`);
    }
    await page.reload();
    await page.locator('[data-testid=faq-unanswered]').getByText('Refresh').waitFor();
    await page.locator('[data-testid=faq-row]').first().waitFor();
    assert.equal(await page.locator('[data-testid=unanswered-item]').filter({ hasText: question }).count(), 0, 'still dismissed after a reload: the server keeps it');

    // Undo, from a fresh dismissal.
    await ask();
    await page.locator('[data-testid=faq-unanswered-refresh]').click();
    await item.waitFor();
    await item.locator('[data-testid=unanswered-dismiss]').click();
    await item.waitFor({ state: 'detached' });
    await page.keyboard.press('Enter'); // on the undo
    await item.waitFor();
    assert.equal(await item.getAttribute('data-count'), '1', 'back as it was: the asking since the first dismissal');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'faq-unanswered-title', 'focus goes to the list');
    assert.equal(await page.locator('[data-testid=faq-undo]').count(), 0);
    // The settings' notes are read on a phone too (a rule that hid every hint there hid them).
    await page.locator('[data-testid=nav-settings]').click();
    await page.locator('[data-testid=backups-off]').filter({ hasText: '--backup-dir' }).waitFor({ state: 'visible' });
    await page.locator('#consent-hint').waitFor({ state: 'visible' });
    await page.close();
  });

  test("an owner adds a shopper's wording to the entry it means, and the bot answers it from then on", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page);
    const ask = async (question: string): Promise<Message | undefined> => {
      const { socket, bot } = await shopperAsks(question);
      socket.close();
      return bot;
    };
    const wording = 'Can my neighbour sign for the box if I am out?';
    assert.equal((await ask(wording))?.meta?.kind, 'handoff', 'the demo FAQ has no answer for it yet');

    await page.goto(`${server.url}/console/#/faq`);
    const item = page.locator('[data-testid=unanswered-item]').filter({ hasText: 'neighbour' });
    await item.waitFor();
    const toggle = item.locator('[data-testid=unanswered-teach]');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const choice = item.locator('[data-testid=unanswered-teach-entry]');
    await choice.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'unanswered-teach-entry', 'focus goes to the choice');
    const offered = await choice.locator('option').allTextContents();
    assert.ok(offered.length > 5 && offered.every((q) => !/[\u0E00-\u0E7F\u4E00-\u9FFF]/.test(q)), 'only the English entries are offered');
    await choice.selectOption({ label: 'How long does delivery take and how much does shipping cost?' });
    await item.locator('[data-testid=unanswered-teach-submit]').click();
    await item.getByText('The bot now answers this with “How long does delivery take and how much does shipping cost?”').waitFor();
    await page.getByText('Added to “How long does delivery take and how much does shipping cost?” as a phrasing').waitFor();

    const reply = await ask(wording);
    assert.equal(reply?.meta?.kind, 'answer', 'a shopper asking it now is answered');
    assert.match(reply?.body ?? '', /business day/);
    await page.close();
  });

  test("a shopper's pick among the bot's suggestions shows as their own words, and one click teaches the entry", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page);
    const wording = 'what about my order';
    const { socket: shopper, bot: offer } = await shopperAsks(wording);
    assert.equal(offer?.meta?.kind, 'suggest', 'the demo bot offers a choice for it');
    await must(shopper, 'bot:choose', { messageId: offer?.id, faqId: 'order-status-en' });
    shopper.close();

    await page.goto(`${server.url}/console/#/faq`);
    const item = page.locator('[data-testid=learned-item]').filter({ hasText: wording });
    await item.waitFor();
    await item.getByText('Picked “Where is my order? How can I track it?”').waitFor();
    await item.locator('[data-testid=learned-add]').click();
    await item.waitFor({ state: 'detached' });
    await page.getByText('Added to “Where is my order? How can I track it?” as a phrasing').waitFor();

    const { socket: again, bot: reply } = await shopperAsks(wording);
    again.close();
    assert.equal(reply?.meta?.kind, 'answer', 'the next shopper who asks it so is answered at once');
    assert.equal(reply?.meta?.kind === 'answer' ? reply.meta.faqId : null, 'order-status-en');
    await page.close();
  });
});
