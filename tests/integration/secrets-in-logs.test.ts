// Passwords, session cookies and visitor tokens never reach the logs, even at trace level,
// even when a request fails; and none travels in a URL (where proxies and Referer would keep it).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import type { VisitorSyncResult } from '../../server/protocol.js';
import { AGENT, login, SHOP_ORIGIN, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, ask, clientId, connected, must, visitorSocket } from '../helpers/sockets.js';

describe('secrets stay out of logs and URLs', () => {
  let server: InProcessServer;
  let url: string;
  let siteKey: string;
  let logs = '';
  const urls: string[] = [];

  before(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs += chunk.toString('utf8');
        done();
      },
    });
    server = await startServer({ app: { logger: { level: 'trace', stream } } });
    ({ url } = server);
    siteKey = server.site.key;
    // Every URL the server is asked for, Engine.IO's included (they bypass Fastify's routes).
    server.deskbell.app.server.prependListener('request', (req: { url?: string }) => urls.push(req.url ?? ''));
    server.deskbell.app.server.prependListener('upgrade', (req: { url?: string }) => urls.push(req.url ?? ''));
  });
  after(() => server.close());

  test('a whole session of use, failures included, logs no secret', async () => {
    const wrong = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: AGENT.email, password: 'wrong-password-123' }),
    });
    assert.equal(wrong.status, 401);
    const cookie = await login(url);
    const sessionValue = cookie.split('=')[1]!;

    const shopper = visitorSocket(url, siteKey);
    await connected(shopper);
    const { token } = await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0 });
    await must(shopper, 'message:send', { clientId: clientId(1), body: 'hello' });
    shopper.close();

    // Again with the token, over HTTP long-polling too (its requests are plain URLs).
    const polling = io(`${url}/visitor`, { query: { site: siteKey }, auth: { token }, transports: ['polling'], extraHeaders: { origin: SHOP_ORIGIN }, forceNew: true, reconnection: false });
    await connected(polling);
    await must(polling, 'message:send', { clientId: clientId(2), body: 'again' });
    // A refused event carrying the token as data: the refusal is logged, the payload is not.
    await ask(polling, 'message:send', { clientId: token.slice(0, 60), body: token });
    polling.close();
    const forged = visitorSocket(url, siteKey, { token: `${token}x` });
    await new Promise((resolve) => forged.once('connect_error', resolve));
    forged.close();

    const agent = agentSocket(url, cookie);
    await connected(agent);
    agent.close();
    await fetch(`${url}/api/auth/me`, { headers: { cookie } });
    await fetch(`${url}/api/sites/nope/faq`, { headers: { cookie } });
    await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: url } });

    assert.ok(logs.length > 1000, 'the server did log (trace level)');
    for (const [name, secret] of [
      ['password', AGENT.password],
      ['wrong password', 'wrong-password-123'],
      ['session cookie', sessionValue],
      ['visitor token', token],
      ['visitor token signature', token.split('.')[2]!],
    ] as const) {
      assert.ok(!logs.includes(secret), `${name} found in the logs`);
      assert.ok(!urls.some((u) => u.includes(secret) || decodeURIComponent(u).includes(secret)), `${name} found in a URL`);
    }
    assert.ok(urls.some((u) => u.startsWith('/socket.io/') && u.includes('transport=polling')), 'polling URLs were seen');
  });
});
