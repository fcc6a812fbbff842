// The widget's weight on a shop's page, in gzip bytes, built fresh from the sources: the loader
// every page view downloads, and everything a shopper downloads before they can type (the
// loader, the chat and their language's strings). Budgets from issue 8; the test prints the
// sizes so a change shows what it costs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../helpers/server.js';

/** The issue's target is 6,000 B, not met yet (docs/benchmarks.md): this ceiling keeps the loader from growing meanwhile. */
const LOADER_CEILING = 7_700;
const LOADER_TARGET = 6_000;
const CHAT_BUDGET = 30_000;
const CHAT_STRETCH = 25_000;

describe('widget size budget', { timeout: 120_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'deskbell-budget-'));
  after(() => rmSync(out, { recursive: true, force: true }));
  const built = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'scripts/build.js'), '--widget-to', out], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() ?? '{}') as {
    chat: string;
    langs: Record<string, string>;
  };
  const gz = (path: string): number => gzipSync(readFileSync(join(out, 'dist/public', path)), { level: 9 }).length;
  const loader = gz('widget.js');
  const chat = gz(built.chat);
  const rows = Object.entries(built.langs).map(([lang, file]) => ({ lang, strings: gz(file), total: loader + chat + gz(file) }));
  console.log(`widget (gzip): loader ${loader} B (target ${LOADER_TARGET}), chat ${chat} B, strings ${rows.map((r) => `${r.lang} ${r.strings}`).join(', ')}; ` +
    `before typing ${rows.map((r) => `${r.lang} ${r.total}`).join(', ')} B (budget ${CHAT_BUDGET}, stretch ${CHAT_STRETCH})`);

  test(`the loader stays under ${LOADER_CEILING} B gzip`, () => {
    assert.ok(loader <= LOADER_CEILING, `widget.js is ${loader} B gzip, over ${LOADER_CEILING}`);
  });

  test(`everything before the shopper can type is at most ${CHAT_BUDGET} B gzip, in every language`, () => {
    for (const r of rows) assert.ok(r.total <= CHAT_BUDGET, `${r.lang}: loader + chat + strings = ${r.total} B gzip, over ${CHAT_BUDGET}`);
  });

  test('the loader carries no chat: no Preact, no socket client, no chat strings', () => {
    const code = readFileSync(join(out, 'dist/public/widget.js'), 'utf8');
    for (const marker of ['__H', '/socket.io/', 'Type a message']) assert.ok(!code.includes(marker), `the loader contains ${marker}`);
    const chatCode = readFileSync(join(out, 'dist/public', built.chat), 'utf8');
    assert.ok(chatCode.includes('/socket.io/'), 'the socket client is in the chat');
  });
});
