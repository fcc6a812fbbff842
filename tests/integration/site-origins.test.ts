// The domains whose pages may show the chat, from the console's socket (managers only,
// validated at the edge) and the command line; and the domains refused lately, recorded when
// a page asks for the widget's config from a domain the site does not allow.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { SiteSettingsView } from '../../server/protocol.js';
import { runDeskbell } from '../helpers/cli.js';
import { managerAndAgent } from '../helpers/manager-and-agent.js';
import { SHOP_ORIGIN, tempDir } from '../helpers/server.js';
import { ask, must, type AgentClient } from '../helpers/sockets.js';

const codeOf = (res: { ok: boolean; error?: { code: string } }): string => (res.ok ? 'ok' : (res.error?.code ?? '?'));
const WWW = 'https://www.shop.example';

describe('the domains that may show the chat', () => {
  const sides = managerAndAgent();

  const config = (origin: string, page?: string): Promise<number> =>
    fetch(`${sides.server.url}/api/widget/config?site=${sides.server.site.key}`, { headers: { origin, ...(page ? { referer: page } : {}) } }).then((r) => r.status);
  const settingsOf = async (socket: AgentClient): Promise<SiteSettingsView> =>
    (await must<{ settings: SiteSettingsView }>(socket, 'site:settings', { siteKey: sides.server.site.key })).settings;

  test("a page on a domain the site does not allow is refused, and managers see the domain (agents don't)", async () => {
    assert.equal(await config(SHOP_ORIGIN), 200);
    assert.equal(await config(WWW, `${WWW}/cart?id=7`), 403);
    assert.equal(await config(`${WWW}:443`), 403, 'the default port is the same origin');
    assert.equal(await config('null'), 403, 'a sandboxed page: refused, not listed');
    assert.equal(await config('https://elsewhere.example'), 403);

    const seen = await settingsOf(sides.manager);
    assert.deepEqual(seen.origins, sides.server.site.origins);
    assert.deepEqual(seen.refusedOrigins.map((r) => [r.origin, r.count]), [['https://elsewhere.example', 1], [WWW, 2]], 'most recent first');
    assert.equal(seen.refusedOrigins[1]?.page, `${WWW}/cart?id=7`, 'the last page that said where it was');
    assert.equal(seen.publicUrl, null, 'no --public-url: the console shows its own address in the tag');
    assert.deepEqual((await settingsOf(sides.agent.socket)).refusedOrigins, [], 'only managers, who can allow them, see them');
  });

  test('an agent who is not a manager cannot change the domains', async () => {
    assert.equal(codeOf(await ask(sides.agent.socket, 'site:origins', { siteKey: sides.server.site.key, origins: [WWW] })), 'DESKBELL_FORBIDDEN_ROLE');
    assert.equal(await config(WWW), 403);
  });

  test('a manager allows the refused domain: stored in its normal form, the page gets the chat, the domain leaves the refused list', async () => {
    const before = (await settingsOf(sides.manager)).origins;
    const { settings } = await must<{ settings: SiteSettingsView }>(sides.manager, 'site:origins', {
      siteKey: sides.server.site.key, origins: [...before, 'HTTPS://WWW.Shop.example/cart', `${WWW}:443`],
    });
    assert.deepEqual(settings.origins, [...before, WWW], 'lower case, no path, default port dropped, once');
    assert.deepEqual(settings.refusedOrigins.map((r) => r.origin), ['https://elsewhere.example']);
    assert.equal(await config(WWW), 200);
  });

  test('what is not a domain is refused with what to write, and nothing changes', async () => {
    const before = (await settingsOf(sides.manager)).origins;
    for (const [origin, says] of [['shop.example', /write it like https:\/\/shop\.example/], ['ftp://shop.example', /must start with https:\/\/ or http:\/\//], ['https://*.shop.example', /write each domain out/]] as const) {
      const res = await ask(sides.manager, 'site:origins', { siteKey: sides.server.site.key, origins: [...before, origin] });
      assert.equal(codeOf(res), 'DESKBELL_VALIDATION', origin);
      assert.match((res as { error: { message: string } }).error.message, says);
    }
    assert.equal(codeOf(await ask(sides.manager, 'site:origins', { siteKey: sides.server.site.key, origins: 'https://shop.example' })), 'DESKBELL_VALIDATION', 'not a list');
    assert.equal(codeOf(await ask(sides.manager, 'site:origins', { siteKey: sides.server.site.key, origins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) })), 'DESKBELL_VALIDATION', 'too many');
    assert.deepEqual((await settingsOf(sides.manager)).origins, before);
  });

  test('removing every domain: stored, and the shop page is refused', async () => {
    const { settings } = await must<{ settings: SiteSettingsView }>(sides.manager, 'site:origins', { siteKey: sides.server.site.key, origins: [] });
    assert.deepEqual(settings.origins, []);
    assert.equal(await config(SHOP_ORIGIN), 403);
  });
});

describe('deskbell site origin add|remove', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());
  const cli = (args: string[]) => runDeskbell([...args, '--db', tmp.dbPath]);

  test('adds, removes, says what it allows, and refuses to remove what it does not allow', async () => {
    const created = await cli(['site', 'add', '--name', 'Shop', '--origin', 'https://shop.example']);
    assert.equal(created.code, 0, created.stderr);
    const key = /with key (\S+)\./.exec(created.stdout)?.[1];
    assert.ok(key, created.stdout);
    assert.match(created.stdout, new RegExp(`<script src="https://YOUR-DESKBELL-HOST/widget.js" data-site="${key}" async></script>`));

    const added = await cli(['site', 'origin', 'add', '--site', key, '--origin', 'https://www.shop.example/']);
    assert.equal(added.stdout, `${key} now allows: https://shop.example https://www.shop.example\n`);
    const unknown = await cli(['site', 'origin', 'remove', '--site', key, '--origin', 'https://old.example']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /does not allow https:\/\/old\.example; it allows: https:\/\/shop\.example https:\/\/www\.shop\.example/);
    const removed = await cli(['site', 'origin', 'remove', '--site', key, '--origin', 'https://shop.example']);
    assert.equal(removed.stdout, `${key} now allows: https://www.shop.example\n`);
    const none = await cli(['site', 'origin', 'remove', '--site', key, '--origin', 'https://www.shop.example']);
    assert.match(none.stdout, /now allows no domain: the chat shows on no shop page until one is added/);
  });
});
