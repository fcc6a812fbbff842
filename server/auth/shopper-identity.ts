// Deskbell.identify(): a shop vouches for a logged-in customer. Either `hash` = hex
// HMAC-SHA256 of the customer id with the site's identity secret, or `token` = a JWT
// (HS256, same secret) whose `sub` is the id and whose `exp` (seconds) has not passed.
// Compared in constant time. Anything else is an unverified identity: shown as such, never
// joined with another device. Samples for shops: docs/widget-api.md.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Identify } from '../protocol.js';

export type IdentityCheck = { verified: true } | { verified: false; reason: string };

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function identityHash(id: string, secret: string): string {
  return createHmac('sha256', secret).update(id).digest('hex');
}

export function checkIdentity(claim: Identify, secret: string, now: number): IdentityCheck {
  if (claim.token !== undefined) return checkJwt(claim.token, claim.id, secret, now);
  if (claim.hash === undefined) return { verified: false, reason: 'no hash or token was given' };
  const expected = Buffer.from(identityHash(claim.id, secret), 'utf8');
  return equal(Buffer.from(claim.hash.toLowerCase(), 'utf8'), expected) ? { verified: true } : { verified: false, reason: 'the hash does not match the id' };
}

function checkJwt(token: string, id: string, secret: string, now: number): IdentityCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { verified: false, reason: 'the token is not a JWT' };
  const [head = '', body = '', signature = ''] = parts;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url'));
  if (!equal(Buffer.from(signature), expected)) return { verified: false, reason: 'the token signature does not match' };
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { verified: false, reason: 'the token is not valid JSON' };
  }
  if ((header as { alg?: unknown } | null)?.alg !== 'HS256') return { verified: false, reason: 'the token must use HS256' };
  const { sub, exp } = (claims ?? {}) as { sub?: unknown; exp?: unknown };
  if (sub !== id) return { verified: false, reason: 'the token is for another id' };
  if (typeof exp !== 'number') return { verified: false, reason: 'the token has no expiry (exp)' };
  if (exp * 1000 <= now) return { verified: false, reason: 'the token has expired' };
  return { verified: true };
}
