// The widget's human side in Chromium: the place in line, nobody online with
// leave-a-message (validated), the agent arriving live, and the rating after resolve.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseHours } from '../../server/routing/hours.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { demoLogin, demoSuite } from '../helpers/demo.js';
import { login } from '../helpers/server.js';
import { agentSocket, connected, findConversation, must } from '../helpers/sockets.js';

const SHOTS = process.env.DESKBELL_SCREENSHOTS;

describe('the widget with the queue, in Chromium', () => {
  const demo = demoSuite();

  test('waiting in line with nobody online, leaving a message, then an agent, a resolve and a rating', async () => {
    const server = demo.server();
    const page = await demo.browser().newPage({ viewport: { width: 420, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/demo/index.html`);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').fill('I want to talk to a human');
    await page.keyboard.press('Enter');

    const status = page.locator('[data-testid=queue-status]');
    await status.waitFor();
    assert.match(await status.innerText(), /number 1 in line/);
    assert.match(await status.innerText(), /No wait estimate yet/, 'honest: no real waits to go by');
    const nobody = page.locator('[data-testid=nobody-online]');
    await nobody.waitFor();

    await nobody.getByRole('button', { name: 'Leave a message' }).click();
    const form = page.locator('[data-testid=leave-form]');
    await form.getByLabel('Your email').fill('mei@example');
    await form.getByLabel('Your message').fill('Please email me about my refund.');
    await form.getByRole('button', { name: 'Send message' }).click();
    await form.getByRole('alert').filter({ hasText: 'name@example.com' }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-leave-message.png` });
    await form.getByLabel('Your email').fill('mei@example.com');
    await form.getByRole('button', { name: 'Send message' }).click();
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-testid=message][data-author=visitor]').filter({ hasText: 'refund' }).waitFor();

    // An agent logs in: the widget hears it live, and the shopper is assigned.
    const { email, password } = demoLogin(server);
    const agent = agentSocket(server.url, await login(server.url, email, password));
    await connected(agent);
    await nobody.waitFor({ state: 'detached' });
    await status.waitFor({ state: 'detached' });
    const conversation = await findConversation(agent, 'Please email me about my refund.');
    assert.ok(conversation);
    assert.equal(conversation.identity.email, 'mei@example.com');

    await must(agent, 'conversation:resolve', { conversationId: conversation.id });
    const rating = page.locator('[data-testid=rating]');
    await rating.waitFor();
    await rating.getByRole('button', { name: '4 of 5' }).click();
    assert.equal(await rating.getByRole('button', { name: '4 of 5' }).getAttribute('aria-pressed'), 'true');
    await rating.getByLabel('Anything to add? (optional)').fill('Kind and quick');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-rating.png` });
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await page.locator('[data-testid=rated]').waitFor();

    // The shopper keeps a copy of the conversation.
    const download = page.waitForEvent('download');
    await page.locator('[data-testid=transcript]').click();
    const file = await (await download).path();
    assert.match(readFileSync(file, 'utf8'), /Please email me about my refund\./);

    const store = openSqliteStore({ path: demo.dbPath });
    try {
      const row = await store.getConversation(conversation.id);
      assert.deepEqual([row?.rating, row?.ratingComment], [4, 'Kind and quick']);
    } finally {
      await store.close();
    }
    assert.deepEqual(errors, []);
    agent.close();
    await page.close();
  });

  test('outside business hours the widget says when people are back and offers leave-a-message; identify() from the page snippet', async () => {
    const store = openSqliteStore({ path: demo.dbPath });
    let hash = '';
    try {
      const site = await store.getSiteByKey('demo');
      hash = createHmac('sha256', await store.identitySecret(site!.id, () => randomBytes(32).toString('hex'))).update('cust-77').digest('hex');
      // Open only the day after tomorrow: closed now, whatever the day.
      const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(Date.now() + 2 * 86_400_000).getUTCDay()];
      await store.updateSite(site!.id, { hours: parseHours(`${day} 09:00-17:00`, 'UTC') });
    } finally {
      await store.close();
    }
    const page = await demo.browser().newPage({ viewport: { width: 420, height: 760 } });
    // The documented snippet, before the widget loads: its call is queued and replayed.
    await page.addInitScript((h) => {
      (window as unknown as { Deskbell: unknown }).Deskbell = { q: [['identify', { id: 'cust-77', name: 'Mei Lin', hash: h }]] };
    }, hash);
    await page.goto(`${demo.server().url}/demo/index.html`);
    await page.locator('deskbell-widget .db-launcher').click();
    await page.locator('[data-testid=composer]').fill('Where is my parcel?');
    await page.keyboard.press('Enter');
    const closed = page.locator('[data-testid=closed-hours]');
    await closed.waitFor();
    assert.match(await closed.innerText(), /We are closed now\. Back /);
    await closed.getByRole('button', { name: 'Leave a message' }).click();
    await page.locator('[data-testid=leave-form]').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-closed.png` });
    const db = openSqliteStore({ path: demo.dbPath });
    try {
      // The conversation this page started belongs to the identified, verified customer.
      const mine = (await db.listConversations({ status: 'open', limit: 50 })).filter((c) => c.identity.externalId === 'cust-77');
      assert.equal(mine.length, 1);
      assert.deepEqual(mine[0]?.identity, { name: 'Mei Lin', email: null, externalId: 'cust-77', verified: true });
      assert.ok((await db.listMessages(mine[0]!.id, 0, 10)).some((m) => m.body === 'Where is my parcel?'));
    } finally {
      await db.close();
    }
    await page.close();
  });
});
