// What a shop owner does with `deskbell faq` (the built command, as they run it): import
// the FAQ, export it, and test the bot's answers one question or a whole list at a time.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSite } from '../../server/sites.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { runDeskbell, type Run } from '../helpers/cli.js';
import { ROOT, tempDir } from '../helpers/server.js';

const DEMO_FAQ = join(ROOT, 'demo/faq.json');
/** However many entries the demo FAQ has today. */
const N = (JSON.parse(readFileSync(DEMO_FAQ, 'utf8')) as unknown[]).length;

describe('deskbell faq', () => {
  const tmp = tempDir();
  let site = '';
  let other = '';

  const deskbell = (args: string[], input?: string): Promise<Run> => runDeskbell([...args, '--db', tmp.dbPath], { cwd: tmp.dir, input });
  const ok = async (args: string[], input?: string): Promise<string> => {
    const run = await deskbell(args, input);
    assert.equal(run.code, 0, `deskbell ${args.join(' ')} failed:\n${run.stderr}`);
    return run.stdout;
  };
  const file = (name: string, text: string): string => {
    const path = join(tmp.dir, name);
    writeFileSync(path, text);
    return path;
  };

  before(async () => {
    assert.ok(existsSync(join(ROOT, 'dist/server/faq/registry.js')), 'the server is not built: run `npm run build` (npm test does) first');
    const store = openSqliteStore({ path: tmp.dbPath });
    site = (await createSite(store, { name: 'Lantern & Leaf', origins: [] })).key;
    other = (await createSite(store, { name: 'Other Shop', origins: [] })).key;
    await store.close();
  });
  after(() => tmp.cleanup());

  test('import says what it did; importing the same file again changes nothing', async () => {
    assert.equal(await ok(['faq', 'import', DEMO_FAQ, '--site', site]), `Imported ${N} entries (${N} added, 0 updated, 0 unchanged) into ${site}.\n`);
    assert.equal(await ok(['faq', 'import', DEMO_FAQ, '--site', site]), `Imported ${N} entries (0 added, 0 updated, ${N} unchanged) into ${site}.\n`);
  });

  test('export → import round-trips, as JSON and as CSV', async () => {
    const json = await ok(['faq', 'export', '--site', site]);
    assert.equal((JSON.parse(json) as unknown[]).length, N);
    const csv = await ok(['faq', 'export', '--site', site, '--format', 'csv']);
    assert.ok(csv.startsWith('\uFEFFid,lang,question,phrasings,answer,tags,enabled,keywords,topic\r\n'));
    assert.equal(await ok(['faq', 'import', file('faq.csv', csv), '--site', site, '--replace']), `Imported ${N} entries (0 added, 0 updated, ${N} unchanged, 0 removed) into ${site}.\n`);
    assert.equal(await ok(['faq', 'export', '--site', site]), json);
    // Into another site through a pipe: the same FAQ, byte for byte.
    assert.match(await ok(['faq', 'import', '-', '--site', other, '--format', 'csv'], csv), new RegExp(`^Imported ${N} entries \\(${N} added`));
    assert.equal(await ok(['faq', 'export', '--site', other]), json);
  });

  test('a file with bad rows imports nothing and lists each problem by line', async () => {
    const before = await ok(['faq', 'export', '--site', site]);
    const bad = file('bad.csv', [
      'id,lang,question,answer',
      'shipping-en,en,How long does delivery take?,"Changed, but never saved"',
      'new-one,en,A new question?,',
      'gift,fr,Emballage cadeau ?,Oui',
      'new-one,en,Twice?,Yes',
    ].join('\r\n'));
    const run = await deskbell(['faq', 'import', bad, '--site', site]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, [
      `deskbell: ${bad} has 3 problems; nothing was imported.`,
      'line 3: answer is empty',
      'line 4: lang must be one of en, zh-TW, zh-CN, th, not "fr"',
      'line 5: duplicate id new-one (also on line 3)',
      '',
    ].join('\n'));
    assert.equal(await ok(['faq', 'export', '--site', site]), before);
  });

  test('ask prints the decision for one question', async () => {
    const line = await ok(['faq', 'ask', '--site', site, 'how much is shipping?']);
    const result = JSON.parse(line) as { decision: string; matches: Array<{ id: string; question: string; score: number }> };
    assert.equal(result.decision, 'answer');
    assert.deepEqual(Object.keys(result), ['decision', 'matches']);
    assert.equal(result.matches[0]?.id, 'shipping-en');
    assert.equal(result.matches[0]?.question, 'How long does delivery take and how much does shipping cost?');
    assert.ok(result.matches[0]!.score >= 0.8 && result.matches[0]!.score <= 1);
    assert.equal(JSON.parse(await ok(['faq', 'ask', '--site', site, '--lang', 'th', 'ส่งกี่วัน'])).matches[0].id, 'shipping-th');
  });

  test('without a question, ask answers every line of standard input, in order', async () => {
    const questions = [
      'how much is shipping',
      '有超取吗', // Simplified, in Taiwan's words: found through the Traditional entry, answered with its Simplified translation
      '',
      '轉人工',
      'talk to a human',
      'what is the weather on mars',
      '可以换取货门市吗',
    ];
    const lines = (await ok(['faq', 'ask', '--site', site], `${questions.join('\r\n')}\r\n`)).split('\n');
    assert.equal(lines.pop(), '');
    const results = lines.map((l) => JSON.parse(l) as { decision: string; matches: Array<{ id: string }> });
    assert.deepEqual(results.map((r) => [r.decision, r.matches[0]?.id]), [
      ['answer', 'shipping-en'],
      ['answer', 'cod-store-pickup-zh-CN'],
      ['none', undefined],
      ['escalate', results[3]?.matches[0]?.id],
      ['escalate', results[4]?.matches[0]?.id],
      ['none', results[5]?.matches[0]?.id],
      ['answer', 'change-address-zh-CN'],
    ]);
    assert.deepEqual(results[2], { decision: 'none', matches: [] }, 'an empty line keeps its place with a none decision');
    // Found through the other script's version: the console's Try box is told which, the CLI's output keeps its shape.
    assert.deepEqual(results.flatMap((r) => r.matches.map((m) => Object.keys(m).join())), results.flatMap((r) => r.matches.map(() => 'id,question,score')));
  });

  test('each answer is printed as soon as its line is read, before the input ends', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/deskbell.js'), 'faq', 'ask', '--site', site, '--db', tmp.dbPath], { stdio: 'pipe' });
    const lines: string[] = [];
    let buffered = '';
    const nextLine = (): Promise<string> => new Promise((resolve) => {
      const check = (): void => {
        const i = buffered.indexOf('\n');
        if (i < 0) return;
        child.stdout.off('data', onData);
        resolve(buffered.slice(0, i));
        buffered = buffered.slice(i + 1);
      };
      const onData = (d: Buffer): void => {
        buffered += d.toString();
        check();
      };
      child.stdout.on('data', onData);
      check();
    });
    child.stdin.write('how do I return an item\n');
    lines.push(await nextLine());
    child.stdin.write('怎麼退貨\n');
    lines.push(await nextLine());
    child.stdin.end();
    const code = await new Promise((resolve) => child.once('close', resolve));
    assert.equal(code, 0);
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { matches: Array<{ id: string }> }).matches[0]?.id), ['returns-en', 'returns-zh-TW']);
  });

  test('thresholds are per site and change what ask decides', async () => {
    assert.deepEqual(JSON.parse(await ok(['faq', 'thresholds', '--site', other])), { answer: 0.8, suggest: 0.3, coverage: 0.25 });
    assert.deepEqual(JSON.parse(await ok(['faq', 'thresholds', '--site', other, '--answer', '1'])), { answer: 1, suggest: 0.3, coverage: 0.25 });
    assert.equal(JSON.parse(await ok(['faq', 'ask', '--site', other, 'how much is shipping'])).decision, 'suggest');
    assert.equal(JSON.parse(await ok(['faq', 'ask', '--site', site, 'how much is shipping'])).decision, 'answer');
    const refused = await deskbell(['faq', 'thresholds', '--site', other, '--suggest', '1.2']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /the suggest threshold must be a number from 0 to 1/);
    await ok(['faq', 'thresholds', '--site', other, '--answer', 'default']);
    assert.equal(JSON.parse(await ok(['faq', 'ask', '--site', other, 'how much is shipping'])).decision, 'answer');
  });

  test('convert shows and sets the script conversion per site; thresholds and ask are unchanged by it', async () => {
    assert.equal(await ok(['faq', 'convert', '--site', other]), `${other}: script conversion on. A Chinese entry with no version in the shopper's script is shown converted to it (Traditional <-> Simplified).\n`);
    const before = await ok(['faq', 'ask', '--site', other, '--lang', 'zh-CN', '运费多少']);
    assert.equal(await ok(['faq', 'convert', '--site', other, 'off']), `${other}: script conversion off. Shoppers read each Chinese entry in the script it was written in.\n`);
    assert.match(await ok(['faq', 'convert', '--site', other]), /script conversion off/);
    assert.match(await ok(['faq', 'convert', '--site', site]), /script conversion on/, 'per site');
    assert.deepEqual(JSON.parse(await ok(['faq', 'thresholds', '--site', other])), { answer: 0.8, suggest: 0.3, coverage: 0.25 });
    assert.equal(await ok(['faq', 'ask', '--site', other, '--lang', 'zh-CN', '运费多少']), before, 'ask prints the entries as the matcher ranks them, whatever the setting');
    const store = openSqliteStore({ path: tmp.dbPath });
    assert.equal((await store.getBotSettings((await store.getSiteByKey(other))!.id)).convertScript, false, 'stored');
    await store.close();
    const refused = await deskbell(['faq', 'convert', '--site', other, 'maybe']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /the script conversion is on or off, not "maybe"/);
    assert.match(await ok(['faq', 'convert', '--site', other, 'on']), /script conversion on/);
  });

  test('link lists the Chinese entries written in both scripts, and --apply links them', async () => {
    const store = openSqliteStore({ path: tmp.dbPath });
    const both = (await createSite(store, { name: 'Both Scripts', origins: [] })).key;
    await store.close();
    const csv = [
      'id,lang,question,answer',
      'fee-tw,zh-TW,運費怎麼計算？,一律一百元。',
      'fee-cn,zh-CN,运费怎么计算？,一律一百元。',
      'hours-tw,zh-TW,客服時間是幾點？,十點到六點。',
      'hours-cn,zh-CN,客服时间是几点？,十点到六点。',
      'gift-tw,zh-TW,可以包裝成禮物嗎？,可以。',
    ].join('\r\n');
    await ok(['faq', 'import', file('both.csv', csv), '--site', both]);
    const listed = await deskbell(['faq', 'link', '--site', both]);
    assert.equal(listed.code, 0);
    assert.equal(listed.stdout, 'fee\tfee-tw fee-cn\t運費怎麼計算？ | 运费怎么计算？\nhours\thours-tw hours-cn\t客服時間是幾點？ | 客服时间是几点？\n');
    assert.match(listed.stderr, /2 pair\(s\) to link; run again with --apply/);
    assert.doesNotMatch(await ok(['faq', 'export', '--site', both]), /"topic"/, 'listing changes nothing');
    const applied = await deskbell(['faq', 'link', '--site', both, '--apply']);
    assert.match(applied.stderr, /Linked 2 pair\(s\)/);
    const exported = JSON.parse(await ok(['faq', 'export', '--site', both])) as Array<{ id: string; topic?: string }>;
    assert.deepEqual(exported.map((e) => [e.id, e.topic]), [['fee-tw', 'fee'], ['fee-cn', 'fee'], ['hours-tw', 'hours'], ['hours-cn', 'hours'], ['gift-tw', undefined]]);
    const none = await deskbell(['faq', 'link', '--site', both]);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /no unlinked Chinese entries/);
  });

  test('mistakes on the command line are explained', async () => {
    const unknownSite = await deskbell(['faq', 'export', '--site', 'site_nope']);
    assert.equal(unknownSite.code, 2);
    assert.match(unknownSite.stderr, /no site has the key site_nope/);
    const noFormat = await deskbell(['faq', 'import', file('faq.txt', '[]'), '--site', site]);
    assert.match(noFormat.stderr, /cannot tell the format of .*faq\.txt.*--format json or --format csv/);
    const missing = await deskbell(['faq', 'import', join(tmp.dir, 'nope.json'), '--site', site]);
    assert.match(missing.stderr, /cannot read .*nope\.json: no such file/);
    const badLang = await deskbell(['faq', 'ask', '--site', site, '--lang', 'fr', 'bonjour']);
    assert.match(badLang.stderr, /--lang must be one of en, zh-TW, zh-CN, th/);
    const empty = await deskbell(['faq', 'import', file('empty.json', '[]'), '--site', site, '--replace']);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /has no entries; nothing was imported/);
    const help = await deskbell(['faq', '--help']);
    assert.match(help.stdout, /deskbell faq import FILE --site KEY \[--replace\]/);
  });
});
