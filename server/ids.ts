// Identifiers and time, injected everywhere so tests can control them (STYLE habit 6).
import { randomBytes } from 'node:crypto';

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export type IdGenerator = () => string;
/** 16 url-safe characters from 96 random bits: unguessable, short enough for logs and URLs. */
export const randomId: IdGenerator = () => randomBytes(12).toString('base64url');
