// Every widget string exists, non-empty, in all four languages, with the same placeholders.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { STRINGS as CONSOLE_STRINGS } from '../../server/console/i18n/index.js';
import { acceptLanguages, pickLang, toLang } from '../../server/i18n/lang.js';
import { WIDGET_WORDS } from '../../server/i18n/widget-words.js';
import { STRINGS } from '../../widget/i18n/index.js';
import { sentences, translator } from '../../widget/i18n/translate.js';

for (const [part, tables] of [['widget', STRINGS], ['widget first words', WIDGET_WORDS], ['console', CONSOLE_STRINGS]] as const) {
test(`the four ${part} languages have the same keys and placeholders`, () => {
  const STRINGS = tables;
  const keys = Object.keys(STRINGS.en).sort();
  for (const [lang, table] of Object.entries(STRINGS)) {
    assert.deepEqual(Object.keys(table).sort(), keys, lang);
    for (const key of keys) {
      const text = (table as Record<string, string>)[key] ?? '';
      assert.ok(text.trim().length > 0, `${lang}.${key} is empty`);
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(vars(text), vars((STRINGS.en as Record<string, string>)[key] ?? ''), `${lang}.${key} placeholders`);
    }
  }
});
}

test('language: site setting, then page lang, then browser; Chinese variants map to the right script', () => {
  assert.equal(pickLang('th', 'en', ['zh-TW']), 'th');
  assert.equal(pickLang(null, 'zh-Hant-TW', ['en']), 'zh-TW');
  assert.equal(pickLang(null, '', ['fr', 'zh-HK']), 'zh-TW');
  assert.equal(pickLang(null, null, ['zh']), 'zh-CN');
  assert.equal(pickLang(null, null, ['de']), 'en');
  assert.equal(toLang('zh-SG'), 'zh-CN');
  assert.equal(toLang('th-TH'), 'th');
});

test('Accept-Language: in the order of preference, q=0 and * left out', () => {
  assert.deepEqual(acceptLanguages('th-TH,th;q=0.9,en-US;q=0.8,en;q=0.7'), ['th-TH', 'th', 'en-US', 'en']);
  assert.deepEqual(acceptLanguages('en;q=0.5, zh-TW, fr;q=0, *;q=0.1'), ['zh-TW', 'en']);
  assert.deepEqual(acceptLanguages('de-DE;q=0.8,zh-HK;q=0.8'), ['de-DE', 'zh-HK'], 'equal q: the order sent');
  assert.deepEqual(acceptLanguages(undefined), []);
  assert.equal(pickLang(null, null, acceptLanguages('fr-FR,fr;q=0.9,zh-HK;q=0.5')), 'zh-TW');
});

test("the chat's launcher words are the loader's, in every language", () => {
  for (const [lang, words] of Object.entries(WIDGET_WORDS)) {
    const table = STRINGS[lang as keyof typeof STRINGS];
    assert.deepEqual([table.launcherOpen, table.launcherClose, table.launcherUnread], [words.open, words.close, words.unread], lang);
  }
});

// Chinese is punctuated with full-width marks (，：；？！（）); an ASCII comma or colon beside
// Han characters reads as a typo to a Taiwanese or mainland shopper (it was on every hand-off).
test('Chinese texts use full-width punctuation beside Chinese characters', async () => {
  const { BOT_PHRASES } = await import('../../server/bot-phrases.js');
  const triggers = JSON.parse(readFileSync(new URL('../../demo/triggers.json', import.meta.url), 'utf8')) as unknown;
  const asciiBesideHan = /[\p{Script=Han}][,:;?!()]|[,:;?!()][\p{Script=Han}]/u;
  const texts: Array<[string, string]> = [];
  const collect = (where: string, value: unknown): void => {
    if (typeof value === 'string') texts.push([where, value]);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(`${where}.${k}`, v);
  };
  for (const lang of ['zh-TW', 'zh-CN'] as const) {
    collect(`widget ${lang}`, STRINGS[lang]);
    collect(`widget first words ${lang}`, WIDGET_WORDS[lang]);
    collect(`console ${lang}`, CONSOLE_STRINGS[lang]);
    collect(`bot ${lang}`, BOT_PHRASES[lang]);
  }
  collect('demo/triggers.json', triggers);
  const wrong = texts.filter(([, text]) => asciiBesideHan.test(text)).map(([where, text]) => `${where}: ${text}`);
  assert.deepEqual(wrong, []);
});

test('the shopper\'s place in line and the wait read as one line in each language: no space after a Chinese full stop', () => {
  const line = (lang: keyof typeof STRINGS) => {
    const t = translator(STRINGS[lang]);
    return sentences(t('queuePosition', { n: 2 }), t('queueNoEstimate'));
  };
  assert.equal(line('zh-CN'), '您当前排在第 2 位。暂时无法估计等待时间。');
  assert.equal(line('zh-TW'), '您目前排在第 2 位。目前還無法估計等候時間。');
  assert.match(line('en'), /line\. \S/);
  assert.match(line('th'), /2 \S/);
});
