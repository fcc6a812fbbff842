// Canned replies in the console: the conversation's language variant wins, else the one for
// every language; "/sh" offers the shortcuts starting with "sh".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cannedFor, cannedMatches } from '../../server/console/canned.js';

const replies = [
  { id: '1', shortcut: 'ship', lang: '', body: 'We ship in 2 days.' },
  { id: '2', shortcut: 'ship', lang: 'th', body: 'จัดส่งภายใน 2 วัน' },
  { id: '3', shortcut: 'size', lang: '', body: 'See the size guide.' },
  { id: '4', shortcut: 'refund', lang: 'zh-TW', body: '七天內可退款。' },
];

test('the conversation\'s language variant, else the one for every language; none for another language only', () => {
  assert.deepEqual(cannedFor(replies, 'th').find((r) => r.shortcut === 'ship')?.body, 'จัดส่งภายใน 2 วัน');
  assert.deepEqual(cannedFor(replies, 'en').find((r) => r.shortcut === 'ship')?.body, 'We ship in 2 days.');
  assert.equal(cannedFor(replies, 'en').find((r) => r.shortcut === 'refund'), undefined);
  assert.equal(cannedFor(replies, 'zh-TW').find((r) => r.shortcut === 'refund')?.body, '七天內可退款。');
});

test('"/s" offers every shortcut starting with s, in order; text that is not a lone /shortcut offers none', () => {
  const en = cannedFor(replies, 'en');
  assert.deepEqual(cannedMatches('/s', en).map((r) => r.shortcut), ['ship', 'size']);
  assert.deepEqual(cannedMatches('/si', en).map((r) => r.shortcut), ['size']);
  assert.deepEqual(cannedMatches('/', en).map((r) => r.shortcut), ['ship', 'size']);
  assert.deepEqual(cannedMatches('see /si', en), []);
  assert.deepEqual(cannedMatches('/xyz', en), []);
});
