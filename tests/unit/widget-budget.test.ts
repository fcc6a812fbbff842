// The widget's weight on a shop's page, in gzip bytes, built fresh from the sources: the loader
// every page view downloads, and everything a shopper downloads before they can type (the
// loader, the chat and their language's strings, plus — when a prompt brought them — the
// prompt bubble and the page watchers). Budgets from issue 8; the test prints the sizes so a
// change shows what it costs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../helpers/server.js';

const LOADER_BUDGET = 6_000;
const LOADER_STRETCH = 3_000;
const CHAT_BUDGET = 30_000;
const CHAT_STRETCH = 25_000;

describe('widget size budget', { timeout: 120_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'deskbell-budget-'));
  after(() => rmSync(out, { recursive: true, force: true }));
  const built = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'scripts/build.js'), '--widget-to', out], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() ?? '{}') as {
    chat: string;
    langs: Record<string, string>;
    bubble: string;
    watchers: string;
  };
  const gz = (path: string): number => gzipSync(readFileSync(join(out, 'dist/public', path)), { level: 9 }).length;
  const loader = gz('widget.js');
  const chat = gz(built.chat);
  const bubble = gz(built.bubble);
  const watchers = gz(built.watchers);
  // The worst case: the shopper came through a prompt that waited for scrolling.
  const rows = Object.entries(built.langs).map(([lang, file]) => ({ lang, strings: gz(file), total: loader + bubble + watchers + chat + gz(file) }));
  console.log(`widget (gzip): loader ${loader} B (budget ${LOADER_BUDGET}, stretch ${LOADER_STRETCH}); parts on demand: bubble ${bubble} B, watchers ${watchers} B; ` +
    `chat ${chat} B, strings ${rows.map((r) => `${r.lang} ${r.strings}`).join(', ')}; ` +
    `before typing, with the parts ${rows.map((r) => `${r.lang} ${r.total}`).join(', ')} B (budget ${CHAT_BUDGET}, stretch ${CHAT_STRETCH})`);

  test(`the loader is at most ${LOADER_BUDGET} B gzip`, () => {
    assert.ok(loader <= LOADER_BUDGET, `widget.js is ${loader} B gzip, over ${LOADER_BUDGET}`);
  });

  test(`everything before the shopper can type is at most ${CHAT_BUDGET} B gzip, in every language, parts included`, () => {
    for (const r of rows) assert.ok(r.total <= CHAT_BUDGET, `${r.lang}: loader + bubble + watchers + chat + strings = ${r.total} B gzip, over ${CHAT_BUDGET}`);
  });

  test('the loader carries no chat (no Preact, no socket client, no chat strings) and none of its parts', () => {
    const code = readFileSync(join(out, 'dist/public/widget.js'), 'utf8');
    for (const marker of ['__H', '/socket.io/', 'Type a message', '.db-prompt', 'Message from the shop', 'visibilitychange']) assert.ok(!code.includes(marker), `the loader contains ${marker}`);
    assert.ok(readFileSync(join(out, 'dist/public', built.bubble), 'utf8').includes('.db-prompt'), 'the bubble part has its CSS');
    assert.ok(readFileSync(join(out, 'dist/public', built.watchers), 'utf8').includes('visibilitychange'), 'the watchers part has the exit-intent watcher');
    const chatCode = readFileSync(join(out, 'dist/public', built.chat), 'utf8');
    assert.ok(chatCode.includes('/socket.io/'), 'the socket client is in the chat');
  });
});
