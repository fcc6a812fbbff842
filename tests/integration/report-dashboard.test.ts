// The events reports were missing and the dashboard's API, over real sockets and HTTP:
// a conversation a trigger's prompt started is counted "by trigger" once the widget links it;
// a queued shopper who stays away for the abandonment time is recorded as abandoned once, at
// the moment they left, and one who comes back in time is not; the dashboard answers with
// the previous period, the daily series, the trigger funnel of the range and an agent filter.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Dashboard } from '../../server/http/console-reports.js';
import { createSite } from '../../server/sites.js';
import { eventsFor, facts, H, T } from '../helpers/report-history.js';
import { connectShopper, eventually, type Shopper } from '../helpers/queue.js';
import { login, SHOP_ORIGIN, startServer, type InProcessServer } from '../helpers/server.js';
import { faqEntry } from '../helpers/shop-faq.js';
import { connected, must, visitorSocket } from '../helpers/sockets.js';

const ABANDON_MS = 300;
const today = (): string => new Date().toISOString().slice(0, 10);

describe('report events: started by a trigger, abandoned while waiting; the dashboard API', () => {
  let server: InProcessServer;
  let cookie: string;
  before(async () => {
    server = await startServer({ app: { abandonAfterMs: ABANDON_MS } });
    cookie = await login(server.url);
  });
  after(() => server.close());

  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${server.url}${path}`, {
      method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }
  const types = async (id: string): Promise<string[]> => (await server.deskbell.store.listConversationEvents(id)).map((e) => e.type);

  test('a prompt\'s conversation counts as started by the trigger, once; the funnel of the range shows it', async () => {
    const site = await createSite(server.deskbell.store, { name: 'Prompt Shop', origins: [SHOP_ORIGIN] });
    await call('POST', `/api/sites/${site.key}/triggers`, { id: 'cart', name: 'Help on the cart', conditions: [{ type: 'page', include: ['/cart*'] }], action: { kind: 'bubble', text: { en: 'Questions?' } } });
    const anon = 'anon-report-1';
    for (const outcome of ['shown', 'shown', 'clicked']) {
      const res = await fetch(`${server.url}/api/widget/beacon?${new URLSearchParams({ site: site.key, anon, visit: '1', trigger: 'cart', outcome })}`, { method: 'POST', headers: { origin: SHOP_ORIGIN } });
      assert.equal(res.status, 204);
    }
    const shopper = await connectShopper(server.url, site.key);
    await shopper.send('Is shipping free?');
    const id = shopper.conversationId();
    await must(shopper.socket, 'visit:link', { anon, trigger: 'cart' });
    // A second link (another page) changes nothing: the first trigger stays, recorded once.
    await must(shopper.socket, 'visit:link', { anon, trigger: 'cart' });
    const events = await server.deskbell.store.listConversationEvents(id);
    assert.deepEqual(events.filter((e) => e.type === 'started' || e.type === 'trigger_linked').map((e) => [e.type, e.data]), [
      ['started', { by: 'shopper' }],
      ['trigger_linked', { triggerId: 'cart' }],
    ]);
    shopper.socket.close();

    const day = today();
    const res = await call<Dashboard>('GET', `/api/sites/${site.key}/dashboard?from=${day}&to=${day}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.report.conversations, { total: 1, by_shopper: 0, by_trigger: 1 });
    // Shown twice, clicked once, one conversation; no bot on this site, so it went to the queue: a hand-off.
    assert.deepEqual(res.body.funnel, [{ trigger_id: 'cart', name: 'Help on the cart', shown: 2, clicked: 1, conversations: 1, handoffs: 1 }]);
    // The day before has none of it.
    const before = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const earlier = await call<Dashboard>('GET', `/api/sites/${site.key}/dashboard?from=${before}&to=${before}`);
    assert.deepEqual(earlier.body.funnel, []);
    assert.equal(earlier.body.report.conversations.total, 0);
    assert.equal(res.body.previous.from, before, 'the previous period is the day before');
  });

  test('a queued shopper who stays away is abandoned once, at the moment they left; one who comes back is not', async () => {
    const site = await createSite(server.deskbell.store, { name: 'Queue Shop', origins: [SHOP_ORIGIN] });
    // No agent online and no bot: each first message waits in the queue.
    const waiting = async (): Promise<Shopper> => {
      const s = await connectShopper(server.url, site.key);
      await s.send('Where is my parcel?');
      await eventually(() => assert.equal(s.latest()?.routing, 'queued'));
      return s;
    };
    const leave = async (s: Shopper): Promise<{ from: number; to: number }> => {
      const from = Date.now();
      const gone = new Promise<void>((resolve) => s.socket.once('disconnect', () => resolve()));
      s.socket.close();
      await gone;
      // The server hears the close a moment later: wait until it counts the shopper offline.
      const visitorId = (await server.deskbell.store.getConversation(s.conversationId()))!.visitorId;
      await eventually(() => assert.equal(server.deskbell.presence.isVisitorOnline(visitorId), false));
      return { from, to: Date.now() };
    };

    const gone = await waiting();
    const left = await leave(gone);
    const back = await waiting();
    await leave(back);
    // Back on the page (a new socket with the same token) well within the time.
    const again = visitorSocket(server.url, site.key, { token: back.token });
    await connected(again);
    // The last to leave: when their wait is recorded, the earlier leavers' time is up too.
    const last = await waiting();
    await leave(last);
    await eventually(async () => assert.ok((await types(last.conversationId())).includes('abandoned')));

    const goneEvents = await server.deskbell.store.listConversationEvents(gone.conversationId());
    const abandoned = goneEvents.filter((e) => e.type === 'abandoned');
    assert.equal(abandoned.length, 1, 'recorded once');
    assert.ok(abandoned[0]!.at >= left.from && abandoned[0]!.at <= left.to, 'at the moment the shopper left, not when the time ran out');
    assert.ok(!(await types(back.conversationId())).includes('abandoned'), 'the shopper who came back still waits');
    again.close();

    const day = today();
    const res = await call<Dashboard>('GET', `/api/sites/${site.key}/dashboard?from=${day}&to=${day}`);
    // Three waited, two left: 2 / 3.
    assert.deepEqual([res.body.report.queue.entered, res.body.report.queue.abandoned, res.body.report.queue.abandonment_rate], [3, 2, 0.6667]);
  });

  test('the top unanswered questions are those asked in the range, grouped and counted', async () => {
    const site = await createSite(server.deskbell.store, { name: 'Gift Shop', origins: [SHOP_ORIGIN] });
    await server.deskbell.registry.import(site.id, [{ ...faqEntry('ship', 'en', 'How long does shipping take?', ['When will my parcel arrive?']), keywords: [] }]);
    // Two shoppers ask the same thing the FAQ does not know (spelled a little differently), one
    // asks something it does know.
    for (const text of ['Do you sell gift cards?', 'do you sell GIFT cards', 'How long does shipping take?']) {
      const shopper = await connectShopper(server.url, site.key);
      await shopper.send(text);
      await eventually(() => assert.ok(shopper.messages.some((m) => m.author === 'bot')));
      shopper.socket.close();
    }
    const day = today();
    const res = await call<Dashboard>('GET', `/api/sites/${site.key}/dashboard?from=${day}&to=${day}`);
    assert.deepEqual(res.body.unanswered.map((u) => [u.text, u.count]), [['do you sell GIFT cards', 2]], 'the newest spelling, asked twice');
    // The FAQ entry's question names its row.
    assert.deepEqual(res.body.report.faq.map((f) => [res.body.faq_questions[f.faq_id], f.shown]), [['How long does shipping take?', 1]]);
    const before = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.deepEqual((await call<Dashboard>('GET', `/api/sites/${site.key}/dashboard?from=${before}&to=${before}`)).body.unanswered, [], 'none the day before');
  });

  test('the dashboard: daily series in the site\'s zone, the previous period, one agent\'s figures, and its refusals', async () => {
    const store = server.deskbell.store;
    const site = await createSite(store, { name: 'History Shop', origins: [SHOP_ORIGIN] });
    // In New York (UTC-5 until 8 March): d3 at 04:30 UTC on the 2nd is 23:30 on Sunday the 1st.
    // Two more a week before.
    const history = [
      facts('d1', T, { handoffAt: T + 10_000, handoffReason: 'asked', queuedAt: T + 10_000, assignedAt: T + 70_000, agentId: 'x', firstAgentReplyAt: T + 80_000, firstReplyAgentId: 'x' }),
      facts('d2', T + H, { handoffAt: T + H, handoffReason: 'asked', queuedAt: T + H, assignedAt: T + H + 30_000, agentId: 'y', firstAgentReplyAt: T + H + 50_000, firstReplyAgentId: 'y' }),
      facts('d3', Date.UTC(2026, 2, 2, 4, 30), { botAnswers: 1 }),
      facts('d4', T + 24 * H, { botAnswers: 1 }),
      facts('p1', T - 7 * 24 * H), facts('p2', T - 6 * 24 * H),
    ];
    for (const f of history) for (const e of eventsFor(site.id, f)) await store.recordEvent(e);
    const q = (extra = ''): Promise<{ status: number; body: Dashboard }> =>
      call<Dashboard>('GET', `/api/sites/${site.key}/dashboard?from=2026-03-01&to=2026-03-03&tz=America/New_York${extra}`);
    const res = await q();
    assert.equal(res.status, 200);
    // Local days: d3 (04:30 UTC on the 2nd) is the 1st in New York; d1, d2 (09:00, 10:00 UTC) the 2nd; d4 the 3rd.
    assert.deepEqual(res.body.daily, [
      { date: '2026-03-01', conversations: 1, handoffs: 0, wait_median_seconds: null, wait_p90_seconds: null },
      // Waits 60 s (d1) and 30 s (d2): median (rank 1) 30, 90th percentile (rank 2) 60.
      { date: '2026-03-02', conversations: 2, handoffs: 2, wait_median_seconds: 30, wait_p90_seconds: 60 },
      { date: '2026-03-03', conversations: 1, handoffs: 0, wait_median_seconds: null, wait_p90_seconds: null },
    ]);
    // The three days before are 26-28 February: empty (p1 is 04:00 on the 23rd in New York, p2 on the 24th).
    assert.deepEqual([res.body.previous.from, res.body.previous.to, res.body.previous.conversations.total], ['2026-02-26', '2026-02-28', 0]);
    const wider = await call<Dashboard>('GET', `/api/sites/${site.key}/dashboard?from=2026-03-01&to=2026-03-07&tz=America/New_York`);
    // 22-28 February: p1 (23rd, 04:00 local) and p2 (24th).
    assert.deepEqual([wider.body.previous.from, wider.body.previous.to, wider.body.previous.conversations.total], ['2026-02-22', '2026-02-28', 2]);

    // One agent: only the conversation x has; its wait 60 s.
    const x = await q('&agent=x');
    assert.deepEqual([x.body.report.conversations.total, x.body.report.queue.wait_seconds.median, x.body.report.agents.map((a) => a.agent_id)], [1, 60, ['x']]);
    assert.deepEqual(x.body.daily.map((d) => d.conversations), [0, 1, 0]);

    for (const [query, status] of [['from=2026-03-05&to=2026-03-01', 400], ['from=2026-02-30&to=2026-03-01', 400], ['from=2026-03-01&to=2026-03-02&tz=Mars/Base', 400]] as const) {
      const bad = await call<{ error: { code: string; message: string } }>('GET', `/api/sites/${site.key}/dashboard?${query}`);
      assert.equal(bad.status, status, query);
      assert.equal(bad.body.error.code, 'DESKBELL_VALIDATION', query);
    }
    assert.equal((await call('GET', `/api/sites/nope/dashboard?from=2026-03-01&to=2026-03-01`)).status, 404);
    const anonymous = await fetch(`${server.url}/api/sites/${site.key}/dashboard?from=2026-03-01&to=2026-03-01`);
    assert.equal(anonymous.status, 401);
  });
});
