// Visitor tokens, passwords and session ids.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword, DUMMY_HASH } from '../../server/auth/password.js';
import { readCookie } from '../../server/auth/session.js';
import { signVisitorToken, verifyVisitorToken } from '../../server/auth/visitor-token.js';

const claims = { visitorId: 'v1', siteId: 's1', expiresAt: 2_000 };

test('a visitor token verifies with its secret until it expires', () => {
  const token = signVisitorToken(claims, 'secret');
  assert.deepEqual(verifyVisitorToken(token, 'secret', 1_999), claims);
  assert.equal(verifyVisitorToken(token, 'secret', 2_000), null, 'expired at its expiry');
  assert.equal(verifyVisitorToken(token, 'other', 1_000), null, 'wrong secret');
});

test('any change to a token breaks it', () => {
  const token = signVisitorToken(claims, 'secret');
  const [v, payload, sig] = token.split('.') as [string, string, string];
  const swapped = Buffer.from(JSON.stringify({ v: 'v2', s: 's1', e: 2_000 })).toString('base64url');
  for (const bad of [`${v}.${swapped}.${sig}`, `v2.${payload}.${sig}`, `${v}.${payload}.${sig.slice(0, -1)}A`, `${v}.${payload}`, '', '..', 'a.b.c.d']) {
    assert.equal(verifyVisitorToken(bad, 'secret', 1_000), null, bad);
  }
});

test('passwords: scrypt hashes verify, wrong ones do not, each hash is salted', async () => {
  const a = await hashPassword('hunter2hunter2');
  const b = await hashPassword('hunter2hunter2');
  assert.notEqual(a, b);
  assert.ok(a.startsWith('scrypt$'));
  assert.equal(await verifyPassword('hunter2hunter2', a), true);
  assert.equal(await verifyPassword('hunter2hunter3', a), false);
  assert.equal(await verifyPassword('anything', DUMMY_HASH), false);
  assert.equal(await verifyPassword('anything', 'not-a-hash'), false);
});

test('the session cookie is read from a raw Cookie header', () => {
  assert.equal(readCookie('a=1; deskbell_session=abc%2Fd; b=2', 'deskbell_session'), 'abc/d');
  assert.equal(readCookie('deskbell_sessionx=1', 'deskbell_session'), null);
  assert.equal(readCookie(undefined, 'deskbell_session'), null);
  assert.equal(readCookie('deskbell_session=%E0%A4%A', 'deskbell_session'), null, 'bad escapes are ignored, not thrown');
});
