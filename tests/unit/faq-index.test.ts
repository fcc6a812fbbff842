// A site's FAQ index follows edits one entry at a time, and ranks exactly like an index
// rebuilt from scratch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../../server/faq/analyse.js';
import { createFaqIndex, type FaqIndex } from '../../server/faq/index.js';
import { match } from '../../server/faq/match.js';
import type { FaqEntry, FaqLang } from '../../server/faq/types.js';

// A small made-up shop FAQ (the public evaluation sets may only be measured, never
// copied into tests).
function faqEntry(id: string, lang: FaqLang, question: string, phrasings: string[] = [], enabled = true): FaqEntry {
  return { id, lang, question, phrasings, answer: `answer to ${id}`, tags: [], enabled };
}

const SHOP_FAQ: FaqEntry[] = [
  faqEntry('shipping-time', 'en', 'How long does shipping take?', ['When will my parcel arrive?', 'delivery time to my country']),
  faqEntry('shipping-cost', 'en', 'How much does delivery cost?', ['Is postage free over 50 euros?']),
  faqEntry('returns', 'en', 'How do I return an item?', ['Can I send my purchase back for a refund?']),
  faqEntry('payment', 'en', 'Which payment methods do you accept?', ['Can I pay with PayPal or a credit card?']),
  faqEntry('cancel', 'en', 'Can I cancel my order?', ['I ordered by mistake and want to cancel']),
  faqEntry('sizes', 'en', 'How do your sizes run?', ['Which size should I choose, the jeans are tight']),
  faqEntry('gift-wrap', 'en', 'Do you offer gift wrapping?', []),
  faqEntry('zh-returns', 'zh-TW', '請問退貨要怎麼辦理？', ['我想退換商品']),
  faqEntry('zh-shipping-cost', 'zh-TW', '運費怎麼算？', ['買多少可以免運費']),
  faqEntry('zh-payment', 'zh-TW', '可以用信用卡付款嗎？', ['支援哪些付款方式']),
  faqEntry('zh-invoice', 'zh-CN', '可以开发票吗？', ['怎么申请电子发票']),
  faqEntry('th-returns', 'th', 'ฉันต้องการคืนสินค้าต้องทำอย่างไร', ['ขอเปลี่ยนสินค้าได้ไหม']),
  faqEntry('th-shipping-time', 'th', 'สินค้าจะมาถึงเมื่อไหร่', ['จัดส่งกี่วัน']),
  faqEntry('th-payment', 'th', 'ชำระเงินด้วยบัตรเครดิตได้ไหม', ['โอนเงินผ่านธนาคารได้หรือเปล่า']),
];

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
