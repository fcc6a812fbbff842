// Trigger rules as shop owners write them: the documented examples and the demo's rules are
// accepted as written, defaults are filled in, and mistakes are explained by field.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkTrigger, checkTriggerList, idFromName } from '../../server/triggers/validate.js';
import { ROOT } from '../helpers/server.js';

const DOC = readFileSync(join(ROOT, 'docs/widget-api.md'), 'utf8');

test('the rule in docs/widget-api.md and every condition in its table are accepted as written', () => {
  const rule = /```json\n([\s\S]*?)\n```/.exec(DOC.slice(DOC.indexOf('## Trigger rules')))?.[1];
  assert.ok(rule, 'the doc has a JSON rule');
  const checked = checkTrigger(JSON.parse(rule));
  assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
  const conditions = [...DOC.matchAll(/^\| `(\{ "type"[^`]*\})`/gm)].map((m) => m[1]!);
  assert.ok(conditions.length >= 13, `the conditions table lists them (${conditions.length})`);
  for (const c of conditions) {
    const result = checkTrigger({ name: 'doc', conditions: [JSON.parse(c)], action: { kind: 'bubble', text: { en: 'Hi' } } });
    assert.ok(result.ok, `${c}: ${JSON.stringify(!result.ok && result.errors)}`);
  }
});

test('the demo store\'s rules are valid', () => {
  const checked = checkTriggerList(JSON.parse(readFileSync(join(ROOT, 'demo/triggers.json'), 'utf8')));
  assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
  assert.deepEqual(checked.rules.map((r) => r.id), ['cart-help', 'checkout-exit', 'size-guide', 'big-cart']);
});

test('defaults: enabled, once per visit, an id from the name', () => {
  const checked = checkTrigger({ name: 'Help on the Cart page!', conditions: [{ type: 'exitIntent' }], action: { kind: 'open', text: { th: 'สวัสดี' } } });
  assert.ok(checked.ok);
  assert.equal(checked.rule.id, 'help-on-the-cart-page');
  assert.equal(checked.rule.enabled, true);
  assert.deepEqual(checked.rule.cap, { oncePerVisit: true, days: 0 });
  assert.match(idFromName('購物車'), /^rule-[a-z0-9]+$/, 'a name with no latin letters still gets a stable id');
  assert.equal(idFromName('購物車'), idFromName('購物車'));
});

test('mistakes are explained by field, all at once', () => {
  const checked = checkTrigger({
    name: '',
    colour: 'red',
    conditions: [{ type: 'page', include: [] }, { type: 'device', is: 'tablet' }, { type: 'language', in: ['fr'] }, { type: 'timeOnPage', seconds: 2.5 }, { type: 'exitIntent', seconds: 3 }],
    action: { kind: 'popup', text: {}, replies: [{ en: 'a' }, { en: 'b' }, { en: 'c' }, { en: 'd' }] },
    cap: { days: 400, weekly: true },
  });
  assert.ok(!checked.ok);
  const by = new Map(checked.errors.map((e) => [e.field, e.reason]));
  const expect: Record<string, RegExp> = {
    name: /give the rule a name/,
    colour: /unknown field "colour"/,
    'conditions[0].include': /list of 1-20 patterns/,
    'conditions[1].is': /"mobile" or "desktop"/,
    'conditions[2].in': /one or more of en, zh-TW, zh-CN, th/,
    'conditions[3].seconds': /whole number of seconds from 1 to 86400/,
    'conditions[4].seconds': /the exitIntent condition has no "seconds"/,
    'action.kind': /"bubble" .* or "open"/,
    'action.text': /at least one language/,
    'action.replies': /at most 3 quick replies/,
    'cap.days': /0 \(no limit\) to 365/,
    'cap.weekly': /unknown cap/,
  };
  for (const [field, reason] of Object.entries(expect)) assert.match(by.get(field) ?? `(no error for ${field})`, reason);
});
