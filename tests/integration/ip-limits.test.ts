// One address flooding the public widget routes or opening connection after connection is
// slowed down with a clear 429 / refusal, while shoppers at other addresses are served.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import type { ErrorInfo } from '../../server/protocol.js';
import { SHOP_ORIGIN, startServer, type InProcessServer } from '../helpers/server.js';
import { connected } from '../helpers/sockets.js';

describe('per-address limits', () => {
  let server: InProcessServer;
  let url: string;
  let siteKey: string;

  before(async () => {
    // Behind a proxy, so the test can speak from several addresses through X-Forwarded-For.
    server = await startServer({ app: { trustProxy: true, ipLimits: { perSecond: 0.5, burst: 5 } } });
    url = server.url;
    siteKey = server.site.key;
  });
  after(() => server.close());

  const config = (ip: string): Promise<Response> =>
    fetch(`${url}/api/widget/config?site=${siteKey}`, { headers: { origin: SHOP_ORIGIN, 'x-forwarded-for': ip } });

  test('widget routes: the burst passes, then 429 with Retry-After; another address is unaffected', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await config('203.0.113.7')).status, 200, `request ${i + 1} of the burst`);
    const limited = await config('203.0.113.7');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'Retry-After says when');
    assert.equal(((await limited.json()) as { error: ErrorInfo }).error.code, 'DESKBELL_RATE_LIMITED');
    assert.equal((await config('198.51.100.9')).status, 200, 'a different shopper is served');
    // The console's routes are not counted against the widget's budget.
    assert.equal((await fetch(`${url}/health`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status, 200);
  });

  test('new socket connections: refused past the rate from one address, allowed from another', async () => {
    const open = (ip: string) =>
      io(`${url}/visitor`, {
        query: { site: siteKey },
        transports: ['websocket'],
        extraHeaders: { origin: SHOP_ORIGIN, 'x-forwarded-for': ip },
        reconnection: false,
        forceNew: true,
      });
    const sockets = [];
    for (let i = 0; i < 5; i++) {
      const s = open('192.0.2.44');
      await connected(s);
      sockets.push(s);
    }
    const refused = open('192.0.2.44');
    await assert.rejects(connected(refused), 'the sixth connection in a burst is refused');
    refused.close();
    const other = open('192.0.2.45');
    await connected(other);
    for (const s of [...sockets, other]) s.close();
  });
});
