// The background warmer of the report day cache: it caches each site's missing whole days
// from the site's creation (at most 400 back) up to yesterday, never today; a second round has
// nothing to do; the days an event touched since are computed again; and the figures read
// from the days it cached are the same as computed without any cache.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pino from 'pino';
import { buildReport } from '../../server/reports/query.js';
import { parseDate } from '../../server/reports/time.js';
import { ReportWarmer } from '../../server/reports/warmer.js';
import { createSite } from '../../server/sites.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { eventsFor, H, T, week } from '../helpers/report-history.js';
import { tempDir } from '../helpers/server.js';

const DAY = 86_400_000;

test('the warmer caches the missing days up to yesterday, once, and again those an event touched', async () => {
  const tmp = tempDir();
  // The site was made at 00:00 UTC on Sunday 1 March; the week's history is 2-3 March.
  let now = Date.UTC(2026, 2, 1);
  const clock = { now: () => now };
  const store = openSqliteStore({ path: tmp.dbPath, clock });
  const warmer = new ReportWarmer({ store, clock, log: pino({ level: 'silent' }) });
  const cachedDays = async (siteId: string): Promise<number[]> => [...(await store.reportCachedDays(siteId, 0, 1e6)).days.keys()].sort((a, b) => a - b);
  try {
    const site = await createSite(store, { name: 'Shop', origins: ['https://shop.example'] });
    for (const f of week()) for (const e of eventsFor(site.id, f)) await store.recordEvent(e);
    // Wednesday 11 March, 15:00: 1-10 March are whole past days; the 11th is still going on.
    now = Date.UTC(2026, 2, 11, 15);
    const first = Date.UTC(2026, 2, 1) / DAY;
    assert.equal(await warmer.warm(), 10);
    assert.deepEqual(await cachedDays(site.id), Array.from({ length: 10 }, (_, i) => first + i));
    assert.equal(await warmer.warm(), 0, 'nothing left to do');

    // c1 (started Monday the 2nd) rated on Tuesday the 3rd: both days are forgotten, and warmed again.
    await store.recordEvent({ type: 'rated', siteId: site.id, conversationId: 'c1', at: T + 24 * H, data: { score: 3 } });
    assert.deepEqual((await cachedDays(site.id)).map((d) => d - first), [0, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(await warmer.warm(), 2);

    const range = { siteKey: site.key, from: parseDate('2026-03-01'), to: parseDate('2026-03-10') };
    const fromCache = await buildReport(store, range);
    const db = new Database(tmp.dbPath);
    db.exec('DELETE FROM report_days');
    db.close();
    assert.deepEqual(await buildReport(store, range), fromCache, 'the same figures without the cache');
    assert.equal(fromCache.csat.distribution['3'], 1, 'with the new rating');
  } finally {
    await warmer.stop();
    await store.close();
    tmp.cleanup();
  }
});
