// `deskbell --help` is where a new shop owner looks first: it must name every command the
// group helps (`deskbell site --help`, `deskbell agent --help`, …) document, or they stay hidden.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runDeskbell } from '../helpers/cli.js';

test('deskbell --help names every sub-command of site, agent, faq and triggers', async () => {
  const main = await runDeskbell(['--help']);
  assert.equal(main.code, 0);
  for (const group of ['site', 'agent', 'faq', 'triggers']) {
    const help = await runDeskbell([group, '--help']);
    assert.equal(help.code, 0, `${group} --help`);
    const documented = new Set([...help.stdout.matchAll(new RegExp(`deskbell ${group} ([a-z|]+)`, 'g'))].flatMap((m) => (m[1] ?? '').split('|')));
    assert.ok(documented.size > 1, `${group} --help documents its commands`);
    const line = main.stdout.split('\n').find((l) => l.trimStart().startsWith(`${group} `)) ?? '';
    const listed = new Set((line.trim().split(/\s+/)[1] ?? '').split('|'));
    const missing = [...documented].filter((command) => !listed.has(command));
    assert.deepEqual(missing, [], `deskbell --help lists ${group}'s commands`);
  }
});
