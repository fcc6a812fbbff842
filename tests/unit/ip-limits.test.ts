import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IpLimiter } from '../../server/ip-limits.js';

test('an address gets its burst, then its rate; the bucket refills with time', () => {
  let now = 0;
  const limiter = new IpLimiter({ perSecond: 2, burst: 3 }, () => now);
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false]);
  assert.equal(limiter.take('b'), true, 'other addresses have their own bucket');
  now += 500; // half a second at 2/s: one more
  assert.equal(limiter.take('a'), true);
  assert.equal(limiter.take('a'), false);
  assert.equal(limiter.retryAfterSeconds(), 1);
});

test('a rate of 0 turns the limit off', () => {
  const limiter = new IpLimiter({ perSecond: 0, burst: 0 }, () => 0);
  for (let i = 0; i < 1000; i++) assert.equal(limiter.take('a'), true);
  assert.equal(limiter.tracked, 0);
});

test('memory stays bounded when many addresses come once each', () => {
  const limiter = new IpLimiter({ perSecond: 1, burst: 1 }, () => 0);
  for (let i = 0; i < 120_000; i++) limiter.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
  assert.ok(limiter.tracked <= 50_000, `tracked ${limiter.tracked}`);
  // The newest address is still remembered (and still limited), the idlest were forgotten.
  assert.equal(limiter.take('10.1.212.191'), false);
});
