// Conversation events in the SQLite store: the core's own steps are recorded once, in the
// same transaction as the change; the facts the reports read agree with the metric
// definitions on the hand-built week; and an event that cannot be stored costs nothing else.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { createSite } from '../../server/sites.js';
import { computeMetrics } from '../../server/reports/metrics.js';
import { buildReport } from '../../server/reports/query.js';
import { parseDate } from '../../server/reports/time.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Site, Store } from '../../server/store/types.js';
import { eventsFor, week } from '../helpers/report-history.js';
import { tempDir } from '../helpers/server.js';

describe('conversation events in the store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let site: Site;
  let now = Date.UTC(2026, 2, 2, 9);
  const eventErrors: string[] = [];
  beforeEach(async () => {
    tmp = tempDir();
    store = openSqliteStore({ path: tmp.dbPath, clock: { now: () => now }, onEventError: (e, ev) => eventErrors.push(`${ev.type}: ${String(e)}`) });
    site = await createSite(store, { name: 'Shop', origins: ['https://shop.example'] });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  test("a conversation's steps are recorded once each, with their times and data", async () => {
    const visitor = await store.createVisitor(site.id);
    const agent = await store.createAgent({ email: 'ann@shop.example', name: 'Ann', passwordHash: 'x' });
    const asked = await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'client-q-1', body: 'ship?', author: 'visitor' });
    const cid = asked.conversation.id;
    // A resent message is a duplicate: nothing more is recorded.
    await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'client-q-1', body: 'ship?', author: 'visitor' });
    now += 1000;
    const answer = await store.appendMessage({
      sender: { kind: 'bot', conversationId: cid }, clientId: `bot-${asked.message.id}`, body: 'Three days.', author: 'bot',
      meta: { kind: 'answer', faqId: 'ship', feedback: null },
    });
    now += 1000;
    await store.updateMessageMeta(answer.message.id, { kind: 'answer', faqId: 'ship', feedback: 'no' });
    await store.updateMessageMeta(answer.message.id, { kind: 'answer', faqId: 'ship', feedback: 'no' });
    await store.setHandoff(cid, 'not_helpful');
    now += 1000;
    await store.setHandoff(cid, 'asked');
    now += 30_000;
    await store.appendMessage({ sender: { kind: 'agent', agentId: agent.id, conversationId: cid }, clientId: 'client-a-1', body: 'Hi', author: 'agent' });
    await store.appendMessage({ sender: { kind: 'agent', agentId: agent.id, conversationId: cid }, clientId: 'client-a-2', body: 'More', author: 'agent' });
    now += 60_000;
    await store.closeConversation(cid);
    await store.closeConversation(cid);

    const t0 = Date.UTC(2026, 2, 2, 9);
    const events = (await store.listConversationEvents(cid)).map(({ type, at, agentId, data }) => ({ type, at: at - t0, agentId, data }));
    assert.deepEqual(events, [
      { type: 'started', at: 0, agentId: null, data: { by: 'shopper' } },
      { type: 'bot_answered', at: 1000, agentId: null, data: { faqId: 'ship' } },
      { type: 'bot_not_helpful', at: 2000, agentId: null, data: { faqId: 'ship' } },
      { type: 'handed_off', at: 2000, agentId: null, data: { reason: 'not_helpful' } },
      { type: 'first_agent_reply', at: 33_000, agentId: agent.id, data: null },
      { type: 'resolved', at: 93_000, agentId: null, data: null },
    ]);
    const [f] = await store.reportFacts(site.id, t0, t0 + 1);
    assert.deepEqual(f, {
      conversationId: cid, startedAt: t0, startedBy: 'shopper', botAnswers: 1, handoffAt: t0 + 2000, handoffReason: 'not_helpful', queuedAt: null,
      assignedAt: null, abandonedAt: null, firstAgentReplyAt: t0 + 33_000, firstReplyAgentId: agent.id, agentId: agent.id, transfers: 0,
      resolvedAt: t0 + 93_000, reopens: 0, rating: null, lang: null,
    });
    assert.deepEqual(eventErrors, []);
  });

  test("a trigger's conversation is recorded as started by the trigger; only the opening message says who started it", async () => {
    const visitor = await store.createVisitor(site.id);
    const send = (clientId: string) => store.appendMessage({
      sender: { kind: 'visitor', visitorId: visitor.id, startedBy: { by: 'trigger', triggerId: 'cart-help' } }, clientId, body: 'yes please', author: 'visitor',
    });
    const first = await send('client-t-1');
    await send('client-t-2');
    const events = await store.listConversationEvents(first.conversation.id);
    assert.deepEqual(events.map((e) => [e.type, e.data]), [['started', { by: 'trigger', triggerId: 'cart-help' }]]);
    assert.equal((await store.reportFacts(site.id, 0, Number.MAX_SAFE_INTEGER))[0]?.startedBy, 'trigger');
  });

  test('the facts built from the hand-built week give the same report as the definitions', async () => {
    const history = week().map((f) => ({ ...f, conversationId: `${f.conversationId}-x` }));
    for (const f of history) for (const e of eventsFor(site.id, f)) await store.recordEvent(e);
    // Another site's conversation and one outside the range are not counted.
    const other = await createSite(store, { name: 'Other', origins: [] });
    for (const e of eventsFor(other.id, week()[0]!)) await store.recordEvent(e);
    for (const e of eventsFor(site.id, { ...week()[0]!, conversationId: 'late', startedAt: Date.UTC(2026, 2, 9) })) await store.recordEvent(e);

    const report = await buildReport(store, { siteKey: site.key, from: parseDate('2026-03-02'), to: parseDate('2026-03-08'), timeZone: 'UTC' });
    const faq = await store.reportFaqCounts(site.id, Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 9));
    const expected = computeMetrics(history, faq, 'UTC');
    const { site: key, time_zone, from, to, agents, ...figures } = report;
    assert.deepEqual({ key, time_zone, from, to }, { key: site.key, time_zone: 'UTC', from: '2026-03-02', to: '2026-03-08' });
    const { agents: expectedAgents, ...expectedFigures } = expected;
    assert.deepEqual(figures, expectedFigures);
    assert.deepEqual(agents.map(({ agent_name: _, ...a }) => a), expectedAgents);
    assert.equal(report.conversations.total, 8);
    // c1 (2), c2 (1), c3 (1) bot answers, all from 'ship' in eventsFor.
    assert.deepEqual(report.faq, [{ faq_id: 'ship', shown: 4, helpful: 0, not_helpful: 0, helpful_rate: null }]);
  });

  test('cached report days are forgotten when an event touches them, and never cached from a stale read', async () => {
    const history = week();
    for (const f of history) for (const e of eventsFor(site.id, f)) await store.recordEvent(e);
    const request = { siteKey: site.key, from: parseDate('2026-03-01'), to: parseDate('2026-03-10'), timeZone: 'UTC' };
    const first = await buildReport(store, request);
    const monday = Date.UTC(2026, 2, 2) / 86_400_000;
    assert.equal((await store.reportCachedDays(site.id, monday, monday + 2)).days.size, 2, 'Monday and Tuesday cached');
    // c1 (Monday) is rated a week later: Monday's cached part must not be used any more.
    await store.recordEvent({ type: 'rated', siteId: site.id, conversationId: 'c1', at: Date.UTC(2026, 2, 9, 12), data: { score: 1 } });
    assert.equal((await store.reportCachedDays(site.id, monday, monday + 2)).days.size, 1, 'Monday forgotten');
    const second = await buildReport(store, request);
    assert.equal(second.csat.ratings, first.csat.ratings + 1);
    assert.equal(second.csat.distribution['1'], 1);
    assert.deepEqual(second, { ...(await buildReport(store, request)) }, 'and the same again from the cache');

    // A cached day in another format (an older version of the code) is recomputed, not misread.
    await store.saveReportDays(site.id, (await store.reportCachedDays(site.id, 0, 0)).version, [[monday, '{"part":{},"faq":[]}']]);
    assert.deepEqual(await buildReport(store, request), second);

    // A day computed from reads made before an event that touched it is not cached.
    await store.recordEvent({ type: 'rated', siteId: site.id, conversationId: 'c2', at: Date.UTC(2026, 2, 9, 13), data: { score: 2 } });
    const { version } = await store.reportCachedDays(site.id, monday, monday + 1);
    await store.recordEvent({ type: 'rated', siteId: site.id, conversationId: 'c2', at: Date.UTC(2026, 2, 9, 14), data: { score: 3 } });
    assert.equal(await store.saveReportDays(site.id, version, [[monday, '{}'], [monday + 7, '{}']]), 0, 'Monday (start of c2) and the rating day (9 March) were touched');
    assert.equal(await store.saveReportDays(site.id, version, [[monday + 4, '{}']]), 1);
  });

  test('an event that cannot be stored is reported, and the message it belongs to is stored anyway', async () => {
    await store.close();
    // Sabotage the events table from outside: every insert into it now fails.
    const db = new Database(tmp.dbPath);
    db.exec(`CREATE TRIGGER no_events BEFORE INSERT ON conversation_events BEGIN SELECT RAISE(ABORT, 'events refused'); END`);
    db.close();
    store = openSqliteStore({ path: tmp.dbPath, clock: { now: () => now }, onEventError: (e, ev) => eventErrors.push(`${ev.type}: ${String(e)}`) });
    const visitor = await store.createVisitor(site.id);
    const stored = await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'client-z-1', body: 'hello', author: 'visitor' });
    assert.equal((await store.listMessages(stored.conversation.id, 0, 10)).length, 1);
    assert.deepEqual(eventErrors.splice(0), ['started: SqliteError: events refused']);
    assert.deepEqual(await store.listConversationEvents(stored.conversation.id), []);
    assert.deepEqual(await store.reportFacts(site.id, 0, Number.MAX_SAFE_INTEGER), [], 'no facts without their event');
  });
});
