// Every widget string exists, non-empty, in all four languages, with the same placeholders.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STRINGS as CONSOLE_STRINGS } from '../../server/console/i18n/index.js';
import { STRINGS, pickLang, toLang } from '../../widget/i18n/index.js';
import { LAUNCHER } from '../../widget/i18n/launcher.js';

for (const [part, tables] of [['widget', STRINGS], ['widget loader', LAUNCHER], ['console', CONSOLE_STRINGS]] as const) {
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
