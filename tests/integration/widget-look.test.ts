// The widget's look set by the shop: from the console's socket (managers only, validated at the
// edge) and from `deskbell site theme`, stored, and served by the widget's config with the
// colours that keep it readable on a light accent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SiteSettingsView, WidgetConfig } from '../../server/protocol.js';
import { runDeskbell } from '../helpers/cli.js';
import { managerAndAgent } from '../helpers/manager-and-agent.js';
import { SHOP_ORIGIN } from '../helpers/server.js';
import { ask, must } from '../helpers/sockets.js';

const codeOf = (res: { ok: boolean; error?: { code: string } }): string => (res.ok ? 'ok' : (res.error?.code ?? '?'));

describe("the widget's look", () => {
  const sides = managerAndAgent();

  const config = async (acceptLanguage = 'en'): Promise<WidgetConfig> => {
    const res = await fetch(`${sides.server.url}/api/widget/config?site=${sides.server.site.key}`, { headers: { origin: SHOP_ORIGIN, 'accept-language': acceptLanguage } });
    assert.equal(res.status, 200);
    return (await res.json()) as WidgetConfig;
  };

  test('a new site: the default blue, white text on it, unchanged on white', async () => {
    const { theme } = await config();
    assert.equal(theme.accentColor, '#2563eb');
    assert.equal(theme.textOnAccent, '#ffffff');
    assert.equal(theme.accentOnWhite, '#2563eb');
  });

  test('an agent who is not a manager is refused and nothing changes', async () => {
    const siteKey = sides.server.site.key;
    assert.equal(codeOf(await ask(sides.agent.socket, 'site:theme', { siteKey, accentColor: '#facc15' })), 'DESKBELL_FORBIDDEN_ROLE');
    assert.equal((await sides.server.deskbell.store.getSiteByKey(siteKey))?.theme.accentColor, '#2563eb');
    assert.equal((await config()).theme.accentColor, '#2563eb');
  });

  test("a manager's change is stored and served: a yellow accent gets dark text and darker chips", async () => {
    const siteKey = sides.server.site.key;
    const { settings } = await must<{ settings: SiteSettingsView }>(sides.manager, 'site:theme', {
      siteKey, accentColor: '#FACC15', position: 'left', greeting: { th: '  สวัสดีค่ะ ยินดีต้อนรับสู่ร้านของเรา ', en: '' }, defaultLang: 'th',
    });
    assert.deepEqual(settings.theme, { accentColor: '#facc15', position: 'left', greeting: { th: 'สวัสดีค่ะ ยินดีต้อนรับสู่ร้านของเรา' }, defaultLang: 'th' });
    const stored = await sides.server.deskbell.store.getSiteByKey(siteKey);
    assert.equal(stored?.theme.accentColor, '#facc15');
    assert.equal(stored?.theme.consent, false, 'the consent mode is untouched');

    const served = await config('en-US');
    assert.equal(served.lang, 'th', "the site's language wins over the browser's");
    assert.deepEqual(served.theme, {
      accentColor: '#facc15', position: 'left', greeting: { th: 'สวัสดีค่ะ ยินดีต้อนรับสู่ร้านของเรา' }, defaultLang: 'th', consent: false,
      textOnAccent: '#111827', accentOnWhite: '#8e740c',
    });
    // The agent reads the same settings (only managers change them).
    assert.equal((await must<{ settings: SiteSettingsView }>(sides.agent.socket, 'site:settings', { siteKey })).settings.theme.accentColor, '#facc15');

    // Only the fields given change; the shopper's browser decides the language again.
    await must(sides.manager, 'site:theme', { siteKey, defaultLang: null });
    const back = await config('zh-TW');
    assert.equal(back.lang, 'zh-TW');
    assert.equal(back.theme.position, 'left');
  });

  test('the edge refuses what is not a colour, an unknown language or field, and a greeting too long', async () => {
    const siteKey = sides.server.site.key;
    for (const payload of [
      { siteKey, accentColor: 'yellow' },
      { siteKey, accentColor: '#facc15;background:url(https://evil.example/x)' },
      { siteKey, position: 'top' },
      { siteKey, greeting: { fr: 'Bonjour' } },
      { siteKey, greeting: { en: 'x'.repeat(301) } },
      { siteKey, defaultLang: 'fr' },
      { siteKey, consent: true },
    ]) {
      assert.equal(codeOf(await ask(sides.manager, 'site:theme', payload)), 'DESKBELL_VALIDATION', JSON.stringify(payload).slice(0, 80));
    }
    assert.equal(codeOf(await ask(sides.manager, 'site:theme', { siteKey: 'site_nope', position: 'right' })), 'DESKBELL_SITE_UNKNOWN');
    assert.equal((await config()).theme.accentColor, '#facc15', 'nothing refused was stored');
  });

  test('deskbell site theme: shows the look, sets it, and says how to write a bad value', async () => {
    const key = sides.server.site.key;
    const run = (...args: string[]) => runDeskbell(['site', 'theme', '--site', key, ...args, '--db', sides.server.dbPath]);
    const shown = await run();
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /accent\s+#facc15 \(white text would be under 4\.5:1 on it, so the widget uses #111827; chips in #8e740c/);
    assert.match(shown.stdout, /greeting th\s+สวัสดีค่ะ ยินดีต้อนรับสู่ร้านของเรา/);
    assert.match(shown.stdout, /greeting en\s+\(the widget's own\)/);

    const set = await run('--accent', '#0f766e', '--position', 'right', '--greeting', 'zh-TW=您好!歡迎光臨', '--greeting', 'th=', '--default-lang', 'zh-TW');
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /accent\s+#0f766e \(white text on it; chips in the same colour\)/);
    const served = await config();
    assert.deepEqual(
      { ...served.theme, lang: served.lang },
      { accentColor: '#0f766e', position: 'right', greeting: { 'zh-TW': '您好!歡迎光臨' }, defaultLang: 'zh-TW', consent: false, textOnAccent: '#ffffff', accentOnWhite: '#0f766e', lang: 'zh-TW' },
    );

    const bad = await run('--accent', 'teal');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--accent must be a colour like #0f766e/);
    const badLang = await run('--default-lang', 'fr');
    assert.equal(badLang.code, 2);
    assert.match(badLang.stderr, /--default-lang must be one of en, zh-TW, zh-CN, th or auto/);
    assert.equal((await config()).theme.accentColor, '#0f766e', 'a refused command changes nothing');

    const help = await runDeskbell(['site', '--help']);
    assert.match(help.stdout, /deskbell site theme --site KEY \[--accent '#0f766e'\] \[--position left\|right\]/);
  });
});
