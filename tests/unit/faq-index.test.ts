// A site's FAQ index follows edits one entry at a time, and ranks exactly like an index
// rebuilt from scratch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../../server/faq/analyse.js';
import { createFaqIndex, type FaqIndex } from '../../server/faq/index.js';
import { match } from '../../server/faq/match.js';

import { SHOP_FAQ, faqEntry } from '../helpers/shop-faq.js';

const QUESTIONS = [
  'how long does shiping take', 'refund please', 'can i pay by card', 'cancel order',
  '退货怎么办', '运费', '开发票', 'คืนสินค้า', 'ส่งกี่วัน', 'gift', 'what is the weather',
];

function results(index: FaqIndex): unknown[] {
  return QUESTIONS.map((q) => match(index, q, { limit: 5 }));
}

test('adding entries one by one ranks like building the index at once', () => {
  const incremental = createFaqIndex();
  for (const entry of [...SHOP_FAQ].reverse()) incremental.upsert(entry);
  assert.deepEqual(results(incremental), results(createFaqIndex(SHOP_FAQ)));
});

test('updating and removing entries ranks like a rebuild of the edited FAQ', () => {
  const edited = SHOP_FAQ
    .filter((e) => e.id !== 'sizes' && e.id !== 'zh-invoice')
    .map((e) => (e.id === 'returns' ? { ...e, phrasings: ['How do I get my money back?'] } : e));
  const index = createFaqIndex(SHOP_FAQ);
  index.remove('sizes');
  index.remove('zh-invoice');
  index.upsert(edited.find((e) => e.id === 'returns')!);
  assert.deepEqual(results(index), results(createFaqIndex(edited)));
  assert.equal(index.size, edited.length);
});

test('an updated entry is found by its new wording and not by its old one', () => {
  const index = createFaqIndex(SHOP_FAQ);
  index.upsert(faqEntry('gift-wrap', 'en', 'Can you put a greeting card in the parcel?'));
  assert.equal(match(index, 'greeting card').matches[0]?.id, 'gift-wrap');
  assert.equal(match(index, 'gift wrapping').matches.some((m) => m.id === 'gift-wrap'), false);
});

test('an entry that changes language moves to the other language\'s index', () => {
  const index = createFaqIndex(SHOP_FAQ);
  index.upsert(faqEntry('gift-wrap', 'zh-CN', '可以包装成礼物吗？'));
  assert.equal(match(index, '礼物包装').matches[0]?.id, 'gift-wrap');
  assert.equal(match(index, 'gift wrapping').matches.some((m) => m.id === 'gift-wrap'), false);
});

test('disabling an entry takes it out; enabling it again brings it back', () => {
  const index = createFaqIndex(SHOP_FAQ);
  const giftWrap = SHOP_FAQ.find((e) => e.id === 'gift-wrap')!;
  index.upsert({ ...giftWrap, enabled: false });
  assert.equal(match(index, 'gift wrapping').matches.some((m) => m.id === 'gift-wrap'), false);
  assert.deepEqual(results(index), results(createFaqIndex(SHOP_FAQ.filter((e) => e.id !== 'gift-wrap'))));
  index.upsert(giftWrap);
  assert.deepEqual(results(index), results(createFaqIndex(SHOP_FAQ)));
});

test('the translations of an entry follow edits: adding, disabling, re-topicking and removing versions', () => {
  const en = { ...faqEntry('ship-en', 'en', 'How much is shipping?'), topic: 'shipping' };
  const tw = { ...faqEntry('ship-tw', 'zh-TW', '運費多少？'), topic: 'shipping' };
  const index = createFaqIndex([en]);
  assert.equal(index.translation(en, 'zh-TW'), undefined);
  assert.equal(index.translation(en, 'en')?.id, 'ship-en', 'an entry is its own version in its language');
  index.upsert(tw);
  assert.equal(index.translation(en, 'zh-TW')?.id, 'ship-tw');
  index.upsert({ ...tw, enabled: false });
  assert.equal(index.translation(en, 'zh-TW'), undefined, 'a disabled version is no translation');
  index.upsert({ ...tw, topic: 'fees' });
  assert.equal(index.translation(en, 'zh-TW'), undefined, 'moved to another topic');
  assert.equal(index.translation({ ...en, topic: 'fees' }, 'zh-TW')?.id, 'ship-tw');
  index.remove('ship-tw');
  assert.equal(index.translation({ ...en, topic: 'fees' }, 'zh-TW'), undefined);
});

test('removing an unknown id changes nothing', () => {
  const index = createFaqIndex(SHOP_FAQ);
  assert.equal(index.remove('no-such-entry'), false);
  assert.equal(index.size, SHOP_FAQ.length);
});

test('the index keeps its own copy of an entry', () => {
  const entry = faqEntry('x', 'en', 'Do you ship to Iceland?', ['Iceland delivery']);
  const index = createFaqIndex([entry]);
  entry.phrasings.push('anything else');
  entry.question = 'changed';
  assert.equal(match(index, 'ship to iceland').matches[0]?.question, 'Do you ship to Iceland?');
});

test('after many edits (slots of removed entries reused), the index still ranks like a rebuild', () => {
  const index = createFaqIndex(SHOP_FAQ);
  const extra = Array.from({ length: 40 }, (_, i) => faqEntry(`extra-${i}`, 'en', `Do you sell spare part ${String.fromCharCode(97 + (i % 26))}${i}?`, [`replacement part number ${i}`]));
  for (const entry of extra) index.upsert(entry);
  for (const entry of extra.filter((_, i) => i % 3 !== 0)) index.remove(entry.id);
  for (const entry of SHOP_FAQ.filter((e) => e.lang === 'en')) index.remove(entry.id);
  for (const entry of [...SHOP_FAQ].reverse()) index.upsert(entry);
  const kept = [...SHOP_FAQ, ...extra.filter((_, i) => i % 3 === 0)];
  assert.deepEqual(results(index), results(createFaqIndex(kept)));
  assert.equal(index.size, kept.length);
});

test('asking for the best few gives the head of the full ranking', () => {
  const index = createFaqIndex(SHOP_FAQ);
  const group = index.group('en')!;
  for (const question of ['delivery', 'how long does shiping take', 'cancel order', 'pay by card']) {
    const all = group.rank(analyse(question), () => true);
    for (const limit of [1, 2, 3]) assert.deepEqual(group.rank(analyse(question), () => true, limit), all.slice(0, limit), question);
  }
});
