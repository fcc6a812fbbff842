// The bot's thresholds as a shop owner sets them in the console: a manager's change reaches
// the bot a shopper talks to at once, an agent may look but not change, a value the bot
// cannot use is refused saying what to change, the preview's counts are what the bot really
// does with the FAQ's own wordings, and the command line and the console read and write the
// same setting.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BotPreview, BotSettingsView } from '../../server/http/console-faq.js';
import type { Message } from '../../server/protocol.js';
import { createSite } from '../../server/sites.js';
import type { FaqEntryInput, Site } from '../../server/store/types.js';
import type { MatchThresholds } from '../../server/faq/types.js';
import { botReply as askBot } from '../helpers/bot-reply.js';
import { runDeskbell } from '../helpers/cli.js';
import { createAgents, connectAgent, type TestAgent } from '../helpers/queue.js';
import { login, SHOP_ORIGIN, seedFile, spawnServer, startServer, tempDir, type InProcessServer } from '../helpers/server.js';

const entry = (id: string, question: string, phrasings: string[]): FaqEntryInput => ({
  id, lang: 'en', question, phrasings, keywords: [], answer: `The answer about ${id}.`, tags: [], enabled: true,
});
/** A small shop FAQ: 26 wordings, some of them close to another entry's (gift cards / gift wrap, parcel / order). */
const FAQ = [
  entry('ship', 'How long does shipping take?', ['When will my parcel arrive?', 'How many days is delivery?', 'delivery time']),
  entry('returns', 'What is your return policy?', ['Can I send it back?', 'How do I return an item?', 'refund']),
  entry('gift', 'Do you sell gift cards?', ['gift voucher', 'Can I buy a gift certificate?']),
  entry('pay', 'Which payment methods do you accept?', ['Can I pay by credit card?', 'Do you take PayPal?']),
  entry('track', 'How do I track my order?', ['Where is my order?', 'order tracking number']),
  entry('wrap', 'Do you gift wrap?', ['Can you wrap my present?', 'gift wrapping']),
  entry('hours', 'When is your shop open?', ['opening hours', 'Are you open on Sunday?']),
  entry('size', 'How do I find my size?', ['size chart', 'Does this run small?']),
];
const DEFAULTS: MatchThresholds = { answer: 0.8, suggest: 0.3, coverage: 0.25 };

describe('the bot\'s thresholds, set in the console', () => {
  let server: InProcessServer;
  let cookie: string;
  let ben: TestAgent;
  before(async () => {
    server = await startServer();
    cookie = await login(server.url);
    const [agent] = await createAgents(server.deskbell.store, 1);
    ben = await connectAgent(server.url, agent!);
  });
  after(async () => {
    ben.socket.close();
    await server.close();
  });

  async function call<T>(method: string, path: string, body?: unknown, as = cookie): Promise<{ status: number; body: T }> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: as, origin: server.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async function newSite(name: string, faq: FaqEntryInput[]): Promise<Site> {
    const site = await createSite(server.deskbell.store, { name, origins: [SHOP_ORIGIN] });
    await server.deskbell.registry.import(site.id, faq);
    return site;
  }

  const botReply = (site: Site, question: string): Promise<Message> => askBot(server.url, site.key, question);

  test('a manager\'s thresholds change what the bot does with a shopper\'s question at once, and "back to the default" undoes it', async () => {
    const site = await newSite('Threshold Shop', FAQ);
    const question = 'where is my parcel';
    const { matches } = await server.deskbell.registry.match(site.id, question, 'en');
    const score = matches[0]?.score ?? 0;
    assert.ok(score >= 0.8 && score < 0.99, `the question scores between the default answer threshold and 0.99 (${score})`);

    assert.equal((await botReply(site, question)).meta?.kind, 'answer', 'answered at the defaults');
    const strict = await call<BotSettingsView>('PUT', `/api/sites/${site.key}/bot-settings`, { thresholds: { answer: 0.99, suggest: null, coverage: null } });
    assert.equal(strict.status, 200);
    assert.deepEqual(strict.body.thresholds, { ...DEFAULTS, answer: 0.99 });
    const offered = await botReply(site, question);
    assert.equal(offered.meta?.kind, 'suggest', 'only offered as a choice with answer 0.99');
    assert.equal(offered.meta?.kind === 'suggest' && offered.meta.options[0]?.faqId, matches[0]?.id);

    await call('PUT', `/api/sites/${site.key}/bot-settings`, { thresholds: { coverage: 1 } });
    assert.equal((await botReply(site, question)).meta?.kind, 'handoff', 'coverage 1: the FAQ uses only some of the question\'s words, the shopper is handed to a person');

    const zero = await call<BotSettingsView>('PUT', `/api/sites/${site.key}/bot-settings`, { thresholds: { suggest: 0, coverage: 0 } });
    assert.deepEqual(zero.body.thresholds, { answer: 0.99, suggest: 0, coverage: 0 }, '0 is a value, not "the default"');
    const back = await call<BotSettingsView>('PUT', `/api/sites/${site.key}/bot-settings`, { thresholds: { answer: null, suggest: null, coverage: null } });
    assert.deepEqual(back.body.thresholds, DEFAULTS);
    assert.equal((await botReply(site, question)).meta?.kind, 'answer');
  });

  test('an agent sees the thresholds and may preview them, but not change them', async () => {
    const site = await newSite('Agent Shop', FAQ);
    const get = await call<BotSettingsView>('GET', `/api/sites/${site.key}/bot-settings`, undefined, ben.cookie);
    assert.deepEqual(get.body, { thresholds: DEFAULTS, defaults: DEFAULTS, convertScript: true });
    const put = await call<{ error: { code: string } }>('PUT', `/api/sites/${site.key}/bot-settings`, { thresholds: { answer: 0.5 } }, ben.cookie);
    assert.equal(put.status, 403);
    assert.equal(put.body.error.code, 'DESKBELL_FORBIDDEN_ROLE');
    assert.deepEqual((await server.deskbell.registry.settings(site.id)).thresholds, DEFAULTS, 'nothing changed');
    const preview = await call<BotPreview>('POST', `/api/sites/${site.key}/bot-settings/preview`, { thresholds: { ...DEFAULTS, answer: 0.5 } }, ben.cookie);
    assert.equal(preview.status, 200, 'a preview stores nothing');
    assert.deepEqual((await server.deskbell.registry.settings(site.id)).thresholds, DEFAULTS);
  });

  test('thresholds the bot cannot use are refused, saying what to change, and nothing is stored', async () => {
    const site = await newSite('Invalid Shop', FAQ);
    const refused = async (method: string, path: string, body: unknown, message: RegExp): Promise<void> => {
      const res = await call<{ error: { code: string; message: string } }>(method, path, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'DESKBELL_VALIDATION');
      assert.match(res.body.error.message, message);
    };
    const put = `/api/sites/${site.key}/bot-settings`;
    const preview = `${put}/preview`;
    await refused('PUT', put, { thresholds: { answer: 1.5 } }, /the answer threshold must be a number from 0 to 1, not 1\.5/);
    await refused('PUT', put, { thresholds: { coverage: -0.1 } }, /the coverage threshold must be a number from 0 to 1/);
    await refused('PUT', put, { thresholds: { suggest: 0.9, answer: 0.6 } }, /the suggest threshold \(0\.9\) must not be above the answer threshold \(0\.6\): lower suggest or raise answer/);
    await refused('PUT', put, { thresholds: { answer: 'high' } }, /answer/);
    await refused('POST', preview, { thresholds: { answer: 0.6, suggest: 0.9, coverage: 0.25 } }, /lower suggest or raise answer/);
    await refused('POST', preview, { thresholds: { answer: 0.6, suggest: 0.3, coverage: 2 } }, /the coverage threshold must be a number from 0 to 1, not 2/);
    await refused('POST', preview, { thresholds: { answer: 0.6, suggest: 0.3 } }, /coverage/);
    assert.deepEqual((await server.deskbell.registry.settings(site.id)).thresholds, DEFAULTS, 'nothing stored');
  });

  test('the preview counts what the bot does with each of the FAQ\'s own wordings, asked with that wording taken out of its entry', async () => {
    const site = await newSite('Preview Shop', FAQ);
    // Counted independently: for each wording, a scratch site holds the FAQ without it and
    // the thresholds tried, and the live bot's matcher (store, registry, an index built from
    // scratch) is asked it.
    const scratch = await createSite(server.deskbell.store, { name: 'Scratch', origins: [SHOP_ORIGIN] });
    const tried: MatchThresholds[] = [DEFAULTS, { answer: 0.99, suggest: 0.3, coverage: 0.25 }, { answer: 0.6, suggest: 0.5, coverage: 0.4 }];
    const expected = tried.map(() => ({ asked: 0, available: 0, enough: true, minimum: 20, answered: 0, answeredRight: 0, suggested: 0, suggestedRight: 0, handedOver: 0 }));
    for (const e of FAQ) {
      for (const wording of [e.question, ...e.phrasings]) {
        const rest = [e.question, ...e.phrasings].filter((w) => w !== wording);
        const faq = FAQ.map((other) => (other === e ? { ...e, question: rest[0]!, phrasings: rest.slice(1) } : other));
        await server.deskbell.registry.import(scratch.id, faq, { replace: true });
        for (const [i, t] of tried.entries()) {
          await server.deskbell.registry.updateSettings(scratch.id, { thresholds: t });
          const { decision, matches } = await server.deskbell.registry.match(scratch.id, wording, 'en');
          const count = expected[i]!;
          count.asked += 1;
          count.available += 1;
          if (decision === 'answer') {
            count.answered += 1;
            if (matches[0]?.id === e.id) count.answeredRight += 1;
          } else if (decision === 'suggest') {
            count.suggested += 1;
            if (matches.some((m) => m.id === e.id && m.score >= t.suggest)) count.suggestedRight += 1;
          } else {
            count.handedOver += 1;
          }
        }
      }
    }
    assert.equal(expected[0]!.asked, 26);
    for (const [i, t] of tried.entries()) {
      const { body, status } = await call<BotPreview>('POST', `/api/sites/${site.key}/bot-settings/preview`, { thresholds: t });
      assert.equal(status, 200);
      assert.deepEqual(body, expected[i], JSON.stringify(t));
    }
    assert.ok(expected[0]!.answered > 0 && expected[0]!.suggested > 0 && expected[0]!.handedOver > 0, `every outcome occurs: ${JSON.stringify(expected[0])}`);
    assert.ok(expected[0]!.answeredRight < expected[0]!.answered || expected[0]!.suggestedRight < expected[0]!.suggested, 'and some are wrong: the counts are not all trivially right');
    const strict = (await call<BotPreview>('POST', `/api/sites/${site.key}/bot-settings/preview`, { thresholds: { answer: 0.99, suggest: 0.3, coverage: 0.25 } })).body;
    const loose = (await call<BotPreview>('POST', `/api/sites/${site.key}/bot-settings/preview`, { thresholds: DEFAULTS })).body;
    assert.ok(strict.answered < loose.answered, `a stricter answer threshold answers fewer (${strict.answered} < ${loose.answered})`);
    const quiet = (await call<BotPreview>('POST', `/api/sites/${site.key}/bot-settings/preview`, { thresholds: { ...DEFAULTS, coverage: 1 } })).body;
    assert.ok(quiet.handedOver > loose.handedOver, `coverage 1: more wordings go to a person (${quiet.handedOver} > ${loose.handedOver})`);

    // A change to the FAQ is counted by the next preview.
    await server.deskbell.registry.upsert(site.id, entry('stock', 'Is this in stock?', ['When will it be back in stock?']));
    assert.equal((await call<BotPreview>('POST', `/api/sites/${site.key}/bot-settings/preview`, { thresholds: DEFAULTS })).body.available, 28);
  });

  test('a FAQ with too few wordings gets no numbers, and is told so', async () => {
    const site = await newSite('Small Shop', [entry('a', 'Do you ship abroad?', ['international shipping']), entry('b', 'Can I pay later?', []), entry('c', 'Where are you?', ['address'])]);
    const { body } = await call<BotPreview>('POST', `/api/sites/${site.key}/bot-settings/preview`, { thresholds: DEFAULTS });
    assert.deepEqual(body, { asked: 4, available: 4, enough: false, minimum: 20, answered: 0, answeredRight: 0, suggested: 0, suggestedRight: 0, handedOver: 0 },
      'b has no other wording to find it by, so it is not asked');
  });
});

describe('the command line and the console share one setting', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  test('thresholds set by `deskbell faq thresholds` show in the console, and the console\'s show in the command line', async () => {
    const { site } = await seedFile(tmp.dbPath);
    const cli = async (args: string[]): Promise<string> => {
      const run = await runDeskbell([...args, '--db', tmp.dbPath], { cwd: tmp.dir });
      assert.equal(run.code, 0, run.stderr);
      return run.stdout;
    };
    assert.deepEqual(JSON.parse(await cli(['faq', 'thresholds', '--site', site.key, '--answer', '0.9'])), { ...DEFAULTS, answer: 0.9 });
    const child = await spawnServer(tmp.dbPath);
    try {
      const cookie = await login(child.url);
      const url = `${child.url}/api/sites/${site.key}/bot-settings`;
      const headers = { cookie, origin: child.url, 'content-type': 'application/json' };
      const seen = (await (await fetch(url, { headers })).json()) as BotSettingsView;
      assert.deepEqual(seen.thresholds, { ...DEFAULTS, answer: 0.9 }, 'the console shows what the command line set');
      const put = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ thresholds: { suggest: 0.45, coverage: 0.3 } }) });
      assert.equal(put.status, 200);
    } finally {
      await child.stop();
    }
    assert.deepEqual(JSON.parse(await cli(['faq', 'thresholds', '--site', site.key])), { answer: 0.9, suggest: 0.45, coverage: 0.3 }, 'the command line shows what the console set');
    assert.deepEqual(JSON.parse(await cli(['faq', 'thresholds', '--site', site.key, '--answer', 'default', '--suggest', 'default', '--coverage', 'default'])), DEFAULTS);
  });
});
