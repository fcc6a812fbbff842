// `deskbell site theme`: the widget's look from the command line — accent colour, side of the
// page, greetings per language, the language it starts in — and, without options, what it is
// now, with what the widget does to keep a light colour readable (server/colour.ts).
import { accentOnWhite, isHexColour, MIN_TEXT_CONTRAST, normaliseHex, textOnAccent, WHITE } from '../colour.js';
import { LANGS, MAX_GREETING_LENGTH, type Lang, type WidgetTheme } from '../protocol.js';
import { changeTheme, parseLang, type ThemeChange } from '../sites.js';
import type { Store } from '../store/types.js';
import { UsageError } from './usage-error.js';

export const THEME_USAGE = `  deskbell site theme --site KEY [--accent '#0f766e'] [--position left|right]
                      [--greeting LANG=TEXT ...] [--default-lang LANG|auto]
      the widget's look (shown without options): its colour (#rgb or #rrggbb; on a light
      one the widget uses dark text and darker chips, to stay readable), the side of the
      page, the greeting per language (${LANGS.join(', ')}; LANG= with no text: the widget's
      own) and the language it starts in (auto: the page's, else the shopper's browser).`;

export interface ThemeFlags {
  accent?: string;
  position?: string;
  greeting?: string[];
  'default-lang'?: string;
}

/** The flags as a change, or a UsageError that says how to write the one that is wrong. */
export function themeChange(flags: ThemeFlags): ThemeChange {
  const change: ThemeChange = {};
  if (flags.accent !== undefined) {
    if (!isHexColour(flags.accent)) throw new UsageError(`--accent must be a colour like #0f766e (# and 3 or 6 hex digits), not "${flags.accent}". Quote it in the shell: --accent '#0f766e'.`);
    change.accentColor = flags.accent;
  }
  if (flags.position !== undefined) {
    if (flags.position !== 'left' && flags.position !== 'right') throw new UsageError(`--position must be left or right, not "${flags.position}".`);
    change.position = flags.position;
  }
  if (flags['default-lang'] !== undefined) {
    const value = flags['default-lang'];
    const lang = parseLang(value);
    if (value !== 'auto' && !lang) throw new UsageError(`--default-lang must be one of ${LANGS.join(', ')} or auto, not "${value}".`);
    change.defaultLang = lang;
  }
  for (const pair of flags.greeting ?? []) {
    const at = pair.indexOf('=');
    const lang = at < 0 ? null : parseLang(pair.slice(0, at));
    if (!lang) throw new UsageError(`--greeting must be LANG=TEXT with LANG one of ${LANGS.join(', ')}, like --greeting 'th=สวัสดีค่ะ'; not "${pair}".`);
    const text = pair.slice(at + 1);
    if (text.trim().length > MAX_GREETING_LENGTH) throw new UsageError(`--greeting ${lang}: at most ${MAX_GREETING_LENGTH} characters (this one has ${text.trim().length}).`);
    change.greeting = { ...change.greeting, [lang]: text };
  }
  return change;
}

function describeTheme(key: string, theme: WidgetTheme): string {
  const accent = normaliseHex(theme.accentColor);
  const onAccent = textOnAccent(accent);
  const onWhite = accentOnWhite(accent);
  const notes = [
    onAccent === WHITE ? `white text on it` : `white text would be under ${MIN_TEXT_CONTRAST}:1 on it, so the widget uses ${onAccent}`,
    onWhite === accent ? 'chips in the same colour' : `chips in ${onWhite}, darkened to reach ${MIN_TEXT_CONTRAST}:1 on white`,
  ];
  const greeting = (lang: Lang): string => theme.greeting[lang] ?? "(the widget's own)";
  const row = (label: string, value: string): string => `  ${label.padEnd(15)}${value}`;
  return [
    `${key}:`,
    row('accent', `${accent} (${notes.join('; ')})`),
    row('position', theme.position),
    row('default lang', theme.defaultLang ?? "auto (the page's, else the shopper's browser)"),
    ...LANGS.map((lang) => row(`greeting ${lang}`, greeting(lang))),
  ].join('\n');
}

export async function siteThemeCommand(store: Store, key: string, flags: ThemeFlags): Promise<number> {
  const site = await store.getSiteByKey(key);
  if (!site) throw new UsageError(`no site has the key ${key}; deskbell site list shows them.`);
  const change = themeChange(flags);
  const updated = Object.keys(change).length === 0 ? site : await store.updateSite(site.id, { theme: changeTheme(site.theme, change) });
  console.log(describeTheme(updated.key, updated.theme));
  return 0;
}
