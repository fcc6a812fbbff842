// The command line changes the FAQ and the thresholds of a server that is running: the bot a
// shopper talks to uses them from the next question, no restart. The server keeps each site's
// FAQ index in memory; before, it went on answering from the old one until restarted.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Message } from '../../server/protocol.js';
import { botReply } from '../helpers/bot-reply.js';
import { runDeskbell } from '../helpers/cli.js';
import { seedFile, spawnServer, tempDir, type ChildServer } from '../helpers/server.js';

const entry = (id: string, question: string, phrasings: string[]) => ({ id, lang: 'en', question, phrasings, answer: `The answer about ${id}.` });
const FIRST = [
  entry('ship', 'How long does shipping take?', ['When will my parcel arrive?', 'delivery time']),
  entry('returns', 'What is your return policy?', ['How do I return an item?', 'refund']),
];
const GIFT = entry('gift', 'Do you sell gift cards?', ['gift voucher', 'Can I buy a gift certificate?']);

describe('the command line, while the server runs', () => {
  const tmp = tempDir();
  let server: ChildServer | null = null;
  after(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  const cli = async (args: string[]): Promise<string> => {
    const run = await runDeskbell([...args, '--db', tmp.dbPath], { cwd: tmp.dir });
    assert.equal(run.code, 0, run.stderr);
    return run.stdout;
  };
  const importFaq = (siteKey: string, entries: unknown[]): Promise<string> => {
    const file = join(tmp.dir, `faq-${entries.length}.json`);
    writeFileSync(file, JSON.stringify(entries));
    return cli(['faq', 'import', file, '--site', siteKey]);
  };

  test('an import and a threshold set from the command line reach the running bot at its next question', async () => {
    const { site } = await seedFile(tmp.dbPath);
    await importFaq(site.key, FIRST);
    server = await spawnServer(tmp.dbPath);
    const ask = (question: string): Promise<Message> => botReply(server!.url, site.key, question);

    assert.equal((await ask('Do you sell gift cards?')).meta?.kind, 'handoff', 'not in the FAQ yet');
    assert.match(await importFaq(site.key, [...FIRST, GIFT]), /1 added/);
    const answered = await ask('Do you sell gift cards?');
    assert.deepEqual(answered.meta, { kind: 'answer', faqId: 'gift', feedback: null }, 'the imported entry answers, no restart');
    assert.equal(answered.body, 'The answer about gift.');

    await cli(['faq', 'thresholds', '--site', site.key, '--answer', '1']);
    assert.equal((await ask('Do you sell gift cards?')).meta?.kind, 'suggest', 'the threshold set from the command line applies');
    await cli(['faq', 'thresholds', '--site', site.key, '--answer', 'default']);
    assert.equal((await ask('Do you sell gift cards?')).meta?.kind, 'answer');
  });
});
