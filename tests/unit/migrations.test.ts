// The migration runner: every migration above the database's user_version, in version order
// whatever the array's order (branches add numbers in parallel), each once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from '../../server/store/migrations.js';
import { migrate } from '../../server/store/sqlite.js';

test('applies the migrations above user_version in version order, whatever the list order', () => {
  const db = new Database(':memory:');
  const applied: number[] = [];
  db.function('mark', (v: number) => {
    applied.push(v);
    return v;
  });
  const step = (version: number) => ({ version, name: `step ${version}`, sql: `SELECT mark(${version});` });
  db.pragma('user_version = 2');
  migrate(db, [step(5), step(1), step(3), step(2), step(4)]);
  assert.deepEqual(applied, [3, 4, 5]);
  assert.equal(db.pragma('user_version', { simple: true }), 5);
  migrate(db, [step(5), step(4), step(6)]);
  assert.deepEqual(applied, [3, 4, 5, 6], 'nothing applied twice');
  db.close();
});

test('migration 5 puts conversations handed over before the queue existed in the queue, oldest first', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.filter((m) => m.version <= 3));
  db.exec(`INSERT INTO sites (id, key, name, created_at) VALUES ('s', 'k', 'Shop', 0);
    INSERT INTO visitors (id, site_id, created_at, last_seen_at) VALUES ('v1', 's', 0, 0), ('v2', 's', 0, 0), ('v3', 's', 0, 0);
    INSERT INTO conversations (id, site_id, visitor_id, status, created_at, last_activity_at, handoff_at, handoff_reason)
      VALUES ('late', 's', 'v1', 'open', 0, 0, 200, 'asked'), ('early', 's', 'v2', 'open', 0, 0, 100, 'no_match'),
             ('bot', 's', 'v3', 'open', 0, 0, NULL, NULL);`);
  migrate(db);
  const rows = db.prepare("SELECT id, routing, queue_reason FROM conversations ORDER BY queue_key IS NULL, queue_key").all();
  assert.deepEqual(rows, [
    { id: 'early', routing: 'queued', queue_reason: 'no_match' },
    { id: 'late', routing: 'queued', queue_reason: 'asked' },
    { id: 'bot', routing: null, queue_reason: null },
  ]);
  db.close();
});
