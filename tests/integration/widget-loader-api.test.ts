// What the widget's loader asks the server on every page view: the config (revalidated with an
// ETag, so an unchanged config costs a 304 and no body), and, for a returning shopper, whether
// their conversation needs the chat loaded now (POST /api/widget/status).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Message, VisitorSyncResult, WidgetConfig, WidgetStatus } from '../../server/protocol.js';
import { runDeskbell } from '../helpers/cli.js';
import { login, SHOP_ORIGIN, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, clientId, connected, must, next, visitorSocket, type AgentClient } from '../helpers/sockets.js';

describe('the loader API', () => {
  let server: InProcessServer;
  let agent: AgentClient;
  before(async () => {
    server = await startServer();
    agent = agentSocket(server.url, await login(server.url));
    await connected(agent);
  });
  after(async () => {
    agent?.close();
    await server?.close();
  });

  const status = (token: string, origin = SHOP_ORIGIN): Promise<Response> =>
    fetch(`${server.url}/api/widget/status?site=${server.site.key}`, { method: 'POST', body: token, headers: { 'content-type': 'text/plain', origin } });

  test('the config carries an ETag: the same config revalidates as 304 with no body, a changed one is sent again', async () => {
    const url = `${server.url}/api/widget/config?site=${server.site.key}`;
    const first = await fetch(url, { headers: { origin: SHOP_ORIGIN } });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    const etag = first.headers.get('etag');
    assert.ok(etag, 'an ETag');
    assert.equal(((await first.json()) as { theme: { consent: boolean } }).theme.consent, false);

    const again = await fetch(url, { headers: { origin: SHOP_ORIGIN, 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('access-control-allow-origin'), SHOP_ORIGIN, 'the browser may use its cached copy');

    await server.deskbell.store.updateSite(server.site.id, { theme: { ...server.site.theme, consent: true } });
    const changed = await fetch(url, { headers: { origin: SHOP_ORIGIN, 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.equal(((await changed.json()) as { theme: { consent: boolean } }).theme.consent, true);
    await server.deskbell.store.updateSite(server.site.id, { theme: { ...server.site.theme, consent: false } });
  });

  test("the config speaks the shopper's language: the site's setting, else the page's lang, else Accept-Language", async () => {
    const ask = async (query: string, acceptLanguage?: string): Promise<{ config: WidgetConfig; res: Response }> => {
      const res = await fetch(`${server.url}/api/widget/config?site=${server.site.key}${query}`, { headers: { origin: SHOP_ORIGIN, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) } });
      assert.equal(res.status, 200);
      return { config: (await res.json()) as WidgetConfig, res };
    };
    const thai = await ask('', 'th-TH,th;q=0.9,en-US;q=0.8');
    assert.equal(thai.config.lang, 'th');
    assert.equal(thai.config.words.open, 'เปิดแชท');
    assert.match(thai.res.headers.get('vary') ?? '', /Accept-Language/, 'caches keep one answer per browser language');
    assert.equal((await ask('&lang=', 'th-TH,th;q=0.9')).config.lang, 'th', 'a page with no lang (the loader sends it empty)');
    const page = await ask('&lang=zh-Hant-TW', 'th-TH,th;q=0.9');
    assert.equal(page.config.lang, 'zh-TW', "the page's lang comes before the browser's");
    assert.equal(page.config.words.close, '關閉對話');
    assert.notEqual(page.res.headers.get('etag'), thai.res.headers.get('etag'), 'each language its own ETag');
    const french = await ask('&lang=fr', 'fr-FR,fr;q=0.9,de;q=0.5');
    assert.equal(french.config.lang, 'en', 'no language of ours: English');
    assert.equal(french.config.words.unread, '{n} unread');
    assert.equal((await fetch(`${server.url}/api/widget/config?site=${server.site.key}&lang=${'x'.repeat(36)}`, { headers: { origin: SHOP_ORIGIN } })).status, 400, 'a page lang longer than a language tag');

    await server.deskbell.store.updateSite(server.site.id, { theme: { ...server.site.theme, defaultLang: 'zh-CN' } });
    try {
      const fixed = await ask('&lang=th', 'th-TH');
      assert.equal(fixed.config.lang, 'zh-CN', "the site's own setting wins");
      assert.equal(fixed.config.words.prompt, '商店消息');
    } finally {
      await server.deskbell.store.updateSite(server.site.id, { theme: { ...server.site.theme, defaultLang: null } });
    }
  });

  test('`deskbell site consent` turns consent mode on and off; the config tells the widget', async () => {
    const config = async (): Promise<boolean> => ((await (await fetch(`${server.url}/api/widget/config?site=${server.site.key}`, { headers: { origin: SHOP_ORIGIN } })).json()) as { theme: { consent: boolean } }).theme.consent;
    const on = await runDeskbell(['site', 'consent', 'on', '--db', server.dbPath, '--site', server.site.key]);
    assert.equal(on.code, 0, on.stderr);
    assert.match(on.stdout, /consent mode on/);
    assert.equal(await config(), true);
    const shown = await runDeskbell(['site', 'consent', '--db', server.dbPath, '--site', server.site.key]);
    assert.match(shown.stdout, /consent mode on/);
    const bad = await runDeskbell(['site', 'consent', 'maybe', '--db', server.dbPath, '--site', server.site.key]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /on or off/);
    const off = await runDeskbell(['site', 'consent', 'off', '--db', server.dbPath, '--site', server.site.key]);
    assert.match(off.stdout, /consent mode off/);
    assert.equal(await config(), false);
  });

  test("a returning shopper's status: nothing to load, then unread replies, then live while a person has it", async () => {
    const shopper = visitorSocket(server.url, server.site.key);
    await connected(shopper);
    const sync = await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0 });
    // A token with no conversation yet.
    let res = await status(sync.token);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), { unread: 0, live: false } satisfies WidgetStatus);

    const { message } = await must<{ message: Message }>(shopper, 'message:send', { clientId: clientId('status-1'), body: 'is my parcel on its way?' });
    // The shopper's own message is not unread; this site has no bot, so it waits for a person: live.
    assert.deepEqual(await (await status(sync.token)).json(), { unread: 0, live: true }, 'queued for a person: live');

    const arrived = next<Message>(shopper, 'message:new');
    await must(agent, 'message:send', { conversationId: message.conversationId, clientId: clientId('status-agent'), body: 'It left the warehouse today.' });
    const reply = await arrived;
    res = await status(sync.token);
    const body = (await res.json()) as WidgetStatus;
    assert.equal(body.unread >= 1, true, 'the reply is unread');
    assert.equal(body.live, true);

    await must(shopper, 'messages:read', { conversationId: message.conversationId, seq: reply.seq });
    assert.equal(((await (await status(sync.token)).json()) as WidgetStatus).unread, 0, 'read: nothing unread');
    await must(agent, 'conversation:resolve', { conversationId: message.conversationId });
    assert.deepEqual(await (await status(sync.token)).json(), { unread: 0, live: false }, 'resolved: no person waits on it');
    shopper.close();
  });

  test('a forged token, another origin, or no token is refused with the reason', async () => {
    let res = await status('v1.forged.token');
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'DESKBELL_TOKEN_INVALID');
    res = await status('v1.x.y', 'https://evil.example');
    assert.equal(res.status, 403);
    res = await fetch(`${server.url}/api/widget/status?site=${server.site.key}`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: SHOP_ORIGIN } });
    assert.equal(res.status, 400);
  });
});
