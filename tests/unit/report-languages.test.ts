// Reports by the shopper's language: each conversation counts under the language it was in
// (conversations.lang, kept in conversation_facts from `started` and `lang_changed`), with the
// site's own definitions (server/reports/metrics.ts) applied per language. The right answers
// are worked out here by hand; the store keeps the language through a switch, the day cache
// forgets a day whose conversation switched, and upgrading a version-13 database backfills it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { reportCsv } from '../../server/reports/csv.js';
import { computeMetrics, emptyPart, finishMetrics, mergeParts, partOf, type ConversationFacts } from '../../server/reports/metrics.js';
import { buildReport } from '../../server/reports/query.js';
import { parseDate } from '../../server/reports/time.js';
import { createSite } from '../../server/sites.js';
import { migrations } from '../../server/store/migrations.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { facts, H, S, T, week, WEEK_LANGS } from '../helpers/report-history.js';
import { tempDir } from '../helpers/server.js';

/**
 * The hand-built week (tests/helpers/report-history.ts) in its languages (WEEK_LANGS: c1 en,
 * c2 th, c3 zh-TW, c4 th, c5 th, c6 en, c7 zh-CN, c8 unknown), plus c9, a Thai shopper who
 * waited 300 s. c4 started on an English page and its shopper wrote Thai: its facts say th,
 * as the store keeps them after `lang_changed` (see the store's test below).
 */
function multilingualWeek(): ConversationFacts[] {
  const c9 = T + 29 * H;
  return [
    ...week().map((c) => ({ ...c, lang: WEEK_LANGS[c.conversationId]! })),
    facts('c9', c9, { handoffAt: c9, handoffReason: 'asked', queuedAt: c9, assignedAt: c9 + 300 * S, agentId: 'b', rating: 3, lang: 'th' }),
  ];
}

describe('the report by language, on a hand-built week', () => {
  const m = computeMetrics(multilingualWeek(), [], 'UTC');

  test('English: c1 (the bot alone) and c6 (a trigger, answered at once, rated 4) — nobody queued', () => {
    assert.deepEqual(m.languages[0], {
      lang: 'en', conversations: 2, bot_alone_rate: 0.5, handoff_rate: 0, queue_wait_median_seconds: null, abandonment_rate: null,
      csat_ratings: 1, csat_average: 4,
    });
  });

  test('Traditional Chinese: c3, handed off after a "No", a person 30 s later, rated 5', () => {
    // Its wait runs from the hand-off (no queue step) to the first agent message: 90 − 60 = 30 s.
    assert.deepEqual(m.languages[1], {
      lang: 'zh-TW', conversations: 1, bot_alone_rate: 0, handoff_rate: 1, queue_wait_median_seconds: 30, abandonment_rate: 0,
      csat_ratings: 1, csat_average: 5,
    });
  });

  test('Simplified Chinese: c7, queued, assigned 60 s later, rated 5', () => {
    assert.deepEqual(m.languages[2], {
      lang: 'zh-CN', conversations: 1, bot_alone_rate: 0, handoff_rate: 1, queue_wait_median_seconds: 60, abandonment_rate: 0,
      csat_ratings: 1, csat_average: 5,
    });
  });

  test('Thai: c2, c4, c5, c9 — one the bot alone, three handed off, waits 120 and 300 s, one of three left, rated 2 and 3', () => {
    // bot alone 1/4; hand-offs 3/4; waits sorted [120, 300]: median rank ceil(1) = 1 → 120;
    // abandoned c5 of c4, c5, c9 = 1/3 → 0.3333; CSAT (2 + 3) / 2 = 2.5.
    assert.deepEqual(m.languages[3], {
      lang: 'th', conversations: 4, bot_alone_rate: 0.25, handoff_rate: 0.75, queue_wait_median_seconds: 120, abandonment_rate: 0.3333,
      csat_ratings: 2, csat_average: 2.5,
    });
  });

  test('unknown: c8, no language known — handed off, still waiting, not rated', () => {
    assert.deepEqual(m.languages[4], {
      lang: 'unknown', conversations: 1, bot_alone_rate: 0, handoff_rate: 1, queue_wait_median_seconds: null, abandonment_rate: 0,
      csat_ratings: 0, csat_average: null,
    });
    assert.equal(m.languages.length, 5);
  });

  test('the languages add up to the site: every conversation counted once, under one language', () => {
    assert.equal(m.languages.reduce((n, l) => n + l.conversations, 0), m.conversations.total);
    assert.equal(m.conversations.total, 9);
  });

  test('only the languages that had conversations are listed, in the order en, zh-TW, zh-CN, th, unknown', () => {
    const some = computeMetrics(multilingualWeek().filter((c) => c.lang === 'th' || c.lang === 'en'), [], 'UTC');
    assert.deepEqual(some.languages.map((l) => l.lang), ['en', 'th']);
    assert.deepEqual(computeMetrics([], [], 'UTC').languages, []);
  });

  test('a language outside the four the chat speaks counts as unknown', () => {
    const r = computeMetrics([facts('x', T, { lang: 'fr' }), facts('y', T, { lang: null })], [], 'UTC');
    assert.deepEqual(r.languages.map((l) => [l.lang, l.conversations]), [['unknown', 2]]);
  });

  test('parts add up: the week cut into pieces, through JSON as the day cache keeps them, gives the same languages', () => {
    const all = multilingualWeek();
    const pieces = [all.slice(0, 2), all.slice(2, 5), [], all.slice(5)].map(partOf);
    const summed = mergeParts(emptyPart(), ...pieces.map((p) => JSON.parse(JSON.stringify(p))));
    assert.deepEqual(finishMetrics(summed, [], 'UTC').languages, m.languages);
  });

  test('CSV: a last table, lang to csat_average, one row per language', () => {
    const csv = reportCsv({ site: 's', time_zone: 'UTC', from: '2026-03-02', to: '2026-03-08', ...m, agents: [] });
    const last = csv.split('\r\n\r\n').at(-1)!.split('\r\n');
    assert.deepEqual(last.slice(0, 3), [
      'lang,conversations,bot_alone_rate,handoff_rate,queue_wait_median_seconds,abandonment_rate,csat_ratings,csat_average',
      'en,2,0.5,0,,,1,4',
      'zh-TW,1,0,1,30,0,1,5',
    ]);
    assert.equal(last[4], 'th,4,0.25,0.75,120,0.3333,2,2.5');
    assert.equal(last[5], 'unknown,1,0,1,,0,0,');
    assert.ok(!csv.includes('languages.'), 'not flattened into the figures table');
  });
});

describe('the conversation keeps its language in the store', () => {
  test('a switch mid-conversation moves it, and forgets its cached day; the visitor\'s earlier conversation stays where it was', async () => {
    const tmp = tempDir();
    let now = Date.UTC(2026, 2, 2, 9);
    const store = openSqliteStore({ path: tmp.dbPath, clock: { now: () => now } });
    try {
      const site = await createSite(store, { name: 'Shop', origins: ['https://shop.example'] });
      const send = (visitorId: string, n: number, lang: string | null) => store.appendMessage({
        sender: { kind: 'visitor', visitorId, profile: { siteId: site.id, page: null, lang } }, clientId: `client-lang-${visitorId}-${n}`, body: 'hi', author: 'visitor',
      });
      const day = { siteKey: site.key, from: parseDate('2026-03-02'), to: parseDate('2026-03-02') };
      const languages = async () => (await buildReport(store, day)).languages.map((l) => [l.lang, l.conversations]);

      // Ann's widget speaks English; her first conversation is English and closed.
      const first = (await send('visitor-ann', 1, 'en')).conversation;
      await store.closeConversation(first.id);
      now += 60_000;
      // Her second starts English too; the report caches the day (one UTC day is a cached day).
      const second = (await send('visitor-ann', 2, null)).conversation;
      assert.deepEqual(await languages(), [['en', 2]]);
      // Then she writes Thai in it.
      now += 60_000;
      await store.setWrittenLang('visitor-ann', second.id, 'th');
      const events = (await store.listConversationEvents(second.id)).map((e) => [e.type, e.data]);
      assert.deepEqual(events, [['started', { by: 'shopper', lang: 'en' }], ['lang_changed', { lang: 'th' }]]);
      assert.deepEqual(await languages(), [['en', 1], ['th', 1]], 'the cached day was forgotten; the first conversation stays English');
      // The same language again records nothing more.
      await store.setWrittenLang('visitor-ann', second.id, 'th');
      assert.equal((await store.listConversationEvents(second.id)).length, 2);
      // Her next conversation starts in the language she writes now.
      await store.closeConversation(second.id);
      const third = (await send('visitor-ann', 3, null)).conversation;
      assert.deepEqual((await store.listConversationEvents(third.id))[0]!.data, { by: 'shopper', lang: 'th' });
      assert.equal((await store.getVisitor('visitor-ann'))!.lang, 'th');
      // A widget language outside the four is stored on the visitor but counts as unknown.
      await send('visitor-bo', 1, 'fr');
      assert.deepEqual(await languages(), [['en', 1], ['th', 2], ['unknown', 1]]);
    } finally {
      await store.close();
      tmp.cleanup();
    }
  });
});

test('upgrading a version-13 database: each conversation takes its visitor\'s language, as a lang_changed event at its start', async () => {
  const tmp = tempDir();
  try {
    const db = new Database(tmp.dbPath);
    for (const m of migrations.filter((m) => m.version <= 13)) db.exec(m.sql);
    db.pragma('user_version = 13');
    const t = Date.UTC(2026, 0, 5, 10);
    db.exec(`
      INSERT INTO sites (id, key, name, created_at) VALUES ('s1', 'site_one', 'Shop', 0);
      INSERT INTO visitors (id, site_id, created_at, last_seen_at, lang)
        VALUES ('v1', 's1', 0, 0, 'th'), ('v2', 's1', 0, 0, NULL), ('v3', 's1', 0, 0, 'fr'), ('v4', 's1', 0, 0, 'zh-TW');
      INSERT INTO conversations (id, site_id, visitor_id, status, created_at, last_activity_at)
        VALUES ('k1', 's1', 'v1', 'closed', ${t}, ${t}), ('k2', 's1', 'v2', 'open', ${t + 1000}, ${t + 1000}),
               ('k3', 's1', 'v3', 'open', ${t + 2000}, ${t + 2000}), ('k4', 's1', 'v1', 'open', ${t + 3000}, ${t + 3000}),
               ('k5', 's1', 'v4', 'open', ${t + 4000}, ${t + 4000});
      INSERT INTO conversation_events (site_id, conversation_id, type, at, data)
        SELECT site_id, id, 'started', created_at, '{"by":"shopper"}' FROM conversations;
      INSERT INTO conversation_facts (conversation_id, site_id, started_at, started_by)
        SELECT id, site_id, created_at, 'shopper' FROM conversations;
      INSERT INTO report_days (site_id, day, part) VALUES ('s1', ${Math.floor(t / 86_400_000)}, '{}');
    `);
    const conversationsBefore = db.prepare('SELECT * FROM conversations ORDER BY id').all() as Array<Record<string, unknown>>;
    db.close();

    const store = openSqliteStore({ path: tmp.dbPath });
    const events = async (id: string) => (await store.listConversationEvents(id)).map((e) => [e.type, e.at - t, e.data]);
    assert.deepEqual(await events('k1'), [['started', 0, { by: 'shopper' }], ['lang_changed', 0, { lang: 'th' }]], 'added after the start, which stays');
    assert.deepEqual(await events('k2'), [['started', 1000, { by: 'shopper' }]], 'no language known: no event');
    assert.deepEqual(await events('k3'), [['started', 2000, { by: 'shopper' }]], 'not one of the four: unknown');
    const report = await buildReport(store, { siteKey: 'site_one', from: parseDate('2026-01-05'), to: parseDate('2026-01-05') });
    assert.deepEqual(report.languages.map((l) => [l.lang, l.conversations]), [['zh-TW', 1], ['th', 2], ['unknown', 2]]);
    await store.close();

    const after = new Database(tmp.dbPath, { readonly: true });
    const rows = after.prepare('SELECT * FROM conversations ORDER BY id').all() as Array<Record<string, unknown>>;
    assert.deepEqual(rows.map((r) => r.lang), ['th', null, null, 'th', 'zh-TW']);
    assert.deepEqual(after.prepare('SELECT conversation_id, lang FROM conversation_facts ORDER BY conversation_id').raw().all(),
      [['k1', 'th'], ['k2', null], ['k3', null], ['k4', 'th'], ['k5', 'zh-TW']]);
    // Every value that was there is untouched.
    const columns = Object.keys(conversationsBefore[0]!);
    assert.deepEqual(rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]]))), conversationsBefore, 'conversations otherwise unchanged');
    after.close();
  } finally {
    tmp.cleanup();
  }
});
