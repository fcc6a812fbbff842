// The accessibility audit (axe-core, WCAG 2.1 A/AA, in Chromium) of the console's states the
// first one (./accessibility.test.ts) did not reach: the team and a conversation another agent
// holds (the reply box disabled, with why), canned replies (the list, one refused, the
// suggestions in the reply box), notes, the connection down with a report that could not load,
// a report the server refused, and a backup that failed — the last two also in Traditional
// Chinese, where the server's English words must say they are English. Phone and desktop; on
// the desktop, the focus ring on every stop Tab reaches. docs/accessibility.md.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Audit, langOf, pageAt, type Width } from '../helpers/axe.js';
import { contrast } from '../helpers/contrast.js';
import { chooseConsoleLanguage, consoleLogin, demoLogin, demoSuite } from '../helpers/demo.js';
import { consoleRingProblem, pageRings } from '../helpers/focus-ring.js';
import { startProxy } from '../helpers/net-proxy.js';
import { connectAgent, createAgents, eventually, PASSWORD, type TestAgent } from '../helpers/queue.js';
import { login, spawnServer, tempDir } from '../helpers/server.js';
import { agentSocket, clientId, connected, findConversation, must, visitorSocket, type AgentClient } from '../helpers/sockets.js';
import type { Message } from '../../server/protocol.js';
import { openSqliteStore } from '../../server/store/sqlite.js';

const WIDTHS = ['phone', 'desktop'] as const;

/** The console's focus ring on every stop Tab reaches from the skip link (desktop): 3:1 on what lies behind it. */
async function checkRings(page: Page, width: Width, where: string): Promise<void> {
  if (width !== 'desktop') return;
  const rings = await pageRings(page, '.skip-link');
  const [lowest] = rings.map((r) => ({ r, ratio: contrast(r.colour, r.ground) })).sort((a, b) => a.ratio - b.ratio);
  console.log(`${where}: focus ring checked on ${rings.length} stops; the lowest ${lowest?.ratio.toFixed(2)}:1 (${lowest?.r.what} on ${lowest?.r.ground})`);
  assert.ok(rings.length > 5, `${where}: Tab went through the page`);
  assert.deepEqual(rings.map(consoleRingProblem).filter(Boolean), [], `${where}: every ring at least 2 px and 3:1 on what lies behind it`);
}

/** A shopper who asked for a person on the demo shop; the conversation's id. */
async function shopperAsks(url: string, text: string): Promise<{ id: string; close: () => void }> {
  const shopper = visitorSocket(url, 'demo', { origin: url });
  await connected(shopper);
  await must(shopper, 'session:sync', { afterSeq: 0, lang: 'en' });
  const { message } = await must<{ message: Message }>(shopper, 'message:send', { clientId: clientId(text.length), body: text });
  return { id: message.conversationId, close: () => shopper.close() };
}

describe("accessibility of the console's rarer states: axe-core WCAG 2.1 A/AA in Chromium", () => {
  const suite = demoSuite();
  const newPage = (width: Width): Promise<Page> => pageAt(suite.browser(), width);

  /** The demo manager over a real socket, as the console would be. */
  async function manager(): Promise<AgentClient> {
    const { email, password } = demoLogin(suite.server());
    const socket = agentSocket(suite.server().url, await login(suite.server().url, email, password));
    await connected(socket);
    return socket;
  }

  // Two more agents: Agent 1 holds a conversation, Agent 2 (not a manager) looks at it. The team
  // list then has three people, a team, languages, someone away and a manager.
  describe('a colleague\'s conversation and the team', () => {
    let holder: TestAgent | null = null;
    let viewer: { id: string; name: string; email: string } | null = null;
    after(() => holder?.socket.close());

    for (const width of WIDTHS) {
      test(`the console: the team, and a conversation another agent holds (${width})`, async () => {
        const run = new Audit();
        const server = suite.server();
        if (!holder || !viewer) {
          const store = openSqliteStore({ path: suite.dbPath });
          try {
            const [ben, cai] = await createAgents(store, 2);
            await store.updateAgent(ben!.id, { team: 'Returns', languages: ['zh-TW', 'en'] });
            viewer = cai!;
            holder = await connectAgent(server.url, ben!);
          } finally {
            await store.close();
          }
        }
        await must(holder.socket, 'agent:status', { status: 'online' });
        const text = `Held by a colleague: I want to talk to a person about my refund (${width})`;
        const shopper = await shopperAsks(server.url, text);
        const boss = await manager();
        try {
          await eventually(async () => assert.equal((await findConversation(boss, text))?.routing, 'assigned'));
          const held = await findConversation(boss, text);
          if (held?.assignedAgent?.id !== holder.id) await must(boss, 'conversation:transfer', { conversationId: shopper.id, agentId: holder.id });
        } finally {
          boss.close();
        }
        // Away now: still holding it, and the team list shows all three states.
        await must(holder.socket, 'agent:status', { status: 'away' });

        const page = await newPage(width);
        await consoleLogin(page, server, { email: viewer.email, password: PASSWORD });
        await page.locator('[data-testid=team-row]').nth(1).waitFor();
        await page.locator('[data-testid=team]').filter({ hasText: 'Returns' }).waitFor();
        await run.check(page, `console list with the team (${width})`);
        // What a screen reader reads of the team: the load in words, not "1/3" ("one third").
        const team = await page.locator('[data-testid=team]').ariaSnapshot();
        assert.match(team, /Agent 1 · Returns · zh-TW, en.*Away.*Open conversations: \d+ \(at most 3\)/s, team);
        assert.doesNotMatch(team, /\d\/\d/, `no figures with a slash left for a screen reader: ${team}`);

        // The row previews the bot's last words: found by the conversation's id.
        await page.locator('[data-testid=filter-open]').click();
        await page.locator(`[data-testid=conversation-row][data-conversation-id="${shopper.id}"]`).click();
        await page.locator('[data-testid=composer-blocked]').waitFor();
        assert.equal(await page.locator('[data-testid=composer]').isDisabled(), true);
        await run.check(page, `console conversation another agent holds (${width})`);
        await checkRings(page, width, `console conversation another agent holds (${width})`);
        shopper.close();
        await page.context().close();
        run.assertClean();
      });
    }
  });

  for (const width of WIDTHS) {
    test(`the console: canned replies (the list, a refused one, the suggestions in the reply box) and notes (${width})`, async () => {
      const run = new Audit();
      const server = suite.server();
      const shopper = await shopperAsks(server.url, `Canned and notes: I want to talk to a person about shipping (${width})`);
      const page = await newPage(width);
      await consoleLogin(page, server);
      await page.locator('[data-testid=filter-all]').click();
      await page.locator(`[data-testid=conversation-row][data-conversation-id="${shopper.id}"]`).click();
      await page.locator('[data-testid=composer]').waitFor();

      const canned = page.locator('[data-testid=canned-manager]');
      await canned.locator('summary').click();
      await page.locator('[data-testid=canned-shortcut]').waitFor();
      await run.check(page, `console canned replies, opened (${width})`);
      await page.locator('[data-testid=canned-shortcut]').fill(`ship${width}`);
      await page.locator('[data-testid=canned-body]').fill('Shipping takes 2 to 4 working days.');
      await page.locator('[data-testid=canned-save]').click();
      await canned.locator('li').filter({ hasText: `/ship${width}` }).waitFor();
      // Its Delete says which reply: a screen reader's list of buttons is not "Delete, Delete".
      await canned.getByRole('button', { name: `Delete /ship${width}`, exact: true }).waitFor();
      // Only spaces: the browser lets it through (it is not empty), the server refuses it.
      await page.locator('[data-testid=canned-shortcut]').fill(`blank${width}`);
      await page.locator('[data-testid=canned-body]').fill('   ');
      await page.locator('[data-testid=canned-save]').click();
      await canned.getByRole('alert').waitFor();
      await run.check(page, `console canned replies, one saved and one refused (${width})`);

      await page.locator('[data-testid=composer]').fill('/ship');
      await page.locator('[data-testid=canned-matches]').waitFor();
      await run.check(page, `console reply box offering canned replies (${width})`);
      await page.locator('[data-testid=composer]').fill('');

      await page.locator('[data-testid=note-input]').fill('Asked twice about shipping; offered express.');
      await page.locator('[data-testid=add-note]').click();
      await page.locator('[data-testid=notes] li').filter({ hasText: 'offered express' }).waitFor();
      await run.check(page, `console notes with one written (${width})`);
      await checkRings(page, width, `console canned replies and notes (${width})`);
      shopper.close();
      await page.context().close();
      run.assertClean();
    });
  }

  // The console through a proxy the test breaks: the connection banner, and the report that
  // could not load while the network was gone; then a report the server refuses.
  for (const width of WIDTHS) {
    test(`the console while the connection is down, and Reports when loading fails (${width})`, async () => {
      const run = new Audit();
      const proxy = await startProxy(suite.server().port);
      try {
        const page = await newPage(width);
        await consoleLogin(page, suite.server(), undefined, proxy.url);
        await page.locator('[data-testid=nav-reports]').click();
        await page.locator('[data-testid=reports-view] [data-testid=heatmap]').waitFor();
        proxy.offline = true;
        proxy.cut();
        await page.locator('[data-testid=connection-status]').waitFor();
        await page.locator('[data-testid=report-preset]').selectOption('7');
        const status = page.locator('[data-testid=report-status]');
        // In the agent's words: the console knows what "no answer" means.
        await status.filter({ hasText: 'The figures could not be loaded: you are offline' }).waitFor();
        await run.check(page, `console offline, a report that could not load (${width})`);
        proxy.offline = false;
        await page.locator('[data-testid=connection-status]').waitFor({ state: 'detached', timeout: 20_000 });

        // A request the server refuses: a day that does not exist (the date field cannot make one,
        // so the request is changed on its way; the refusal is the server's own).
        await page.route((url) => url.pathname.endsWith('/dashboard'), (route) => route.continue({ url: route.request().url().replace(/from=[\d-]+/, 'from=2026-02-30') }));
        await page.locator('[data-testid=report-preset]').selectOption('90');
        await status.filter({ hasText: 'The figures could not be loaded: The request is not valid: "2026-02-30" is not a date' }).waitFor();
        await run.check(page, `console Reports refused by the server (${width})`);
        await checkRings(page, width, `console Reports refused by the server (${width})`);
        // In Chinese the sentence is Chinese and the server's reason English, and each says so
        // (WCAG 3.1.2 Language of Parts): a screen reader reads each in its own voice.
        await chooseConsoleLanguage(page, 'zh-TW');
        await status.filter({ hasText: '無法載入數據' }).waitFor();
        assert.equal(await langOf(status.locator('[data-testid=server-words]')), 'en', "the server's words are marked English");
        assert.equal(await langOf(status), 'zh-TW', 'the sentence around them is in the page\'s language');
        await run.check(page, `console Reports refused by the server, in Traditional Chinese (${width})`);
        await page.context().close();
      } finally {
        await proxy.close();
      }
      run.assertClean();
    });
  }

  // A server whose backup folder is a file: every scheduled backup fails, and the manager is told.
  describe('a failed backup', () => {
    const tmp = tempDir();
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'deskbell-a11y-backup-')), 'backups-file');
    after(() => {
      tmp.cleanup();
      rmSync(join(notAFolder, '..'), { recursive: true, force: true });
    });

    test('the console shows a manager a backup that failed (phone and desktop)', async () => {
      writeFileSync(notAFolder, 'not a folder');
      const server = await spawnServer(tmp.dbPath, { demo: true, args: ['--backup-dir', notAFolder, '--backup-every', '1h'] });
      const run = new Audit();
      try {
        for (const width of WIDTHS) {
          const page = await newPage(width);
          await consoleLogin(page, server);
          await page.locator('[data-testid=nav-settings]').click();
          await page.locator('[data-testid=backup-failed]').filter({ hasText: 'is not a folder' }).waitFor({ timeout: 30_000 });
          await run.check(page, `console settings with a failed backup (${width})`);
          await checkRings(page, width, `console settings with a failed backup (${width})`);
          await chooseConsoleLanguage(page, 'zh-TW');
          const failed = page.locator('[data-testid=backup-failed]').filter({ hasText: '上次備份' });
          await failed.waitFor();
          assert.equal(await langOf(failed.locator('[data-testid=server-words]')), 'en', "the server's reason is marked English");
          await run.check(page, `console settings with a failed backup, in Traditional Chinese (${width})`);
          await page.context().close();
        }
      } finally {
        await server.kill();
      }
      run.assertClean();
    });
  });
});
