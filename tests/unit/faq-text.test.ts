// The FAQ matcher's text pipeline: what shoppers type is normalised, folded and segmented
// the same way as the FAQ, in all four languages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../../server/faq/analyse.js';
import { foldChinese, isTraditional } from '../../server/faq/chinese.js';
import { detectLang } from '../../server/faq/language.js';
import { normalise } from '../../server/faq/normalise.js';
import { scriptNgrams, segmentWords } from '../../server/faq/segment.js';
import { stem } from '../../server/faq/stem.js';
import { foldThaiSilent } from '../../server/faq/thai.js';
import { COUNTRY_TERM } from '../../server/faq/places.js';

test('full-width letters, case and punctuation are normalised away', () => {
  assert.equal(normalise('ＷＨＥＲＥ　ｉｓ　ＭＹ　Ｏｒｄｅｒ？！'), 'where is my order');
  assert.equal(normalise("Don't  know… café"), 'dont know cafe');
});

test('order numbers become one token whatever their digits', () => {
  assert.deepEqual(analyse('track order 732201349959').words, analyse('track order 00123').words);
});

test('Thai SARA AM survives normalisation, so Thai words still segment', () => {
  // NFKC alone turns ำ into two code points and ICU then splits "น้ำ" (water) apart.
  assert.equal(normalise('น้ำ'), 'น้ำ');
  assert.deepEqual(segmentWords(normalise('ทำน้ำดื่ม')), ['ทำ', 'น้ำ', 'ดื่ม']);
});

test('a Thai sentence written without spaces is split into words', () => {
  assert.deepEqual(segmentWords('ฉันต้องการคืนสินค้า'), ['ฉัน', 'ต้องการ', 'คืน', 'สินค้า']);
});

test('a Chinese sentence is split into words in either script', () => {
  assert.deepEqual(segmentWords('请问可以用信用卡付款吗'), ['请问', '可以', '用', '信用卡', '付款', '吗']);
  assert.deepEqual(segmentWords(foldChinese('請問可以用信用卡付款嗎')), ['请问', '可以', '用', '信用卡', '付款', '吗']);
});

test('Thai runs give character trigrams, a short run itself once', () => {
  // คืนเงิน "refund": 7 code points (vowel and tone marks are separate), so 5 trigrams.
  assert.deepEqual(scriptNgrams('คืนเงิน', new Set()), ['คืน', 'ืนเ', 'นเง', 'เงิ', 'งิน']);
  assert.deepEqual(scriptNgrams('ไป', new Set()), ['ไป']);
  assert.deepEqual(scriptNgrams('ship it', new Set()), []);
});

test('Thai spellings that differ only in a silent letter analyse to the same terms', () => {
  // ไซส์ / ไซซ์ / ไซด์ "size": the letter under ์ is not pronounced.
  // ICU may cut the words around an unknown spelling differently (ตาราง vs ตา|ราง), so the
  // loanword itself and the n-grams are compared.
  for (const variant of ['ตารางไซส์', 'ตารางไซด์']) {
    assert.deepEqual(analyse(variant).grams, analyse('ตารางไซซ์').grams, variant);
    assert.ok(analyse(variant).words.includes('ไซ'), variant);
  }
  assert.ok(analyse('ตารางไซซ์').words.includes('ไซ'));
  assert.equal(foldThaiSilent('พันธุ์ไม้'), 'พันไม้', 'a vowel written on the silent letter goes with it');
  assert.notDeepEqual(analyse('ไซส์'), analyse('ไซ'.concat('ส')), 'a letter that is pronounced stays');
});

test('a Latin word glued to Thai text is split off', () => {
  assert.equal(analyse('สั่งซื้อผ่านlineได้ไหม').words.includes(stem('line')), true);
});

test('Traditional Chinese folds to Simplified, Taiwan vocabulary included', () => {
  assert.equal(foldChinese('運費怎麼算'), '运费怎么算');
  assert.equal(foldChinese('我的滑鼠壞了'), '我的鼠标坏了');
  assert.equal(foldChinese('no Chinese here'), 'no Chinese here');
  assert.equal(isTraditional('退貨'), true);
  assert.equal(isTraditional('退货'), false);
});

test('a question and an entry analyse to the same terms whichever script they use', () => {
  assert.deepEqual(analyse('運費怎麼算？'), analyse('运费怎么算'));
});

test('related English forms share a stem', () => {
  assert.equal(stem('cancelling'), stem('cancel'));
  assert.equal(stem('cancelled'), stem('cancel'));
  assert.equal(stem('changing'), stem('change'));
  assert.equal(stem('shipping'), stem('ship'));
  assert.equal(stem('deliveries'), stem('delivery'));
  assert.equal(stem('calling'), stem('call'));
  assert.equal(stem('bring'), 'bring');
});

test('stop words are dropped and question words kept (but marked weak)', () => {
  const { words, weak } = analyse('Where is my order?');
  assert.deepEqual(words, [stem('where'), stem('order')]);
  assert.deepEqual([...weak], [stem('where')]);
});

test('the language of a question is guessed from its script', () => {
  assert.equal(detectLang('where is my parcel'), 'en');
  assert.equal(detectLang('我的包裹在哪里'), 'zh-CN');
  assert.equal(detectLang('我的包裹在哪裡'), 'zh-TW');
  assert.equal(detectLang('พัสดุของฉันอยู่ที่ไหน'), 'th');
  assert.equal(detectLang('ส่ง iPhone ได้ไหม'), 'th');
  assert.equal(detectLang('12345'), 'en');
});

test('a country named in any of the four languages gives the text one class term', () => {
  for (const text of ['Do you ship to Japan?', 'ship to the United States', 'deliveries to the USA', '可以寄大陸嗎', 'can I order from Hong Kong', '可以寄日本嗎', '寄到美国要多久', 'ส่งไปญี่ปุ่นได้ไหม', 'ส่งมาประเทศไทยได้ไหม']) {
    assert.ok(analyse(text).words.includes(COUNTRY_TERM), text);
  }
  // "US" is also "us"; "Japanese" is not a country; ordinary questions name none.
  for (const text of ['tell us your address', 'do you sell japanese tea', 'where is my order', '运费多少', 'ค่าส่งเท่าไหร่']) {
    assert.ok(!analyse(text).words.includes(COUNTRY_TERM), text);
  }
});
