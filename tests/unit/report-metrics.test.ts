// The report's figures (server/reports/metrics.ts) on a hand-built week whose right answers
// are worked out here, line by line, from tests/helpers/report-history.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeMetrics, durationStats, emptyPart, finishMetrics, mergeParts, partOf, percentile, selectPercentile, type FaqEventCount } from '../../server/reports/metrics.js';
import { seeded } from '../helpers/seeded.js';
import { facts, H, S, T, week } from '../helpers/report-history.js';

const FAQ: FaqEventCount[] = [
  { faqId: 'ship', type: 'bot_answered', count: 3 },
  { faqId: 'ship', type: 'bot_helpful', count: 2 },
  { faqId: 'ship', type: 'bot_not_helpful', count: 1 },
  { faqId: 'returns', type: 'bot_answered', count: 5 },
];

describe('percentiles (nearest rank)', () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  test('the p-th percentile is the value at rank ceil(p/100 × n) of the sorted values', () => {
    assert.equal(percentile(oneToTen, 90), 9); // ceil(9) = 9th
    assert.equal(percentile(oneToTen, 91), 10); // ceil(9.1) = 10th
    assert.equal(percentile(oneToTen, 100), 10);
    assert.equal(percentile(oneToTen, 0), 1, 'rank at least 1');
  });
  test('the median of an even count is the lower middle value; of an odd count, the middle', () => {
    assert.equal(percentile(oneToTen, 50), 5);
    assert.equal(percentile([10, 20, 30], 50), 20);
    assert.equal(percentile([7], 90), 7);
    assert.equal(percentile([], 50), null);
  });
  test('selection finds the same value as sorting, for every percentile, with ties and in any order', () => {
    const random = seeded(42);
    for (let run = 0; run < 200; run++) {
      const n = 1 + Math.floor(random() * 300);
      // Few distinct values in some runs (many ties), many in others.
      const spread = run % 2 === 0 ? 5 : 1_000_000;
      const values = Array.from({ length: n }, () => Math.floor(random() * spread));
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [0, 1, 25, 50, 90, 99, 100]) {
        assert.equal(selectPercentile(Float64Array.from(values), p), percentile(sorted, p), `n=${n} p=${p}`);
      }
    }
  });
  test('duration statistics sort their input and report seconds', () => {
    assert.deepEqual(durationStats([120_000, 30_000, 60_000]), { count: 3, median: 60, p90: 120, average: 70 });
    assert.deepEqual(durationStats([]), { count: 0, median: null, p90: null, average: null });
    // 1 ms + 2 ms: the mean is 1.5 ms = 0.0015 s, kept to the millisecond (0.002).
    assert.equal(durationStats([1, 2]).average, 0.002);
  });
});

describe('the report figures of a hand-built week', () => {
  const m = computeMetrics(week(), FAQ, 'UTC');

  test('conversations, by who started them', () => {
    assert.deepEqual(m.conversations, { total: 8, by_shopper: 7, by_trigger: 1 });
  });

  test('deflection: c1 and c2 had bot answers and never reached a person — 2 of 8', () => {
    assert.deepEqual(m.deflection, { bot_alone: 2, rate: 0.25 });
  });

  test('hand-offs: c3, c4, c5, c7, c8 — 5 of 8, by reason', () => {
    assert.deepEqual(m.handoffs, { total: 5, rate: 0.625, reasons: { asked: 2, no_match: 1, not_helpful: 1, declined: 1 } });
  });

  test('queue: 5 waited (c3 from its hand-off); waits 30, 120 and 60 s; c5 abandoned, c8 still waits', () => {
    // Sorted waits [30, 60, 120]: median rank ceil(1.5) = 2 → 60; p90 rank ceil(2.7) = 3 → 120; mean 70.
    assert.deepEqual(m.queue, {
      entered: 5, served: 3, abandoned: 1, abandonment_rate: 0.2, wait_seconds: { count: 3, median: 60, p90: 120, average: 70 },
    });
  });

  test('first response: c3 30 s after the hand-off, c4 150 s after queueing, c6 40 s after its start, c7 90 s', () => {
    // Sorted [30, 40, 90, 150]: median rank 2 → 40; p90 rank ceil(3.6) = 4 → 150; mean 310 / 4 = 77.5.
    assert.deepEqual(m.first_response_seconds, { count: 4, median: 40, p90: 150, average: 77.5 });
  });

  test('resolution: 2 h, 25 h, 600 s and exactly 24 h (inclusive) — 3 within 24 h of the 6 the bot did not resolve', () => {
    // Sorted [600, 7200, 86400, 90000]: median rank 2 → 7200; p90 rank 4 → 90000; mean 184200 / 4 = 46050.
    assert.deepEqual(m.resolution, {
      resolved: 4, reopened: 1, within_24h: 3, within_24h_rate: 0.5, seconds: { count: 4, median: 7200, p90: 90000, average: 46050 },
    });
  });

  test('CSAT: ratings 5, 2, 4, 5 — average 4, three of four are 4 or 5', () => {
    assert.deepEqual(m.csat, { ratings: 4, average: 4, distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 2 }, share_4_5: 0.75 });
  });

  test('FAQ: answers shown and helpfulness per entry, most shown first; no feedback is no rate, not 0', () => {
    assert.deepEqual(m.faq, [
      { faq_id: 'returns', shown: 5, helpful: 0, not_helpful: 0, helpful_rate: null },
      { faq_id: 'ship', shown: 3, helpful: 2, not_helpful: 1, helpful_rate: 0.6667 },
    ]);
  });

  test('busiest hours: Monday 09-13 and Tuesday 11-13, one each', () => {
    const expected = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    for (const h of [9, 10, 11, 12, 13]) expected[0]![h] = 1;
    for (const h of [11, 12, 13]) expected[1]![h] = 1;
    assert.deepEqual(m.busiest_hours, expected);
  });

  test('per agent: Ann has c3, c6, c7 (first replies 30, 40, 90 s; ratings 5, 4, 5); b has c4', () => {
    assert.deepEqual(m.agents, [
      { agent_id: 'a', conversations: 3, first_response_seconds: { count: 3, median: 40, p90: 90, average: 53.333 }, resolved: 3, csat_average: 4.67 },
      { agent_id: 'b', conversations: 1, first_response_seconds: { count: 1, median: 150, p90: 150, average: 150 }, resolved: 1, csat_average: 2 },
    ]);
  });

  test('an empty range has zero counts and no averages or rates, not zeros that look like data', () => {
    const empty = computeMetrics([], [], 'UTC');
    assert.equal(empty.conversations.total, 0);
    assert.equal(empty.deflection.rate, null);
    assert.equal(empty.csat.average, null);
    assert.equal(empty.first_response_seconds.median, null);
    assert.equal(empty.resolution.within_24h_rate, null);
  });

  test('a wait is counted only once a person took the conversation after it entered the queue', () => {
    // An agent wrote before the hand-off: no queue wait, first response from the start.
    const early = facts('e', T, { handoffAt: T + 100 * S, handoffReason: 'asked', firstAgentReplyAt: T + 20 * S, firstReplyAgentId: 'a', agentId: 'a' });
    const r = computeMetrics([early], [], 'UTC');
    assert.equal(r.queue.entered, 1);
    assert.equal(r.queue.served, 0);
    assert.equal(r.first_response_seconds.median, 20);
  });

  test('busiest hours count local time: 23:30 on Saturday in New York is 04:30 on Sunday in UTC', () => {
    const lateSaturday = facts('n', Date.UTC(2026, 2, 8, 4, 30));
    assert.equal(computeMetrics([lateSaturday], [], 'America/New_York').busiest_hours[5]![23], 1);
    assert.equal(computeMetrics([lateSaturday], [], 'UTC').busiest_hours[6]![4], 1);
    // 03:30 EDT on the Sunday the clocks went forward: 07:30 UTC, four hours behind now, not five.
    const afterJump = facts('j', Date.UTC(2026, 2, 8, 7, 30));
    assert.equal(computeMetrics([afterJump], [], 'America/New_York').busiest_hours[6]![3], 1);
    // 01:59 EST, a minute before the jump: still five hours behind.
    const beforeJump = facts('b', Date.UTC(2026, 2, 8, 6, 59));
    assert.equal(computeMetrics([beforeJump], [], 'America/New_York').busiest_hours[6]![1], 1);
    // Asia/Kathmandu is UTC+05:45: 18:20 UTC on Monday is 00:05 on Tuesday.
    assert.equal(computeMetrics([facts('k', Date.UTC(2026, 2, 2, 18, 20))], [], 'Asia/Kathmandu').busiest_hours[1]![0], 1);
    void H;
  });

  test('parts add up: the week cut into pieces and summed gives the same report (percentiles too)', () => {
    const all = week();
    const pieces = [all.slice(0, 3), all.slice(3, 4), [], all.slice(4)].map(partOf);
    // Through JSON, as the day cache stores them.
    const summed = mergeParts(emptyPart(), ...pieces.map((p) => JSON.parse(JSON.stringify(p))));
    assert.deepEqual(finishMetrics(summed, FAQ, 'America/New_York'), computeMetrics(all, FAQ, 'America/New_York'));
    assert.deepEqual(finishMetrics(summed, FAQ, 'UTC'), m);
  });
});
