// One agent's dashboard from the day cache (report_agent_days, server/reports/days.ts): the
// same as computed fresh from that agent's facts, read from the cached rows (a changed row
// shows), and recomputed once an event for one of the agent's conversations touches a day —
// a transfer moves the conversation from one agent's days to the other's.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { buildDashboard, dailySeries } from '../../server/reports/dashboard.js';
import { PART_VERSION } from '../../server/reports/days.js';
import { computeMetrics, emptyPart, partOf } from '../../server/reports/metrics.js';
import type { ReportRequest } from '../../server/reports/query.js';
import { dayRange, parseDate } from '../../server/reports/time.js';
import { ReportWarmer } from '../../server/reports/warmer.js';
import { createSite } from '../../server/sites.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Site, Store } from '../../server/store/types.js';
import { eventsFor, facts, H, S, T, week } from '../helpers/report-history.js';
import { tempDir } from '../helpers/server.js';
import pino from 'pino';

const DAY = 86_400_000;
const ZONE = 'America/New_York';

describe("one agent's report days", () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let site: Site;
  let db: Database.Database;
  let now = 0;
  const clock = { now: () => now };
  // 1-10 March in New York: from 05:00 UTC on the 1st (EST) to 04:00 UTC on the 11th (EDT
  // since the 8th) — whole UTC days 2-10 March from the cache, two pieces read directly.
  const request = (agentId?: string): ReportRequest => ({ siteKey: site.key, from: parseDate('2026-03-01'), to: parseDate('2026-03-10'), timeZone: ZONE, agentId });

  beforeEach(async () => {
    tmp = tempDir();
    // The site made on 1 March, 00:00 UTC; now is Thursday 12 March: the range's days are past.
    now = Date.UTC(2026, 2, 1);
    store = openSqliteStore({ path: tmp.dbPath, clock });
    db = new Database(tmp.dbPath);
    site = await createSite(store, { name: 'Shop', origins: ['https://shop.example'] });
    now = Date.UTC(2026, 2, 12, 15);
    const history = [
      ...week(),
      // Ann's, in the two pieces at the range's ends: 15:00 on the 1st and 22:00 on the 10th in New York.
      facts('early', Date.UTC(2026, 2, 1, 20), { handoffAt: Date.UTC(2026, 2, 1, 20), handoffReason: 'asked', queuedAt: Date.UTC(2026, 2, 1, 20), assignedAt: Date.UTC(2026, 2, 1, 20) + 45 * S, firstAgentReplyAt: Date.UTC(2026, 2, 1, 20) + 50 * S, firstReplyAgentId: 'a', agentId: 'a' }),
      facts('late', Date.UTC(2026, 2, 11, 2), { firstAgentReplyAt: Date.UTC(2026, 2, 11, 2) + 70 * S, firstReplyAgentId: 'a', agentId: 'a', resolvedAt: Date.UTC(2026, 2, 11, 3), rating: 3 }),
      // Ann's on Thursday the 5th, first answered by b before it was passed to her.
      facts('passed', T + 72 * H, { handoffAt: T + 72 * H, handoffReason: 'asked', queuedAt: T + 72 * H, assignedAt: T + 72 * H + 20 * S, firstAgentReplyAt: T + 72 * H + 25 * S, firstReplyAgentId: 'b', agentId: 'a', transfers: 1 }),
    ];
    for (const f of history) for (const e of eventsFor(site.id, f)) await store.recordEvent(e);
    await store.recordEvent({ type: 'transferred', siteId: site.id, conversationId: 'passed', at: T + 72 * H + 60 * S, agentId: 'a', data: { fromAgentId: 'b' } });
  });
  afterEach(async () => {
    db.close();
    await store.close();
    tmp.cleanup();
  });

  /** The agent's dashboard computed without any cache: their facts, the site's FAQ counts. */
  async function fresh(agentId: string): Promise<{ figures: object; daily: object }> {
    const { start, end } = dayRange(parseDate('2026-03-01'), parseDate('2026-03-10'), ZONE);
    const mine = await store.reportFacts(site.id, start, end, agentId);
    return { figures: computeMetrics(mine, await store.reportFaqCounts(site.id, start, end), ZONE), daily: dailySeries(partOf(mine), ZONE, parseDate('2026-03-01'), parseDate('2026-03-10')) };
  }
  const figuresOf = (d: Awaited<ReturnType<typeof buildDashboard>>): object => {
    const { site: _s, time_zone: _z, from: _f, to: _t, agents, ...rest } = d.report;
    return { ...rest, agents: agents.map(({ agent_name: _n, ...a }) => a) };
  };
  const agentRows = (agentId: string): number[] =>
    (db.prepare('SELECT day FROM report_agent_days WHERE site_id = ? AND agent_id = ? ORDER BY day').pluck().all(site.id, agentId) as number[]).map((d) => d - Date.UTC(2026, 2, 2) / DAY);

  test('from the cached days, the same as computed fresh, and read from the cache', async () => {
    assert.equal(await new ReportWarmer({ store, clock, log: pino({ level: 'silent' }) }).warm(), 11, '1-11 March');
    // Ann has c3 (Monday 2nd), c6 and c7 (Tuesday 3rd), `passed` (Thursday 5th); `early` and `late` fall outside whole UTC days.
    assert.deepEqual(agentRows('a'), [-1, 0, 1, 3, 9]);
    assert.deepEqual(agentRows('b'), [0]);
    const cached = await buildDashboard(store, request('a'));
    const expected = await fresh('a');
    assert.deepEqual({ figures: figuresOf(cached), daily: cached.daily }, expected);
    // Worked out: early, c3, c6, c7, passed and late are Ann's; waits 45 s (early), 30 s (c3,
    // from its hand-off), 60 s (c7), 20 s (passed): sorted [20, 30, 45, 60], median rank 2,
    // 90th percentile rank ceil(3.6) = 4, mean 155 / 4.
    assert.equal(cached.report.conversations.total, 6);
    assert.deepEqual(cached.report.queue.wait_seconds, { count: 4, median: 30, p90: 60, average: 38.75 });
    // First replies by Ann 50 (early), 30 (c3), 40 (c6), 90 (c7), 70 s (late); by b 25 s on `passed`, now Ann's.
    assert.deepEqual(cached.report.agents.map((a) => [a.agent_id, a.conversations, a.first_response_seconds.median]), [['a', 6, 50], ['b', 0, 25]]);
    assert.equal(cached.report.faq[0]!.shown, 4, "the site's FAQ counts");
    // The same again with the site's days and Ann's computed while the dashboard is asked for.
    db.exec('DELETE FROM report_days');
    assert.deepEqual(agentRows('a'), [], "an agent's days go with the site's");
    assert.deepEqual(await buildDashboard(store, request('a')), cached);
    assert.deepEqual(agentRows('a'), [0, 1, 3], 'the whole UTC days of the range (2-10 March) cached again');

    // Read from the cache: Ann's Tuesday emptied by hand shows (c6 and c7 gone).
    db.prepare('UPDATE report_agent_days SET part = ? WHERE site_id = ? AND agent_id = ? AND day = ?')
      .run(JSON.stringify({ v: PART_VERSION, part: emptyPart() }), site.id, 'a', Date.UTC(2026, 2, 3) / DAY);
    assert.equal((await buildDashboard(store, request('a'))).report.conversations.total, 4);
  });

  test("an event for one of the agent's conversations forgets its days; a transfer moves the conversation", async () => {
    await buildDashboard(store, request('a'));
    // c3 (Ann's, Monday the 2nd) rated again on Wednesday the 4th: both days forgotten, for every agent.
    await store.recordEvent({ type: 'rated', siteId: site.id, conversationId: 'c3', at: T + 48 * H, data: { score: 1 } });
    assert.deepEqual(agentRows('a'), [1, 3], 'Monday forgotten; Ann had nothing on Wednesday');
    assert.deepEqual(agentRows('b'), [], "b's Monday (c4) too");
    const rated = await buildDashboard(store, request('a'));
    assert.deepEqual({ figures: figuresOf(rated), daily: rated.daily }, await fresh('a'));
    assert.deepEqual(rated.report.csat.distribution, { '1': 1, '2': 0, '3': 1, '4': 1, '5': 1 }, 'c3 now rated 1');

    // c4 (b's, Monday) passed to Ann on Thursday: Monday now counts it as hers, not b's.
    const bBefore = await buildDashboard(store, request('b'));
    await store.recordEvent({ type: 'transferred', siteId: site.id, conversationId: 'c4', at: T + 72 * H, agentId: 'a', data: { fromAgentId: 'b' } });
    const a = await buildDashboard(store, request('a'));
    const b = await buildDashboard(store, request('b'));
    assert.deepEqual([a.report.conversations.total, b.report.conversations.total, bBefore.report.conversations.total], [7, 0, 1]);
    assert.deepEqual({ figures: figuresOf(a), daily: a.daily }, await fresh('a'));
    assert.deepEqual({ figures: figuresOf(b), daily: b.daily }, await fresh('b'));
  });
});
