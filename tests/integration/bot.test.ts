// The FAQ bot in a real conversation: answers, asks "did this help?", suggests, hands over
// to a person — each reply exactly once, and never once a person has the conversation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FaqEntryInput, Site } from '../../server/store/types.js';
import type { ConversationSummary, Message, VisitorConversation, VisitorSyncResult } from '../../server/protocol.js';
import { createSite } from '../../server/sites.js';
import { login, SHOP_ORIGIN, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, ask, clientId, connected, must, next, until, visitorSocket, type VisitorClient } from '../helpers/sockets.js';

const entry = (id: string, lang: FaqEntryInput['lang'], question: string, phrasings: string[]): FaqEntryInput => ({
  id, lang, question, phrasings, keywords: [], answer: `The answer about ${id}. See https://shop.example/help/${id}`, tags: [], enabled: true,
});
const FAQ = [
  entry('ship', 'en', 'How long does shipping take?', ['When will my parcel arrive?', 'delivery time']),
  entry('returns', 'en', 'What is your return policy?', ['Can I send it back?', 'refund']),
  entry('cancel', 'en', 'How do I cancel my order?', ['cancel order']),
  entry('status', 'en', 'Where is my order?', ['order status', 'track my order']),
  entry('fee-tw', 'zh-TW', '運費怎麼計算?', ['運費多少', '要付運費嗎']),
  entry('pay-th', 'th', 'ชำระเงินได้ช่องทางไหนบ้าง', ['จ่ายเงินยังไง', 'โอนเงินได้ไหม']),
];

/** Collects every message:new a socket receives. */
function inbox(socket: VisitorClient): Message[] {
  const got: Message[] = [];
  socket.on('message:new', (m) => got.push(m));
  return got;
}


describe('the FAQ bot', () => {
  let server: InProcessServer;
  let site: Site;
  before(async () => {
    server = await startServer();
    site = server.site;
    await server.deskbell.registry.import(site.id, FAQ);
  });
  after(() => server.close());

  async function shopper(siteKey = site.key, lang = 'en'): Promise<{ socket: VisitorClient; got: Message[] }> {
    const socket = visitorSocket(server.url, siteKey);
    await connected(socket);
    const got = inbox(socket);
    await must<VisitorSyncResult>(socket, 'session:sync', { afterSeq: 0, lang });
    return { socket, got };
  }

  test('a confident match is answered at once, marked as the bot, with "did this help?"; Yes is recorded', async () => {
    const { socket, got } = await shopper();
    await must(socket, 'message:send', { clientId: clientId('q1'), body: 'How long does shipping take?' });
    const reply = await until(() => got.find((m) => m.author === 'bot'), 'the bot reply');
    assert.equal(reply.body, 'The answer about ship. See https://shop.example/help/ship');
    assert.deepEqual(reply.meta, { kind: 'answer', faqId: 'ship', feedback: null });
    assert.equal(reply.seq, 2, 'right after the question');

    const updated = next<Message>(socket, 'message:update');
    await must(socket, 'bot:feedback', { messageId: reply.id, helpful: true });
    assert.deepEqual((await updated).meta, { kind: 'answer', faqId: 'ship', feedback: 'yes' });
    // A second click (another tab) changes nothing.
    await must(socket, 'bot:feedback', { messageId: reply.id, helpful: false });
    const stored = await server.deskbell.store.getMessage(reply.id);
    assert.equal(stored?.meta?.kind === 'answer' && stored.meta.feedback, 'yes');
    assert.equal((await server.deskbell.store.getConversation(reply.conversationId))?.handoffAt, null);
    socket.close();
  });

  test('"No" hands the conversation to a person; the bot is quiet from then on', async () => {
    const { socket, got } = await shopper();
    await must(socket, 'message:send', { clientId: clientId('q2'), body: 'Can I send it back?' });
    const answer = await until(() => got.find((m) => m.author === 'bot'), 'the answer');
    const updates: VisitorConversation[] = [];
    socket.on('conversation:update', (c) => updates.push(c));
    await must(socket, 'bot:feedback', { messageId: answer.id, helpful: false });
    const handoff = await until(() => got.find((m) => m.meta?.kind === 'handoff'), 'the hand-off message');
    assert.deepEqual(handoff.meta, { kind: 'handoff', reason: 'not_helpful', agentsOnline: false });
    assert.match(handoff.body, /No one is online/);
    const handedOff = await until(() => updates.find((c) => c.handoff !== null), 'the conversation update');
    assert.equal(handedOff.handoff?.reason, 'not_helpful');

    const before = got.length;
    await must(socket, 'message:send', { clientId: clientId('q3'), body: 'What is your return policy?' });
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(got.slice(before).map((m) => m.author), ['visitor'], 'no bot reply after the hand-off');
    socket.close();
  });

  test('no match hands over; an explicit ask for a person hands over, in the shopper\'s language', async () => {
    const a = await shopper();
    await must(a.socket, 'message:send', { clientId: clientId('q4'), body: 'what is the meaning of life' });
    const none = await until(() => a.got.find((m) => m.author === 'bot'), 'the bot reply');
    assert.deepEqual(none.meta, { kind: 'handoff', reason: 'no_match', agentsOnline: false });
    a.socket.close();

    const b = await shopper(site.key, 'zh-TW');
    await must(b.socket, 'message:send', { clientId: clientId('q5'), body: '我要轉人工' });
    const asked = await until(() => b.got.find((m) => m.author === 'bot'), 'the bot reply');
    assert.deepEqual(asked.meta, { kind: 'handoff', reason: 'asked', agentsOnline: false });
    assert.match(asked.body, /客服/);
    b.socket.close();
  });

  test('what the shopper writes decides the language: a Thai question on an English page', async () => {
    const { socket, got } = await shopper(site.key, 'en');
    await must(socket, 'message:send', { clientId: clientId('th1'), body: 'จ่ายเงินยังไงคะ' });
    const reply = await until(() => got.find((m) => m.author === 'bot'), 'the bot reply');
    assert.deepEqual(reply.meta, { kind: 'answer', faqId: 'pay-th', feedback: null });
    await must(socket, 'bot:feedback', { messageId: reply.id, helpful: false });
    const handoff = await until(() => got.find((m) => m.meta?.kind === 'handoff'), 'the hand-off');
    assert.match(handoff.body, /เจ้าหน้าที่/, 'the bot hands over in Thai');
    socket.close();
  });

  test('"no" typed under an answer is the No button; "ใช่ค่ะ" the Yes; "不是" under suggestions is "None of these"', async () => {
    const en = await shopper();
    await must(en.socket, 'message:send', { clientId: clientId('typed-no-q'), body: 'How long does shipping take?' });
    const answer = await until(() => en.got.find((m) => m.meta?.kind === 'answer'), 'the answer');
    await must(en.socket, 'message:send', { clientId: clientId('typed-no'), body: 'No, it didn\'t' });
    const handoff = await until(() => en.got.find((m) => m.meta?.kind === 'handoff'), 'the hand-off');
    assert.deepEqual(handoff.meta, { kind: 'handoff', reason: 'not_helpful', agentsOnline: false });
    const stored = await server.deskbell.store.getMessage(answer.id);
    assert.equal(stored?.meta?.kind === 'answer' && stored.meta.feedback, 'no', 'recorded as the answer\'s No');
    en.socket.close();

    const th = await shopper(site.key, 'th');
    await must(th.socket, 'message:send', { clientId: clientId('typed-yes-q'), body: 'จ่ายเงินยังไงคะ' });
    const thAnswer = await until(() => th.got.find((m) => m.meta?.kind === 'answer'), 'the Thai answer');
    await must(th.socket, 'message:send', { clientId: clientId('typed-yes'), body: 'ใช่ค่ะ' });
    const welcome = await until(() => th.got.find((m) => m.author === 'bot' && m.meta === null), 'the reply to Yes');
    assert.match(welcome.body, /ยินดีค่ะ/);
    const yes = await server.deskbell.store.getMessage(thAnswer.id);
    assert.equal(yes?.meta?.kind === 'answer' && yes.meta.feedback, 'yes');
    assert.equal((await server.deskbell.store.getConversation(thAnswer.conversationId))?.handoffAt, null);
    th.socket.close();

    const tw = await createSite(server.deskbell.store, { name: 'Typed answers', origins: [SHOP_ORIGIN] });
    const zh = (id: string, question: string): FaqEntryInput => ({ id, lang: 'zh-TW', question, phrasings: [], keywords: [], answer: `${question}的答案`, tags: [], enabled: true });
    await server.deskbell.registry.import(tw.id, [zh('fee', '運費怎麼計算？'), zh('fee-abroad', '海外運費怎麼計算？')]);
    await server.deskbell.registry.updateSettings(tw.id, { thresholds: { answer: 0.999 } });
    const z = await shopper(tw.key, 'zh-TW');
    await must(z.socket, 'message:send', { clientId: clientId('typed-none-q'), body: '運費' });
    const suggest = await until(() => z.got.find((m) => m.meta?.kind === 'suggest'), 'the suggestions');
    await must(z.socket, 'message:send', { clientId: clientId('typed-none'), body: '都不是' });
    const declined = await until(() => z.got.find((m) => m.meta?.kind === 'handoff'), 'the hand-off');
    assert.deepEqual(declined.meta, { kind: 'handoff', reason: 'declined', agentsOnline: false });
    const offered = await server.deskbell.store.getMessage(suggest.id);
    assert.equal(offered?.meta?.kind === 'suggest' && offered.meta.declined, true);
    z.socket.close();
  });

  test('a Thai shopper writing a product name is still spoken to in Thai', async () => {
    // "iPhone 15 case" says nothing about the language: the bot finds no answer and hands
    // over, in the shopper's language, not in English because the letters were Latin.
    const { socket, got } = await shopper(site.key, 'th');
    await must(socket, 'message:send', { clientId: clientId('th-ok'), body: 'iPhone 15 case' });
    const reply = await until(() => got.find((m) => m.author === 'bot'), 'the bot reply');
    assert.equal(reply.meta?.kind, 'handoff');
    assert.match(reply.body, /ทีมงาน/, `in Thai: ${reply.body}`);
    socket.close();
  });

  for (const [lang, said, reply] of [
    ['en', 'ok thanks!', /You're welcome/],
    ['en', 'hi', /^Hi!/],
    ['zh-TW', '好的，謝謝', /不客氣/],
    ['zh-CN', '收到，谢谢', /不客气/],
    ['th', 'ขอบคุณมากค่ะ', /ยินดีค่ะ/],
    ['th', 'สวัสดีค่ะ', /^สวัสดีค่ะ/],
  ] as const) {
    test(`a pleasantry in ${lang} ("${said}") is answered in kind: not matched, not handed over, not "unanswered"`, async () => {
      const { socket, got } = await shopper(site.key, lang);
      await must(socket, 'message:send', { clientId: clientId(`nice-${said.length}`), body: said });
      const bot = await until(() => got.find((m) => m.author === 'bot'), 'the bot reply');
      assert.match(bot.body, reply);
      assert.equal(bot.meta, null, 'no buttons: nothing to rate or choose');
      const conversation = await server.deskbell.store.getConversation(bot.conversationId);
      assert.equal(conversation?.handoffAt, null, 'no person was called for a thank-you');
      const unanswered = await server.deskbell.store.listUnansweredQuestions(site.id, 100);
      assert.ok(!unanswered.some((q) => q.body === said), 'not a question the FAQ lacks');
      // The conversation goes on with the bot: a real question is still answered.
      if (lang === 'en') {
        await must(socket, 'message:send', { clientId: clientId(`then-${said.length}`), body: 'How long does shipping take?' });
        await until(() => got.find((m) => m.meta?.kind === 'answer'), 'the answer after the pleasantry');
      }
      socket.close();
    });
  }

  for (const [lang, ask, says] of [
    ['en', 'can I speak to a real person?', /our team/],
    ['zh-TW', '請幫我轉真人客服', /客服團隊/],
    ['zh-CN', '我要人工客服', /客服团队/],
    ['th', 'ขอคุยกับพนักงานหน่อยค่ะ', /ทีมงาน/],
  ] as const) {
    test(`an ask for a person in ${lang} is handed over at once, in ${lang}`, async () => {
      const { socket, got } = await shopper(site.key, lang);
      await must(socket, 'message:send', { clientId: clientId(`human-${lang}`), body: ask });
      const reply = await until(() => got.find((m) => m.author === 'bot'), 'the hand-off');
      assert.deepEqual(reply.meta, { kind: 'handoff', reason: 'asked', agentsOnline: false });
      assert.match(reply.body, says);
      socket.close();
    });
  }

  test('a Simplified-Chinese question finds the Traditional-Chinese entry', async () => {
    const { socket, got } = await shopper(site.key, 'zh-CN');
    await must(socket, 'message:send', { clientId: clientId('q6'), body: '运费怎么计算' });
    const reply = await until(() => got.find((m) => m.author === 'bot'), 'the bot reply');
    assert.deepEqual(reply.meta, { kind: 'answer', faqId: 'fee-tw', feedback: null });
    socket.close();
  });

  test('a Simplified reader of a Traditional-only FAQ reads the answers, suggestions and self-service in Simplified', async () => {
    const tw = await createSite(server.deskbell.store, { name: 'Traditional only', origins: [SHOP_ORIGIN] });
    const zh = (id: string, question: string, answer: string): FaqEntryInput => ({ id, lang: 'zh-TW', question, phrasings: [], keywords: [], answer, tags: [], enabled: true });
    await server.deskbell.registry.import(tw.id, [
      zh('fee', '運費怎麼計算？', '運費一律新臺幣一百元，詳見 https://shop.example/運費'),
      zh('fee-abroad', '海外運費怎麼計算？', '海外運費依重量計算。'),
    ]);
    const { socket, got } = await shopper(tw.key, 'zh-CN');
    await must(socket, 'message:send', { clientId: clientId('s1'), body: '运费怎么计算' });
    const reply = await until(() => got.find((m) => m.author === 'bot'), 'the bot reply');
    assert.equal(reply.body, '运费一律新台币一百元，详见 https://shop.example/運費', 'converted, the link kept');
    assert.deepEqual(reply.meta, { kind: 'answer', faqId: 'fee', feedback: null });

    await server.deskbell.registry.updateSettings(tw.id, { thresholds: { answer: 0.999 } });
    await must(socket, 'message:send', { clientId: clientId('s2'), body: '运费' });
    const suggest = await until(() => got.find((m) => m.meta?.kind === 'suggest'), 'the suggestions');
    const options = suggest.meta?.kind === 'suggest' ? suggest.meta.options : [];
    assert.deepEqual(options.map((o) => o.question).sort(), ['海外运费怎么计算？', '运费怎么计算？']);
    await must(socket, 'bot:choose', { messageId: suggest.id, faqId: 'fee-abroad' });
    const chosen = await until(() => got.find((m) => m.meta?.kind === 'answer' && m.meta.faqId === 'fee-abroad'), 'the chosen answer');
    assert.equal(chosen.body, '海外运费依重量计算。');
    socket.close();

    const widget = (query: string) => fetch(`${server.url}/api/widget/faq?site=${tw.key}&${query}`, { headers: { origin: SHOP_ORIGIN } }).then((r) => r.json() as Promise<{ questions: Array<{ question: string }> }>);
    assert.deepEqual((await widget('lang=zh-CN')).questions.map((q) => q.question), ['运费怎么计算？', '海外运费怎么计算？'], 'top questions');
    assert.deepEqual((await widget('lang=zh-TW')).questions.map((q) => q.question), ['運費怎麼計算？', '海外運費怎麼計算？']);
    assert.equal((await widget(`lang=zh-CN&q=${encodeURIComponent('海外运费')}`)).questions[0]?.question, '海外运费怎么计算？', 'as they type');
  });

  test('with the script conversion off, a Simplified reader of a Traditional-only FAQ reads every FAQ text as written; on again, converted', async () => {
    const tw = await createSite(server.deskbell.store, { name: 'Traditional as written', origins: [SHOP_ORIGIN] });
    const zh = (id: string, question: string, answer: string): FaqEntryInput => ({ id, lang: 'zh-TW', question, phrasings: [], keywords: [], answer, tags: [], enabled: true });
    await server.deskbell.registry.import(tw.id, [zh('fee', '運費怎麼計算？', '運費一律新臺幣一百元。'), zh('fee-abroad', '海外運費怎麼計算？', '海外運費依重量計算。')]);
    await server.deskbell.registry.updateSettings(tw.id, { convertScript: false });
    const { socket, got } = await shopper(tw.key, 'zh-CN');
    await must(socket, 'message:send', { clientId: clientId('w1'), body: '运费怎么计算' });
    const reply = await until(() => got.find((m) => m.author === 'bot'), 'the bot reply');
    assert.equal(reply.body, '運費一律新臺幣一百元。', 'the answer as written');

    await server.deskbell.registry.updateSettings(tw.id, { thresholds: { answer: 0.999 } });
    await must(socket, 'message:send', { clientId: clientId('w2'), body: '运费' });
    const suggest = await until(() => got.find((m) => m.meta?.kind === 'suggest'), 'the suggestions');
    const options = suggest.meta?.kind === 'suggest' ? suggest.meta.options : [];
    assert.deepEqual(options.map((o) => o.question).sort(), ['海外運費怎麼計算？', '運費怎麼計算？'], 'buttons as written');
    await must(socket, 'bot:choose', { messageId: suggest.id, faqId: 'fee-abroad' });
    const chosen = await until(() => got.find((m) => m.meta?.kind === 'answer' && m.meta.faqId === 'fee-abroad'), 'the chosen answer');
    assert.equal(chosen.body, '海外運費依重量計算。');

    const widget = (query: string) => fetch(`${server.url}/api/widget/faq?site=${tw.key}&${query}`, { headers: { origin: SHOP_ORIGIN } }).then((r) => r.json() as Promise<{ questions: Array<{ question: string }> }>);
    assert.deepEqual((await widget('lang=zh-CN')).questions.map((q) => q.question), ['運費怎麼計算？', '海外運費怎麼計算？'], 'top questions as written');
    assert.equal((await widget(`lang=zh-CN&q=${encodeURIComponent('海外运费')}`)).questions[0]?.question, '海外運費怎麼計算？', 'as they type, as written');

    // Back on: the same shopper's next question is converted again (the registry's settings are live).
    await server.deskbell.registry.updateSettings(tw.id, { convertScript: true, thresholds: { answer: null } });
    await must(socket, 'message:send', { clientId: clientId('w3'), body: '海外运费怎么计算' });
    const again = await until(() => got.find((m) => m.meta?.kind === 'answer' && m.body !== chosen.body && m.meta.faqId === 'fee-abroad'), 'the converted answer');
    assert.equal(again.body, '海外运费依重量计算。');
    assert.deepEqual((await widget('lang=zh-CN')).questions.map((q) => q.question), ['运费怎么计算？', '海外运费怎么计算？']);
    socket.close();
  });

  test('as they type, the widget offers what the bot would answer: English typed in a Chinese widget', async () => {
    const site2 = await createSite(server.deskbell.store, { name: 'Chinese and English', origins: [SHOP_ORIGIN] });
    const entry = (id: string, lang: 'zh-TW' | 'en', question: string, answer: string): FaqEntryInput =>
      ({ id, lang, question, phrasings: [], keywords: [], answer, tags: [], enabled: true });
    await server.deskbell.registry.import(site2.id, [
      entry('fee-tw', 'zh-TW', '運費怎麼算？', '臺灣本島運費新臺幣一百元。'),
      entry('fee-en', 'en', 'How much is shipping?', 'Shipping in Taiwan is NT$100.'),
    ]);
    const { socket, got } = await shopper(site2.key, 'zh-TW');
    await must(socket, 'message:send', { clientId: clientId('t1'), body: 'how much is shipping' });
    const reply = await until(() => got.find((m) => m.author === 'bot'), 'the bot reply');
    assert.deepEqual(reply.meta, { kind: 'answer', faqId: 'fee-en', feedback: null }, 'what is written decides: English');
    socket.close();
    const typed = await fetch(`${server.url}/api/widget/faq?site=${site2.key}&lang=zh-TW&q=${encodeURIComponent('how much is shipping')}`, { headers: { origin: SHOP_ORIGIN } })
      .then((r) => r.json() as Promise<{ questions: Array<{ id: string; question: string }> }>);
    // Before: matched as the widget's zh-TW, English words against the Chinese entries: nothing offered.
    assert.deepEqual(typed.questions, [{ id: 'fee-en', question: 'How much is shipping?' }]);
  });

  test('a middling match offers "did you mean…"; a choice is asked and answered; "none of these" hands over', async () => {
    // A stricter site: its own threshold turns the same match into suggestions.
    const strict = await createSite(server.deskbell.store, { name: 'Strict', origins: [SHOP_ORIGIN] });
    await server.deskbell.registry.import(strict.id, FAQ);
    await server.deskbell.registry.updateSettings(strict.id, { thresholds: { answer: 0.99 } });

    const { socket, got } = await shopper(strict.key);
    await must(socket, 'message:send', { clientId: clientId('q7'), body: 'about my order please' });
    const suggest = await until(() => got.find((m) => m.author === 'bot'), 'the suggestions');
    assert.equal(suggest.meta?.kind, 'suggest');
    const options = suggest.meta?.kind === 'suggest' ? suggest.meta.options : [];
    assert.ok(options.length >= 1 && options.length <= 3);
    assert.ok(options.some((o) => o.faqId === 'status'));
    // Candidates below the site's suggest threshold are noise, not options.
    const { thresholds } = await server.deskbell.registry.settings(strict.id);
    const { matches } = await server.deskbell.registry.match(strict.id, 'order delivery', 'en');
    assert.ok(matches.some((m) => m.score < thresholds.suggest), 'the question has weak runners-up');
    const weak = await shopper(strict.key);
    await must(weak.socket, 'message:send', { clientId: clientId('q7b'), body: 'order delivery' });
    const offered = await until(() => weak.got.find((m) => m.author === 'bot'), 'the suggestions');
    const offeredIds = offered.meta?.kind === 'suggest' ? offered.meta.options.map((o) => o.faqId) : [];
    assert.deepEqual(offeredIds, matches.filter((m) => m.score >= thresholds.suggest).map((m) => m.id));
    weak.socket.close();

    await must(socket, 'bot:choose', { messageId: suggest.id, faqId: 'status' });
    const answer = await until(() => got.find((m) => m.meta?.kind === 'answer'), 'the chosen answer');
    assert.equal(answer.body, 'The answer about status. See https://shop.example/help/status');
    const chosenAsked = got.find((m) => m.author === 'visitor' && m.body === 'Where is my order?');
    assert.ok(chosenAsked, 'the choice shows as the shopper\'s message');
    assert.ok(chosenAsked.seq < answer.seq);
    // The same click again (a double tap) adds nothing.
    const count = got.length;
    await must(socket, 'bot:choose', { messageId: suggest.id, faqId: 'status' });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(got.length, count);
    assert.equal((await ask(socket, 'bot:choose', { messageId: suggest.id, faqId: 'ship-not-offered' })).ok, false);
    socket.close();

    const second = await shopper(strict.key);
    await must(second.socket, 'message:send', { clientId: clientId('q8'), body: 'about my order please' });
    const again = await until(() => second.got.find((m) => m.author === 'bot'), 'the suggestions');
    await must(second.socket, 'bot:choose', { messageId: again.id, faqId: null });
    const declined = await until(() => second.got.find((m) => m.meta?.kind === 'handoff'), 'the hand-off');
    assert.deepEqual(declined.meta, { kind: 'handoff', reason: 'declined', agentsOnline: false });
    second.socket.close();
  });

  test('a resent question gets one bot reply, not two', async () => {
    const { socket } = await shopper();
    const id = clientId('dup');
    const first = await must<{ message: Message }>(socket, 'message:send', { clientId: id, body: 'delivery time' });
    await must(socket, 'message:send', { clientId: id, body: 'delivery time' });
    const all = await server.deskbell.store.listMessages(first.message.conversationId, 0, 100);
    assert.deepEqual(all.map((m) => m.author), ['visitor', 'bot']);
    socket.close();
  });

  test('once a person writes, the bot stays quiet; with an agent online the hand-off says so', async () => {
    const cookie = await login(server.url);
    const agent = agentSocket(server.url, cookie);
    await connected(agent);
    const { socket, got } = await shopper();
    const q = await must<{ message: Message }>(socket, 'message:send', { clientId: clientId('q9'), body: 'refund' });
    await until(() => got.find((m) => m.author === 'bot'), 'the bot answer');
    await must(agent, 'message:send', { conversationId: q.message.conversationId, clientId: clientId('a1'), body: 'Hi, Ann here.' });
    await must(socket, 'message:send', { clientId: clientId('q10'), body: 'delivery time' });
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(got.map((m) => m.author), ['visitor', 'bot', 'agent', 'visitor']);
    // An old "talk to a person" or "No" click after a person wrote adds nothing.
    await must(socket, 'handoff:request', {});
    const answer = got.find((m) => m.author === 'bot');
    assert.ok(answer);
    await must(socket, 'bot:feedback', { messageId: answer.id, helpful: false });
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(got.map((m) => m.author), ['visitor', 'bot', 'agent', 'visitor']);

    const other = await shopper();
    await must(other.socket, 'message:send', { clientId: clientId('q11'), body: 'talk to a human' });
    const handoff = await until(() => other.got.find((m) => m.author === 'bot'), 'the hand-off');
    assert.deepEqual(handoff.meta, { kind: 'handoff', reason: 'asked', agentsOnline: true });
    const { conversations } = await must<{ conversations: ConversationSummary[] }>(agent, 'conversations:list', { status: 'open' });
    assert.equal(conversations.find((c) => c.id === handoff.conversationId)?.handoff?.reason, 'asked', 'the console sees it waiting');
    other.socket.close();
    socket.close();
    agent.close();
  });

  test('"talk to a person" hands over; another shopper cannot press someone else\'s buttons', async () => {
    const { socket, got } = await shopper();
    await must(socket, 'message:send', { clientId: clientId('q12'), body: 'delivery time' });
    const answer = await until(() => got.find((m) => m.author === 'bot'), 'the answer');
    const mallory = await shopper();
    const res = await ask(mallory.socket, 'bot:feedback', { messageId: answer.id, helpful: false });
    assert.equal(res.ok, false);
    assert.equal((await server.deskbell.store.getConversation(answer.conversationId))?.handoffAt, null);
    await must(socket, 'handoff:request', {});
    const handoff = await until(() => got.find((m) => m.meta?.kind === 'handoff'), 'the hand-off');
    assert.equal(handoff.meta?.kind === 'handoff' && handoff.meta.reason, 'asked');
    mallory.socket.close();
    socket.close();
  });

  test('self-service: top questions in the shopper\'s language, and questions matching a draft', async () => {
    const get = (query: string, origin = SHOP_ORIGIN) => fetch(`${server.url}/api/widget/faq?${query}`, { headers: { origin } });
    const top = (await (await get(`site=${site.key}&lang=en`)).json()) as { questions: Array<{ id: string }> };
    assert.deepEqual(top.questions.map((q) => q.id), ['ship', 'returns', 'cancel', 'status'], 'English entries, in the owner\'s order');
    const th = (await (await get(`site=${site.key}&lang=th`)).json()) as { questions: Array<{ id: string }> };
    assert.deepEqual(th.questions.map((q) => q.id), ['pay-th']);
    const typed = (await (await get(`site=${site.key}&lang=en&q=${encodeURIComponent('when will my parcel')}`)).json()) as { questions: Array<{ id: string }> };
    assert.equal(typed.questions[0]?.id, 'ship');
    const nothing = (await (await get(`site=${site.key}&lang=en&q=${encodeURIComponent('the meaning of life')}`)).json()) as { questions: unknown[] };
    assert.deepEqual(nothing.questions, []);
    assert.equal((await get(`site=${site.key}`, 'https://evil.example')).status, 403);
    const config = (await (await get(`site=${site.key}`)).json()) as unknown;
    assert.ok(config);
    const withBot = (await (await fetch(`${server.url}/api/widget/config?site=${site.key}`)).json()) as { bot: boolean };
    assert.equal(withBot.bot, true);
  });

  test('a site without a FAQ has no bot', async () => {
    const plain = await createSite(server.deskbell.store, { name: 'Plain', origins: [SHOP_ORIGIN] });
    const { socket, got } = await shopper(plain.key);
    await must(socket, 'message:send', { clientId: clientId('q13'), body: 'talk to a human' });
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(got.map((m) => m.author), ['visitor']);
    const config = (await (await fetch(`${server.url}/api/widget/config?site=${plain.key}`)).json()) as { bot: boolean };
    assert.equal(config.bot, false);
    socket.close();
  });
});
