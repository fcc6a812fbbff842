// The domains refused lately (kept a few a site, the least recently refused giving way), and
// what the console accepts as a domain before asking the server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { originFrom } from '../../server/console/site-install.js';
import { REFUSED_KEPT, RefusedOrigins } from '../../server/refused-origins.js';

describe('refused origins', () => {
  test('counted per site and domain, most recent first, the last page kept when a later request sends none', () => {
    const refused = new RefusedOrigins();
    refused.record('s1', 'https://www.shop.example', 'https://www.shop.example/cart', 1);
    refused.record('s1', 'https://old.example', null, 2);
    refused.record('s1', 'https://www.shop.example', null, 3);
    refused.record('s2', 'https://other.example', null, 4);
    assert.deepEqual(refused.list('s1'), [
      { origin: 'https://www.shop.example', count: 2, lastAt: 3, page: 'https://www.shop.example/cart' },
      { origin: 'https://old.example', count: 1, lastAt: 2, page: null },
    ]);
    assert.deepEqual(refused.list('s2').map((r) => r.origin), ['https://other.example']);
    assert.deepEqual(refused.list('nobody'), []);
    refused.forget('s1', ['https://www.shop.example', 'https://never.example']);
    assert.deepEqual(refused.list('s1').map((r) => r.origin), ['https://old.example']);
  });

  test(`at most ${REFUSED_KEPT} a site: a flood of new domains pushes out the least recently refused`, () => {
    const refused = new RefusedOrigins();
    refused.record('s', 'https://www.shop.example', null, 0);
    for (let i = 1; i < REFUSED_KEPT; i++) refused.record('s', `https://n${i}.example`, null, i);
    refused.record('s', 'https://www.shop.example', null, REFUSED_KEPT); // refused again: now the most recent
    refused.record('s', 'https://late.example', null, REFUSED_KEPT + 1);
    const kept = refused.list('s').map((r) => r.origin);
    assert.equal(kept.length, REFUSED_KEPT);
    assert.deepEqual(kept.slice(0, 2), ['https://late.example', 'https://www.shop.example']);
    assert.ok(!kept.includes('https://n1.example'), 'the least recently refused went');
  });
});

describe("the console's reading of a typed domain", () => {
  test('a web address becomes its origin; https is assumed without a scheme', () => {
    assert.equal(originFrom('https://www.shop.example/cart?x=1'), 'https://www.shop.example');
    assert.equal(originFrom('  shop.example/ '), 'https://shop.example');
    assert.equal(originFrom('http://localhost:8080'), 'http://localhost:8080');
    assert.equal(originFrom('HTTPS://Shop.Example:443'), 'https://shop.example');
    assert.equal(originFrom('https://ร้าน.example'), 'https://xn--q3ct9b5e.example', 'an IDN, as the browser sends it');
  });
  test('what is not one is refused before asking the server', () => {
    for (const text of ['', '   ', 'not a url', 'https://*.shop.example', 'ftp://shop.example', 'javascript:alert(1)', 'https://']) {
      assert.equal(originFrom(text), null, text);
    }
  });
});
