// The SQLite store on its own: migrations, idempotent appends, seq order, read marks.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from '../../server/store/migrations.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/types.js';
import { requireMayWrite } from '../../server/roles.js';
import { createSite } from '../../server/sites.js';
import { tempDir } from '../helpers/server.js';

describe('the SQLite store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let now = 1_700_000_000_000;
  beforeEach(() => {
    tmp = tempDir();
    store = openSqliteStore({ path: tmp.dbPath, clock: { now: () => now } });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  test('creates its schema by migration, in WAL mode, and reopening changes nothing', async () => {
    await store.close();
    const db = new Database(tmp.dbPath, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), Math.max(...migrations.map((m) => m.version)));
    db.close();
    store = openSqliteStore({ path: tmp.dbPath });
    await store.ping();
  });

  test('a visitor message opens a conversation; the next ones join it with increasing seq', async () => {
    const site = await createSite(store, { name: 'Shop', origins: ['https://shop.example'] });
    const visitor = await store.createVisitor(site.id);
    const a = await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'client-aaaa-1', body: 'one', author: 'visitor' });
    now += 1000;
    const b = await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'client-aaaa-2', body: 'two', author: 'visitor' });
    assert.equal(a.conversation.id, b.conversation.id);
    assert.deepEqual([a.message.seq, b.message.seq], [1, 2]);
    assert.equal(b.conversation.lastActivityAt, now);
    const list = await store.listMessages(a.conversation.id, 1, 10);
    assert.deepEqual(list.map((m) => m.body), ['two']);
  });

  test('a repeated (sender, clientId) returns the stored message and writes nothing', async () => {
    const site = await createSite(store, { name: 'Shop', origins: [] });
    const visitor = await store.createVisitor(site.id);
    const send = () => store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'same-id-123', body: 'hi', author: 'visitor' });
    const first = await send();
    const again = await send();
    assert.equal(first.duplicate, false);
    assert.equal(again.duplicate, true);
    assert.equal(again.message.id, first.message.id);
    assert.equal((await store.listMessages(first.conversation.id, 0, 10)).length, 1);
    // The same clientId from someone else is their own message.
    const other = await store.createVisitor(site.id);
    const theirs = await store.appendMessage({ sender: { kind: 'visitor', visitorId: other.id }, clientId: 'same-id-123', body: 'hi', author: 'visitor' });
    assert.equal(theirs.duplicate, false);
    assert.notEqual(theirs.conversation.id, first.conversation.id);
  });

  test('after a close, the visitor\'s next message opens a new conversation; agents cannot write to a closed one', async () => {
    const site = await createSite(store, { name: 'Shop', origins: [] });
    const visitor = await store.createVisitor(site.id);
    const first = await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'c-000000001', body: 'a', author: 'visitor' });
    await store.closeConversation(first.conversation.id);
    const agent = await store.createAgent({ email: 'a@b.c', name: 'A', passwordHash: 'x' });
    await assert.rejects(
      store.appendMessage({ sender: { kind: 'agent', agentId: agent.id, conversationId: first.conversation.id }, clientId: 'c-000000002', body: 'b', author: 'agent' }),
      { code: 'DESKBELL_CONVERSATION_CLOSED' },
    );
    const second = await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'c-000000003', body: 'c', author: 'visitor' });
    assert.notEqual(second.conversation.id, first.conversation.id);
    assert.equal((await store.getLatestConversation(visitor.id))?.id, second.conversation.id);
  });

  test('a plain agent\'s write, resolve and close see a claim that landed after they looked (one transaction)', async () => {
    const site = await createSite(store, { name: 'Shop', origins: [] });
    const visitor = await store.createVisitor(site.id);
    const first = await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'c-000000001', body: 'Where is my order?', author: 'visitor' });
    const id = first.conversation.id;
    const ann = await store.createAgent({ email: 'ann@shop.example', name: 'Ann', passwordHash: 'x', role: 'agent' });
    const ben = await store.createAgent({ email: 'ben@shop.example', name: 'Ben', passwordHash: 'x', role: 'agent' });
    const lead = await store.createAgent({ email: 'lead@shop.example', name: 'Lead', passwordHash: 'x', role: 'manager' });
    // Ann looks: nobody holds it, so she may answer (what a check before the write would see)…
    const seen = await store.getConversation(id);
    assert.ok(seen);
    assert.doesNotThrow(() => requireMayWrite(ann, seen));
    // …then Ben claims it before her write, resolve or close reaches the database.
    assert.equal((await store.claim(id, ben.id, null)).ok, true);
    const annWrites = () => store.appendMessage({ sender: { kind: 'agent', agentId: ann.id, conversationId: id }, clientId: 'c-000000002', body: 'Ann here', author: 'agent' });
    await assert.rejects(annWrites(), { code: 'DESKBELL_CONVERSATION_HELD' });
    await assert.rejects(store.resolve(id, ann.id), { code: 'DESKBELL_CONVERSATION_HELD' });
    await assert.rejects(store.closeConversation(id, ann.id), { code: 'DESKBELL_CONVERSATION_HELD' });
    assert.deepEqual((await store.listMessages(id, 0, 10)).map((m) => m.body), ['Where is my order?'], 'nothing of Ann\'s stored');
    const after = await store.getConversation(id);
    assert.deepEqual([after?.status, after?.routing, after?.assignedAgentId], ['open', 'assigned', ben.id], 'still open and Ben\'s');
    // The holder and a manager write there; a role changed meanwhile counts at Ann's next write.
    await store.appendMessage({ sender: { kind: 'agent', agentId: ben.id, conversationId: id }, clientId: 'c-000000003', body: 'Ben here', author: 'agent' });
    await store.appendMessage({ sender: { kind: 'agent', agentId: lead.id, conversationId: id }, clientId: 'c-000000004', body: 'Lead here', author: 'agent' });
    await store.updateAgent(ann.id, { role: 'manager' });
    assert.equal((await annWrites()).duplicate, false);
    assert.equal((await store.resolve(id, ben.id)).routing, 'resolved');
  });

  test('read marks only move forward and never past the last message', async () => {
    const site = await createSite(store, { name: 'Shop', origins: [] });
    const visitor = await store.createVisitor(site.id);
    const m = await store.appendMessage({ sender: { kind: 'visitor', visitorId: visitor.id }, clientId: 'c-000000001', body: 'a', author: 'visitor' });
    assert.equal((await store.markRead(m.conversation.id, 'agent', 99)).agentReadSeq, 1);
    assert.equal((await store.markRead(m.conversation.id, 'agent', 0)).agentReadSeq, 1);
  });

  test('secrets are generated once and kept', async () => {
    const a = await store.getOrCreateSecret('x', () => 'first');
    const b = await store.getOrCreateSecret('x', () => 'second');
    assert.deepEqual([a, b], ['first', 'first']);
  });

  test('site origins are normalised, and junk is refused with a clear message', async () => {
    const site = await createSite(store, { name: ' Shop ', origins: ['https://Shop.Example:443/path', 'https://shop.example'] });
    assert.deepEqual(site.origins, ['https://shop.example']);
    assert.equal(site.name, 'Shop');
    await assert.rejects(createSite(store, { name: 'x', origins: ['shop.example'] }), /not an origin/);
    await assert.rejects(createSite(store, { name: 'x', origins: ['ftp://shop.example'] }), /https:\/\//);
  });
});
