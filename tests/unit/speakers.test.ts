// Who may answer a shopper in a language: agents with it (or with no languages set); all
// online agents when none of them has it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { speakers } from '../../server/routing/router.js';
import type { Agent } from '../../server/store/types.js';

const agent = (id: string, languages: string[]): Agent => ({
  id, email: `${id}@x.example`, name: id, passwordHash: '', disabled: false, createdAt: 0, maxChats: 3, away: false, languages, role: 'agent', team: null,
});
const ids = (list: Agent[]): string[] => list.map((a) => a.id);

test('prefers agents who answer in the language, or in every language', () => {
  const all = [agent('thai', ['th']), agent('any', []), agent('english', ['en'])];
  assert.deepEqual(ids(speakers(all, 'th')), ['thai', 'any']);
  assert.deepEqual(ids(speakers(all, 'en-GB')), ['any', 'english'], 'a regional tag counts as its language');
  assert.deepEqual(ids(speakers(all, null)), ['thai', 'any', 'english'], 'unknown language: anyone');
});

test('Traditional and Simplified Chinese are different languages; nobody with it: everyone', () => {
  const all = [agent('tw', ['zh-TW']), agent('en', ['en'])];
  assert.deepEqual(ids(speakers(all, 'zh-TW')), ['tw']);
  assert.deepEqual(ids(speakers(all, 'zh-CN')), ['tw', 'en']);
});
