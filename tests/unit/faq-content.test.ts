// A shop's FAQ file, JSON or CSV: good files read as entries, every bad row is reported by
// its line in words a shop owner can act on, and export → import changes nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseCsv } from '../../server/faq/csv.js';
import {
  decodeFaqFile,
  faqFormatFromPath,
  formatFaqCsv,
  formatFaqJson,
  formatRowError,
  generatedFaqId,
  parseFaq,
  parseFaqCsv,
  parseFaqEntry,
  parseFaqJson,
  topicClashes,
  type FaqParseResult,
} from '../../server/faq/content.js';
import type { FaqEntryInput } from '../../server/store/types.js';
import { ROOT } from '../helpers/server.js';

function entries(result: FaqParseResult): FaqEntryInput[] {
  if (!result.ok) assert.fail(`expected entries, got:\n${result.errors.map(formatRowError).join('\n')}`);
  return result.entries;
}
function problems(result: FaqParseResult): string[] {
  assert.equal(result.ok, false, 'expected the file to be refused');
  return result.ok ? [] : result.errors.map(formatRowError);
}

const SAMPLE: FaqEntryInput[] = [
  {
    id: 'shipping-en', lang: 'en', question: 'How long does shipping take?',
    phrasings: ['when will my parcel arrive', 'delivery time'], keywords: ['shipping', 'delivery'],
    answer: 'Two days in Taiwan.\nFive to ten days abroad; see https://shop.example/shipping.', tags: ['shipping'], enabled: true,
    topic: 'shipping',
  },
  {
    id: 'returns-zh-TW', lang: 'zh-TW', question: '可以退貨嗎？', phrasings: ['怎麼退貨'], keywords: [],
    answer: '收到商品七天內可以退貨，請寫信給我們。', tags: ['returns', 'policy'], enabled: false,
  },
  {
    id: 'quotes', lang: 'th', question: 'มีส่วนลดไหม, "ครับ"', phrasings: [], keywords: [],
    answer: 'ใช้โค้ด "HELLO10", ลด 10%\r\nที่หน้าชำระเงิน'.replace('\r\n', '\n'), tags: [], enabled: true,
  },
];

describe('reading a JSON FAQ', () => {
  test('an array of entries: optional fields get their defaults, text is trimmed', () => {
    const text = JSON.stringify([
      { id: 'a', lang: 'en', question: '  Do you ship abroad? ', answer: ' Yes. ', phrasings: ['ship overseas', ' ', 'international'] },
      { lang: 'zh-tw', question: '運費多少？', answer: '一百元', tags: ['shipping'] },
    ]);
    const [a, b] = entries(parseFaqJson(text));
    assert.deepEqual(a, { id: 'a', lang: 'en', question: 'Do you ship abroad?', phrasings: ['ship overseas', 'international'], keywords: [], answer: 'Yes.', tags: [], enabled: true });
    assert.equal(b?.lang, 'zh-TW', 'language codes are read whatever their case');
    assert.equal(b?.id, generatedFaqId('zh-TW', '運費多少？'), 'an entry without an id gets one derived from its question');
  });

  test('the demo shop\'s FAQ reads whole, every topic in all four languages', () => {
    const text = readFileSync(join(ROOT, 'demo/faq.json'), 'utf8');
    const demo = entries(parseFaqJson(text));
    assert.equal(demo.length, (JSON.parse(text) as unknown[]).length, 'no entry dropped');
    assert.ok(demo.length >= 80, 'about twenty topics');
    const topics = new Map<string, Set<string>>();
    for (const e of demo) {
      assert.ok(e.topic, `${e.id} is linked to its translations`);
      topics.set(e.topic, (topics.get(e.topic) ?? new Set()).add(e.lang));
    }
    assert.ok(topics.size >= 20, 'about twenty topics');
    for (const [topic, langs] of topics) assert.equal(langs.size, 4, `${topic} in all four languages`);
  });

  test('each bad entry is reported on the line of the field at fault', () => {
    const text = `[
  { "id": "ok", "lang": "en", "question": "Fine?", "answer": "Yes" },
  { "id": "b", "lang": "fr",
    "question": "Bonjour?", "answer": "Oui" },
  { "id": "c", "lang": "en", "question": "Empty answer?",
    "answer": "   " },
  { "id": "ok", "lang": "en", "question": "Twice?", "answer": "No" },
  { "lang": "en", "question": "", "answer": "x" },
  { "id": "d", "lang": "en", "question": "Typo?", "answer": "x",
    "phrasing": ["a"] },
  { "id": "e", "lang": "en", "question": "Tags?", "answer": "x", "tags": "shipping" },
  { "id": "f", "lang": "en", "question": "Bell?", "answer": "ding\\u0007" },
  "just text",
  { "id": "has space", "lang": "en", "question": "Id?", "answer": "x", "enabled": "maybe" }
]`;
    assert.deepEqual(problems(parseFaqJson(text)), [
      'line 3: lang must be one of en, zh-TW, zh-CN, th, not "fr"',
      'line 6: answer is empty',
      'line 7: duplicate id ok (also on line 2)',
      'line 8: question is empty',
      'line 10: unknown field "phrasing" (the fields are id, lang, question, phrasings, answer, tags, enabled, keywords, topic)',
      'line 11: tags must be a list of texts, like ["…", "…"]',
      'line 12: answer contains a control character (only newlines and tabs are allowed)',
      'line 13: entry 9 must be an object, like { "lang": "en", "question": "…", "answer": "…" }',
      'line 14: enabled must be true or false, not "maybe"',
      'line 14: id "has space" may only use letters, digits, ".", "_", ":" and "-", starting with a letter or digit',
    ]);
  });

  test('two entries without ids asking the same question in the same language are one too many', () => {
    const text = '[\n{ "lang": "en", "question": "Gift wrap?", "answer": "Yes" },\n{ "lang": "en", "question": "Gift wrap?", "answer": "No" }\n]';
    assert.deepEqual(problems(parseFaqJson(text)), ['line 3: the same question in the same language as line 2; merge the two, or give each an id']);
  });

  test('limits: question 500 characters, answer 4,000, 20 phrasings, 2,000 entries', () => {
    const base = { lang: 'en', question: 'Q', answer: 'A' };
    const at = (e: object): string[] => problems(parseFaqJson(JSON.stringify([e])));
    assert.deepEqual(at({ ...base, question: 'x'.repeat(501) }), ['line 1: question is 501 characters long; at most 500 are allowed']);
    assert.deepEqual(at({ ...base, answer: '好'.repeat(4001) }), ['line 1: answer is 4,001 characters long; at most 4,000 are allowed']);
    assert.deepEqual(at({ ...base, phrasings: Array.from({ length: 21 }, (_, i) => `p${i}`) }), ['line 1: 21 phrasings; at most 20 are allowed']);
    assert.deepEqual(at({ ...base, phrasings: ['red|blue'] }), ['line 1: phrasing 1 contains "|", which separates phrasings in CSV files']);
    assert.deepEqual(at({ ...base, question: 'two\nlines' }), ['line 1: question must be one line']);
    assert.equal(entries(parseFaqJson(JSON.stringify([{ ...base, question: 'x'.repeat(500), answer: '好'.repeat(4000) }]))).length, 1);

    const many = Array.from({ length: 2001 }, (_, i) => ({ id: `e${i}`, ...base }));
    assert.deepEqual(problems(parseFaqJson(`[\n${many.map((e) => JSON.stringify(e)).join(',\n')}\n]`)), [
      'line 2002: the file has 2,001 entries; at most 2,000 can be imported at once, so split it',
    ]);
  });

  test('a syntax error is reported on its line, with what to do', () => {
    assert.deepEqual(problems(parseFaqJson('[\n  { "lang": "en",\n    "question": "Q"\n    "answer": "A" }\n]')), [
      'line 4: this is not valid JSON: unexpected \'"\'; a "," or "}" should follow the field\'s value',
    ]);
    assert.deepEqual(problems(parseFaqJson('[\n  { "lang": "en", "question": "Q", "answer": "A", }\n]')), [
      'line 2: this is not valid JSON: unexpected "}" where a field name in double quotes should be (is there a comma after the last field?)',
    ]);
    assert.deepEqual(problems(parseFaqJson('[\n  { lang: "en" }\n]')), [
      'line 2: this is not valid JSON: unexpected "l" where a field name in double quotes should be',
    ]);
    assert.deepEqual(problems(parseFaqJson('')), ['line 1: this is not valid JSON: the file is empty']);
    assert.deepEqual(problems(parseFaqJson('{ "lang": "en" }')), [
      'line 1: the file must be a JSON array of entries, like [{ "lang": "en", "question": "…", "answer": "…" }, …]',
    ]);
  });

  test('a byte order mark is skipped', () => {
    assert.equal(entries(parseFaqJson('\uFEFF[{ "lang": "th", "question": "ส่งกี่วัน", "answer": "3 วัน" }]')).length, 1);
  });
});

describe('reading a CSV FAQ', () => {
  test('a header names the columns, in any order; phrasings, keywords and tags are split on |', () => {
    const text = 'Question,lang,answer,phrasings,tags,enabled\r\nDo you ship abroad?,en,Yes.,ship overseas | international |,shipping,FALSE\r\n';
    assert.deepEqual(entries(parseFaqCsv(text)), [{
      id: generatedFaqId('en', 'Do you ship abroad?'), lang: 'en', question: 'Do you ship abroad?',
      phrasings: ['ship overseas', 'international'], keywords: [], answer: 'Yes.', tags: ['shipping'], enabled: false,
    }]);
  });

  test('RFC 4180: quoted commas, doubled quotes, line breaks inside quotes, CRLF, BOM, no final newline', () => {
    const text = '\uFEFFid,lang,question,answer\r\n'
      + 'a,en,"Hello, is it ""free""?","Line one,\r\nline two ""quoted""\r\n\r\nline four"\r\n'
      + 'b,zh-CN,运费,"包邮"';
    const [a, b] = entries(parseFaqCsv(text));
    assert.equal(a?.question, 'Hello, is it "free"?');
    assert.equal(a?.answer, 'Line one,\nline two "quoted"\n\nline four', 'line breaks in answers are kept, as \\n');
    assert.equal(b?.answer, '包邮');
  });

  test('the records and their starting lines, as a text editor counts them', () => {
    const parsed = parseCsv('a,b\n"x\ny",z\n\n"",""\nlast,"one"');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.records, [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\ny', 'z'] },
      { line: 4, fields: [''] },
      { line: 5, fields: ['', ''] },
      { line: 6, fields: ['last', 'one'] },
    ]);
  });

  test('bad rows are reported by the line they start on, blank lines skipped', () => {
    const text = [
      'id,lang,question,answer,enabled',
      'a,en,"A question that spans',
      'two lines?",x,true',
      '',
      'b,th,ไม่มีคำตอบ,,',
      'c,jp,Konnichiwa?,x,',
      'a,en,Again?,x,',
      'd,en,Comma, not quoted,x,',
      'e,en,Off?,x,perhaps',
      '',
    ].join('\n');
    assert.deepEqual(problems(parseFaqCsv(text)), [
      'line 2: question must be one line',
      'line 5: answer is empty',
      'line 6: lang must be one of en, zh-TW, zh-CN, th, not "jp"',
      'line 7: duplicate id a (also on line 2)',
      'line 8: this row has 6 fields but the header has 5; put text that contains commas in double quotes',
      'line 9: enabled must be true or false, not "perhaps"',
    ]);
  });

  test('a broken header or quoting stops at once, with the reason', () => {
    assert.deepEqual(problems(parseFaqCsv('lang,question\nen,Q\n')), ['line 1: the column "answer" is missing']);
    assert.deepEqual(problems(parseFaqCsv('lang,question,answer,notes\n')), [
      'line 1: unknown column "notes" (the columns are id, lang, question, phrasings, answer, tags, enabled, keywords, topic)',
    ]);
    assert.deepEqual(problems(parseFaqCsv('lang;question;answer\nen;Q;A\n')), [
      'line 1: columns must be separated by commas; the first line should read id,lang,question,phrasings,answer,tags,enabled,keywords,topic',
    ]);
    assert.deepEqual(problems(parseFaqCsv('lang,question,answer\nen,Q,"never\nclosed\n')), ['line 2: a quoted field starting on this line never ends: a closing " is missing']);
    assert.deepEqual(problems(parseFaqCsv('lang,question,answer\nen,"Q"x,A\n')), [
      'line 2: only a comma or the end of the line may follow a closing quote; inside quotes, write a quote twice ("")',
    ]);
    assert.deepEqual(problems(parseFaqCsv('\uFEFF\r\n')), ['line 1: the file is empty; its first line must name the columns: id,lang,question,phrasings,answer,tags,enabled,keywords,topic']);
  });
});

describe('topics link translations', () => {
  test('one entry per language in a topic; a second is reported on its topic line, with what a topic is for', () => {
    const text = `[
  { "id": "ship-en", "lang": "en", "topic": "shipping", "question": "Shipping?", "answer": "Two days." },
  { "id": "ship-tw", "lang": "zh-TW", "topic": "shipping", "question": "運費？", "answer": "兩天。" },
  { "id": "fees-en", "lang": "en",
    "topic": "shipping", "question": "Fees?", "answer": "NT$100." },
  { "id": "bad", "lang": "th", "topic": "has space", "question": "ส่งไหม", "answer": "ส่ง" }
]`;
    assert.deepEqual(problems(parseFaqJson(text)), [
      'line 5: topic "shipping" already has a en entry (line 2); a topic links the translations of one entry, one per language — group entries by subject with tags',
      'line 6: topic "has space" may only use letters, digits, ".", "_", ":" and "-", starting with a letter or digit',
    ]);
  });

  test('CSV: the topic column, empty for none', () => {
    const csv = 'id,lang,question,answer,topic\nship-en,en,Shipping?,Two days.,shipping\nother,en,Other?,Yes.,\n';
    const [ship, other] = entries(parseFaqCsv(csv));
    assert.equal(ship?.topic, 'shipping');
    assert.equal(other && 'topic' in other, false);
  });

  test('checked against the site: a file may not give a topic a second entry in a language the site keeps', () => {
    const site: FaqEntryInput[] = [
      { id: 'ship-en', lang: 'en', topic: 'shipping', question: 'Shipping?', phrasings: [], keywords: [], answer: 'Two days.', tags: [], enabled: true },
    ];
    const file = parseFaqJson(`[
  { "id": "fees-en", "lang": "en", "topic": "shipping", "question": "Fees?", "answer": "NT$100." },
  { "id": "ship-th", "lang": "th", "topic": "shipping", "question": "ส่งกี่วัน", "answer": "สองวัน" }
]`);
    assert.ok(file.ok);
    assert.deepEqual(topicClashes(file, site, false).map(formatRowError), [
      'line 2: topic "shipping" already has a en entry ("ship-en", already in the FAQ); a topic links the translations of one entry, one per language — group entries by subject with tags',
    ]);
    assert.deepEqual(topicClashes(file, site, true), [], 'replacing the FAQ drops ship-en');
    const moved = parseFaqJson('[{ "id": "ship-en", "lang": "en", "topic": "delivery", "question": "Shipping?", "answer": "Two days." }, { "id": "fees-en", "lang": "en", "topic": "shipping", "question": "Fees?", "answer": "NT$100." }]');
    assert.ok(moved.ok);
    assert.deepEqual(topicClashes(moved, site, false), [], 'the file moves ship-en to another topic');
  });
});

describe('the file itself', () => {
  test('the format comes from the extension', () => {
    assert.equal(faqFormatFromPath('faq.JSON'), 'json');
    assert.equal(faqFormatFromPath('/tmp/shop faq.csv'), 'csv');
    assert.equal(faqFormatFromPath('faq.txt'), null);
  });

  test('only UTF-8 is read; Big5 or UTF-16 files are refused with how to fix them', () => {
    assert.deepEqual(decodeFaqFile(new TextEncoder().encode('lang,question,answer\n')), { ok: true, text: 'lang,question,answer\n' });
    // "運費" in Big5 on line 2.
    const big5 = decodeFaqFile(Uint8Array.from([...new TextEncoder().encode('lang,question,answer\nzh-TW,'), 0xb9, 0x42, 0xb6, 0x4f]));
    assert.equal(big5.ok, false);
    assert.match(big5.ok ? '' : formatRowError(big5.errors[0]!), /^line 2: the file is not UTF-8 text; save it as UTF-8 \(in Excel: Save As → "CSV UTF-8"/);
    const utf16 = decodeFaqFile(Uint8Array.from([0xff, 0xfe, 0x6c, 0x00]));
    assert.match(utf16.ok ? '' : formatRowError(utf16.errors[0]!), /^line 1: the file is UTF-16 text/);
  });

  test('one entry from a form is checked like a row', () => {
    assert.deepEqual(parseFaqEntry({ lang: 'xx', question: 'Q' }), {
      ok: false, reasons: ['lang must be one of en, zh-TW, zh-CN, th, not "xx"', 'answer is empty'],
    });
    assert.equal(parseFaqEntry({ id: 'q', lang: 'en', question: 'Q', answer: 'A' }).ok, true);
  });
});

describe('export → import', () => {
  for (const format of ['json', 'csv'] as const) {
    test(`${format}: reads back exactly what was written, and writes the same bytes again`, () => {
      const written = format === 'json' ? formatFaqJson(SAMPLE) : formatFaqCsv(SAMPLE);
      const read = entries(parseFaq(written, format));
      assert.deepEqual(read, SAMPLE);
      assert.equal(format === 'json' ? formatFaqJson(read) : formatFaqCsv(read), written);
    });
  }

  test('the demo FAQ survives JSON → CSV → JSON unchanged', () => {
    const demo = entries(parseFaqJson(readFileSync(join(ROOT, 'demo/faq.json'), 'utf8')));
    assert.deepEqual(entries(parseFaqJson(formatFaqJson(entries(parseFaqCsv(formatFaqCsv(demo)))))), demo);
  });

  test('CSV export: the documented columns, a BOM for Excel, CRLF, quotes only where needed', () => {
    const csv = formatFaqCsv(SAMPLE);
    assert.ok(csv.startsWith('\uFEFFid,lang,question,phrasings,answer,tags,enabled,keywords,topic\r\n'));
    assert.ok(csv.includes('\r\nreturns-zh-TW,zh-TW,可以退貨嗎？,怎麼退貨,收到商品七天內可以退貨，請寫信給我們。,returns|policy,false,,\r\n'));
    assert.ok(csv.includes(',true,shipping|delivery,shipping\r\n'), 'the topic is the last column');
    assert.ok(csv.includes('quotes,th,"มีส่วนลดไหม, ""ครับ"""'));
  });

  test('CSV export of a FAQ without translations has no topic column (files older versions read)', () => {
    const plain = SAMPLE.map(({ topic: _topic, ...entry }) => entry);
    const csv = formatFaqCsv(plain);
    assert.ok(csv.startsWith('\uFEFFid,lang,question,phrasings,answer,tags,enabled,keywords\r\n'));
    assert.ok(csv.includes(',true,shipping|delivery\r\n'), 'keywords are the last column');
    assert.deepEqual(entries(parseFaqCsv(csv)), plain);
  });

  test('JSON export: every field, in a fixed order', () => {
    const [first, second] = JSON.parse(formatFaqJson(SAMPLE)) as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(first ?? {}), ['id', 'lang', 'topic', 'question', 'phrasings', 'keywords', 'answer', 'tags', 'enabled']);
    assert.deepEqual(Object.keys(second ?? {}), ['id', 'lang', 'question', 'phrasings', 'keywords', 'answer', 'tags', 'enabled'], 'no topic, no field: exports from before topics are unchanged');
  });
});
