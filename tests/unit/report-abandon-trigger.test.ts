// The two report events added last, in the store: `abandoned` is recorded only for a
// conversation still waiting for a person, once, at the given time; and a database whose
// trigger conversations were counted as the shopper's gets their `trigger_linked` event on
// upgrade (migration 8), inserted only.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { AgentService } from '../../server/agents.js';
import { EventBus } from '../../server/events.js';
import { buildReport } from '../../server/reports/query.js';
import { parseDate } from '../../server/reports/time.js';
import { createSite } from '../../server/sites.js';
import { migrations } from '../../server/store/migrations.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Site, Store } from '../../server/store/types.js';
import { tempDir } from '../helpers/server.js';

describe('abandoned and trigger_linked in the store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let site: Site;
  let now = Date.UTC(2026, 2, 2, 9);
  beforeEach(async () => {
    tmp = tempDir();
    store = openSqliteStore({ path: tmp.dbPath, clock: { now: () => now } });
    site = await createSite(store, { name: 'Shop', origins: ['https://shop.example'] });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  const queuedConversation = async (n: number): Promise<{ visitorId: string; id: string }> => {
    const visitor = await store.createVisitor(site.id);
    const { conversation } = await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: `client-abcd-${n}`, body: 'help', author: 'visitor' });
    await store.enqueue(conversation.id, 'asked', 'back');
    return { visitorId: visitor.id, id: conversation.id };
  };
  const types = async (id: string): Promise<string[]> => (await store.listConversationEvents(id)).map((e) => e.type);

  test('recorded once for a waiting conversation, at the time the shopper left; never for one a person took', async () => {
    const waiting = await queuedConversation(1);
    const taken = await queuedConversation(2);
    const agent = await new AgentService(store, { now: () => now }, new EventBus()).create({ email: 'ann@x.example', name: 'Ann', password: 'a long enough password' });
    now += 60_000;
    assert.equal((await store.claim(taken.id, agent.id, null)).ok, true);
    const leftAt = now - 30_000;
    now += 300_000;
    assert.deepEqual(await store.recordAbandoned(waiting.visitorId, leftAt), [waiting.id]);
    assert.deepEqual(await store.recordAbandoned(waiting.visitorId, now), [], 'once');
    assert.deepEqual(await store.recordAbandoned(taken.visitorId, leftAt), [], 'an agent came');
    const events = await store.listConversationEvents(waiting.id);
    assert.deepEqual(events.filter((e) => e.type === 'abandoned').map((e) => e.at), [leftAt]);
    assert.ok(!(await types(taken.id)).includes('abandoned'));
    // Both entered the queue; one left: 1 / 2.
    const report = await buildReport(store, { siteKey: site.key, from: parseDate('2026-03-02'), to: parseDate('2026-03-02') });
    assert.deepEqual([report.queue.entered, report.queue.abandoned, report.queue.abandonment_rate], [2, 1, 0.5]);
  });
});

test('upgrading to version 8: trigger conversations get their trigger_linked event and count as started by the trigger', async () => {
  const tmp = tempDir();
  try {
    const db = new Database(tmp.dbPath);
    for (const m of migrations.filter((m) => m.version <= 7)) db.exec(m.sql);
    db.pragma('user_version = 7');
    const t = Date.UTC(2026, 0, 5, 10);
    db.exec(`
      INSERT INTO sites (id, key, name, created_at) VALUES ('s1', 'site_one', 'Shop', 0);
      INSERT INTO visitors (id, site_id, created_at, last_seen_at) VALUES ('v1', 's1', 0, 0), ('v2', 's1', 0, 0);
      INSERT INTO conversations (id, site_id, visitor_id, status, created_at, last_activity_at, trigger_id)
        VALUES ('k1', 's1', 'v1', 'open', ${t}, ${t}, 'cart'), ('k2', 's1', 'v2', 'open', ${t + 1000}, ${t + 1000}, NULL);
      INSERT INTO conversation_events (site_id, conversation_id, type, at, data)
        VALUES ('s1', 'k1', 'started', ${t}, '{"by":"shopper"}'), ('s1', 'k2', 'started', ${t + 1000}, '{"by":"shopper"}');
      INSERT INTO conversation_facts (conversation_id, site_id, started_at, started_by) VALUES ('k1', 's1', ${t}, 'shopper'), ('k2', 's1', ${t + 1000}, 'shopper');
      INSERT INTO report_days (site_id, day, part) VALUES ('s1', ${Math.floor(t / 86_400_000)}, '{}');
    `);
    const conversationsBefore = db.prepare('SELECT * FROM conversations ORDER BY id').all();
    db.close();

    const store = openSqliteStore({ path: tmp.dbPath });
    const events = async (id: string) => (await store.listConversationEvents(id)).map((e) => [e.type, e.at - t, e.data]);
    assert.deepEqual(await events('k1'), [['started', 0, { by: 'shopper' }], ['trigger_linked', 0, { triggerId: 'cart' }]], 'added after the start, which stays');
    assert.deepEqual(await events('k2'), [['started', 1000, { by: 'shopper' }]]);
    const report = await buildReport(store, { siteKey: 'site_one', from: parseDate('2026-01-05'), to: parseDate('2026-01-05') });
    assert.deepEqual(report.conversations, { total: 2, by_shopper: 1, by_trigger: 1 });
    await store.close();
    const after = new Database(tmp.dbPath, { readonly: true });
    // Later migrations may add columns (9 adds `team`); every value that was there is untouched.
    const columns = Object.keys((conversationsBefore[0] ?? {}) as object);
    const now = (after.prepare('SELECT * FROM conversations ORDER BY id').all() as Array<Record<string, unknown>>)
      .map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
    assert.deepEqual(now, conversationsBefore, 'conversations unchanged');
    after.close();
  } finally {
    tmp.cleanup();
  }
});
