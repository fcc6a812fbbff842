// The reports dashboard in Chromium: a known week of one shop (the hand-built history of the
// metric tests, recorded as events through the real store) and half of it the week before;
// the headline figures and their changes on screen are the ones worked out below, a table
// sorts by its header (mouse and keyboard, aria-sort), and its CSV download holds the rows in
// the order shown. Screenshots at laptop and phone widths go to DESKBELL_SCREENSHOTS if set.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { AgentService } from '../../server/agents.js';
import { EventBus } from '../../server/events.js';
import { systemClock } from '../../server/ids.js';
import { audit, describeFindings } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { eventsFor, H, week, WEEK_LANGS } from '../helpers/report-history.js';
import { AGENT, startServer, type InProcessServer } from '../helpers/server.js';
import { chooseConsoleLanguage } from '../helpers/demo.js';
import { faqEntry } from '../helpers/shop-faq.js';

const WEEK_MS = 7 * 24 * H;

describe("the console's reports dashboard", () => {
  let server: InProcessServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    const store = server.deskbell.store;
    await server.deskbell.registry.import(server.site.id, [{ ...faqEntry('ship', 'en', 'How long does shipping take?'), keywords: [] }]);
    const ann = (await store.getAgentByEmail(AGENT.email))!;
    const bo = await new AgentService(store, systemClock, new EventBus()).create({ email: 'bo@shop.example', name: 'Bo', password: 'another long password' });
    const agentIds: Record<string, string> = { a: ann.id, b: bo.id };
    const rename = (id: string | null): string | null => (id === null ? null : agentIds[id] ?? id);
    // This week (Mon 2 - Sun 8 March 2026, UTC): all eight conversations. The week before:
    // its first four (two the bot's alone, two handed off), a week earlier. This week's in
    // their languages (WEEK_LANGS), the week before's in none.
    const current = week().map((f) => ({ ...f, lang: WEEK_LANGS[f.conversationId]! }));
    const earlier = week().slice(0, 4).map((f) => ({
      ...f, conversationId: `p-${f.conversationId}`, startedAt: f.startedAt - WEEK_MS,
      handoffAt: f.handoffAt && f.handoffAt - WEEK_MS, queuedAt: f.queuedAt && f.queuedAt - WEEK_MS, assignedAt: f.assignedAt && f.assignedAt - WEEK_MS,
      firstAgentReplyAt: f.firstAgentReplyAt && f.firstAgentReplyAt - WEEK_MS, resolvedAt: f.resolvedAt && f.resolvedAt - WEEK_MS,
    }));
    for (const f of [...earlier, ...current]) {
      const facts = { ...f, agentId: rename(f.agentId), firstReplyAgentId: rename(f.firstReplyAgentId) };
      for (const event of eventsFor(server.site.id, facts)) await store.recordEvent(event);
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openReports(page: Page): Promise<void> {
    await page.goto(`${server.url}/console/`);
    await page.locator('[data-testid=login-email]').fill(AGENT.email);
    await page.locator('[data-testid=login-password]').fill(AGENT.password);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=nav-reports]').click();
    await page.locator('[data-testid=reports-view]').waitFor();
    assert.equal(await page.locator('[data-testid=nav-reports]').getAttribute('aria-current'), 'page');
    // The seeded week, as a custom range.
    await page.locator('[data-testid=report-preset]').selectOption('custom');
    await page.locator('[data-testid=report-from]').fill('2026-03-02');
    await page.locator('[data-testid=report-to]').fill('2026-03-08');
    await page.locator('[data-testid=report-apply]').click();
    await page.locator('[data-testid=report-status]').filter({ hasText: 'Figures for 2026-03-02 to 2026-03-08.' }).waitFor();
  }

  const headline = async (page: Page, key: string): Promise<{ value: string; change: string; previous: string }> => {
    const card = page.locator(`[data-testid=headline-${key}]`);
    return {
      value: (await card.locator('[data-testid=value]').textContent())!,
      change: (await card.locator('[data-testid=change]').textContent())!.replace(/^[▲▼]\s*/, ''),
      previous: (await card.locator('[data-testid=previous]').textContent())!,
    };
  };

  test('the headline figures are the worked-out ones, with their change against the week before', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openReports(page);

    // 8 conversations; the week before 4: up 100 %.
    assert.deepEqual(await headline(page, 'conversations'), { value: '8', change: 'Up 100%', previous: 'Previous period: 4' });
    // c1 and c2 the bot's alone: 2 / 8; the week before 2 / 4.
    assert.deepEqual(await headline(page, 'deflection'), { value: '25%', change: 'Down 25 pts', previous: 'Previous period: 50%' });
    // c3, c4, c5, c7, c8 handed off: 5 / 8 = 62.5 %; before 2 / 4.
    assert.deepEqual(await headline(page, 'handoff-rate'), { value: '62.5%', change: 'Up 12.5 pts', previous: 'Previous period: 50%' });
    // Waits: c3 30 s (hand-off to first reply, no queue), c7 60 s, c4 120 s → median (rank 2) 60 s = 1 min,
    // 90th percentile (rank ⌈2.7⌉ = 3) 120 s = 2 min. Before: c3 30 s, c4 120 s → median 30 s, p90 120 s.
    assert.deepEqual(await headline(page, 'wait-median'), { value: '1 min', change: 'Up 100%', previous: 'Previous period: 30 s' });
    assert.deepEqual(await headline(page, 'wait-p90'), { value: '2 min', change: 'No change', previous: 'Previous period: 2 min' });
    // c5 of the five that waited left: 20 %; before none of two.
    assert.deepEqual(await headline(page, 'abandonment'), { value: '20%', change: 'Up 20 pts', previous: 'Previous period: 0%' });
    // First responses 30 (c3), 40 (c6, from its start), 90 (c7), 150 (c4) → median 40 s; before 30, 150 → 30 s.
    assert.deepEqual(await headline(page, 'first-response'), { value: '40 s', change: 'Up 33.3%', previous: 'Previous period: 30 s' });
    // Resolutions 600 s, 2 h, 24 h, 25 h → median 2 h; before 2 h, 25 h → 2 h.
    assert.deepEqual(await headline(page, 'resolution'), { value: '2 h', change: 'No change', previous: 'Previous period: 2 h' });
    // Within 24 h: c3, c6, c7 (exactly 24 h counts) of the 6 not the bot's alone = 50 %; before c3 of 2.
    assert.deepEqual(await headline(page, 'within-24h'), { value: '50%', change: 'No change', previous: 'Previous period: 50%' });
    // Ratings 5, 2, 4, 5 → 4.00; before 5, 2 → 3.50.
    assert.deepEqual(await headline(page, 'csat'), { value: '4.00', change: 'Up 0.50', previous: 'Previous period: 3.50' });

    // The busiest hours: Monday 09:00-12:00 one each, and so on; 8 in all.
    const cells = await page.locator('[data-testid=heatmap] tbody td').allTextContents();
    assert.equal(cells.length, 7 * 24);
    assert.equal(cells.reduce((sum, n) => sum + Number(n), 0), 8);
    assert.equal(cells[9], '1', 'Monday 09:00');
    // The FAQ entry by its question: shown four times (c1 twice, c2 and c3 once each).
    const faqRow = page.locator('[data-testid=table-faq] tbody tr').first();
    assert.deepEqual(await faqRow.locator('th, td').allTextContents(), ['How long does shipping take?', '4', '0', '0', 'no data']);
    await shoot(page, 'reports-laptop');
    await page.close();
  });

  test('a table sorts by its header, and its CSV download holds the rows as shown', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await openReports(page);
    const table = page.locator('[data-testid=table-agents]');
    const names = (): Promise<string[]> => table.locator('tbody th').allTextContents();
    // Most conversations first: Ann has c3, c6, c7; Bo has c4.
    assert.deepEqual(await names(), ['Ann', 'Bo']);
    const header = table.locator('th').filter({ has: page.locator('[data-testid=sort-agents-conversations]') });
    await page.locator('[data-testid=sort-agents-conversations]').click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await names(), ['Ann', 'Bo']);
    // Again, from the keyboard: fewest first.
    await page.locator('[data-testid=sort-agents-conversations]').focus();
    await page.keyboard.press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await names(), ['Bo', 'Ann']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-agents]').click()]);
    assert.match(download.suggestedFilename(), /^report-[\w-]+-agents-2026-03-02-2026-03-08\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'a byte-order mark for spreadsheet programs');
    // Raw values: seconds and the 1-5 average. Bo: c4's first reply 150 s after it was queued; rated 2.
    // Ann: first replies 30, 40, 90 s → median 40, p90 90; rated 5, 4, 5 → 4.67.
    assert.equal(csv.slice(1), [
      'Agent,Conversations,First response (median),First response (90th percentile),Resolved,Satisfaction',
      'Bo,1,150,150,1,2',
      'Ann,3,40,90,3,4.67',
      '',
    ].join('\r\n'));
    await page.close();
  });

  test('the table by language holds each language\'s figures, and its CSV the raw values', async () => {
    // bypassCSP: axe is injected as an inline script.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, bypassCSP: true });
    await openReports(page);
    const rows = page.locator('[data-testid=table-languages] tbody tr');
    const cells = async (): Promise<string[][]> => Promise.all((await rows.all()).map((r) => r.locator('th, td').allTextContents()));
    // en: c1 (the bot alone), c6 (rated 4). zh-TW: c3, waited 30 s (hand-off to first reply),
    // rated 5. zh-CN: c7, waited 60 s, rated 5. th: c2 (the bot alone), c4 (waited 120 s,
    // rated 2) and c5 (left): 1/3, 2/3, 1 of the 2 that waited. c8 in no known language.
    assert.deepEqual(await cells(), [
      ['English', '2', '50%', '0%', 'no data', 'no data', '4.00', '1'],
      ['繁體中文', '1', '0%', '100%', '30 s', '0%', '5.00', '1'],
      ['简体中文', '1', '0%', '100%', '1 min', '0%', '5.00', '1'],
      ['ไทย', '3', '33.3%', '66.7%', '2 min', '50%', '2.00', '1'],
      ['Not known', '1', '0%', '100%', 'no data', '0%', 'no data', '0'],
    ]);
    // Sorted by queue wait, longest first: the languages with none come last.
    await page.locator('[data-testid=sort-languages-wait-median]').click();
    assert.deepEqual((await cells()).map((r) => r[0]), ['ไทย', '简体中文', '繁體中文', 'English', 'Not known']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-languages]').click()]);
    assert.match(download.suggestedFilename(), /^report-[\w-]+-languages-2026-03-02-2026-03-08\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.equal(csv, [
      '\uFEFFLanguage,Conversations,Resolved by the bot alone,Handed to a person,Queue wait (median),Left before an agent came,Satisfaction,Ratings',
      'ไทย,3,0.3333,0.6667,120,0.5,2,1',
      '简体中文,1,0,1,60,0,5,1',
      '繁體中文,1,0,1,30,0,5,1',
      'English,2,0.5,0,,,4,1',
      'Not known,1,0,1,,0,,0',
      '',
    ].join('\r\n'));
    const { violations, passed } = await audit(page, '[data-testid=table-languages]');
    assert.equal(violations.length, 0, describeFindings('the table by language', violations));
    assert.ok(passed > 0);
    await shoot(page, 'reports-languages');
    await page.close();
  });

  test('on a phone the dashboard fits the width, and the language can change', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await openReports(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'no sideways scrolling of the page');
    await shoot(page, 'reports-phone');
    await chooseConsoleLanguage(page, 'zh-TW');
    await page.locator('#reports-title').filter({ hasText: '報表' }).waitFor();
    assert.equal(await page.locator('[data-testid=headline-conversations] [data-testid=change]').textContent(), '▲ 上升 100%');
    await shoot(page, 'reports-phone-zh-TW');
    await page.close();
  });
});

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.DESKBELL_SCREENSHOTS;
  if (!dir) return;
  // The view scrolls inside the workspace, so the window is made as tall as its content.
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.querySelector('.faq-page')!.scrollHeight + document.querySelector('.topbar')!.clientHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: join(dir, `${name}.png`) });
  await page.setViewportSize(size);
}
