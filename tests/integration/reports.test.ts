// Reports end to end: a shopper and an agent over real sockets (question, bot answer, "No",
// hand-off, agent reply, close), the steps recorded once each, and `deskbell report` (the
// built command, spawned as a shop owner runs it) printing the figures as JSON and CSV.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Message, VisitorSyncResult } from '../../server/protocol.js';
import type { ReportMetrics } from '../../server/reports/metrics.js';
import type { Report } from '../../server/reports/query.js';
import { runDeskbell as deskbell } from '../helpers/cli.js';
import { agentSocket, clientId, connected, must, until, visitorSocket } from '../helpers/sockets.js';
import { login, ROOT, startServer, type InProcessServer } from '../helpers/server.js';
import { faqEntry } from '../helpers/shop-faq.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** The local date (YYYY-MM-DD), weekday row and hour of an instant, `offsetHours` from UTC. */
function local(ms: number, offsetHours: number): { date: string; weekday: string; hour: number } {
  const d = new Date(ms + offsetHours * 3_600_000);
  return { date: d.toISOString().slice(0, 10), weekday: WEEKDAYS[(d.getUTCDay() + 6) % 7]!, hour: d.getUTCHours() };
}

describe('reports from a real conversation', () => {
  let server: InProcessServer;
  let conversationId = '';
  let agentId = '';
  /** When the conversation started. */
  let startedAt = 0;

  before(async () => {
    assert.ok(existsSync(join(ROOT, 'dist/server/cli/report.js')), 'the server is not built: run `npm run build` (npm test does) first');
    server = await startServer();
    await server.deskbell.registry.import(server.site.id, [
      { ...faqEntry('ship', 'en', 'How long does shipping take?', ['When will my parcel arrive?']), keywords: [] },
    ]);
    agentId = (await server.deskbell.store.getAgentByEmail('ann@shop.example'))!.id;

    const shopper = visitorSocket(server.url, server.site.key);
    await connected(shopper);
    const got: Message[] = [];
    shopper.on('message:new', (m) => got.push(m));
    await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0, lang: 'en' });
    await must(shopper, 'message:send', { clientId: clientId('r1'), body: 'How long does shipping take?' });
    const answer = await until(() => got.find((m) => m.author === 'bot'), 'the bot answer');
    conversationId = answer.conversationId;
    await must(shopper, 'bot:feedback', { messageId: answer.id, helpful: false });
    await until(() => got.find((m) => m.meta?.kind === 'handoff'), 'the hand-off');

    const agent = agentSocket(server.url, await login(server.url));
    await connected(agent);
    await must(agent, 'message:send', { conversationId, clientId: clientId('a1'), body: 'Hello, Ann here.' });
    await must(agent, 'message:send', { conversationId, clientId: clientId('a2'), body: 'Three days.' });
    await must(agent, 'conversation:close', { conversationId });
    shopper.close();
    agent.close();
    startedAt = (await server.deskbell.store.listConversationEvents(conversationId))[0]!.at;
  });
  after(() => server.close());

  test('each step is recorded once, in order, with who and why', async () => {
    const events = await server.deskbell.store.listConversationEvents(conversationId);
    assert.deepEqual(events.map((e) => [e.type, e.agentId, e.data]), [
      // The widget speaks English and so does the shopper: the conversation's language.
      ['started', null, { by: 'shopper', lang: 'en' }],
      ['bot_answered', null, { faqId: 'ship' }],
      ['bot_not_helpful', null, { faqId: 'ship' }],
      ['handed_off', null, { reason: 'not_helpful' }],
      // The queue's steps (issue 5): the hand-off queues it, and Ann, online, is given it.
      ['queued', null, null],
      ['assigned', agentId, null],
      ['first_agent_reply', agentId, null],
      ['resolved', null, null],
    ]);
    const at = events.map((e) => e.at);
    assert.deepEqual(at, [...at].sort((a, b) => a - b), 'in time order');
    assert.ok(events.every((e) => e.siteId === server.site.id && e.conversationId === conversationId));
  });

  test('`deskbell report --format json` prints the figures with snake_case keys', async () => {
    const { date } = local(startedAt, 0);
    const run = await deskbell(['report', '--db', server.dbPath, '--site', server.site.key, '--from', date, '--to', date]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    const events = await server.deskbell.store.listConversationEvents(conversationId);
    const time = (type: string): number => events.find((e) => e.type === type)!.at;
    assert.equal(report.site, server.site.key);
    assert.equal(report.time_zone, 'UTC');
    assert.deepEqual(report.conversations, { total: 1, by_shopper: 1, by_trigger: 0 });
    assert.deepEqual(report.deflection, { bot_alone: 0, rate: 0 });
    assert.deepEqual(report.handoffs, { total: 1, rate: 1, reasons: { asked: 0, no_match: 0, not_helpful: 1, declined: 0 } });
    // From entering the queue (docs/reports.md), which the hand-off does a moment after it is recorded.
    const firstResponse = (time('first_agent_reply') - time('queued')) / 1000;
    assert.deepEqual(report.first_response_seconds, { count: 1, median: firstResponse, p90: firstResponse, average: firstResponse });
    assert.equal(report.resolution.resolved, 1);
    assert.equal(report.resolution.seconds.median, (time('resolved') - time('started')) / 1000);
    assert.deepEqual(report.faq, [{ faq_id: 'ship', shown: 1, helpful: 0, not_helpful: 1, helpful_rate: 0 }]);
    assert.equal(report.busiest_hours.flat().reduce((a, b) => a + b, 0), 1);
    assert.deepEqual(report.agents.map((a) => [a.agent_name, a.conversations]), [['Ann', 1]]);
    // The one conversation was English: waited from the queue to Ann's assignment, not rated.
    const wait = (time('assigned') - time('queued')) / 1000;
    assert.deepEqual(report.languages, [{
      lang: 'en', conversations: 1, bot_alone_rate: 0, handoff_rate: 1, queue_wait_median_seconds: wait, abandonment_rate: 0, csat_ratings: 0, csat_average: null,
    }]);
  });

  test('`--format csv` prints one table per section; a range without conversations has zeros', async () => {
    // Taipei is UTC+8 all year: the day, weekday and hour there are known without Intl.
    const taipei = local(startedAt, 8);
    const run = await deskbell(['report', '--db', server.dbPath, '--site', server.site.key, '--from', taipei.date, '--to', taipei.date, '--format', 'csv', '--tz', 'Asia/Taipei']);
    assert.equal(run.code, 0, run.stderr);
    const tables = run.stdout.split('\r\n\r\n').map((t) => t.trimEnd().split('\r\n'));
    assert.deepEqual(tables.map((t) => t[0]), [
      'figure,value',
      'faq_id,shown,helpful,not_helpful,helpful_rate',
      'agent_id,agent_name,conversations,first_response_median_seconds,first_response_p90_seconds,resolved,csat_average',
      `weekday,${Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')).join(',')}`,
      'lang,conversations,bot_alone_rate,handoff_rate,queue_wait_median_seconds,abandonment_rate,csat_ratings,csat_average',
    ]);
    assert.match(tables[4]![1]!, /^en,1,0,1,[\d.]+,0,0,$/);
    assert.equal(tables[4]!.length, 2);
    for (const line of ['time_zone,Asia/Taipei', `from,${taipei.date}`, 'conversations.total,1', 'handoffs.reasons.not_helpful,1', 'csat.average,']) {
      assert.ok(tables[0]!.includes(line), `summary has ${line}`);
    }
    assert.deepEqual(tables[1]!.slice(1), ['ship,1,0,1,0']);
    assert.match(tables[2]![1]!, new RegExp(`^${agentId},Ann,1,`));
    const heat = tables[3]!.slice(1).map((row) => row.split(','));
    assert.deepEqual(heat.map((r) => r[0]), WEEKDAYS);
    for (const row of heat) {
      for (let h = 0; h < 24; h++) assert.equal(row[h + 1], row[0] === taipei.weekday && h === taipei.hour ? '1' : '0', `${row[0]} ${h}:00`);
    }

    const empty = await deskbell(['report', '--db', server.dbPath, '--site', server.site.key, '--from', '2020-01-01', '--to', '2020-01-31']);
    assert.equal(empty.code, 0, empty.stderr);
    const none = JSON.parse(empty.stdout) as ReportMetrics;
    assert.equal(none.conversations.total, 0);
    assert.equal(none.csat.average, null);
  });

  test("the console's report API gives agents the same report, and the CSV as a download", async () => {
    const { date } = local(startedAt, 0);
    const path = `/api/sites/${server.site.key}/report?from=${date}&to=${date}`;
    const cli = await deskbell(['report', '--db', server.dbPath, '--site', server.site.key, '--from', date, '--to', date]);
    assert.equal((await fetch(server.url + path)).status, 401, 'agents only');
    const cookie = await login(server.url);
    const res = await fetch(server.url + path, { headers: { cookie } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), JSON.parse(cli.stdout));

    const csv = await fetch(`${server.url}${path}&format=csv&tz=Europe/London`, { headers: { cookie } });
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(csv.headers.get('content-disposition'), `attachment; filename="report-${server.site.key}-${date}-${date}.csv"`);
    assert.match(await csv.text(), /^figure,value\r\nsite,/);

    for (const [query, message] of [['from=2026-02-30&to=2026-03-01', /YYYY-MM-DD/], [`from=${date}&to=${date}&tz=Nowhere/Land`, /IANA/]] as const) {
      const bad = await fetch(`${server.url}/api/sites/${server.site.key}/report?${query}`, { headers: { cookie } });
      assert.equal(bad.status, 400);
      const body = (await bad.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'DESKBELL_VALIDATION');
      assert.match(body.error.message, message);
    }
    const unknown = await fetch(`${server.url}/api/sites/site_nope/report?from=${date}&to=${date}`, { headers: { cookie } });
    assert.equal(unknown.status, 404);
  });

  test('mistakes are refused with a hint: unknown site, bad date, unknown zone, missing flags', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--site', 'site_nope', '--from', '2026-01-01', '--to', '2026-01-31'], /site/i],
      [['--site', server.site.key, '--from', '2026-02-30', '--to', '2026-03-01'], /YYYY-MM-DD/],
      [['--site', server.site.key, '--from', '2026-01-01', '--to', '2026-01-31', '--tz', 'Nowhere/Land'], /IANA/],
      [['--site', server.site.key, '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'xml'], /json or csv/],
      [['--site', server.site.key], /--from, --to required/],
    ];
    for (const [args, message] of cases) {
      const run = await deskbell(['report', '--db', server.dbPath, ...args]);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.equal(run.stdout, '');
    }
  });
  test("a site's time zone, set with `deskbell site tz`, is its reports' default; --tz still overrides it", async () => {
    const taipei = local(startedAt, 8);
    const set = await deskbell(['site', 'tz', '--db', server.dbPath, '--site', server.site.key, '--tz', 'Asia/Taipei']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, `${server.site.key} reports in Asia/Taipei\n`);
    const shown = await deskbell(['site', 'tz', '--db', server.dbPath, '--site', server.site.key]);
    assert.equal(shown.stdout, set.stdout);
    const bad = await deskbell(['site', 'tz', '--db', server.dbPath, '--site', server.site.key, '--tz', 'Europe/Lodnon']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /IANA/);

    const run = await deskbell(['report', '--db', server.dbPath, '--site', server.site.key, '--from', taipei.date, '--to', taipei.date]);
    const report = JSON.parse(run.stdout) as Report;
    assert.equal(report.time_zone, 'Asia/Taipei');
    assert.equal(report.busiest_hours[WEEKDAYS.indexOf(taipei.weekday)]![taipei.hour], 1);
    const utc = await deskbell(['report', '--db', server.dbPath, '--site', server.site.key, '--from', taipei.date, '--to', taipei.date, '--tz', 'UTC']);
    assert.equal((JSON.parse(utc.stdout) as Report).time_zone, 'UTC');
  });
});
