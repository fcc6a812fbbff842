// The console says every refusal it can meet in the agent's language: each code of the
// catalogue has a wording in every console language, or is listed as left to the server's
// words (format.ts SERVER_WORDS_ONLY) with the reason. A new code with neither fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError, knownError, SERVER_WORDS_ONLY } from '../../server/console/format.js';
import { STRINGS, translator } from '../../server/console/i18n/index.js';
import { deskbellError, ERROR_CODES } from '../../server/errors.js';
import type { Lang } from '../../server/protocol.js';

const LANGS = Object.keys(STRINGS) as Lang[];
const worded = ERROR_CODES.filter((code) => !Object.hasOwn(SERVER_WORDS_ONLY, code));

test('every code the console can meet is worded in every console language, each in its own words', () => {
  assert.deepEqual([...LANGS].sort(), ['en', 'th', 'zh-CN', 'zh-TW']);
  for (const code of worded) {
    const english = knownError({ code }, translator('en'));
    assert.ok(english, `${code}: no English wording (add one to format.ts knownError, or to SERVER_WORDS_ONLY with the reason)`);
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      const text = knownError({ code }, translator(lang));
      assert.ok(text, `${code}: no ${lang} wording`);
      assert.notEqual(text, english, `${code}: the ${lang} wording is the English one`);
      assert.doesNotMatch(text, /\b(the|and|again|please)\b/i, `${code}: English words in the ${lang} wording: ${text}`);
    }
  }
});

test('the codes left to the server words are real codes, and the console does leave them', () => {
  for (const code of Object.keys(SERVER_WORDS_ONLY)) {
    assert.ok((ERROR_CODES as string[]).includes(code), `${code} is not in server/errors.ts`);
    const error = { code, message: deskbellError(code as (typeof ERROR_CODES)[number], 'email: must be an email').message };
    assert.equal(describeError(error, translator('th')), error.message, `${code}: the reason is the server's`);
  }
});

test("the details the server's English carries are kept: who has the conversation, the size limit, the wait", () => {
  for (const lang of LANGS) {
    const t = translator(lang);
    assert.match(knownError({ code: 'DESKBELL_ALREADY_CLAIMED', holder: 'สมชาย' }, t)!, /สมชาย/, lang);
    assert.match(knownError({ code: 'DESKBELL_ATTACHMENT_TOO_LARGE', maxMb: 2.5 }, t)!, /2\.5 MB/, lang);
    assert.match(knownError({ code: 'DESKBELL_RATE_LIMITED', retryAfterSeconds: 16 }, t)!, /16/, lang);
    // A server from before the details: the sentence without them, still true.
    assert.ok(!/\{\w+\}/.test(knownError({ code: 'DESKBELL_ALREADY_CLAIMED' }, t)!), lang);
    assert.ok(!/\{\w+\}/.test(knownError({ code: 'DESKBELL_ATTACHMENT_TOO_LARGE' }, t)!), lang);
  }
  assert.equal(knownError({ code: 'DESKBELL_ALREADY_CLAIMED', holder: 'Ann' }, translator('zh-TW')), 'Ann 已經接手這個對話，請從排隊中另選一個。');
});

test("a code the console does not know (a newer server's) is shown in the server's words", () => {
  const error = { code: 'DESKBELL_SOMETHING_NEW', message: 'Something new happened. Do this.' };
  assert.equal(knownError(error, translator('zh-CN')), null);
  assert.equal(describeError(error, translator('zh-CN')), error.message);
  assert.equal(describeError({ code: 'DESKBELL_SOMETHING_NEW' }, translator('th')), STRINGS.th.errorRefused);
});
