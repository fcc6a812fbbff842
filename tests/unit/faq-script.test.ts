// A Chinese FAQ entry shown in the shopper's script: characters converted, words and links kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inScript, scriptConverter } from '../../server/faq/script.js';

test('Traditional to Simplified for a zh-CN reader, Simplified to Traditional for a zh-TW reader', () => {
  assert.equal(inScript('運費一律新臺幣一百元，滿額免運。', 'zh-TW', 'zh-CN'), '运费一律新台币一百元，满额免运。');
  // One Simplified character, two Traditional ones: chosen by the word around it.
  assert.equal(inScript('头发和发票都可以寄回来', 'zh-CN', 'zh-TW'), '頭髮和發票都可以寄回來');
});

test('characters only: the shop\'s own words are kept (no Taiwan/mainland vocabulary swap)', () => {
  assert.equal(inScript('目前支持信用卡', 'zh-CN', 'zh-TW'), '目前支持信用卡', 'not 支援');
  assert.equal(inScript('下載軟體', 'zh-TW', 'zh-CN'), '下载软体', 'not 软件');
});

test('web addresses are kept as written', () => {
  assert.equal(inScript('詳見 https://shop.example/運費 或來信。', 'zh-TW', 'zh-CN'), '详见 https://shop.example/運費 或来信。');
});

test('nothing changes for the same script, other languages, or an unknown reader', () => {
  for (const [from, to] of [['zh-TW', 'zh-TW'], ['zh-TW', 'en'], ['en', 'zh-CN'], ['th', 'zh-TW'], ['zh-CN', null]] as const) {
    assert.equal(inScript('運費 shipping 运费', from, to), '運費 shipping 运费', `${from} → ${to}`);
  }
});

test('with the owner\'s conversion off, every text stays as written; on, it is inScript', () => {
  const off = scriptConverter(false);
  assert.equal(off('運費一律新臺幣一百元', 'zh-TW', 'zh-CN'), '運費一律新臺幣一百元');
  assert.equal(off('头发和发票', 'zh-CN', 'zh-TW'), '头发和发票');
  assert.equal(scriptConverter(true)('運費一律新臺幣一百元', 'zh-TW', 'zh-CN'), '运费一律新台币一百元');
});
