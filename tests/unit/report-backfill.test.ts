// A database from before conversation events (schema version 3) gets, on upgrade, the events
// its conversations and messages tell — inserted only: no existing row changes.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from '../../server/store/migrations.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { tempDir } from '../helpers/server.js';

const tmp = tempDir();
after(() => tmp.cleanup());

test('upgrading a database with history backfills its events and facts, and changes nothing else', async () => {
  const db = new Database(tmp.dbPath);
  for (const m of migrations.filter((m) => m.version <= 3)) db.exec(m.sql);
  db.pragma('user_version = 3');
  const t = Date.UTC(2026, 0, 5, 10);
  const answer = (feedback: string | null) => JSON.stringify({ kind: 'answer', faqId: 'ship', feedback });
  db.exec(`
    INSERT INTO sites (id, key, name, created_at) VALUES ('s1', 'site_one', 'Shop', 0);
    INSERT INTO agents (id, email, name, password_hash, created_at) VALUES ('a1', 'ann@x', 'Ann', 'x', 0), ('a2', 'bo@x', 'Bo', 'x', 0);
    INSERT INTO visitors (id, site_id, created_at, last_seen_at) VALUES ('v1', 's1', 0, 0), ('v2', 's1', 0, 0);
    -- k1: bot answer, "No", hand-off, Ann replies, closed. k2: a bot answer marked Yes, still open.
    INSERT INTO conversations (id, site_id, visitor_id, status, last_seq, created_at, last_activity_at, closed_at, handoff_at, handoff_reason, first_agent_reply_at)
      VALUES ('k1', 's1', 'v1', 'closed', 5, ${t}, ${t + 9000}, ${t + 9000}, ${t + 3000}, 'not_helpful', ${t + 5000}),
             ('k2', 's1', 'v2', 'open', 2, ${t + 100}, ${t + 200}, NULL, NULL, NULL, NULL);
    INSERT INTO messages (id, conversation_id, seq, sender, client_id, author, agent_id, body, created_at, meta) VALUES
      ('m1', 'k1', 1, 'v:v1', 'c1', 'visitor', NULL, 'ship?', ${t}, NULL),
      ('m2', 'k1', 2, 'b:k1', 'bot-m1', 'bot', NULL, 'Three days', ${t + 1000}, '${answer('no')}'),
      ('m3', 'k1', 3, 'b:k1', 'bot-feedback-m2', 'bot', NULL, 'A person will help', ${t + 3000}, '{"kind":"handoff","reason":"not_helpful","agentsOnline":true}'),
      ('m4', 'k1', 4, 'a:a1', 'c2', 'agent', 'a1', 'Hi', ${t + 5000}, NULL),
      ('m5', 'k1', 5, 'a:a2', 'c3', 'agent', 'a2', 'Bo too', ${t + 6000}, NULL),
      ('m6', 'k2', 1, 'v:v2', 'c4', 'visitor', NULL, 'ship?', ${t + 100}, NULL),
      ('m7', 'k2', 2, 'b:k2', 'bot-m6', 'bot', NULL, 'Three days', ${t + 200}, '${answer('yes')}');
  `);
  const snapshot = (d: Database.Database, columns?: string[][]): Array<Array<Record<string, unknown>>> =>
    ['conversations', 'messages'].map((table, i) => {
      const rows = d.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Array<Record<string, unknown>>;
      // Later migrations (prompts, the queue) add columns: only the values that existed before are compared.
      return columns ? rows.map((r) => Object.fromEntries(columns[i]!.map((c) => [c, r[c]]))) : rows;
    });
  const before = snapshot(db);
  const columns = before.map((rows) => Object.keys(rows[0] ?? {}));
  db.close();

  const store = openSqliteStore({ path: tmp.dbPath });
  const events = async (id: string) => (await store.listConversationEvents(id)).map((e) => [e.type, e.at - t, e.agentId, e.data]);
  assert.deepEqual(await events('k1'), [
    ['started', 0, null, { by: 'shopper' }],
    ['bot_answered', 1000, null, { faqId: 'ship' }],
    ['bot_not_helpful', 1000, null, { faqId: 'ship' }],
    ['handed_off', 3000, null, { reason: 'not_helpful' }],
    ['first_agent_reply', 5000, 'a1', null],
    ['resolved', 9000, null, null],
  ]);
  assert.deepEqual(await events('k2'), [
    ['started', 100, null, { by: 'shopper' }],
    ['bot_answered', 200, null, { faqId: 'ship' }],
    ['bot_helpful', 200, null, { faqId: 'ship' }],
  ]);
  const facts = await store.reportFacts('s1', t, t + 1000);
  assert.deepEqual(facts.map((f) => [f.conversationId, f.botAnswers, f.handoffReason, f.firstReplyAgentId, f.resolvedAt && f.resolvedAt - t]), [
    ['k1', 1, 'not_helpful', 'a1', 9000],
    ['k2', 1, null, null, null],
  ]);
  await store.close();
  const again = new Database(tmp.dbPath, { readonly: true });
  assert.deepEqual(snapshot(again, columns), before);
  again.close();
});
