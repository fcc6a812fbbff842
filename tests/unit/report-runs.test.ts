// Percentiles across sorted runs (server/reports/runs.ts): a cached range keeps each day's
// durations sorted and selects across the days. Checked against sorting everything, for every
// rank of small cases and the report's percentiles of large ones, with ties and empty runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durationStats, mergeParts, emptyPart, partOf, percentile, runStats } from '../../server/reports/metrics.js';
import { selectInRuns } from '../../server/reports/runs.js';
import { facts, S, T } from '../helpers/report-history.js';
import { seeded } from '../helpers/seeded.js';

function randomRuns(random: () => number, runs: number, most: number, spread: number): number[][] {
  return Array.from({ length: runs }, () => Array.from({ length: Math.floor(random() * (most + 1)) }, () => Math.floor(random() * spread)).sort((a, b) => a - b));
}

test('the value at each rank of sorted runs is the one at that rank of all their values sorted', () => {
  const random = seeded(7);
  for (let round = 0; round < 300; round++) {
    // Few distinct values in some rounds (many ties), many in others; some runs empty.
    const runs = randomRuns(random, 1 + Math.floor(random() * 12), 20, round % 3 === 0 ? 4 : 1_000_000);
    const sorted = runs.flat().sort((a, b) => a - b);
    for (let k = 0; k < sorted.length; k++) assert.equal(selectInRuns(runs, k), sorted[k], `round ${round}, rank ${k}`);
    assert.throws(() => selectInRuns(runs, sorted.length), RangeError);
  }
});

test('duration statistics of runs equal those of the values together, long runs and short', () => {
  const random = seeded(11);
  for (const [runs, most] of [[364, 1100], [364, 20], [3, 5000], [1, 300], [0, 0]] as const) {
    const list = randomRuns(random, runs, most, 7_200_000);
    const all = list.flat();
    const sorted = [...all].sort((a, b) => a - b);
    const stats = runStats(list);
    assert.deepEqual(stats, durationStats(all), `${runs} runs of up to ${most}`);
    if (all.length > 0) assert.equal(stats.p90, percentile(sorted, 90)! / 1000);
  }
});

test('a part sorts its durations once, and merged parts keep their runs side by side', () => {
  const waited = (id: string, at: number, seconds: number) => facts(id, at, { handoffAt: at, handoffReason: 'asked', queuedAt: at, assignedAt: at + seconds * S, agentId: 'a' });
  const one = partOf([waited('x', T, 90), waited('y', T + 1, 30), waited('z', T + 2, 60)]);
  assert.deepEqual(one.waits, [[30_000, 60_000, 90_000]]);
  assert.equal(one.waitSlots[0]!.length, 3, 'each wait keeps its slot');
  const both = mergeParts(emptyPart(), one, partOf([]), partOf([waited('w', T, 10)]));
  assert.deepEqual(both.waits, [[30_000, 60_000, 90_000], [10_000]]);
  // Sorted [10, 30, 60, 90] s: median rank 2 → 30, 90th percentile rank ceil(3.6) = 4 → 90.
  assert.deepEqual(runStats(both.waits), { count: 4, median: 30, p90: 90, average: 47.5 });
});
