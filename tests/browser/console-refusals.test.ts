// The server's refusals in the agent's language (Chromium, real server, real sockets): two
// agents claim the same conversation and the one who lost reads, in Thai, who has it; a
// Taiwanese agent mistyping the password reads it in Chinese, and when the logins are
// throttled, how long to wait (the server's Retry-After). Never the server's English.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { AgentService } from '../../server/agents.js';
import { STRINGS } from '../../server/console/i18n/index.js';
import { EventBus } from '../../server/events.js';
import { systemClock } from '../../server/ids.js';
import type { ConversationSummary } from '../../server/protocol.js';
import { Audit, pageAt } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { connectAgent, connectShopper, eventually, PASSWORD, type Shopper, type TestAgent } from '../helpers/queue.js';
import { AGENT, startServer, type InProcessServer } from '../helpers/server.js';
import { ask } from '../helpers/sockets.js';

const SHOTS = process.env.DESKBELL_SCREENSHOTS;

async function logIn(page: Page, url: string, lang: 'th' | 'zh-TW', password = AGENT.password): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.locator('[data-testid=language]').selectOption(lang);
  await page.locator('[data-testid=login-email]').fill(AGENT.email);
  await page.locator('[data-testid=login-password]').fill(password);
  await page.locator('[data-testid=login-submit]').click();
}

describe("the server's refusals in the agent's language", () => {
  let server: InProcessServer;
  let browser: Browser;
  let somchai: TestAgent;
  let shopper: Shopper;
  before(async () => {
    server = await startServer();
    await server.deskbell.store.updateSite(server.site.id, { routing: 'manual' });
    const created = await new AgentService(server.deskbell.store, systemClock, new EventBus()).create({ email: 'somchai@shop.example', name: 'สมชาย', password: PASSWORD });
    somchai = await connectAgent(server.url, created);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    somchai?.socket.close();
    shopper?.socket.close();
    await server?.close();
  });

  test('two agents claim one conversation at once: the one who lost reads in Thai who has it (phone)', async () => {
    const run = new Audit();
    const page = await pageAt(browser, 'phone');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, server.url, 'th');
    await page.locator('[data-testid=status]').waitFor(); // in sight at every width (log out is behind a toggle on a phone)

    shopper = await connectShopper(server.url, server.site.key);
    await shopper.send('ขอคุยกับพนักงานเรื่องคืนสินค้า');
    await server.deskbell.router.settled();
    await page.locator('[data-testid=filter-queue]').click();
    await page.locator('[data-testid=claim-row]').waitFor();

    // Both click Claim at once. Ann's page is busy (as a slow phone's is) until Somchai's
    // claim is through — it asks a gate this test opens, with synchronous requests, so nothing
    // else in the page runs meanwhile — and her click goes out before her console has heard
    // of his claim: the server decides. No timing: he claims once her page is waiting at the
    // gate, and the gate opens after his acknowledgement.
    let open = false;
    let waiting: () => void = () => undefined;
    const annWaits = new Promise<void>((resolve) => (waiting = resolve));
    const gate = createServer((req, res) => {
      waiting();
      res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
      res.end(open ? 'open' : 'shut');
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    const gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}/`;
    const annClicks = page.evaluate((url) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', url, false);
        xhr.send();
        if (xhr.responseText === 'open') break;
        if (Date.now() > deadline) throw new Error('the gate never opened');
      }
      const claim = document.querySelector<HTMLButtonElement>('[data-testid=claim-row]');
      if (!claim) throw new Error('the queue had changed before the click');
      claim.click();
    }, gateUrl);
    await annWaits;
    const his = await ask<{ conversation: ConversationSummary }>(somchai.socket, 'conversation:claim', { conversationId: shopper.conversationId() });
    assert.ok(his.ok, 'Somchai claimed it first');
    open = true;
    await annClicks;
    gate.close();

    const notice = page.locator('[data-testid=notice]');
    const expected = STRINGS.th.actionFailed.replace('{message}', STRINGS.th.errorClaimedBy.replace('{name}', 'สมชาย'));
    await notice.filter({ hasText: expected }).waitFor();
    assert.equal(await notice.locator('[data-testid=server-words]').count(), 0, "no English from the server");
    assert.doesNotMatch((await notice.textContent()) ?? '', /Someone else|took this conversation/);
    assert.equal(await notice.evaluate((el) => el.closest('[lang]')?.getAttribute('lang')), 'th');
    assert.equal((await server.deskbell.store.getConversation(shopper.conversationId()))?.assignedAgentId, somchai.id);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-refusal-claimed-th.png` });
    await run.check(page, 'console: a claim someone else won, in Thai (390)');
    await page.context().close();
    assert.deepEqual(errors, []);
    run.assertClean();
  });

  test('a wrong password, then throttled logins: said in Traditional Chinese, with the wait', async () => {
    const page = await pageAt(browser, 'desktop');
    await logIn(page, server.url, 'zh-TW', 'not the password');
    const error = page.locator('#login-error');
    await error.filter({ hasText: STRINGS['zh-TW'].loginFailed }).waitFor();
    // More failures for this email from this address: the server throttles and says how long.
    const wait = new RegExp(STRINGS['zh-TW'].loginRateLimited.replace('{seconds}', '(\\d+)'));
    await eventually(async () => {
      await page.locator('[data-testid=login-submit]').click();
      await page.waitForTimeout(50);
      assert.match((await error.textContent()) ?? '', wait);
    }, 20_000);
    const seconds = Number(wait.exec((await error.textContent()) ?? '')?.[1]);
    assert.ok(seconds >= 1 && seconds <= 900, `a wait from Retry-After: ${seconds}`);
    assert.equal(await error.locator('[data-testid=server-words]').count(), 0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-refusal-login-zh-TW.png` });
    await page.context().close();
  });
});
