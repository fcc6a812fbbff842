// Chinese entries written in both scripts but not linked: which pairs are offered as translations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseFaqJson } from '../../server/faq/content.js';
import { suggestTranslationLinks } from '../../server/faq/link-suggestions.js';
import { inScript } from '../../server/faq/script.js';
import type { FaqEntryInput } from '../../server/store/types.js';
import { ROOT } from '../helpers/server.js';

function demo(): FaqEntryInput[] {
  const parsed = parseFaqJson(readFileSync(join(ROOT, 'demo/faq.json'), 'utf8'));
  assert.ok(parsed.ok);
  return parsed.entries;
}
const unlinked = (entries: FaqEntryInput[]): FaqEntryInput[] => entries.map(({ topic: _topic, ...e }) => e);

test('the demo FAQ unlinked: the pairs offered are right ones, named by the ids\' stem', () => {
  const entries = demo();
  const topicOf = new Map(entries.map((e) => [e.id, e.topic]));
  const links = suggestTranslationLinks(unlinked(entries));
  // Its two scripts were written separately, not converted: most pairs, not all, are found.
  assert.ok(links.length >= 12, `${links.length} pairs offered`);
  for (const { topic, entries: [tw, cn] } of links) {
    assert.equal(topicOf.get(tw.id), topicOf.get(cn.id), `${tw.question} ⟷ ${cn.question}`);
    assert.equal(topic, topicOf.get(tw.id));
    assert.deepEqual([tw.lang, cn.lang], ['zh-TW', 'zh-CN']);
  }
});

test('a Simplified FAQ converted from the Traditional one links every pair; linked entries are never offered', () => {
  const tw = unlinked(demo()).filter((e) => e.lang === 'zh-TW');
  const converted = tw.map((e, i) => ({ ...e, id: `cn-${i}`, lang: 'zh-CN' as const, question: inScript(e.question, 'zh-TW', 'zh-CN'), phrasings: e.phrasings.map((p) => inScript(p, 'zh-TW', 'zh-CN')) }));
  assert.equal(suggestTranslationLinks([...tw, ...converted]).length, tw.length);
  assert.deepEqual(suggestTranslationLinks(demo()), [], 'the demo as shipped is linked');
});

test('a pair joins a topic of its name that has no Chinese version; one that has gets a number', () => {
  const entry = (id: string, lang: FaqEntryInput['lang'], question: string, topic?: string): FaqEntryInput => ({
    id, lang, question, phrasings: [], keywords: [], answer: 'a', tags: [], enabled: true, ...(topic ? { topic } : {}),
  });
  const links = suggestTranslationLinks([
    entry('fee-tw', 'zh-TW', '運費怎麼計算？'),
    entry('fee-cn', 'zh-CN', '运费怎么计算？'),
    entry('fee-en', 'en', 'How is shipping charged?', 'fee'),
    entry('hours-tw', 'zh-TW', '客服時間是幾點？'),
    entry('hours-cn', 'zh-CN', '客服时间是几点？'),
    entry('hours-hk', 'zh-TW', '營業時間？', 'hours'),
  ]);
  assert.deepEqual(links.map((l) => l.topic), ['fee', 'hours-2']);
});
