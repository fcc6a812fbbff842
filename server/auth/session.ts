// Console sessions: a random id in an httpOnly cookie; only its SHA-256 is stored, so a
// copy of the database does not hand out live sessions.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'deskbell_session';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** Reads one cookie from a raw Cookie header (the Socket.IO handshake has no cookie parser). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}
