// Anonymous visitor identity: a server-signed token the widget keeps in localStorage.
// Format `v1.<payload>.<signature>`, payload base64url JSON { v: visitorId, s: siteId, e: expiry ms },
// signature HMAC-SHA256 over "v1.<payload>" with a secret generated on first start.
// A token for one site is refused on another; compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const VISITOR_TOKEN_TTL_MS = 365 * 24 * 60 * 60 * 1000;

export interface VisitorClaims {
  visitorId: string;
  siteId: string;
  expiresAt: number;
}

function sign(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

export function signVisitorToken(claims: VisitorClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ v: claims.visitorId, s: claims.siteId, e: claims.expiresAt })).toString('base64url');
  const data = `v1.${payload}`;
  return `${data}.${sign(data, secret)}`;
}

/** The claims of a genuine, unexpired token; null for anything else (never throws). */
export function verifyVisitorToken(token: string, secret: string, now: number): VisitorClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return null;
  const [, payload = '', signature = ''] = parts;
  const expected = Buffer.from(sign(`v1.${payload}`, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof decoded !== 'object' || decoded === null) return null;
  const { v, s, e } = decoded as Record<string, unknown>;
  if (typeof v !== 'string' || typeof s !== 'string' || typeof e !== 'number') return null;
  if (e <= now) return null;
  return { visitorId: v, siteId: s, expiresAt: e };
}
