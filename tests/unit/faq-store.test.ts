// A site's FAQ in the store and in the registry the bot asks: imports are all or nothing,
// upsert by id or replace everything, per-site thresholds, and an index kept current one
// change at a time that answers exactly like one loaded fresh.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_THRESHOLDS } from '../../server/faq/confidence.js';
import { parseFaqJson } from '../../server/faq/content.js';
import { FaqRegistry } from '../../server/faq/registry.js';
import { migrations } from '../../server/store/migrations.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { FaqEntryInput, Site, Store } from '../../server/store/types.js';
import { createSite } from '../../server/sites.js';
import { ROOT, tempDir } from '../helpers/server.js';

function faqEntry(id: string, question: string, more: Partial<FaqEntryInput> = {}): FaqEntryInput {
  return { id, lang: 'en', question, phrasings: [], keywords: [], answer: `answer to ${id}`, tags: [], enabled: true, ...more };
}

const SHOP_FAQ: FaqEntryInput[] = [
  faqEntry('shipping', 'How long does shipping take?', { phrasings: ['when will my parcel arrive', 'delivery time'] }),
  faqEntry('returns', 'How do I return an item?', { phrasings: ['can I send it back for a refund'] }),
  faqEntry('payment', 'Which payment methods do you accept?', { phrasings: ['can I pay with a credit card'] }),
  faqEntry('gift-wrap', 'Do you offer gift wrapping?'),
  faqEntry('zh-shipping', '運費怎麼算？', { lang: 'zh-TW', phrasings: ['買多少可以免運費'] }),
  faqEntry('th-returns', 'ฉันต้องการคืนสินค้าต้องทำอย่างไร', { lang: 'th' }),
];

const QUESTIONS = ['how long does shipping take', 'refund please', 'can i pay by card', 'gift wrapping', '运费', 'คืนสินค้า', 'talk to a human', 'weather on mars'];

describe('the FAQ in the store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let site: Site;
  let now = 1_700_000_000_000;
  beforeEach(async () => {
    tmp = tempDir();
    store = openSqliteStore({ path: tmp.dbPath, clock: { now: () => now } });
    site = await createSite(store, { name: 'Shop', origins: [] });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  test('migration 2 adds the FAQ to an existing database and keeps its sites', async () => {
    await store.close();
    tmp.cleanup();
    tmp = tempDir();
    const old = new Database(tmp.dbPath);
    old.exec(migrations[0]!.sql);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO sites (id, key, name, created_at) VALUES ('s1', 'site_old', 'Old Shop', 1)").run();
    old.close();
    store = openSqliteStore({ path: tmp.dbPath });
    const oldSite = await store.getSiteByKey('site_old');
    assert.equal(oldSite?.name, 'Old Shop');
    assert.deepEqual(await store.listFaqEntries('s1'), []);
    assert.deepEqual(await store.getBotSettings('s1'), { thresholds: { ...DEFAULT_THRESHOLDS }, convertScript: true });
    await store.close();
    const db = new Database(tmp.dbPath, { readonly: true });
    assert.equal(db.pragma('user_version', { simple: true }), migrations.at(-1)?.version);
    db.close();
    store = openSqliteStore({ path: tmp.dbPath });
  });

  test('an import is stored in the file\'s order and read back as written', async () => {
    const result = await store.importFaqEntries(site.id, SHOP_FAQ);
    assert.deepEqual(result.added, SHOP_FAQ.map((e) => e.id));
    const stored = await store.listFaqEntries(site.id);
    const content = ({ id, lang, question, phrasings, keywords, answer, tags, enabled }: FaqEntryInput): FaqEntryInput =>
      ({ id, lang, question, phrasings, keywords, answer, tags, enabled });
    assert.deepEqual(stored.map(content), SHOP_FAQ);
    assert.equal(stored[0]?.siteId, site.id);
    assert.deepEqual(stored.map((e) => e.position), [0, 1, 2, 3, 4, 5]);
    assert.equal(stored[0]?.createdAt, now);
    assert.deepEqual(result.entries, stored);
  });

  test('a file with one bad row writes nothing, not even the rows before it', async () => {
    await store.importFaqEntries(site.id, SHOP_FAQ.slice(0, 2));
    const before = await store.listFaqEntries(site.id);
    const badRow = faqEntry('bad', 'Bonjour ?', { lang: 'fr' as FaqEntryInput['lang'] });
    await assert.rejects(store.importFaqEntries(site.id, [...SHOP_FAQ.slice(2), badRow], { replace: true }));
    assert.deepEqual(await store.listFaqEntries(site.id), before);
    await assert.rejects(store.importFaqEntries(site.id, [faqEntry('new', 'New?'), faqEntry('new', 'Again?')]), { code: 'DESKBELL_VALIDATION' });
    assert.deepEqual(await store.listFaqEntries(site.id), before);
    // And a bad file never reaches the store: parsing reports it first.
    const parsed = parseFaqJson(JSON.stringify([{ id: 'x', lang: 'en', question: 'Q', answer: 'A' }, { id: 'y', lang: 'en', question: 'Q2', answer: '' }]));
    assert.equal(parsed.ok, false);
  });

  test('an import upserts by id: entries not in the file stay, updated ones keep their place, new ones go last', async () => {
    await store.importFaqEntries(site.id, SHOP_FAQ.slice(0, 3));
    const created = now;
    now += 60_000;
    const result = await store.importFaqEntries(site.id, [
      faqEntry('gift-wrap', 'Do you offer gift wrapping?'),
      { ...SHOP_FAQ[0]!, answer: 'Two days.' },
      SHOP_FAQ[1]!,
    ]);
    assert.deepEqual({ added: result.added, updated: result.updated, unchanged: result.unchanged, removed: result.removed }, {
      added: ['gift-wrap'], updated: ['shipping'], unchanged: ['returns'], removed: [],
    });
    const stored = await store.listFaqEntries(site.id);
    assert.deepEqual(stored.map((e) => e.id), ['shipping', 'returns', 'payment', 'gift-wrap']);
    const shipping = stored[0]!;
    assert.equal(shipping.answer, 'Two days.');
    assert.deepEqual([shipping.createdAt, shipping.updatedAt], [created, now]);
    assert.equal(stored[1]?.updatedAt, created, 'an unchanged entry is not touched');
  });

  test('--replace makes the FAQ exactly the file, in the file\'s order', async () => {
    await store.importFaqEntries(site.id, SHOP_FAQ);
    const result = await store.importFaqEntries(site.id, [SHOP_FAQ[3]!, faqEntry('new', 'Is this new?'), SHOP_FAQ[0]!], { replace: true });
    assert.deepEqual(result.removed.sort(), ['payment', 'returns', 'th-returns', 'zh-shipping']);
    assert.deepEqual(result.added, ['new']);
    assert.deepEqual(result.unchanged, ['gift-wrap', 'shipping']);
    const stored = await store.listFaqEntries(site.id);
    assert.deepEqual(stored.map((e) => [e.id, e.position]), [['gift-wrap', 0], ['new', 1], ['shipping', 2]]);
  });

  test('one entry at a time: upsert adds at the end or replaces in place; delete says whether it did', async () => {
    await store.importFaqEntries(site.id, SHOP_FAQ.slice(0, 2));
    const added = await store.upsertFaqEntry(site.id, faqEntry('sizes', 'How do your sizes run?'));
    assert.equal(added.position, 2);
    const edited = await store.upsertFaqEntry(site.id, { ...SHOP_FAQ[0]!, enabled: false });
    assert.deepEqual([edited.position, edited.enabled], [0, false]);
    assert.equal((await store.getFaqEntry(site.id, 'shipping'))?.enabled, false);
    assert.equal(await store.deleteFaqEntry(site.id, 'returns'), true);
    assert.equal(await store.deleteFaqEntry(site.id, 'returns'), false);
    assert.equal(await store.getFaqEntry(site.id, 'returns'), null);
    assert.deepEqual((await store.listFaqEntries(site.id)).map((e) => e.id), ['shipping', 'sizes']);
  });

  test('topics are stored; a second entry of a topic in one language is refused and nothing is written', async () => {
    const en = faqEntry('ship-en', 'How much is shipping?', { topic: 'shipping' });
    const tw = faqEntry('ship-tw', '運費多少？', { lang: 'zh-TW', topic: 'shipping' });
    await store.importFaqEntries(site.id, [en, tw, faqEntry('plain', 'No topic?')]);
    const stored = await store.listFaqEntries(site.id);
    assert.deepEqual(stored.map((e) => [e.id, e.topic]), [['ship-en', 'shipping'], ['ship-tw', 'shipping'], ['plain', undefined]]);
    const before = stored;
    await assert.rejects(store.upsertFaqEntry(site.id, faqEntry('fees-en', 'Fees?', { topic: 'shipping' })), /topic "shipping" already has a en entry \(ship-en\)/);
    await assert.rejects(store.importFaqEntries(site.id, [faqEntry('new', 'New?'), faqEntry('plain', 'No topic?', { topic: 'shipping' })]), { code: 'DESKBELL_VALIDATION' });
    assert.deepEqual(await store.listFaqEntries(site.id), before, 'nothing written, not even the row before');
    // Moving the topic from one entry to another in one file is fine, whatever the rows' order.
    await store.importFaqEntries(site.id, [faqEntry('plain', 'No topic?', { topic: 'shipping' }), { ...en, topic: 'delivery' }]);
    assert.deepEqual((await store.listFaqEntries(site.id)).map((e) => e.topic), ['delivery', 'shipping', 'shipping']);
    // Taking the topic away: updated, not "unchanged".
    const cleared = await store.importFaqEntries(site.id, [faqEntry('plain', 'No topic?')]);
    assert.deepEqual(cleared.updated, ['plain']);
  });

  test('ids are per site, and writing to an unknown site is refused', async () => {
    const other = await createSite(store, { name: 'Other', origins: [] });
    await store.importFaqEntries(site.id, SHOP_FAQ);
    await store.importFaqEntries(other.id, [faqEntry('shipping', 'Do you ship to Mars?')]);
    assert.equal((await store.getFaqEntry(site.id, 'shipping'))?.question, 'How long does shipping take?');
    assert.equal((await store.getFaqEntry(other.id, 'shipping'))?.question, 'Do you ship to Mars?');
    await assert.rejects(store.importFaqEntries('no-such-site', SHOP_FAQ), { code: 'DESKBELL_SITE_UNKNOWN' });
    await assert.rejects(store.upsertFaqEntry('no-such-site', SHOP_FAQ[0]!), { code: 'DESKBELL_SITE_UNKNOWN' });
  });

  test('bot thresholds: defaults until changed, per site, checked, and resettable', async () => {
    const other = await createSite(store, { name: 'Other', origins: [] });
    assert.deepEqual(await store.getBotSettings(site.id), { thresholds: DEFAULT_THRESHOLDS, convertScript: true });
    const changed = await store.updateBotSettings(site.id, { thresholds: { answer: 0.7 } });
    assert.deepEqual(changed.thresholds, { ...DEFAULT_THRESHOLDS, answer: 0.7 });
    assert.deepEqual(await store.getBotSettings(site.id), changed);
    assert.deepEqual(await store.getBotSettings(other.id), { thresholds: DEFAULT_THRESHOLDS, convertScript: true });
    await assert.rejects(store.updateBotSettings(site.id, { thresholds: { suggest: 1.5 } }), { code: 'DESKBELL_VALIDATION' });
    await assert.rejects(store.updateBotSettings(site.id, { thresholds: { suggest: 0.75 } }), /suggest threshold \(0\.75\) must not be above the answer threshold \(0\.7\)/);
    assert.deepEqual(await store.getBotSettings(site.id), changed, 'a refused change changes nothing');
    await store.updateBotSettings(site.id, { thresholds: { answer: null } });
    assert.deepEqual(await store.getBotSettings(site.id), { thresholds: DEFAULT_THRESHOLDS, convertScript: true });
  });

  test('the script conversion: on by default, per site, off kept with the thresholds, back on with true or null', async () => {
    const other = await createSite(store, { name: 'Other Script', origins: [] });
    await store.updateBotSettings(site.id, { thresholds: { answer: 0.7 } });
    const off = await store.updateBotSettings(site.id, { convertScript: false });
    assert.deepEqual(off, { thresholds: { ...DEFAULT_THRESHOLDS, answer: 0.7 }, convertScript: false }, 'the thresholds are kept');
    assert.equal((await store.getBotSettings(site.id)).convertScript, false);
    assert.equal((await store.getBotSettings(other.id)).convertScript, true, 'per site');
    assert.equal((await store.updateBotSettings(site.id, { thresholds: { answer: null } })).convertScript, false, 'a threshold change keeps it off');
    await assert.rejects(store.updateBotSettings(site.id, { convertScript: 'no' as unknown as boolean }), /convertScript must be true or false/);
    assert.equal((await store.updateBotSettings(site.id, { convertScript: true })).convertScript, true);
    await store.updateBotSettings(site.id, { convertScript: false });
    assert.deepEqual(await store.updateBotSettings(site.id, { convertScript: null }), { thresholds: DEFAULT_THRESHOLDS, convertScript: true });
  });
});

describe('the FAQ registry the bot asks', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let site: Site;
  beforeEach(async () => {
    tmp = tempDir();
    store = openSqliteStore({ path: tmp.dbPath });
    site = await createSite(store, { name: 'Shop', origins: [] });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  const answers = (registry: FaqRegistry, siteId: string): Promise<unknown[]> => Promise.all(QUESTIONS.map((q) => registry.match(siteId, q)));

  test('kept current one change at a time, it answers exactly like a registry loaded fresh', async () => {
    const registry = new FaqRegistry(store);
    await registry.import(site.id, SHOP_FAQ);
    assert.deepEqual(await answers(registry, site.id), await answers(new FaqRegistry(store), site.id));

    await registry.import(site.id, [{ ...SHOP_FAQ[1]!, phrasings: ['how do I get my money back'] }, faqEntry('sizes', 'How do your sizes run?')]);
    await registry.upsert(site.id, { ...SHOP_FAQ[2]!, lang: 'zh-CN', question: '可以用信用卡付款吗？', phrasings: [] });
    await registry.remove(site.id, 'gift-wrap');
    await registry.upsert(site.id, { ...SHOP_FAQ[0]!, enabled: false });
    assert.deepEqual(await answers(registry, site.id), await answers(new FaqRegistry(store), site.id));
    assert.deepEqual(await registry.entries(site.id), await store.listFaqEntries(site.id));

    await registry.import(site.id, SHOP_FAQ.slice(2), { replace: true });
    assert.deepEqual(await answers(registry, site.id), await answers(new FaqRegistry(store), site.id));
    assert.deepEqual(await registry.entries(site.id), await store.listFaqEntries(site.id));
  });

  test('the demo FAQ: a fresh load and an entry-by-entry build answer alike', async () => {
    const demo = parseFaqJson(readFileSync(join(ROOT, 'demo/faq.json'), 'utf8'));
    assert.ok(demo.ok);
    const registry = new FaqRegistry(store);
    await registry.match(site.id, 'warm up: an empty FAQ is loaded');
    for (const entry of demo.entries) await registry.upsert(site.id, entry);
    const questions = ['how much is shipping', '运费怎么算', '有超取吗', 'ส่งกี่วัน', '轉人工', 'can I return tea I opened'];
    const fresh = new FaqRegistry(store);
    for (const q of questions) assert.deepEqual(await registry.match(site.id, q), await fresh.match(site.id, q), q);
  });

  test('a disabled entry never matches, even asked word for word; enabled again, it does', async () => {
    const registry = new FaqRegistry(store);
    await registry.import(site.id, [...SHOP_FAQ.slice(0, 3), { ...SHOP_FAQ[3]!, enabled: false }]);
    const giftWrap = async (): Promise<boolean> => (await registry.match(site.id, 'Do you offer gift wrapping?')).matches.some((m) => m.id === 'gift-wrap');
    assert.equal(await giftWrap(), false);
    assert.equal(await new FaqRegistry(store).match(site.id, 'Do you offer gift wrapping?').then((r) => r.matches.some((m) => m.id === 'gift-wrap')), false);
    await registry.upsert(site.id, SHOP_FAQ[3]!);
    assert.equal(await giftWrap(), true);
    await registry.import(site.id, [{ ...SHOP_FAQ[3]!, enabled: false }]);
    assert.equal(await giftWrap(), false);
    assert.equal((await registry.entry(site.id, 'gift-wrap'))?.enabled, false, 'it is still in the FAQ, for the console');
  });

  test('each site is matched with its own thresholds, changed ones applying at once', async () => {
    const strict = await createSite(store, { name: 'Strict Shop', origins: [] });
    const registry = new FaqRegistry(store);
    await registry.import(site.id, SHOP_FAQ);
    await registry.import(strict.id, SHOP_FAQ);
    const question = 'how long does shipping take';
    assert.equal((await registry.match(site.id, question)).decision, 'answer');
    assert.equal((await registry.match(strict.id, question)).decision, 'answer');
    await registry.updateSettings(strict.id, { thresholds: { answer: 1 } });
    assert.equal((await registry.match(strict.id, question)).decision, 'suggest');
    assert.equal((await registry.match(site.id, question)).decision, 'answer');
    assert.equal((await new FaqRegistry(store).match(strict.id, question)).decision, 'suggest', 'and they are stored');
  });

  test('entry() gives the answer to reply with; keywords find an entry; unknown languages are guessed', async () => {
    const registry = new FaqRegistry(store);
    await registry.import(site.id, [...SHOP_FAQ, faqEntry('care', 'How should I look after my teapot?', { keywords: ['cast iron', 'rust'] })]);
    const result = await registry.match(site.id, 'my cast iron has rust', 'fr');
    assert.equal(result.matches[0]?.id, 'care');
    assert.equal((await registry.entry(site.id, 'care'))?.answer, 'answer to care');
    assert.equal(await registry.entry(site.id, 'nope'), null);
    assert.equal((await registry.match(site.id, '運費', 'zh-CN')).matches[0]?.id, 'zh-shipping');
  });

  test('a change written past the registry is seen after invalidate()', async () => {
    const registry = new FaqRegistry(store);
    await registry.import(site.id, SHOP_FAQ);
    assert.equal((await registry.match(site.id, 'how long does shipping take')).matches[0]?.id, 'shipping');
    await store.deleteFaqEntry(site.id, 'shipping');
    assert.equal((await registry.match(site.id, 'how long does shipping take')).matches[0]?.id, 'shipping', 'still cached');
    registry.invalidate(site.id);
    assert.notEqual((await registry.match(site.id, 'how long does shipping take')).matches[0]?.id, 'shipping');
  });

  test('concurrent first questions load a site once, and a write during the load is not lost', async () => {
    let loads = 0;
    const counting: Store = { ...store, listFaqEntries: (id) => (loads++, store.listFaqEntries(id)) };
    const registry = new FaqRegistry(counting);
    await store.importFaqEntries(site.id, SHOP_FAQ.slice(0, 3));
    const [a, b] = await Promise.all([
      registry.match(site.id, 'gift wrapping'),
      registry.upsert(site.id, SHOP_FAQ[3]!).then(() => registry.match(site.id, 'gift wrapping')),
      registry.match(site.id, 'refund'),
    ]);
    assert.equal(loads, 1);
    assert.ok(a && b);
    assert.equal(b.matches[0]?.id, 'gift-wrap');
  });
});
