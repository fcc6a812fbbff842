// The console's FAQ manager API, as an agent uses it and as shoppers feel it: only agents
// get in, every change reaches the live bot at once, imports are all or nothing, and what
// shoppers could not get answered (or found unhelpful) is counted per question and entry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConsoleFaq, TranslationLinks, Dismissed, FaqEntryInvalid, FaqImportInvalid, FaqImportSummary, LearnedReport, FaqTryResult, PhrasingAdded, UnansweredReport, BotSettingsView } from '../../server/http/console-faq.js';
import type { Message, VisitorSyncResult } from '../../server/protocol.js';
import { createSite } from '../../server/sites.js';
import type { FaqEntryInput, Site } from '../../server/store/types.js';
import { login, SHOP_ORIGIN, startServer, type InProcessServer } from '../helpers/server.js';
import { clientId, connected, must, visitorSocket, type VisitorClient } from '../helpers/sockets.js';

const entry = (id: string, question: string, phrasings: string[] = [], answer = `The answer about ${id}.`): FaqEntryInput => ({
  id, lang: 'en', question, phrasings, keywords: [], answer, tags: [], enabled: true,
});
const SHIPPING = entry('ship', 'How long does shipping take?', ['When will my parcel arrive?', 'delivery time']);
const RETURNS = entry('returns', 'What is your return policy?', ['Can I send it back?', 'refund']);

describe('the console\'s FAQ manager', () => {
  let server: InProcessServer;
  let cookie: string;
  before(async () => {
    server = await startServer();
    cookie = await login(server.url);
  });
  after(() => server.close());

  /** An agent's request from the console page (same origin, session cookie). */
  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const json = body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array);
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : json ? JSON.stringify(body) : typeof body === 'string' ? body : Buffer.from(body as Uint8Array),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: (type.startsWith('application/json') && !res.headers.has('content-disposition') ? JSON.parse(text) : text) as T, headers: res.headers };
  }

  async function newSite(name: string, faq: FaqEntryInput[] = []): Promise<Site> {
    const site = await createSite(server.deskbell.store, { name, origins: [SHOP_ORIGIN] });
    if (faq.length > 0) await server.deskbell.registry.import(site.id, faq);
    return site;
  }

  /** A new shopper on the site asks one question; resolves with the bot's reply, if any. */
  async function shopperAsks(site: Site, question: string, lang = 'en'): Promise<{ socket: VisitorClient; reply: Message | undefined; got: Message[] }> {
    const socket = visitorSocket(server.url, site.key);
    await connected(socket);
    const got: Message[] = [];
    socket.on('message:new', (m) => got.push(m));
    await must<VisitorSyncResult>(socket, 'session:sync', { afterSeq: 0, lang });
    await must(socket, 'message:send', { clientId: clientId(Math.floor(Math.random() * 1e8)), body: question });
    // The bot replies inside the send, before the ack: its reply is stored by now.
    await new Promise((r) => setTimeout(r, 50));
    return { socket, reply: got.find((m) => m.author === 'bot'), got };
  }

  async function botReply(site: Site, question: string): Promise<Message | undefined> {
    const { socket, reply } = await shopperAsks(site, question);
    socket.close();
    return reply;
  }

  test('a stranger gets 401 on every route; a change from a foreign page gets 403 even with the session', async () => {
    const site = server.site;
    const routes: Array<[string, string]> = [
      ['GET', '/api/sites'],
      ['GET', `/api/sites/${site.key}/faq`],
      ['POST', `/api/sites/${site.key}/faq`],
      ['PUT', `/api/sites/${site.key}/faq/x`],
      ['DELETE', `/api/sites/${site.key}/faq/x`],
      ['POST', `/api/sites/${site.key}/faq/import?format=csv`],
      ['GET', `/api/sites/${site.key}/faq/export?format=csv`],
      ['POST', `/api/sites/${site.key}/faq/try`],
      ['GET', `/api/sites/${site.key}/faq/unanswered`],
      ['GET', `/api/sites/${site.key}/faq/learned`],
      ['POST', `/api/sites/${site.key}/faq/dismissals`],
      ['POST', `/api/sites/${site.key}/faq/dismissals/undo`],
      ['GET', `/api/sites/${site.key}/faq/translation-links`],
      ['POST', `/api/sites/${site.key}/faq/translation-links`],
      ['GET', `/api/sites/${site.key}/bot-settings`],
      ['PUT', `/api/sites/${site.key}/bot-settings`],
    ];
    for (const [method, path] of routes) {
      const res = await fetch(`${server.url}${path}`, { method, headers: method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'DESKBELL_NOT_AUTHENTICATED');
    }
    const expired = await fetch(`${server.url}/api/sites`, { headers: { cookie: 'deskbell_session=forged' } });
    assert.equal(expired.status, 401);

    const foreign = await call<{ error: { code: string } }>('POST', `/api/sites/${site.key}/faq`, SHIPPING, { origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.error.code, 'DESKBELL_FORBIDDEN_ORIGIN');
    const foreignImport = await call('POST', `/api/sites/${site.key}/faq/import?format=csv`, 'lang,question,answer\nen,Q,A\n', { 'content-type': 'text/csv', origin: 'https://evil.example' });
    assert.equal(foreignImport.status, 403);
    assert.deepEqual(await server.deskbell.store.listFaqEntries(site.id), [], 'nothing was written');

    const own = await call<{ sites: Array<{ key: string; name: string }> }>('GET', '/api/sites', undefined, { origin: server.url });
    assert.equal(own.status, 200);
    assert.ok(own.body.sites.some((s) => s.key === site.key && s.name === 'Test Shop'));
    assert.equal(own.headers.get('cache-control'), 'no-store');
  });

  test('an entry added, edited, disabled and deleted changes what the bot answers a shopper, at once', async () => {
    const site = await newSite('Crud Shop', [SHIPPING]);
    const path = `/api/sites/${site.key}/faq`;
    const question = 'Do you sell gift cards?';
    assert.equal((await botReply(site, question))?.meta?.kind, 'handoff', 'not in the FAQ yet: handed over');

    const added = await call<{ entry: { id: string; position: number } }>('POST', path, {
      lang: 'en', question, phrasings: ['gift card', 'gift voucher'], keywords: ['voucher'], answer: 'Yes: from $10, at the counter.', tags: ['gifts'], enabled: true,
    });
    assert.equal(added.status, 201);
    const id = added.body.entry.id;
    assert.match(id, /^en-[0-9a-f]{12}$/, 'an id made from the language and question');
    let reply = await botReply(site, 'do you sell gift cards');
    assert.deepEqual(reply?.meta, { kind: 'answer', faqId: id, feedback: null });
    assert.equal(reply?.body, 'Yes: from $10, at the counter.');

    const again = await call<{ error: { code: string } }>('POST', path, { lang: 'en', question, answer: 'Twice?' });
    assert.equal(again.status, 409, 'adding never overwrites');
    assert.equal(again.body.error.code, 'DESKBELL_FAQ_ENTRY_EXISTS');

    const edited = await call('PUT', `${path}/${id}`, { lang: 'en', question, phrasings: ['gift card'], keywords: [], answer: 'Yes, gift cards from $20.', tags: [], enabled: true });
    assert.equal(edited.status, 200);
    reply = await botReply(site, 'do you sell gift cards');
    assert.equal(reply?.body, 'Yes, gift cards from $20.');

    const disabled = await call('PUT', `${path}/${id}`, { lang: 'en', question, answer: 'Yes, gift cards from $20.', enabled: false });
    assert.equal(disabled.status, 200);
    reply = await botReply(site, 'do you sell gift cards');
    assert.deepEqual(reply?.meta, { kind: 'handoff', reason: 'no_match', agentsOnline: false }, 'a disabled entry is never answered with');
    const listed = await call<ConsoleFaq>('GET', path);
    assert.deepEqual(listed.body.entries.map((e) => [e.id, e.enabled]), [['ship', true], [id, false]], 'kept, in order, marked disabled');

    await call('PUT', `${path}/${id}`, { lang: 'en', question, answer: 'Back on.', enabled: true });
    assert.equal((await botReply(site, 'do you sell gift cards'))?.body, 'Back on.');
    const deleted = await call('DELETE', `${path}/${id}`);
    assert.equal(deleted.status, 200);
    assert.equal((await botReply(site, 'do you sell gift cards'))?.meta?.kind, 'handoff');
    assert.equal((await call('DELETE', `${path}/${id}`)).status, 404);
    assert.equal((await call<{ error: { code: string } }>('PUT', `${path}/${id}`, { lang: 'en', question, answer: 'a' })).body.error.code, 'DESKBELL_FAQ_ENTRY_NOT_FOUND');
    assert.equal((await call('GET', '/api/sites/no-such-site/faq')).status, 404);
  });

  test('an invalid entry is refused with each reason next to its field, and nothing is stored', async () => {
    const site = await newSite('Form Shop', [SHIPPING]);
    const res = await call<FaqEntryInvalid>('POST', `/api/sites/${site.key}/faq`, {
      id: 'bad id', lang: 'fr', question: '', phrasings: ['ok', 'a|b'], answer: '   ', enabled: true,
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'DESKBELL_FAQ_ENTRY_INVALID');
    const fields = new Map(res.body.error.fields.map((f) => [f.field, f.reason]));
    assert.match(fields.get('lang') ?? '', /lang must be one of en, zh-TW, zh-CN, th, not "fr"/);
    assert.equal(fields.get('question'), 'question is empty');
    assert.equal(fields.get('answer'), 'answer is empty');
    assert.match(fields.get('phrasings') ?? '', /phrasing 2 contains "\|"/);
    assert.match(fields.get('id') ?? '', /id "bad id" may only use/);
    const rename = await call<FaqEntryInvalid>('PUT', `/api/sites/${site.key}/faq/ship`, { ...SHIPPING, id: 'shipping' });
    assert.equal(rename.status, 400);
    assert.equal(rename.body.error.fields[0]?.field, 'id');
    const wrongType = await call<{ error: { code: string } }>('POST', `/api/sites/${site.key}/faq`, { lang: 'en', question: 'Q', answer: { text: 'A' } });
    assert.equal(wrongType.status, 400);
    assert.deepEqual((await server.deskbell.store.listFaqEntries(site.id)).map((e) => e.id), ['ship']);
  });

  test('an import with a bad row returns every problem by line and writes nothing', async () => {
    const site = await newSite('Import Shop', [SHIPPING]);
    const csv = [
      'id,lang,question,answer',
      'gift,en,Do you sell gift cards?,Yes.',
      'wrap,fr,Do you gift wrap?,Yes.',
      '"long",en,"A question',
      'over two lines?",',
      'gift,en,Duplicate?,No.',
    ].join('\r\n');
    const res = await call<FaqImportInvalid>('POST', `/api/sites/${site.key}/faq/import?format=csv`, csv, { 'content-type': 'text/csv' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'DESKBELL_FAQ_IMPORT_INVALID');
    assert.deepEqual(res.body.error.errors, [
      { line: 3, reason: 'lang must be one of en, zh-TW, zh-CN, th, not "fr"' },
      { line: 4, reason: 'question must be one line' },
      { line: 4, reason: 'answer is empty' },
      { line: 6, reason: 'duplicate id gift (also on line 2)' },
    ]);
    assert.deepEqual((await server.deskbell.store.listFaqEntries(site.id)).map((e) => e.id), ['ship'], 'nothing was imported');
    assert.equal((await botReply(site, 'Do you sell gift cards?'))?.meta?.kind, 'handoff', 'and the bot knows nothing new');

    const big5 = Uint8Array.from([...Buffer.from('lang,question,answer\nzh-TW,'), 0xb9, 0x42, 0xb6, 0x4f, ...Buffer.from(',A\n')]);
    const encoding = await call<FaqImportInvalid>('POST', `/api/sites/${site.key}/faq/import?format=csv`, big5, { 'content-type': 'text/csv' });
    assert.equal(encoding.status, 400);
    assert.match(encoding.body.error.errors[0]?.reason ?? '', /not UTF-8.*CSV UTF-8/);
    const empty = await call<FaqImportInvalid>('POST', `/api/sites/${site.key}/faq/import?format=json`, '[]', { 'content-type': 'application/json' });
    assert.deepEqual(empty.body.error.errors, [{ line: 1, reason: 'the file has no entries' }]);
    const plain = await call('POST', `/api/sites/${site.key}/faq/import?format=csv`, csv, { 'content-type': 'text/plain' });
    assert.equal(plain.status, 415, 'text/plain stays refused (CSRF)');

    const good = await call<FaqImportSummary>('POST', `/api/sites/${site.key}/faq/import`, 'id,lang,question,answer\r\ngift,en,Do you sell gift cards?,Yes.\r\n', { 'content-type': 'text/csv' });
    assert.equal(good.status, 200);
    assert.deepEqual(good.body, { entries: 1, added: ['gift'], updated: [], unchanged: [], removed: [] });
    assert.equal((await botReply(site, 'Do you sell gift cards?'))?.body, 'Yes.', 'the bot answers from the import at once');
  });

  test('translations share a topic: the shopper gets their own script\'s entry; a second entry of a topic in one language is refused by field and by line', async () => {
    const tw: FaqEntryInput = { id: 'pay-tw', lang: 'zh-TW', topic: 'payment', question: '可以用哪些方式付款？', phrasings: ['可以刷卡嗎'], keywords: [], answer: '可以刷卡或轉帳。', tags: [], enabled: true };
    const cn: FaqEntryInput = { id: 'pay-cn', lang: 'zh-CN', topic: 'payment', question: '有哪些付款方式？', phrasings: ['支持支付宝吗'], keywords: [], answer: '可以刷卡或转账。', tags: [], enabled: true };
    const site = await newSite('Both Scripts', [tw, cn]);
    // Only the Simplified version's phrasing names Alipay; the shopper reads Traditional.
    const { socket, reply } = await shopperAsks(site, '有支付寶嗎', 'zh-TW');
    socket.close();
    assert.equal(reply?.body, '可以刷卡或轉帳。');
    assert.deepEqual(reply?.meta, { kind: 'answer', faqId: 'pay-tw', feedback: null });

    const second = await call<FaqEntryInvalid>('POST', `/api/sites/${site.key}/faq`, { id: 'fees-tw', lang: 'zh-TW', topic: 'payment', question: '有手續費嗎？', answer: '沒有。' });
    assert.equal(second.status, 400);
    assert.deepEqual(second.body.error.fields.map((f) => f.field), ['topic']);
    assert.match(second.body.error.fields[0]?.reason ?? '', /topic "payment" already has a zh-TW entry \("可以用哪些方式付款？"\)/);
    const csv = 'id,lang,question,answer,topic\r\nfees-en,en,Any fees?,No.,payment\r\nfees-tw,zh-TW,有手續費嗎？,沒有。,payment\r\n';
    const file = await call<FaqImportInvalid>('POST', `/api/sites/${site.key}/faq/import?format=csv`, csv, { 'content-type': 'text/csv' });
    assert.equal(file.status, 400);
    assert.deepEqual(file.body.error.errors.map((e) => e.line), [3]);
    assert.match(file.body.error.errors[0]?.reason ?? '', /"pay-tw", already in the FAQ/);
    assert.deepEqual((await server.deskbell.store.listFaqEntries(site.id)).map((e) => e.id), ['pay-tw', 'pay-cn'], 'nothing was imported');

    // Editing without the topic takes it away (a save replaces the entry); teaching a phrasing keeps it.
    const taught = await call<PhrasingAdded>('POST', `/api/sites/${site.key}/faq/pay-cn/phrasings`, { text: '能用微信支付吗' });
    assert.equal(taught.body.entry.topic, 'payment');
    const { id: _id, topic: _topic, ...untopiced } = cn;
    const edited = await call<{ entry: FaqEntryInput }>('PUT', `/api/sites/${site.key}/faq/pay-cn`, untopiced);
    assert.equal(edited.status, 200);
    assert.equal(edited.body.entry.topic, undefined);
  });

  test('Chinese entries written in both scripts are offered as translations to link; linking gives both the topic and nothing else', async () => {
    const zh = (id: string, lang: 'zh-TW' | 'zh-CN', question: string, answer: string): FaqEntryInput => ({ id, lang, question, phrasings: [], keywords: [], answer, tags: ['fees'], enabled: true });
    const site = await newSite('Two Scripts', [
      zh('fee-tw', 'zh-TW', '運費怎麼計算？', '一律一百元。'),
      zh('fee-cn', 'zh-CN', '运费怎么计算？', '一律一百元。'),
      zh('hours-tw', 'zh-TW', '客服時間是幾點？', '十點到六點。'),
    ]);
    const offered = await call<TranslationLinks>('GET', `/api/sites/${site.key}/faq/translation-links`);
    assert.deepEqual(offered.body.links.map((l) => [l.topic, l.entries.map((e) => e.id)]), [['fee', ['fee-tw', 'fee-cn']]]);
    const linked = await call<{ linked: number }>('POST', `/api/sites/${site.key}/faq/translation-links`, { links: [{ topic: 'fee', ids: ['fee-tw', 'fee-cn'] }] });
    assert.equal(linked.status, 200);
    const entries = (await call<ConsoleFaq>('GET', `/api/sites/${site.key}/faq`)).body.entries;
    assert.deepEqual(entries.map((e) => [e.id, e.topic, e.tags]), [['fee-tw', 'fee', ['fees']], ['fee-cn', 'fee', ['fees']], ['hours-tw', undefined, ['fees']]]);
    assert.deepEqual((await call<TranslationLinks>('GET', `/api/sites/${site.key}/faq/translation-links`)).body.links, [], 'nothing left to link');
    const again = await call<{ error: { message: string } }>('POST', `/api/sites/${site.key}/faq/translation-links`, { links: [{ topic: 'other', ids: ['fee-tw', 'hours-tw'] }] });
    assert.equal(again.status, 400);
    assert.match(again.body.error.message, /fee-tw is already linked \(topic "fee"\)/);
    assert.equal((await server.deskbell.store.getFaqEntry(site.id, 'hours-tw'))?.topic, undefined, 'all or nothing');
  });

  test('export → import gives back the same FAQ, in JSON and in CSV; replace makes it exactly the file', async () => {
    const site = await newSite('Round Trip', [
      SHIPPING,
      { ...RETURNS, answer: 'Within 30 days, "unused", with the receipt.\nSee https://shop.example/returns', tags: ['policy', 'returns'], keywords: ['refund'], topic: 'payment' },
      { id: 'pay-th', lang: 'th', question: 'ชำระเงินได้ช่องทางไหนบ้าง', phrasings: ['โอนเงินได้ไหม'], keywords: [], answer: 'โอนผ่านธนาคาร, บัตรเครดิต', tags: [], enabled: false, topic: 'payment' },
    ]);
    const before = (await call<ConsoleFaq>('GET', `/api/sites/${site.key}/faq`)).body.entries;
    assert.deepEqual(before.map((e) => e.topic), [undefined, 'payment', 'payment']);
    for (const format of ['json', 'csv'] as const) {
      const exported = await call<string>('GET', `/api/sites/${site.key}/faq/export?format=${format}`);
      assert.equal(exported.status, 200);
      assert.equal(exported.headers.get('content-disposition'), `attachment; filename="faq-${site.key}.${format}"`);
      assert.match(exported.headers.get('content-type') ?? '', format === 'csv' ? /^text\/csv/ : /^application\/json/);
      const type = format === 'csv' ? 'text/csv' : 'application/json';
      const imported = await call<FaqImportSummary>('POST', `/api/sites/${site.key}/faq/import?format=${format}`, exported.body, { 'content-type': type });
      assert.equal(imported.status, 200);
      assert.deepEqual(imported.body.unchanged, ['ship', 'returns', 'pay-th'], `${format}: nothing changed`);
      const after = (await call<ConsoleFaq>('GET', `/api/sites/${site.key}/faq`)).body.entries;
      assert.deepEqual(after, before);
      assert.equal((await call<string>('GET', `/api/sites/${site.key}/faq/export?format=${format}`)).body, exported.body, 'same bytes again');
    }
    const replaced = await call<FaqImportSummary>('POST', `/api/sites/${site.key}/faq/import?format=json&replace=1`, JSON.stringify([RETURNS]), { 'content-type': 'application/json' });
    assert.deepEqual(replaced.body.removed.sort(), ['pay-th', 'ship']);
    assert.deepEqual((await call<ConsoleFaq>('GET', `/api/sites/${site.key}/faq`)).body.entries.map((e) => e.id), ['returns']);
    assert.equal((await botReply(site, 'How long does shipping take?'))?.meta?.kind, 'handoff', 'the removed entry is gone from the bot too');
  });

  test('unanswered questions are grouped by their normalised text and counted, most asked first', async () => {
    const site = await newSite('Gift Shop', [SHIPPING]);
    for (const question of ['Do you sell gift cards?', 'do you sell  GIFT cards?', 'Do you have a shop in Taipei?']) {
      const reply = await botReply(site, question);
      assert.deepEqual(reply?.meta, { kind: 'handoff', reason: 'no_match', agentsOnline: false }, question);
    }
    assert.equal((await botReply(site, 'How long does shipping take?'))?.meta?.kind, 'answer', 'answered questions are not listed');

    const res = await call<UnansweredReport>('GET', `/api/sites/${site.key}/faq/unanswered`);
    assert.equal(res.status, 200);
    assert.equal(res.body.questions, 3);
    const [gift, shop, ...rest] = res.body.groups;
    assert.equal(rest.length, 0);
    assert.equal(gift?.count, 2, 'one group for both spellings');
    assert.equal(gift?.text, 'do you sell  GIFT cards?', 'shown as last asked');
    assert.deepEqual(gift?.reasons, { no_match: 2, declined: 0, not_helpful: 0 });
    assert.equal(gift?.lang, 'en');
    assert.equal(gift?.answeredBy, null);
    const conversation = await server.deskbell.store.getConversation(gift?.conversationId ?? '');
    assert.equal(conversation?.siteId, site.id, 'an example conversation of this site');
    assert.ok((gift?.lastAskedAt ?? 0) >= (shop?.lastAskedAt ?? Infinity) - 1000);
    assert.equal(shop?.count, 1);

    // Another site's shoppers never show up here.
    const other = await newSite('Other Shop', [SHIPPING]);
    assert.deepEqual((await call<UnansweredReport>('GET', `/api/sites/${other.key}/faq/unanswered`)).body.groups, []);

    // "Create entry from this": once the FAQ answers it, the group says so.
    await call('POST', `/api/sites/${site.key}/faq`, { lang: 'en', question: 'Do you sell gift cards?', answer: 'Yes.' });
    const after = await call<UnansweredReport>('GET', `/api/sites/${site.key}/faq/unanswered`);
    assert.equal(after.body.groups[0]?.answeredBy?.question, 'Do you sell gift cards?');
    assert.equal(after.body.groups[1]?.answeredBy, null);
  });

  test("a shopper's wording added to an entry as a phrasing: the bot answers it from then on; a repeat, another language, a blank or a missing entry are handled", async () => {
    const site = await newSite('Lantern Post', [SHIPPING, RETURNS]);
    const wording = 'Has my lantern left your workroom yet?';
    assert.equal((await botReply(site, wording))?.meta?.kind, 'handoff', 'not answered at first');
    const before = await call<UnansweredReport>('GET', `/api/sites/${site.key}/faq/unanswered`);
    assert.equal(before.body.groups[0]?.text, wording);

    const added = await call<PhrasingAdded>('POST', `/api/sites/${site.key}/faq/ship/phrasings`, { text: ` ${wording} ` });
    assert.equal(added.status, 200);
    assert.equal(added.body.added, true);
    assert.deepEqual(added.body.entry.phrasings, [...SHIPPING.phrasings, wording], 'appended, trimmed, the others kept');
    const reply = await botReply(site, wording);
    assert.equal(reply?.meta?.kind, 'answer', 'the live bot answers it now');
    assert.equal(reply?.body, SHIPPING.answer);
    const after = await call<UnansweredReport>('GET', `/api/sites/${site.key}/faq/unanswered`);
    assert.equal(after.body.groups.find((g) => g.text === wording)?.answeredBy?.id, 'ship', 'the list says the bot answers it now');

    const again = await call<PhrasingAdded>('POST', `/api/sites/${site.key}/faq/ship/phrasings`, { text: 'has my LANTERN left your workroom yet' });
    assert.equal(again.body.added, false, 'the same wording (normalised) is not added twice');
    assert.equal(again.body.entry.phrasings.length, SHIPPING.phrasings.length + 1);

    const thai = await call<FaqEntryInvalid>('POST', `/api/sites/${site.key}/faq/ship/phrasings`, { text: 'ส่งของกี่วัน' });
    assert.equal(thai.status, 400);
    assert.equal(thai.body.error.code, 'DESKBELL_FAQ_ENTRY_INVALID');
    assert.match(thai.body.error.fields[0]?.reason ?? '', /in Thai and this entry in English/);
    const blank = await call<FaqEntryInvalid>('POST', `/api/sites/${site.key}/faq/ship/phrasings`, { text: '   ' });
    assert.equal(blank.status, 400);
    assert.match(blank.body.error.fields[0]?.reason ?? '', /empty/);
    const missing = await call<{ error: { code: string } }>('POST', `/api/sites/${site.key}/faq/gone/phrasings`, { text: wording });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'DESKBELL_FAQ_ENTRY_NOT_FOUND');
    const stored = await server.deskbell.registry.entry(site.id, 'ship');
    assert.equal(stored?.phrasings.length, SHIPPING.phrasings.length + 1, 'nothing else was stored');
  });

  test('each entry counts the answers it gave and the shoppers\' Yes and No; a No and a declined suggestion are unanswered', async () => {
    const site = await newSite('Feedback Shop', [SHIPPING, RETURNS]);
    const answers: Message[] = [];
    const sockets: VisitorClient[] = [];
    for (let i = 0; i < 3; i++) {
      const { socket, reply } = await shopperAsks(site, 'How long does shipping take?');
      assert.equal(reply?.meta?.kind, 'answer');
      answers.push(reply as Message);
      sockets.push(socket);
    }
    const [yes, no] = answers;
    await must(sockets[0] as VisitorClient, 'bot:feedback', { messageId: yes?.id, helpful: true });
    await must(sockets[1] as VisitorClient, 'bot:feedback', { messageId: no?.id, helpful: false });
    await must(sockets[1] as VisitorClient, 'bot:feedback', { messageId: no?.id, helpful: true }); // the first answer counts
    for (const s of sockets) s.close();

    const faq = await call<ConsoleFaq>('GET', `/api/sites/${site.key}/faq`);
    const stats = Object.fromEntries(faq.body.entries.map((e) => [e.id, e.stats]));
    assert.deepEqual(stats, { ship: { shown: 3, helpful: 1, notHelpful: 1 }, returns: { shown: 0, helpful: 0, notHelpful: 0 } });

    // A shopper who turns down the "did you mean…" buttons is counted as unanswered too.
    await server.deskbell.registry.updateSettings(site.id, { thresholds: { answer: 1, suggest: 0.01 } });
    const { socket, reply } = await shopperAsks(site, 'about my parcel');
    assert.equal(reply?.meta?.kind, 'suggest');
    await must(socket, 'bot:choose', { messageId: reply?.id, faqId: null });
    socket.close();
    const report = await call<UnansweredReport>('GET', `/api/sites/${site.key}/faq/unanswered`);
    const byText = new Map(report.body.groups.map((g) => [g.text, g]));
    assert.deepEqual(byText.get('How long does shipping take?')?.reasons, { no_match: 0, declined: 0, not_helpful: 1 });
    assert.equal(byText.get('How long does shipping take?')?.answeredBy, null, 'the bot still answers with the entry found unhelpful: not "answered now"');
    assert.deepEqual(byText.get('about my parcel')?.reasons, { no_match: 0, declined: 1, not_helpful: 0 });
  });

  test("shoppers' picks among the bot's suggestions are listed as their own words for the entry, until the entry has them", async () => {
    const site = await newSite('Picks Shop', [SHIPPING, RETURNS]);
    // Every question a choice, none an answer: the shoppers decide.
    await server.deskbell.registry.updateSettings(site.id, { thresholds: { answer: 1, suggest: 0.01 } });
    const pick = async (question: string, faqId: string, then?: 'helpful' | 'not helpful'): Promise<void> => {
      const { socket, reply, got } = await shopperAsks(site, question);
      assert.equal(reply?.meta?.kind, 'suggest', question);
      await must(socket, 'bot:choose', { messageId: reply?.id, faqId });
      await new Promise((r) => setTimeout(r, 50));
      const answer = got.find((m) => m.author === 'bot' && m.meta?.kind === 'answer');
      assert.equal(answer?.meta?.kind === 'answer' ? answer.meta.faqId : null, faqId, 'the picked entry answers');
      if (then) await must(socket, 'bot:feedback', { messageId: answer?.id, helpful: then === 'helpful' });
      socket.close();
    };
    await pick('about my parcel', 'ship', 'helpful');
    await pick('About my parcel!', 'ship');
    await pick('return the parcel', 'ship', 'not helpful'); // its answer did not help: not learned
    await pick('parcel came broken, send back?', 'returns');

    const learned = async (): Promise<LearnedReport['phrasings']> => (await call<LearnedReport>('GET', `/api/sites/${site.key}/faq/learned`)).body.phrasings;
    const first = await learned();
    assert.deepEqual(first.map((p) => [p.text, p.faqId, p.count]), [
      ['About my parcel!', 'ship', 2],
      ['parcel came broken, send back?', 'returns', 1],
    ], 'grouped by the wording (normalised) and the entry, most picked first; a pick whose answer was "No" left out');
    assert.equal(first[0]?.question, SHIPPING.question);
    assert.equal(first[0]?.lang, 'en');

    const added = await call<PhrasingAdded>('POST', `/api/sites/${site.key}/faq/ship/phrasings`, { text: first[0]?.text });
    assert.equal(added.body.added, true);
    assert.deepEqual((await learned()).map((p) => p.faqId), ['returns'], 'gone once the entry has it');
    const disabled = await call('PUT', `/api/sites/${site.key}/faq/returns`, { ...RETURNS, enabled: false });
    assert.equal(disabled.status, 200);
    assert.deepEqual(await learned(), [], 'a disabled entry learns nothing');
  });

  test('a dismissed question leaves its list until a shopper asks it again; an undo brings it back; the reports still count it', async () => {
    const site = await newSite('Dismiss Shop', [SHIPPING, RETURNS]);
    const unanswered = async (): Promise<Array<[string, number]>> =>
      (await call<UnansweredReport>('GET', `/api/sites/${site.key}/faq/unanswered`)).body.groups.map((g) => [g.text, g.count]);
    for (const question of ['gift wrap?', 'Gift wrap', 'Do you sell gift cards?']) assert.equal((await botReply(site, question))?.meta?.kind, 'handoff', question);
    assert.deepEqual(await unanswered(), [['Gift wrap', 2], ['Do you sell gift cards?', 1]]);

    // Any spelling that groups alike dismisses the group.
    const dismissed = await call<Dismissed>('POST', `/api/sites/${site.key}/faq/dismissals`, { list: 'unanswered', text: 'GIFT WRAP!' });
    assert.equal(dismissed.status, 200);
    assert.equal(dismissed.body.previous, null, 'nothing to go back to but no dismissal');
    assert.deepEqual(await unanswered(), [['Do you sell gift cards?', 1]]);
    assert.equal((await call<UnansweredReport>('GET', `/api/sites/${site.key}/faq/unanswered`)).body.questions, 1, 'the dismissed askings are not counted in the list');

    // Undo: back as it was.
    const undone = await call('POST', `/api/sites/${site.key}/faq/dismissals/undo`, { list: 'unanswered', text: 'Gift wrap', previous: dismissed.body.previous });
    assert.equal(undone.status, 200);
    assert.deepEqual(await unanswered(), [['Gift wrap', 2], ['Do you sell gift cards?', 1]]);

    // Dismissed again, then asked again: it comes back, counted from the dismissal.
    const again = await call<Dismissed>('POST', `/api/sites/${site.key}/faq/dismissals`, { list: 'unanswered', text: 'gift wrap' });
    assert.equal(again.body.previous, null);
    assert.deepEqual(await unanswered(), [['Do you sell gift cards?', 1]]);
    await new Promise((r) => setTimeout(r, 5)); // a later millisecond than the dismissal
    assert.equal((await botReply(site, 'gift wrap'))?.meta?.kind, 'handoff');
    assert.deepEqual(await unanswered(), [['gift wrap', 1], ['Do you sell gift cards?', 1]], 'back with the one asking since (the newest first among equals)');
    // A second dismissal reports the first, for its undo.
    const third = await call<Dismissed>('POST', `/api/sites/${site.key}/faq/dismissals`, { list: 'unanswered', text: 'gift wrap' });
    assert.equal(third.body.previous, again.body.dismissedAt);
    await call('POST', `/api/sites/${site.key}/faq/dismissals/undo`, { list: 'unanswered', text: 'gift wrap', previous: third.body.previous });
    assert.deepEqual((await unanswered()).find(([text]) => text === 'gift wrap'), ['gift wrap', 1], 'the undo went back to the first dismissal, not to nothing');

    // A wrong pick among the bot's suggestions, dismissed for that entry only.
    await server.deskbell.registry.updateSettings(site.id, { thresholds: { answer: 1, suggest: 0.01 } });
    for (const faqId of ['returns', 'ship']) {
      const { socket, reply } = await shopperAsks(site, 'parcel refund');
      assert.equal(reply?.meta?.kind, 'suggest');
      await must(socket, 'bot:choose', { messageId: reply?.id, faqId });
      socket.close();
    }
    const learned = async (): Promise<Array<[string, string]>> =>
      (await call<LearnedReport>('GET', `/api/sites/${site.key}/faq/learned`)).body.phrasings.map((p) => [p.text, p.faqId]);
    assert.deepEqual((await learned()).sort(), [['parcel refund', 'returns'], ['parcel refund', 'ship']]);
    const pick = await call<Dismissed>('POST', `/api/sites/${site.key}/faq/dismissals`, { list: 'learned', text: 'parcel refund', faqId: 'returns' });
    assert.equal(pick.status, 200);
    assert.deepEqual(await learned(), [['parcel refund', 'ship']], 'only the pick of that entry is dismissed');
    assert.deepEqual((await unanswered()).find(([text]) => text === 'parcel refund'), undefined, 'the lists are apart: a pick is not an unanswered question');

    // Mistakes are refused with what to do.
    for (const [body, reason] of [
      [{ list: 'learned', text: 'parcel refund' }, /faqId/],
      [{ list: 'unanswered', text: 'gift wrap', faqId: 'ship' }, /leave out faqId/],
      [{ list: 'unanswered', text: '   ' }, /empty/],
      [{ list: 'elsewhere', text: 'gift wrap' }, /list/],
    ] as const) {
      const res = await call<{ error: { code: string; message: string } }>('POST', `/api/sites/${site.key}/faq/dismissals`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'DESKBELL_VALIDATION');
      assert.match(res.body.error.message, reason);
    }
    assert.equal((await call('POST', '/api/sites/nope/faq/dismissals', { list: 'unanswered', text: 'gift wrap' })).status, 404);

    // The reports count what shoppers asked, dismissed or not.
    const report = await server.deskbell.store.reportUnanswered(site.id, 0, Date.now() + 1000, 100);
    assert.equal(report.filter((q) => q.body.trim().toLowerCase().startsWith('gift wrap')).length, 3);
  });

  test('"try a question" gives the bot\'s decision and ranked matches with the site\'s thresholds, which agents can change', async () => {
    const site = await newSite('Try Shop', [SHIPPING, RETURNS, entry('gift', 'Do you sell gift cards?', ['gift voucher'])]);
    const tryIt = (question: string, lang?: string) => call<FaqTryResult>('POST', `/api/sites/${site.key}/faq/try`, lang ? { question, lang } : { question });
    // A pleasantry is answered in kind, as the bot does: in the widget language chosen.
    const thanks = await tryIt('ok thanks', 'th');
    assert.deepEqual(thanks.body, { decision: 'none', lang: 'th', matches: [], inKind: 'ยินดีค่ะ มีอะไรให้ช่วยอีกไหมคะ' });
    const hello = await tryIt('hi');
    assert.equal(hello.body.inKind?.startsWith('Hi!'), true);
    assert.equal((await tryIt('ok, when will my parcel arrive?')).body.inKind, undefined, 'a question that starts with ok is a question');

    const answer = await tryIt('when will my parcel arrive');
    assert.equal(answer.body.decision, 'answer');
    assert.equal(answer.body.matches[0]?.id, 'ship');
    const scores = answer.body.matches.map((m) => m.score);
    assert.deepEqual([...scores].sort((a, b) => b - a), scores, 'best first');
    const bot = await server.deskbell.registry.match(site.id, 'when will my parcel arrive');
    assert.deepEqual(
      { decision: answer.body.decision, matches: answer.body.matches.map(({ id, question, score }) => ({ id, question, score })) },
      bot,
      'what the bot itself decides',
    );
    assert.equal(answer.body.lang, 'en', 'read as English');
    assert.equal(answer.body.answer, 'The answer about ship.', 'the answer the bot sends');
    assert.deepEqual(answer.body.matches[0] && { lang: answer.body.matches[0].lang, converted: answer.body.matches[0].converted }, { lang: 'en', converted: false });
    assert.equal((await tryIt('I want to talk to a human')).body.decision, 'escalate');
    assert.equal((await tryIt('I want to talk to a human')).body.answer, undefined, 'no answer unless the bot answers');
    assert.deepEqual((await tryIt('   ')).body, { decision: 'none', lang: 'en', matches: [] });
    assert.equal((await tryIt('when will my parcel arrive', 'zh-CN')).body.lang, 'en', 'what is written decides, as for a shopper: the widget language only picks the Chinese script');
    assert.equal((await tryIt('hello', 'fr')).status, 400);

    const settings = await call<BotSettingsView>('GET', `/api/sites/${site.key}/bot-settings`);
    assert.deepEqual(settings.body.thresholds, settings.body.defaults);
    const strict = await call<BotSettingsView>('PUT', `/api/sites/${site.key}/bot-settings`, { thresholds: { answer: 0.9999 } });
    assert.equal(strict.body.thresholds.answer, 0.9999);
    assert.notEqual((await tryIt('when will my parcel arrive')).body.decision, 'answer', 'the live bot follows the new threshold');
    const refused = await call<{ error: { code: string } }>('PUT', `/api/sites/${site.key}/bot-settings`, { thresholds: { suggest: 1, answer: 0.5 } });
    assert.equal(refused.status, 400);
    const back = await call<BotSettingsView>('PUT', `/api/sites/${site.key}/bot-settings`, { thresholds: { answer: null } });
    assert.deepEqual(back.body.thresholds, back.body.defaults);
  });

  test('"try a question" shows what a shopper gets: the question read as their script, the entries in it, the version whose wording matched, the answer', async () => {
    const zh = (id: string, lang: 'zh-TW' | 'zh-CN', question: string, phrasings: string[], answer: string, topic?: string): FaqEntryInput => ({
      id, lang, question, phrasings, keywords: [], answer, tags: [], enabled: true, ...(topic ? { topic } : {}),
    });
    const site = await newSite('Try Chinese', [
      zh('fee', 'zh-TW', '運費怎麼計算？', ['運費多少'], '運費一律新臺幣一百元，詳見 https://shop.example/運費'),
      zh('pay-tw', 'zh-TW', '可以用哪些方式付款？', ['可以刷卡嗎'], '可以刷卡或轉帳。', 'payment'),
      zh('pay-cn', 'zh-CN', '有哪些付款方式？', ['支持支付宝吗'], '可以刷卡、转账或用支付宝。', 'payment'),
    ]);
    const tryIt = (question: string, lang: string | null) => call<FaqTryResult>('POST', `/api/sites/${site.key}/faq/try`, { question, lang });

    const simplified = (await tryIt('运费怎么计算', 'zh-CN')).body;
    assert.equal(simplified.decision, 'answer');
    assert.equal(simplified.lang, 'zh-CN');
    assert.deepEqual(simplified.matches[0] && { id: simplified.matches[0].id, lang: simplified.matches[0].lang, question: simplified.matches[0].question, converted: simplified.matches[0].converted },
      { id: 'fee', lang: 'zh-TW', question: '运费怎么计算？', converted: true }, 'the Traditional entry, as the Simplified shopper reads it');
    assert.equal(simplified.answer, '运费一律新台币一百元，详见 https://shop.example/運費', 'the answer as sent: converted, the link kept');
    assert.equal((await tryIt('运费怎么计算', null)).body.lang, 'zh-CN', '"detect" reads the script');
    assert.equal((await tryIt('運費怎麼計算', null)).body.matches[0]?.question, '運費怎麼計算？', 'a Traditional reader: as written');

    // Only the zh-CN version's phrasing mentions Alipay: a Traditional shopper gets the Traditional entry, found through it.
    const alipay = (await tryIt('有支付寶嗎', 'zh-TW')).body;
    assert.equal(alipay.matches[0]?.id, 'pay-tw');
    assert.deepEqual(alipay.matches[0]?.matched, { id: 'pay-cn', lang: 'zh-CN' });
    assert.equal(alipay.matches[0]?.converted, false, 'a version in their script is never converted');
    assert.equal((await tryIt('可以刷卡嗎', 'zh-TW')).body.matches[0]?.matched, undefined, 'its own wording: nothing to say');

    // The owner's switch: off, the Try box shows the entry as written, as the bot would send it.
    const off = await call<BotSettingsView>('PUT', `/api/sites/${site.key}/bot-settings`, { convertScript: false });
    assert.equal(off.body.convertScript, false);
    assert.deepEqual(off.body.thresholds, off.body.defaults, 'the thresholds are untouched');
    assert.equal((await call<BotSettingsView>('GET', `/api/sites/${site.key}/bot-settings`)).body.convertScript, false);
    const asWritten = (await tryIt('运费怎么计算', 'zh-CN')).body;
    assert.deepEqual([asWritten.matches[0]?.question, asWritten.matches[0]?.converted, asWritten.answer], ['運費怎麼計算？', false, '運費一律新臺幣一百元，詳見 https://shop.example/運費']);
    const { reply, socket } = await shopperAsks(site, '运费怎么计算', 'zh-CN');
    assert.equal(reply?.body, asWritten.answer, 'what the shopper is sent');
    socket.close();
    assert.equal((await call('PUT', `/api/sites/${site.key}/bot-settings`, { convertScript: 'off' })).status, 400);
    const on = await call<BotSettingsView>('PUT', `/api/sites/${site.key}/bot-settings`, { convertScript: true });
    assert.equal(on.body.convertScript, true);
    assert.equal((await tryIt('运费怎么计算', 'zh-CN')).body.answer, simplified.answer);
  });
});
