// The console and the demo store are served with a strict Content-Security-Policy and the
// usual hardening headers; the session cookie has the flags that keep it from scripts and
// from cross-site requests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AGENT, startServer, type InProcessServer } from '../helpers/server.js';

function directives(csp: string | null): Map<string, string> {
  assert.ok(csp, 'a Content-Security-Policy header');
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+(.*)/s).slice(0, 2) as [string, string]));
}

describe('security headers', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startServer({ demo: true });
  });
  after(() => server.close());

  test('the console: strict CSP, no framing, no referrer, no sniffing', async () => {
    const res = await fetch(`${server.url}/console/`);
    assert.equal(res.status, 200);
    const csp = directives(res.headers.get('content-security-policy'));
    assert.equal(csp.get('script-src'), "'self'", 'no inline or foreign scripts');
    assert.equal(csp.get('frame-ancestors'), "'none'");
    assert.equal(csp.get('base-uri'), "'none'");
    assert.equal(csp.get('connect-src'), "'self'");
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    // Its hashed assets are cached for good: a new build has new names.
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(await res.text())?.[1];
    assert.ok(asset, 'the console page names a hashed script');
    const script = await fetch(`${server.url}${asset}`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
    await script.arrayBuffer();
  });

  test('the demo store: a CSP a strict shop would write, and the widget script cached briefly', async () => {
    const res = await fetch(`${server.url}/demo/product.html`);
    assert.equal(res.status, 200);
    const csp = directives(res.headers.get('content-security-policy'));
    assert.equal(csp.get('script-src'), "'self'");
    assert.equal(csp.get('default-src'), "'self'");
    const widget = await fetch(`${server.url}/widget.js`);
    assert.equal(widget.status, 200);
    assert.match(widget.headers.get('cache-control') ?? '', /max-age=300/);
    assert.equal(widget.headers.get('x-content-type-options'), 'nosniff');
  });

  test('API replies are not sniffed and carry no CORS for the console routes', async () => {
    const res = await fetch(`${server.url}/api/sites`, { headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  test('the session cookie: HttpOnly, SameSite=Strict, Path=/, and Secure behind HTTPS', async () => {
    const plain = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: AGENT.email, password: AGENT.password }),
    });
    const cookie = plain.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(cookie, /Secure/i, 'not Secure over plain HTTP (it would never be sent back)');

    const https = await startServer({ app: { secureCookies: true } });
    try {
      const res = await fetch(`${https.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: https.url },
        body: JSON.stringify({ email: AGENT.email, password: AGENT.password }),
      });
      assert.match(res.headers.get('set-cookie') ?? '', /;\s*Secure/i);
    } finally {
      await https.close();
    }
  });
});
