// The widget stays readable whatever colour the shop picks: the WCAG contrast maths, the text
// colour drawn on the accent and the accent darkened for text on white (server/colour.ts);
// and a theme change as the console and the command line make it (server/sites.ts,
// server/cli/site-theme.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { themeChange } from '../../server/cli/site-theme.js';
import { UsageError } from '../../server/cli/usage-error.js';
import { accentOnWhite, contrastRatio, isHexColour, NEAR_BLACK, normaliseHex, relativeLuminance, textOnAccent, WHITE } from '../../server/colour.js';
import { isDeskbellError } from '../../server/errors.js';
import { DEFAULT_WIDGET_THEME, MAX_GREETING_LENGTH } from '../../server/protocol.js';
import { changeTheme } from '../../server/sites.js';

const round2 = (n: number): number => Math.round(n * 100) / 100;

describe('contrast maths (WCAG 2.1)', () => {
  test('relative luminance: black 0, white 1, #777 about 0.184', () => {
    assert.equal(relativeLuminance('#000'), 0);
    assert.equal(relativeLuminance('#ffffff'), 1);
    assert.equal(round2(relativeLuminance('#777777')), 0.18);
  });

  test('known pairs: white on black 21:1, on #2563eb 5.17:1, on #0f766e 5.47:1, on #facc15 1.53:1, on #767676 4.54:1', () => {
    assert.equal(contrastRatio('#000', '#fff'), 21);
    assert.equal(round2(contrastRatio('#2563eb', WHITE)), 5.17);
    assert.equal(round2(contrastRatio('#0f766e', WHITE)), 5.47);
    assert.equal(round2(contrastRatio('#facc15', WHITE)), 1.53);
    assert.equal(round2(contrastRatio('#767676', WHITE)), 4.54);
    assert.equal(round2(contrastRatio('#777777', WHITE)), 4.48, 'the famous just-fails grey');
    assert.equal(contrastRatio('#2563eb', WHITE), contrastRatio(WHITE, '#2563eb'), 'the order does not matter');
  });

  test('#rgb is #rrggbb, in any case; nothing else is a colour', () => {
    assert.equal(normaliseHex('#FaC'), '#ffaacc');
    assert.equal(normaliseHex('#0F766E'), '#0f766e');
    for (const ok of ['#abc', '#A1B2C3']) assert.ok(isHexColour(ok), ok);
    for (const bad of ['yellow', '#abcd', '#12345', 'abc123', '#0f766e;', 'url(x)', '#ggg', '']) assert.ok(!isHexColour(bad), bad);
  });
});

describe('readable colours from the accent', () => {
  test('text on the accent: white while it reaches 4.5:1, else near-black, else black', () => {
    assert.equal(textOnAccent('#2563eb'), WHITE, 'the default blue keeps white text');
    assert.equal(textOnAccent('#0f766e'), WHITE);
    assert.equal(textOnAccent('#facc15'), NEAR_BLACK, 'yellow gets dark text');
    assert.equal(textOnAccent('#a7f3d0'), NEAR_BLACK, 'mint gets dark text');
    // Mid-tones fail both white and #111827: only black reaches 4.5:1 on them.
    assert.ok(contrastRatio('#ff0000', WHITE) < 4.5 && contrastRatio('#ff0000', NEAR_BLACK) < 4.5);
    assert.equal(textOnAccent('#ff0000'), '#000000');
    assert.equal(textOnAccent('#777777'), '#000000');
  });

  test('every colour gets text on it at 4.5:1 or more (a sweep of the colour cube)', () => {
    for (let r = 0; r < 256; r += 17) for (let g = 0; g < 256; g += 17) for (let b = 0; b < 256; b += 17) {
      const accent = normaliseHex(`#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`);
      const ratio = contrastRatio(accent, textOnAccent(accent));
      assert.ok(ratio >= 4.5, `${accent}: text at ${ratio.toFixed(2)}:1`);
      const onWhite = accentOnWhite(accent);
      assert.ok(contrastRatio(onWhite, WHITE) >= 4.5, `${accent} on white as ${onWhite}: ${contrastRatio(onWhite, WHITE).toFixed(2)}:1`);
    }
  });

  test('the accent on white: unchanged when it reaches 4.5:1, else darkened just enough, in the same hue', () => {
    assert.equal(accentOnWhite('#2563eb'), '#2563eb');
    assert.equal(accentOnWhite('#0F766E'), '#0f766e', 'unchanged, only written the one way');
    const yellow = accentOnWhite('#facc15');
    assert.equal(yellow, '#8e740c');
    const ratio = contrastRatio(yellow, WHITE);
    assert.ok(ratio >= 4.5 && ratio < 4.6, `just enough: ${ratio.toFixed(3)}:1`);
    // Same hue: the channels keep their proportions (to within rounding to whole values).
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(yellow.slice(i, i + 2), 16)) as [number, number, number];
    assert.ok(Math.abs(r / g - 0xfa / 0xcc) < 0.02 && Math.abs(r / b - 0xfa / 0x15) < 0.7, `${yellow} is not #facc15's hue`);
    assert.equal(accentOnWhite('#ffffff'), '#767676', 'white becomes the lightest grey that reads on white');
  });
});

describe('a theme change', () => {
  test('sets what it names and keeps the rest; colours lower-case #rrggbb; greetings trimmed, an empty one removed', () => {
    const before = { ...DEFAULT_WIDGET_THEME, consent: true, greeting: { en: 'Hi!', th: 'สวัสดีค่ะ' } };
    const after = changeTheme(before, { accentColor: '#FC0', position: 'left', greeting: { en: '  Welcome to our shop  ', th: '' }, defaultLang: 'th' });
    assert.deepEqual(after, { accentColor: '#ffcc00', position: 'left', greeting: { en: 'Welcome to our shop' }, defaultLang: 'th', consent: true });
    assert.deepEqual(before.greeting, { en: 'Hi!', th: 'สวัสดีค่ะ' }, 'the stored theme is not changed in place');
    assert.deepEqual(changeTheme(after, { defaultLang: null }), { ...after, defaultLang: null });
  });

  test('refuses a colour that is not #rgb or #rrggbb, and a greeting too long', () => {
    assert.throws(() => changeTheme(DEFAULT_WIDGET_THEME, { accentColor: 'red' }), (e: unknown) => isDeskbellError(e) && /#0f766e/.test(e.message));
    assert.throws(() => changeTheme(DEFAULT_WIDGET_THEME, { greeting: { en: 'x'.repeat(MAX_GREETING_LENGTH + 1) } }), /at most 300/);
  });

  test('the command line flags: each mistake says how to write it', () => {
    assert.deepEqual(themeChange({}), {});
    assert.deepEqual(themeChange({ accent: '#0f766e', position: 'left', 'default-lang': 'auto', greeting: ['th=สวัสดี = ยินดีต้อนรับ', 'en='] }), {
      accentColor: '#0f766e', position: 'left', defaultLang: null, greeting: { th: 'สวัสดี = ยินดีต้อนรับ', en: '' },
    });
    const says = (flags: Parameters<typeof themeChange>[0], pattern: RegExp): void =>
      assert.throws(() => themeChange(flags), (e: unknown) => e instanceof UsageError && pattern.test(e.message), JSON.stringify(flags));
    says({ accent: 'yellow' }, /--accent must be a colour like #0f766e/);
    says({ accent: '0f766e' }, /--accent must be a colour like #0f766e/);
    says({ position: 'top' }, /--position must be left or right, not "top"/);
    says({ 'default-lang': 'fr' }, /--default-lang must be one of en, zh-TW, zh-CN, th or auto/);
    says({ greeting: ['Hello'] }, /--greeting must be LANG=TEXT/);
    says({ greeting: ['fr=Bonjour'] }, /--greeting must be LANG=TEXT/);
  });
});
