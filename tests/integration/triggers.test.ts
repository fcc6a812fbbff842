// Trigger rules as a shop owner manages them (console API, `deskbell triggers`) and as the
// widget gets them; page views and prompt outcomes as the widget reports them, and what
// agents then see: the shopper's pages this visit, and each prompt's results.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ConsoleTriggers, ConversationJourney, TriggerImportInvalid, TriggerInvalid } from '../../server/http/console-triggers.js';
import type { Message, VisitorSyncResult, WidgetConfig } from '../../server/protocol.js';
import { createSite } from '../../server/sites.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { ROOT, SHOP_ORIGIN, login, startServer, tempDir, type InProcessServer } from '../helpers/server.js';
import { clientId, connected, must, visitorSocket } from '../helpers/sockets.js';

const CART_RULE = {
  name: 'Help on the cart',
  conditions: [{ type: 'page', include: ['/cart*'] }, { type: 'timeOnPage', seconds: 5 }],
  action: { kind: 'bubble', text: { en: 'Questions about shipping?', th: 'มีคำถามเรื่องการจัดส่งไหมคะ' } },
};

describe('trigger rules', () => {
  let server: InProcessServer;
  let cookie: string;
  before(async () => {
    server = await startServer();
    cookie = await login(server.url);
  });
  after(() => server.close());

  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
  const config = async (key: string): Promise<WidgetConfig> =>
    (await (await fetch(`${server.url}/api/widget/config?site=${key}`, { headers: { origin: SHOP_ORIGIN } })).json()) as WidgetConfig;

  test('only agents reach the rules', async () => {
    const res = await fetch(`${server.url}/api/sites/${server.site.key}/triggers`);
    assert.equal(res.status, 401);
  });

  test('create, list, edit, disable, reorder, delete; the widget gets the enabled rules in order', async () => {
    const site = await createSite(server.deskbell.store, { name: 'Rules Shop', origins: [SHOP_ORIGIN] });
    const base = `/api/sites/${site.key}/triggers`;
    const created = await call<{ trigger: { id: string; enabled: boolean; cap: unknown } }>('POST', base, CART_RULE);
    assert.equal(created.status, 201);
    assert.equal(created.body.trigger.id, 'help-on-the-cart', 'the id is made from the name');
    assert.deepEqual(created.body.trigger.cap, { oncePerVisit: true, days: 0 }, 'caps default to once per visit');
    assert.equal((await call('POST', base, CART_RULE)).status, 409);
    const exit = { id: 'checkout-exit', name: 'Leaving checkout', conditions: [{ type: 'page', include: ['checkout'] }, { type: 'exitIntent' }], action: { kind: 'open', text: { en: 'Wait! Any questions?' } } };
    assert.equal((await call('POST', base, exit)).status, 201);

    let widget = await config(site.key);
    assert.deepEqual(widget.triggers.map((t) => t.id), ['help-on-the-cart', 'checkout-exit']);
    assert.equal('name' in (widget.triggers[0] ?? {}), false, 'the widget gets no console-only fields');

    const edited = await call<{ trigger: { conditions: unknown[] } }>('PUT', `${base}/help-on-the-cart`, { ...CART_RULE, conditions: [{ type: 'timeOnPage', seconds: 8 }] });
    assert.equal(edited.status, 200);
    assert.deepEqual(edited.body.trigger.conditions, [{ type: 'timeOnPage', seconds: 8 }]);
    const renamed = await call<TriggerInvalid>('PUT', `${base}/help-on-the-cart`, { ...CART_RULE, id: 'other' });
    assert.equal(renamed.status, 400);
    assert.match(renamed.body.error.fields[0]?.reason ?? '', /cannot be changed/);

    const order = await call<ConsoleTriggers>('PUT', `/api/sites/${site.key}/triggers-order`, { ids: ['checkout-exit', 'help-on-the-cart'] });
    assert.deepEqual(order.body.triggers.map((t) => t.id), ['checkout-exit', 'help-on-the-cart']);
    const badOrder = await call<{ error: { message: string } }>('PUT', `/api/sites/${site.key}/triggers-order`, { ids: ['checkout-exit'] });
    assert.equal(badOrder.status, 400);
    assert.match(badOrder.body.error.message, /each of the site's rules once/);

    assert.equal((await call('PATCH', `${base}/checkout-exit`, { enabled: false })).status, 200);
    widget = await config(site.key);
    assert.deepEqual(widget.triggers.map((t) => t.id), ['help-on-the-cart'], 'a disabled rule is not sent');

    assert.equal((await call('DELETE', `${base}/help-on-the-cart`)).status, 200);
    assert.equal((await call('DELETE', `${base}/help-on-the-cart`)).status, 404);
    const list = await call<ConsoleTriggers>('GET', base);
    assert.deepEqual(list.body.triggers.map((t) => [t.id, t.enabled]), [['checkout-exit', false]]);
  });

  test("a prompt that offers a FAQ answer offers it in the shopper's language when the entry has a translation", async () => {
    const site = await createSite(server.deskbell.store, { name: 'Answer Prompts', origins: [SHOP_ORIGIN] });
    const entry = (id: string, lang: 'en' | 'th', question: string, answer: string) => ({ id, lang, topic: 'shipping', question, phrasings: [], keywords: [], answer, tags: [], enabled: true });
    await server.deskbell.registry.import(site.id, [entry('ship-en', 'en', 'How long is delivery?', 'Two days.'), entry('ship-th', 'th', 'ส่งกี่วัน', 'สองวัน')]);
    const rule = { ...CART_RULE, action: { ...CART_RULE.action, faqId: 'ship-en' } };
    assert.equal((await call('POST', `/api/sites/${site.key}/triggers`, rule)).status, 201);
    const inLang = async (lang: string) =>
      ((await (await fetch(`${server.url}/api/widget/config?site=${site.key}&lang=${lang}`, { headers: { origin: SHOP_ORIGIN } })).json()) as WidgetConfig).triggers[0]?.faq;
    assert.deepEqual(await inLang('th'), { question: 'ส่งกี่วัน', answer: 'สองวัน' });
    assert.deepEqual(await inLang('en'), { question: 'How long is delivery?', answer: 'Two days.' });
    assert.deepEqual(await inLang('zh-TW'), { question: 'How long is delivery?', answer: 'Two days.' }, 'no zh-TW version: the entry itself');
  });

  test("a prompt's FAQ answer is in a Simplified reader's script when the entry is Traditional only, unless the owner turned the conversion off", async () => {
    const site = await createSite(server.deskbell.store, { name: 'Traditional Prompts', origins: [SHOP_ORIGIN] });
    await server.deskbell.registry.import(site.id, [{ id: 'fee', lang: 'zh-TW', question: '運費怎麼計算？', phrasings: [], keywords: [], answer: '運費一律新臺幣一百元。', tags: [], enabled: true }]);
    const rule = { ...CART_RULE, action: { ...CART_RULE.action, faqId: 'fee' } };
    assert.equal((await call('POST', `/api/sites/${site.key}/triggers`, rule)).status, 201);
    const offered = async () =>
      ((await (await fetch(`${server.url}/api/widget/config?site=${site.key}&lang=zh-CN`, { headers: { origin: SHOP_ORIGIN } })).json()) as WidgetConfig).triggers[0]?.faq;
    assert.deepEqual(await offered(), { question: '运费怎么计算？', answer: '运费一律新台币一百元。' });
    await server.deskbell.registry.updateSettings(site.id, { convertScript: false });
    assert.deepEqual(await offered(), { question: '運費怎麼計算？', answer: '運費一律新臺幣一百元。' }, 'as written');
  });

  test('an invalid rule is refused with what is wrong, by field', async () => {
    const base = `/api/sites/${server.site.key}/triggers`;
    const res = await call<TriggerInvalid>('POST', base, {
      name: 'Deep scroll',
      conditions: [{ type: 'scroll', percent: 150 }, { type: 'event', name: 'cart_updated', where: [{ field: 'value', op: '>', value: 'lots' }] }, { type: 'wobble' }],
      action: { kind: 'bubble', text: { en: '', de: 'Hallo' } },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'DESKBELL_TRIGGER_INVALID');
    const fields = Object.fromEntries(res.body.error.fields.map((f) => [f.field, f.reason]));
    assert.match(fields['conditions[0].percent'] ?? '', /scroll depth must be 1-100/);
    assert.match(fields['conditions[1].where[0].value'] ?? '', /compares numbers/);
    assert.match(fields['conditions[2].type'] ?? '', /must be one of/);
    assert.match(fields['action.text.en'] ?? '', /1-500 characters/);
    assert.match(fields['action.text.de'] ?? '', /not a language/);
    assert.match(res.body.error.message, /scroll depth must be 1-100/);
    assert.deepEqual((await call<ConsoleTriggers>('GET', base)).body.triggers, [], 'nothing was stored');
  });

  test('import is all or nothing, with errors by rule index; export gives the same rules back', async () => {
    const site = await createSite(server.deskbell.store, { name: 'Import Shop', origins: [SHOP_ORIGIN] });
    const path = `/api/sites/${site.key}/triggers`;
    const bad = await call<TriggerImportInvalid>('POST', `${path}/import`, [CART_RULE, { ...CART_RULE, name: 'Idle', conditions: [{ type: 'idle', seconds: 0 }] }]);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'DESKBELL_TRIGGER_IMPORT_INVALID');
    assert.deepEqual(bad.body.error.errors.map((e) => [e.index, e.field]), [[1, 'conditions[0].seconds']]);
    assert.deepEqual((await call<ConsoleTriggers>('GET', path)).body.triggers, [], 'nothing was imported');
    const dup = await call<TriggerImportInvalid>('POST', `${path}/import`, [CART_RULE, CART_RULE]);
    assert.match(dup.body.error.errors[0]?.reason ?? '', /rule 0 already has the id/);

    const good = await call<ConsoleTriggers>('POST', `${path}/import`, [CART_RULE, { ...CART_RULE, id: 'second', enabled: false }]);
    assert.equal(good.status, 200);
    assert.deepEqual(good.body.triggers.map((t) => t.id), ['help-on-the-cart', 'second']);
    const exported = await fetch(`${server.url}${path}/export`, { headers: { cookie } });
    const rules = (await exported.json()) as Array<{ id: string }>;
    const again = await call<ConsoleTriggers>('POST', `${path}/import`, rules);
    assert.deepEqual(again.body.triggers.map(({ createdAt: _c, updatedAt: _u, ...t }) => t), good.body.triggers.map(({ createdAt: _c, updatedAt: _u, ...t }) => t));
  });

  test('page views and prompt outcomes: beacons from allowed origins only; agents see the pages and counts', async () => {
    const site = await createSite(server.deskbell.store, { name: 'Journey Shop', origins: [SHOP_ORIGIN] });
    await call('POST', `/api/sites/${site.key}/triggers`, { ...CART_RULE, id: 'cart' });
    const anon = 'anon-browser-1';
    const beacon = (q: Record<string, string>, origin = SHOP_ORIGIN): Promise<Response> =>
      fetch(`${server.url}/api/widget/beacon?${new URLSearchParams({ site: site.key, anon, ...q })}`, { method: 'POST', headers: { origin } });
    assert.equal((await beacon({ visit: '1', url: 'https://shop.example/old', title: 'Old visit' })).status, 204);
    assert.equal((await beacon({ visit: '2', url: 'https://shop.example/', title: 'Home' })).status, 204);
    assert.equal((await beacon({ visit: '2', url: 'https://shop.example/cart', title: 'Cart' })).status, 204);
    assert.equal((await beacon({ visit: '2', url: 'https://evil.example/', title: 'x' }, 'https://evil.example')).status, 403);
    assert.equal((await beacon({ visit: '2', url: 'javascript:alert(1)', title: 'x' })).status, 400);
    for (const outcome of ['shown', 'clicked', 'replied']) assert.equal((await beacon({ visit: '2', trigger: 'cart', outcome })).status, 204);
    assert.equal((await beacon({ visit: '2', trigger: 'cart', outcome: 'exploded' })).status, 400);
    assert.equal((await beacon({ visit: '2', trigger: 'made-up', outcome: 'shown' })).status, 404, 'only the site\'s own rules');

    // The shopper took the prompt up and wrote: the widget links the browser and the prompt.
    const socket = visitorSocket(server.url, site.key);
    await connected(socket);
    await must<VisitorSyncResult>(socket, 'session:sync', { afterSeq: 0, lang: 'en' });
    await must<{ message: Message }>(socket, 'message:send', { clientId: clientId('journey-1'), body: 'Is shipping free to Thailand?' });
    await must(socket, 'visit:link', { anon, trigger: 'cart' });
    await must(socket, 'handoff:request', {});
    const conversation = await server.deskbell.store.listConversations({ status: 'open', limit: 50 });
    const mine = conversation.find((c) => c.siteId === site.id);
    assert.ok(mine);
    const journey = await call<ConversationJourney>('GET', `/api/conversations/${mine.id}/journey`);
    assert.deepEqual(journey.body.pages.map((p) => p.title), ['Home', 'Cart'], 'the pages of this visit, oldest first');

    const list = await call<ConsoleTriggers>('GET', `/api/sites/${site.key}/triggers`);
    assert.deepEqual(list.body.triggers[0]?.stats, { shown: 1, dismissed: 0, clicked: 1, replied: 1, conversations: 1, handoffs: 1 });
    socket.disconnect();
  });
});

describe('deskbell triggers', () => {
  test('import (all or nothing, problems by rule) and export', async () => {
    const tmp = tempDir();
    const db = tmp.dbPath;
    const store = openSqliteStore({ path: db });
    const key = (await createSite(store, { name: 'CLI Shop', origins: [] })).key;
    await store.close();
    const run = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => new Promise((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'bin/deskbell.js'), ...args, '--db', db], { stdio: 'pipe' });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
    const badFile = join(tmp.dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify([CART_RULE, { name: 'Scroll', conditions: [{ type: 'scroll', percent: 0 }], action: { kind: 'bubble', text: { en: 'Hi' } } }]));
    const bad = await run(['triggers', 'import', badFile, '--site', key]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /has a problem; nothing was imported/);
    assert.match(bad.stderr, /rule 1 \("Scroll"\), conditions\[0\]\.percent: scroll depth must be 1-100/);
    assert.equal((await run(['triggers', 'export', '--site', key])).stdout, '[]\n');

    const goodFile = join(tmp.dir, 'good.json');
    writeFileSync(goodFile, JSON.stringify([CART_RULE]));
    const good = await run(['triggers', 'import', goodFile, '--site', key]);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /Imported 1 trigger rules \(1 enabled\)/);
    const exported = JSON.parse((await run(['triggers', 'export', '--site', key])).stdout) as Array<{ id: string; cap: unknown }>;
    assert.deepEqual(exported.map((r) => [r.id, r.cap]), [['help-on-the-cart', { oncePerVisit: true, days: 0 }]]);
    tmp.cleanup();
  });
});
