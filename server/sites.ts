// Sites: one shop each. Creating them, and deciding which page origins may embed a site's
// widget (checked on the config request and on the socket handshake itself).
import { randomBytes } from 'node:crypto';
import { deskbellError } from './errors.js';
import { isHexColour, normaliseHex } from './colour.js';
import type { Lang, SiteTheme, WidgetTheme } from './protocol.js';
import { DEFAULT_WIDGET_THEME, LANGS, MAX_GREETING_LENGTH } from './protocol.js';
import type { Site, Store } from './store/types.js';


/** Public site keys: `site_` + 16 url-safe characters. Not secret (they are in the page), but unguessable. */
export function newSiteKey(): string {
  return `site_${randomBytes(12).toString('base64url')}`;
}

/** `https://Shop.Example:443/path` → `https://shop.example`. Throws a clear error for non-origins. */
export function normaliseOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw deskbellError('DESKBELL_VALIDATION', `"${input}" is not an origin; write it like https://shop.example`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw deskbellError('DESKBELL_VALIDATION', `"${input}" must start with https:// or http://`);
  }
  // Browsers send the page's exact origin: a pattern would never match. Say so, not store it.
  if (url.hostname.includes('*')) {
    throw deskbellError('DESKBELL_VALIDATION', `"${input}": write each domain out (https://www.shop.example and https://shop.example), not a pattern`);
  }
  return url.origin;
}

export function isOriginAllowed(site: Site, origin: string | undefined): boolean {
  // No Origin header: a same-origin GET from a browser, or not a browser at all. The origin
  // check exists to stop other web pages embedding a site's widget, and browsers always
  // send Origin on cross-origin requests and on every WebSocket handshake.
  if (origin === undefined) return true;
  let normalised: string;
  try {
    normalised = normaliseOrigin(origin);
  } catch {
    return false;
  }
  return site.origins.includes(normalised);
}

export function parseLang(value: string | undefined): Lang | null {
  return LANGS.find((l) => l === value) ?? null;
}

export async function createSite(
  store: Store,
  input: { name: string; origins: string[]; key?: string; theme?: Partial<WidgetTheme> },
): Promise<Site> {
  const name = input.name.trim();
  if (!name) throw deskbellError('DESKBELL_VALIDATION', 'a site needs a name (--name "My Shop")');
  const origins = [...new Set(input.origins.map(normaliseOrigin))];
  return store.createSite({ key: input.key ?? newSiteKey(), name, origins, theme: { ...DEFAULT_WIDGET_THEME, ...input.theme } });
}

/** A change to the widget's look, from the console (`site:theme`) or the command line (`deskbell site theme`). */
export type ThemeChange = Omit<SiteTheme, 'siteKey'>;

/**
 * The theme with `change` applied: colours lower-case #rrggbb, greetings trimmed and an empty
 * one removed (the widget then shows its own greeting in that language). Checks again what
 * the socket's schema checks, for the command line.
 */
export function changeTheme(theme: WidgetTheme, change: ThemeChange): WidgetTheme {
  const next: WidgetTheme = { ...theme, greeting: { ...theme.greeting } };
  if (change.accentColor !== undefined) {
    if (!isHexColour(change.accentColor)) throw deskbellError('DESKBELL_VALIDATION', `the accent must be a colour like #0f766e, not "${change.accentColor}"`);
    next.accentColor = normaliseHex(change.accentColor);
  }
  if (change.position !== undefined) next.position = change.position;
  if (change.defaultLang !== undefined) next.defaultLang = change.defaultLang;
  for (const lang of LANGS) {
    const text = change.greeting?.[lang];
    if (text === undefined) continue;
    const trimmed = text.trim();
    if (trimmed.length > MAX_GREETING_LENGTH) throw deskbellError('DESKBELL_VALIDATION', `a greeting can be at most ${MAX_GREETING_LENGTH} characters (${lang} has ${trimmed.length})`);
    if (trimmed) next.greeting[lang] = trimmed;
    else delete next.greeting[lang];
  }
  return next;
}
