// Bad input and wrong credentials get a clear refusal, and the server keeps serving.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import { signVisitorToken } from '../../server/auth/visitor-token.js';
import type { Ack, ErrorInfo, Message, VisitorSyncResult } from '../../server/protocol.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, ask, clientId, connected, emitRaw, must, next, refused, visitorSocket } from '../helpers/sockets.js';

function code(res: Ack<object>): string {
  assert.equal(res.ok, false, 'expected a refusal');
  return (res as { error: ErrorInfo }).error.code;
}

describe('refusals', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('a forged, tampered, expired or other-site visitor token is refused at the handshake', async () => {
    const shopper = visitorSocket(server.url, server.site.key);
    await connected(shopper);
    const { token, visitorId } = await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0 });
    shopper.close();

    const forged = signVisitorToken({ visitorId, siteId: server.site.id, expiresAt: Date.now() + 60_000 }, 'not-the-secret');
    const [head, payload, sig] = token.split('.');
    const otherVisitor = Buffer.from(JSON.stringify({ v: 'someone-else', s: server.site.id, e: Date.now() + 60_000 })).toString('base64url');
    const tampered = `${head}.${otherVisitor}.${sig}`;
    const expiredPayload = Buffer.from(JSON.stringify({ v: visitorId, s: server.site.id, e: 1 })).toString('base64url');
    for (const bad of [forged, tampered, `${head}.${expiredPayload}.${sig}`, 'garbage', `${head}.${payload}`]) {
      const err = await refused(visitorSocket(server.url, server.site.key, { token: bad }));
      assert.equal((err as ErrorInfo).code, 'DESKBELL_TOKEN_INVALID', `token ${bad.slice(0, 20)}…`);
    }
  });

  test('an unknown site key and a foreign origin are refused, on the socket and the config request', async () => {
    assert.equal(((await refused(visitorSocket(server.url, 'site_nope'))) as ErrorInfo).code, 'DESKBELL_SITE_UNKNOWN');
    const foreign = await refused(visitorSocket(server.url, server.site.key, { origin: 'https://evil.example' }));
    assert.ok(foreign, 'refused');

    const res = await fetch(`${server.url}/api/widget/config?site=${server.site.key}`, { headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: ErrorInfo }).error.code, 'DESKBELL_ORIGIN_NOT_ALLOWED');
    const ok = await fetch(`${server.url}/api/widget/config?site=${server.site.key}`, { headers: { origin: 'https://shop.example' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://shop.example');
    const unknown = await fetch(`${server.url}/api/widget/config?site=site_nope`);
    assert.equal(unknown.status, 404);
  });

  test('messages that are too long, empty, blank or of the wrong type are refused and not stored', async () => {
    const shopper = visitorSocket(server.url, server.site.key);
    await connected(shopper);
    assert.equal(code(await ask(shopper, 'message:send', { clientId: clientId(1), body: 'x'.repeat(4001) })), 'DESKBELL_MESSAGE_TOO_LONG');
    assert.equal(code(await ask(shopper, 'message:send', { clientId: clientId(2), body: '' })), 'DESKBELL_MESSAGE_EMPTY');
    assert.equal(code(await ask(shopper, 'message:send', { clientId: clientId(3), body: '  \n ' })), 'DESKBELL_MESSAGE_EMPTY');
    assert.equal(code(await ask(shopper, 'message:send', { clientId: 42, body: 'hi' })), 'DESKBELL_VALIDATION');
    assert.equal(code(await ask(shopper, 'message:send', { clientId: clientId(4), body: { $gt: '' } })), 'DESKBELL_VALIDATION');
    assert.equal(code(await ask(shopper, 'message:send', 'just a string')), 'DESKBELL_VALIDATION');
    assert.equal(code(await ask(shopper, 'admin:drop-tables', {})), 'DESKBELL_UNKNOWN_EVENT');
    // Exactly at the limit is fine.
    const ok = await must<{ message: Message }>(shopper, 'message:send', { clientId: clientId(5), body: '好'.repeat(4000) });
    const stored = await server.deskbell.store.listMessages(ok.message.conversationId, 0, 100);
    assert.equal(stored.length, 1, 'only the valid message was stored');
    shopper.close();
  });

  test('an event without an acknowledgement still gets told what was wrong', async () => {
    const shopper = visitorSocket(server.url, server.site.key);
    await connected(shopper);
    const error = next<ErrorInfo>(shopper, 'server:error');
    emitRaw(shopper, 'message:send', { clientId: 'short', body: 'hi' });
    assert.equal((await error).code, 'DESKBELL_VALIDATION');
    shopper.close();
  });

  test('a flooding connection is rate limited, and other shoppers are served meanwhile', async () => {
    const flooder = visitorSocket(server.url, server.site.key);
    await connected(flooder);
    const results = await Promise.all(Array.from({ length: 150 }, () => ask(flooder, 'typing:set', { typing: true }).catch(() => null)));
    const limited = results.filter((r) => r && !r.ok && (r as { error: ErrorInfo }).error.code === 'DESKBELL_RATE_LIMITED');
    assert.ok(limited.length >= 50, `expected most of the burst refused, got ${limited.length}`);
    const other = visitorSocket(server.url, server.site.key);
    await connected(other);
    await must(other, 'message:send', { clientId: clientId('other'), body: 'still here' });
    other.close();
    flooder.close();
  });

  test('the agent namespace refuses a missing or bad session, and logout disconnects the socket', async () => {
    assert.equal(((await refused(agentSocket(server.url, ''))) as ErrorInfo).code, 'DESKBELL_NOT_AUTHENTICATED');
    assert.equal(((await refused(agentSocket(server.url, 'deskbell_session=forged'))) as ErrorInfo).code, 'DESKBELL_NOT_AUTHENTICATED');

    const cookie = await login(server.url);
    // A page on another origin can't use the agent's cookie, even by naming a site.
    const hijack = io(`${server.url}/agent`, {
      query: { site: 'anything' }, transports: ['websocket'], extraHeaders: { cookie, origin: 'https://evil.example' }, reconnection: false, forceNew: true,
    });
    assert.equal(((await refused(hijack)) as ErrorInfo).code, 'DESKBELL_FORBIDDEN_ORIGIN');
    const agent = agentSocket(server.url, cookie);
    await connected(agent);
    const gone = new Promise<string>((resolve) => agent.once('disconnect', resolve));
    const res = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 200);
    assert.equal(await gone, 'io server disconnect');
    assert.equal(((await refused(agentSocket(server.url, cookie))) as ErrorInfo).code, 'DESKBELL_NOT_AUTHENTICATED');
  });

  test('login: wrong password is refused, repeated failures are throttled, cross-site posts are refused', async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    assert.equal((await post({ email: 'ann@shop.example', password: 'wrong' })).status, 401);
    assert.equal((await post({ email: 'nobody@shop.example', password: 'wrong' })).status, 401);
    const cross = await post({ email: 'ann@shop.example', password: 'x' }, { origin: 'https://evil.example' });
    assert.equal(cross.status, 403);
    const plain = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"email":"a@b.c","password":"x"}' });
    assert.equal(plain.status, 415, 'text/plain bodies (CSRF-able) are not parsed');
    let status = 0;
    for (let i = 0; i < 8 && status !== 429; i++) status = (await post({ email: 'throttle@shop.example', password: 'wrong' })).status;
    assert.equal(status, 429);
  });

  test('health answers', async () => {
    const res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'ok');
  });
});
