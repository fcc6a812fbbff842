// Is a request's Origin this server itself? Used for the console's socket and its POSTs
// (CSRF and cross-site WebSocket hijacking). Compares with the Host header the browser sent;
// a reverse proxy must pass Host through (nginx: proxy_set_header Host $host).
import type { IncomingMessage } from 'node:http';

export function sameOrigin(origin: string, req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (typeof host !== 'string') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
