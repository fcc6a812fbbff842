// Report ranges are whole local days in the site's time zone: a day across a daylight-saving
// change is 23 or 25 hours long, and a zone that skips midnight starts its day at the jump.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeskbellError } from '../../server/errors.js';
import { checkTimeZone, dayRange, parseDate, startOfDay } from '../../server/reports/time.js';

const H = 3_600_000;
const day = (text: string, timeZone: string) => dayRange(parseDate(text), parseDate(text), timeZone);

describe('report ranges in local days', () => {
  test('UTC days are midnight to midnight', () => {
    assert.deepEqual(dayRange(parseDate('2026-03-01'), parseDate('2026-03-31'), 'UTC'), { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) });
  });

  test('New York on 2026-03-08: midnight EST (05:00 UTC) to midnight EDT (04:00 UTC next day), 23 hours', () => {
    const { start, end } = day('2026-03-08', 'America/New_York');
    assert.equal(start, Date.UTC(2026, 2, 8, 5));
    assert.equal(end, Date.UTC(2026, 2, 9, 4));
    assert.equal(end - start, 23 * H);
  });

  test('New York on 2026-11-01, when the clocks go back: 25 hours', () => {
    const { start, end } = day('2026-11-01', 'America/New_York');
    assert.equal(start, Date.UTC(2026, 10, 1, 4));
    assert.equal(end, Date.UTC(2026, 10, 2, 5));
  });

  test('London: 29 March 2026 (BST starts) is 23 hours, 25 October 2026 is 25', () => {
    assert.deepEqual(day('2026-03-29', 'Europe/London'), { start: Date.UTC(2026, 2, 29), end: Date.UTC(2026, 2, 29, 23) });
    assert.deepEqual(day('2026-10-25', 'Europe/London'), { start: Date.UTC(2026, 9, 24, 23), end: Date.UTC(2026, 9, 26) });
  });

  test('a range across the change covers every local day once: March in London is 31 × 24 − 1 hours', () => {
    const { start, end } = dayRange(parseDate('2026-03-01'), parseDate('2026-03-31'), 'Europe/London');
    assert.equal(end - start, (31 * 24 - 1) * H);
  });

  test('Santiago skips midnight on 6 September 2026: the day starts at 01:00 local (04:00 UTC)', () => {
    assert.equal(startOfDay(parseDate('2026-09-06'), 'America/Santiago'), Date.UTC(2026, 8, 6, 4));
    assert.equal(startOfDay(parseDate('2026-09-05'), 'America/Santiago'), Date.UTC(2026, 8, 5, 4));
  });

  test('fractional offsets: Kathmandu (UTC+05:45) starts its day at 18:15 UTC the day before', () => {
    assert.equal(startOfDay(parseDate('2026-03-02'), 'Asia/Kathmandu'), Date.UTC(2026, 2, 1, 18, 15));
  });

  test('dates that are not dates, ranges that end before they start, and unknown zones are refused with a hint', () => {
    for (const bad of ['2026-02-30', '2026-3-1', '01/03/2026', '2026-13-01']) {
      assert.throws(() => parseDate(bad), (e) => isDeskbellError(e) && /YYYY-MM-DD/.test(e.message), bad);
    }
    assert.throws(() => dayRange(parseDate('2026-03-02'), parseDate('2026-03-01'), 'UTC'), /before it starts/);
    assert.throws(() => checkTimeZone('Mars/Olympus_Mons'), /IANA name/);
    assert.equal(checkTimeZone('Europe/London'), 'Europe/London');
  });
});
