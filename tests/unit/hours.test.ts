// Business hours: the text form, "open now?", and when it opens next — across time zones
// and a daylight-saving change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatHours, hoursState, parseHours } from '../../server/routing/hours.js';

test('parses day ranges and several ranges per day, and writes them back', () => {
  const hours = parseHours('Mon-Fri 09:00-12:00, mon-fri 13:00-18:00, sat 10:00-14:30', 'Asia/Taipei');
  assert.deepEqual(hours.week.mon, [[540, 720], [780, 1080]]);
  assert.deepEqual(hours.week.sat, [[600, 870]]);
  assert.deepEqual(hours.week.sun, []);
  assert.equal(formatHours(parseHours(formatHours(hours), 'Asia/Taipei')), formatHours(hours));
});

test('refuses what it cannot read, saying how to write it', () => {
  for (const bad of ['', 'mon 18:00-09:00', 'funday 09:00-10:00', 'fri-mon 09:00-10:00', 'mon 09:00-25:00', 'mon 9-5']) {
    assert.throws(() => parseHours(bad, 'Asia/Taipei'), /DESKBELL_VALIDATION|not valid/, bad);
  }
  assert.throws(() => parseHours('mon 09:00-10:00', 'Mars/Olympus'), /time zone/);
});

test('open and closed in the site\'s time zone, with the next opening to the minute', () => {
  const hours = parseHours('mon-fri 09:00-18:00', 'Asia/Taipei'); // UTC+8, no DST
  // Wednesday 2026-11-25 10:00 in Taipei = 02:00 UTC: open.
  assert.deepEqual(hoursState(hours, Date.UTC(2026, 10, 25, 2, 0)), { open: true, opensAt: null });
  // Friday 2026-11-27 18:30 Taipei: closed until Monday 09:00 Taipei = Monday 01:00 UTC.
  assert.deepEqual(hoursState(hours, Date.UTC(2026, 10, 27, 10, 30)), { open: false, opensAt: Date.UTC(2026, 10, 30, 1, 0) });
  // A range starting off the quarter hour.
  const odd = parseHours('tue 09:07-10:00', 'UTC');
  assert.equal(hoursState(odd, Date.UTC(2026, 10, 23, 12, 0)).opensAt, Date.UTC(2026, 10, 24, 9, 7));
});

test('a daylight-saving change moves the opening in UTC, not in local time', () => {
  const hours = parseHours('mon 09:00-17:00', 'Europe/Berlin');
  // Sunday 2026-03-29 is the switch to summer time: Monday 09:00 Berlin is 07:00 UTC (was 08:00).
  assert.equal(hoursState(hours, Date.UTC(2026, 2, 28, 12, 0)).opensAt, Date.UTC(2026, 2, 30, 7, 0));
  assert.equal(hoursState(hours, Date.UTC(2026, 2, 21, 12, 0)).opensAt, Date.UTC(2026, 2, 23, 8, 0));
});
