// The language a shopper writes in, through the real server: a Thai question in a widget that
// speaks English makes the chat Thai (the widget is told; the agents see Thai; the queue
// offers it to an agent who reads Thai), short or mixed text never flips it, and the next
// page view's config comes in that language.
import assert from 'node:assert/strict';
import { after, afterEach, describe, test } from 'node:test';
import type { ConversationSummary, Lang, Transcript, WidgetConfig } from '../../server/protocol.js';
import { writtenLang } from '../../server/i18n/written-lang.js';
import type { Report } from '../../server/reports/query.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { connectAgent, connectShopper, createAgents, eventually, type Shopper, type TestAgent } from '../helpers/queue.js';
import { must } from '../helpers/sockets.js';

describe('the language a shopper writes in', () => {
  let server: InProcessServer | null = null;
  const sockets: Array<{ close: () => unknown }> = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await server?.close();
    server = null;
  });
  after(async () => server?.close());

  /** A shopper whose widget speaks `lang`, recording the languages the server tells it. */
  const shopperIn = async (s: InProcessServer, lang: Lang): Promise<Shopper & { told: Lang[] }> => {
    const one = await connectShopper(s.url, s.site.key);
    sockets.push(one.socket);
    await must(one.socket, 'session:sync', { afterSeq: 0, lang });
    const told: Lang[] = [];
    one.socket.on('visitor:lang', ({ lang: l }) => told.push(l));
    return Object.assign(one, { told });
  };
  const agentNamed = async (s: InProcessServer, a: { id: string; name: string; email: string }): Promise<TestAgent> => {
    const one = await connectAgent(s.url, a);
    sockets.push(one.socket);
    return one;
  };

  test('a Thai question in an English widget: the widget is told, the agents see Thai, a Thai reader gets it', async () => {
    server = await startServer();
    const [a1, a2] = await createAgents(server.deskbell.store, 2, 3);
    await server.deskbell.store.updateAgent(a1!.id, { languages: ['th'] });
    await server.deskbell.store.updateAgent(a2!.id, { languages: ['en'] });
    const thai = await agentNamed(server, a1!);
    const english = await agentNamed(server, a2!);
    await server.deskbell.router.settled();
    // The Thai agent already has a chat: by load alone, the next one would go to the English agent.
    const first = await shopperIn(server, 'th');
    await first.send('สวัสดีค่ะ');
    await server.deskbell.router.settled();
    await eventually(() => assert.deepEqual(thai.assigned, [first.conversationId()]));

    const shopper = await shopperIn(server, 'en');
    await shopper.send('ส่งของไปเชียงใหม่กี่วันคะ');
    await server.deskbell.router.settled();
    await eventually(() => assert.deepEqual(shopper.told, ['th']));
    await eventually(() => assert.deepEqual(thai.assigned, [first.conversationId(), shopper.conversationId()]));
    assert.deepEqual(english.assigned, []);
    const { conversation } = await must<{ conversation: ConversationSummary }>(thai.socket, 'conversation:open', { conversationId: shopper.conversationId() });
    assert.equal(conversation.lang, 'th', 'the agent sees the language the shopper writes');

    // Their copy of the conversation is labelled in Thai; the agent's in the console's language (English when it says none).
    const theirs = await must<Transcript>(shopper.socket, 'conversation:transcript', { conversationId: shopper.conversationId() });
    assert.match(theirs.text, /— บทสนทนา /);
    assert.match(theirs.text, /\] ลูกค้า: ส่งของไปเชียงใหม่กี่วันคะ/);
    const agents = await must<Transcript>(thai.socket, 'conversation:transcript', { conversationId: shopper.conversationId() });
    assert.match(agents.text, /\] Shopper: ส่งของไปเชียงใหม่กี่วันคะ/);
    // An agent whose console is in Traditional Chinese gets it labelled so.
    const inChinese = await must<Transcript>(thai.socket, 'conversation:transcript', { conversationId: shopper.conversationId(), lang: 'zh-TW' });
    assert.match(inChinese.text, /\] 顧客: ส่งของไปเชียงใหม่กี่วันคะ/);

    // "ok", a number, a product name: not enough to say the shopper switched.
    for (const text of ['ok', '12345', 'iPhone 15 case', '👍']) await shopper.send(text);
    // A whole English sentence is.
    await shopper.send('Do you ship to Japan?');
    await eventually(() => assert.deepEqual(shopper.told, ['th', 'en']));
    const again = await must<{ conversation: ConversationSummary }>(thai.socket, 'conversation:open', { conversationId: shopper.conversationId() });
    assert.equal(again.conversation.lang, 'en');
  });

  test('reports count a conversation in the language the shopper wrote: an English widget, a Thai question, counted under Thai', async () => {
    server = await startServer();
    const s = server;
    const thai = await shopperIn(s, 'en');
    await thai.send('ส่งของไปเชียงใหม่กี่วันคะ');
    await eventually(() => assert.deepEqual(thai.told, ['th']));
    const english = await shopperIn(s, 'en');
    await english.send('Do you ship to Japan?');
    const started = (await s.deskbell.store.listConversationEvents(thai.conversationId()))[0]!.at;
    const day = new Date(started).toISOString().slice(0, 10);
    const cookie = await login(s.url);
    const languages = async (): Promise<Array<[string, number]>> => {
      const res = await fetch(`${s.url}/api/sites/${s.site.key}/report?from=${day}&to=${day}`, { headers: { cookie } });
      assert.equal(res.status, 200);
      return ((await res.json()) as Report).languages.map((l) => [l.lang, l.conversations]);
    };
    // One UTC day is a whole cached day: this read caches it.
    assert.deepEqual(await languages(), [['en', 1], ['th', 1]]);
    // Written back in English, the conversation follows, and the cached day is recomputed.
    await thai.send('Sorry, can you ship it to Bangkok instead?');
    await eventually(() => assert.deepEqual(thai.told, ['th', 'en']));
    assert.deepEqual(await languages(), [['en', 2]]);
  });

  test('every tab of the shopper is told; a resend of the same message tells nobody twice', async () => {
    server = await startServer();
    const tab1 = await shopperIn(server, 'en');
    // A second tab: the same visitor (the same token).
    const same = await connectShopper(server.url, server.site.key, tab1.token);
    sockets.push(same.socket);
    const told2: Lang[] = [];
    same.socket.on('visitor:lang', ({ lang }) => told2.push(lang));
    const clientId = 'test-written-lang-0001';
    await must(tab1.socket, 'message:send', { clientId, body: '請問可以寄到台中嗎' });
    await must(tab1.socket, 'message:send', { clientId, body: '請問可以寄到台中嗎' });
    await eventually(() => assert.deepEqual(tab1.told, ['zh-TW']));
    await eventually(() => assert.deepEqual(told2, ['zh-TW']));
  });

  test('the widget config: the language the shopper writes wins over the page, the browser and the site; anything else is ignored', async () => {
    server = await startServer();
    await server.deskbell.store.updateSite(server.site.id, { theme: { ...server.site.theme, defaultLang: 'zh-TW' } });
    const config = async (query: string): Promise<WidgetConfig> => {
      const res = await fetch(`${server!.url}/api/widget/config?site=${server!.site.key}&lang=en${query}`, { headers: { origin: 'https://shop.example', 'accept-language': 'en-US' } });
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()) as WidgetConfig;
    };
    assert.equal((await config('')).lang, 'zh-TW');
    assert.equal((await config('&writes=th')).lang, 'th');
    assert.equal((await config('&writes=th')).words.open, 'เปิดแชท');
    assert.equal((await config('&writes=')).lang, 'zh-TW');
    assert.equal((await config('&writes=klingon')).lang, 'zh-TW', 'an unknown value costs nothing');
  });
});

test('writtenLang: clear scripts switch, short or mixed text does not', () => {
  assert.equal(writtenLang('en', 'ส่งของกี่วัน'), 'th');
  assert.equal(writtenLang('en', '可以寄到美国吗'), 'zh-CN');
  assert.equal(writtenLang('en', '可以寄到美國嗎'), 'zh-TW');
  // The same characters in both scripts: a Chinese chat keeps its script; another starts Simplified.
  assert.equal(writtenLang('zh-TW', '你好'), 'zh-TW');
  assert.equal(writtenLang('zh-CN', '你好'), 'zh-CN');
  assert.equal(writtenLang('th', '你好'), 'zh-CN');
  assert.equal(writtenLang('en', 'Alishan Oolong มีไหม'), 'th', 'a Thai question naming an English product');
  assert.equal(writtenLang('th', 'How long does delivery take?'), 'en');
  for (const text of ['ok', 'ok thanks', '12345', 'iPhone 15 case', '👍👍', '好', 'ก', '', 'LINE Pay 好']) {
    assert.equal(writtenLang('th', text), null, text);
  }
});
