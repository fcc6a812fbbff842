// In the console (Chromium): a plain agent looking at a colleague's conversation finds the reply
// box, Resolve and Close disabled with the reason and no Claim (not actions that fail after the
// click), and sends no "typing" there; the shopper panel says, in a live region, when a reply's
// email could not be delivered.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Message } from '../../server/protocol.js';
import { launchBrowser } from '../helpers/browser.js';
import { connectAgent, connectShopper, createAgents, eventually, PASSWORD, type TestAgent } from '../helpers/queue.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { downSmtp, type DownSmtp } from '../helpers/smtp.js';
import { agentSocket, clientId, connected, must, type AgentClient } from '../helpers/sockets.js';

const SHOTS = process.env.DESKBELL_SCREENSHOTS;

/** `watch` sees the page before it loads (to listen to its socket from the first frame). */
async function consoleAs(browser: Browser, url: string, email: string, password: string, watch?: (page: Page) => void): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  watch?.(page);
  await page.goto(`${url}/console/`);
  await page.locator('[data-testid=login-email]').fill(email);
  await page.locator('[data-testid=login-password]').fill(password);
  await page.locator('[data-testid=login-submit]').click();
  await page.locator('[data-testid=logout]').waitFor();
  return page;
}

async function openRow(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid=filter-open]').click();
  await page.locator('[data-testid=conversation-row]', { hasText: text }).click();
}

describe('the console: who may write, and reply emails not delivered', () => {
  let server: InProcessServer;
  let browser: Browser;
  let manager: AgentClient;
  let ben: TestAgent;
  let cai: { id: string; name: string; email: string };
  let down: DownSmtp;
  before(async () => {
    down = await downSmtp();
    server = await startServer({ app: { smtp: { url: `smtp://127.0.0.1:${down.port}`, from: 'Test Shop <help@shop.example>', retry: { firstRetryMs: 100, maxRetryMs: 200, giveUpAfterMs: 500 } } } });
    const [b, c] = await createAgents(server.deskbell.store, 2);
    ben = await connectAgent(server.url, b!);
    cai = c!;
    manager = agentSocket(server.url, await login(server.url));
    await connected(manager);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    manager.close();
    ben.socket.close();
    await server.close();
    await down.close();
  });

  /** The text an element's aria-describedby points to: what a screen reader reads after its name. */
  const description = (page: Page, testId: string) => page.locator(`[data-testid=${testId}]`).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim());

  test("a plain agent's reply box, Resolve and Close are disabled, with the reason, in a colleague's conversation; no Claim", async () => {
    const shopper = await connectShopper(server.url, server.site.key);
    await shopper.send('Held by Ben: where is my order?');
    const id = shopper.conversationId();
    await eventually(() => assert.equal(shopper.latest()?.routing, 'assigned'));
    if ((await server.deskbell.store.getConversation(id))?.assignedAgentId !== ben.id) {
      await must(manager, 'conversation:transfer', { conversationId: id, agentId: ben.id });
    }
    const page = await consoleAs(browser, server.url, cai.email, PASSWORD);
    await openRow(page, 'Held by Ben');
    const reason = page.locator('[data-testid=composer-blocked]');
    await reason.waitFor();
    assert.match((await reason.textContent()) ?? '', /Agent 1 is answering this conversation/);
    assert.equal(await page.locator('[data-testid=composer]').isDisabled(), true);
    assert.equal(await page.locator('[data-testid=send]').isDisabled(), true);
    assert.match((await page.locator('[data-testid=composer]').getAttribute('aria-describedby')) ?? '', /composer-blocked/);
    if (SHOTS) await page.locator('.conversation-main').screenshot({ path: `${SHOTS}/console-composer-held.png` });
    // Resolve and Close would be refused (DESKBELL_CONVERSATION_HELD): disabled, saying why; Claim
    // is refused to everyone while someone holds it: not offered.
    for (const action of ['resolve', 'close-conversation']) {
      assert.equal(await page.locator(`[data-testid=${action}]`).isDisabled(), true, action);
      assert.equal(await description(page, action), 'Agent 1 is answering this conversation, so only they or a manager can resolve or close it.');
    }
    assert.equal(await page.locator('[data-testid=claim]').count(), 0);

    // Transferred to Cai: the box and the actions open, live.
    await must(ben.socket, 'conversation:transfer', { conversationId: id, agentId: cai.id });
    await reason.waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=composer]').isDisabled(), false);
    for (const action of ['resolve', 'close-conversation']) {
      assert.equal(await page.locator(`[data-testid=${action}]`).isDisabled(), false, action);
      assert.equal(await description(page, action), '');
    }
    shopper.socket.close();
    await page.close();
  });

  test('typing begun before a colleague took the conversation: no "typing" is sent once the reply box is disabled', async () => {
    await must(manager, 'site:routing', { siteKey: server.site.key, mode: 'manual' });
    const shoppers = [await connectShopper(server.url, server.site.key), await connectShopper(server.url, server.site.key)];
    try {
      await shoppers[0]!.send('Waiting: can I change my size?');
      await shoppers[1]!.send('Also waiting: gift wrap?');
      const [id, otherId] = shoppers.map((x) => x.conversationId());
      // Every frame of the console's socket, both ways, in the order the browser saw them.
      const frames: Array<{ out: boolean; text: string }> = [];
      const page = await consoleAs(browser, server.url, cai.email, PASSWORD, (p) => p.on('websocket', (ws) => {
        ws.on('framesent', (f) => frames.push({ out: true, text: String(f.payload) }));
        ws.on('framereceived', (f) => frames.push({ out: false, text: String(f.payload) }));
      }));
      const typingSent = (from: number) => frames.slice(from).filter((f) => f.out && f.text.includes('"typing:set"')).map((f) => f.text);
      await openRow(page, 'can I change my size');
      // Nobody holds it: Cai's typing goes out.
      await page.locator('[data-testid=composer]').pressSequentially('Let me');
      await eventually(() => assert.ok(typingSent(0).some((f) => f.includes(id!) && f.includes('"typing":true'))));
      // Ben takes it while Cai's "typing" is live (its "stopped" is still to come).
      await page.locator('[data-testid=composer]').press('Space');
      await must(ben.socket, 'conversation:claim', { conversationId: id });
      await page.locator('[data-testid=composer-blocked]').waitFor();
      // From the frame that told the console Ben has it, nothing about typing goes out: not when
      // the reply box is disabled under the cursor, nor when Cai leaves for another conversation
      // (whose open request shows the console got past that point).
      const told = frames.findIndex((f) => !f.out && f.text.includes('"conversation:update"') && f.text.includes(id!) && f.text.includes('"routing":"assigned"'));
      assert.ok(told >= 0);
      await openRow(page, 'gift wrap');
      await eventually(() => assert.ok(frames.slice(told).some((f) => f.out && f.text.includes('"conversation:open"') && f.text.includes(otherId!))));
      assert.deepEqual(typingSent(told), []);
      await page.close();
    } finally {
      for (const x of shoppers) x.socket.close();
      await must(manager, 'site:routing', { siteKey: server.site.key, mode: 'auto' });
    }
  });

  test('a reply email given up is shown in the shopper panel', async () => {
    const shopper = await connectShopper(server.url, server.site.key);
    const { message } = await must<{ message: Message }>(shopper.socket, 'message:leave', { clientId: clientId('leave'), email: 'mei@example.com', body: 'Left: do you ship to Chiang Mai?' });
    shopper.socket.close();
    await eventually(async () => assert.equal((await must<{ conversation: { visitorOnline: boolean } }>(manager, 'conversation:open', { conversationId: message.conversationId })).conversation.visitorOnline, false));
    const page = await consoleAs(browser, server.url, 'ann@shop.example', 'correct horse battery');
    await openRow(page, 'Chiang Mai');
    await page.locator('[data-testid=composer]').fill('Yes, in 3-5 days.');
    await page.keyboard.press('Enter');
    const failed = page.locator('[data-testid=reply-emails] [data-status=failed]');
    await failed.waitFor();
    assert.equal(await page.locator('[data-testid=reply-emails]').getAttribute('role'), 'status');
    assert.match((await failed.textContent()) ?? '', /reply to mei@example\.com could not be delivered, and Deskbell has stopped trying/);
    if (SHOTS) await page.locator('[data-testid=side-panel]').screenshot({ path: `${SHOTS}/console-reply-email-failed.png` });
    await page.close();
  });
});
