// The dashboard's series and comparison period, worked out by hand: conversations, hand-offs
// and waits per local day across New York's change to summer time (Sunday 8 March 2026, 02:00
// EST → 03:00 EDT: that day is 23 hours long), and the previous period of the same length.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dailySeries, previousRange } from '../../server/reports/dashboard.js';
import { partOf } from '../../server/reports/metrics.js';
import { formatDate, parseDate } from '../../server/reports/time.js';
import { facts, S } from '../helpers/report-history.js';

test('conversations, hand-offs and waits per local day across a daylight-saving change', () => {
  const queued = (id: string, at: number, waitSeconds: number) =>
    facts(id, at, { handoffAt: at, handoffReason: 'asked', queuedAt: at, assignedAt: at + waitSeconds * S, agentId: 'a' });
  const part = partOf([
    facts('a', Date.UTC(2026, 2, 8, 4, 30)), // 23:30 EST on Saturday the 7th
    queued('b', Date.UTC(2026, 2, 8, 5, 30), 30), // 00:30 EST on the 8th
    queued('c', Date.UTC(2026, 2, 9, 3, 30), 90), // 23:30 EDT on the 8th (UTC-4 now)
    queued('d', Date.UTC(2026, 2, 9, 4, 30), 10), // 00:30 EDT on the 9th
  ]);
  const days = dailySeries(part, 'America/New_York', parseDate('2026-03-06'), parseDate('2026-03-09'));
  assert.deepEqual(days, [
    { date: '2026-03-06', conversations: 0, handoffs: 0, wait_median_seconds: null, wait_p90_seconds: null },
    { date: '2026-03-07', conversations: 1, handoffs: 0, wait_median_seconds: null, wait_p90_seconds: null },
    // b and c: waits 30 and 90 s → median (rank 1) 30, 90th percentile (rank 2) 90.
    { date: '2026-03-08', conversations: 2, handoffs: 2, wait_median_seconds: 30, wait_p90_seconds: 90 },
    { date: '2026-03-09', conversations: 1, handoffs: 1, wait_median_seconds: 10, wait_p90_seconds: 10 },
  ]);
  // In UTC the same four are two on the 8th (04:30, 05:30) and two on the 9th.
  assert.deepEqual(dailySeries(part, 'UTC', parseDate('2026-03-08'), parseDate('2026-03-09')).map((d) => d.conversations), [2, 2]);
});

test('the previous period has as many days and ends the day before', () => {
  const before = (from: string, to: string): string[] => {
    const r = previousRange(parseDate(from), parseDate(to));
    return [formatDate(r.from), formatDate(r.to)];
  };
  assert.deepEqual(before('2026-03-01', '2026-03-31'), ['2026-01-29', '2026-02-28'], '31 days before March');
  assert.deepEqual(before('2024-03-01', '2024-03-01'), ['2024-02-29', '2024-02-29'], 'a leap day');
  assert.deepEqual(before('2026-01-01', '2026-01-07'), ['2025-12-25', '2025-12-31'], 'across the new year');
});
