// A demo database from before FAQ translations could be linked (migration 13) gets the demo's
// topics on the next start, and nothing else of the owner's edits changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { AgentService } from '../../server/agents.js';
import { ensureDemo } from '../../server/demo.js';
import { EventBus } from '../../server/events.js';
import { systemClock } from '../../server/ids.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { tempDir } from '../helpers/server.js';

test('an old demo database gets its translations linked; edits are kept; an owner who links their own is left alone', async () => {
  const tmp = tempDir();
  try {
    const open = () => openSqliteStore({ path: tmp.dbPath });
    let store = open();
    await ensureDemo(store, new AgentService(store, systemClock, new EventBus()), []);
    const site = (await store.getSiteByKey('demo'))!;
    assert.ok((await store.listFaqEntries(site.id)).every((e) => e.topic !== undefined), 'a new demo is linked');
    await store.close();

    // As a database from before topics: none set, and an owner's edit.
    const db = new Database(tmp.dbPath);
    db.prepare("UPDATE faq_entries SET topic = NULL").run();
    db.prepare("UPDATE faq_entries SET answer = 'Edited by the owner.' WHERE id = 'shipping-en'").run();
    db.close();

    store = open();
    await ensureDemo(store, new AgentService(store, systemClock, new EventBus()), []);
    const after = await store.listFaqEntries(site.id);
    assert.equal(after.find((e) => e.id === 'shipping-zh-TW')?.topic, 'shipping');
    assert.ok(after.every((e) => e.topic !== undefined));
    assert.equal(after.find((e) => e.id === 'shipping-en')?.answer, 'Edited by the owner.', 'the edit is kept');

    // Once anything is linked, the demo's topics are not forced back.
    const db2 = new Database(tmp.dbPath);
    db2.prepare("UPDATE faq_entries SET topic = NULL WHERE id <> 'shipping-en'").run();
    db2.close();
    await store.close();
    store = open();
    await ensureDemo(store, new AgentService(store, systemClock, new EventBus()), []);
    assert.deepEqual((await store.listFaqEntries(site.id)).filter((e) => e.topic !== undefined).map((e) => e.id), ['shipping-en']);
    await store.close();
  } finally {
    tmp.cleanup();
  }
});
