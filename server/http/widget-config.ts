// GET /api/widget/config?site=KEY[&lang=PAGE_LANG][&writes=LANG]: what the widget needs before
// it draws anything, in the shopper's language (chosen here: the one they showed they write,
// else the site's setting, the page's lang and the browser's Accept-Language). Refused
// (403) for an origin the site does not allow, 404 for an unknown key. CORS reflects the
// caller's origin even on refusals, so the widget can read the reason and print it; the
// data itself is only sent to allowed origins. The loader fetches it on every page view, so
// it carries an ETag with `no-cache`: the browser revalidates and gets 304 with no body
// while nothing changed (agents coming online or hours opening change it, as they should).
import { Type, type Static } from '@sinclair/typebox';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { deskbellError } from '../errors.js';
import { acceptLanguages, pickLang } from '../i18n/lang.js';
import { WIDGET_WORDS } from '../i18n/widget-words.js';
import type { FaqRegistry } from '../faq/registry.js';
import type { Presence } from '../presence.js';
import { accentOnWhite, isHexColour, textOnAccent } from '../colour.js';
import { DEFAULT_WIDGET_THEME, LANGS, type WidgetConfig, type WidgetTheme } from '../protocol.js';
import { hoursState } from '../routing/hours.js';
import type { RefusedOrigins } from '../refused-origins.js';
import { isOriginAllowed, normaliseOrigin } from '../sites.js';
import type { Store } from '../store/types.js';
import { widgetTriggers } from '../triggers/widget.js';

/**
 * The theme as the widget draws it. Only #rgb / #rrggbb reach the widget, whatever the
 * database holds (server/colour.ts says why); with the colours for text on the accent and
 * for the accent on white, derived here rather than in the loader, whose every byte is paid
 * on every page view of the shop.
 */
function widgetTheme(theme: WidgetTheme): WidgetConfig['theme'] {
  const accent = isHexColour(theme.accentColor) ? theme.accentColor : DEFAULT_WIDGET_THEME.accentColor;
  return { ...theme, accentColor: accent, textOnAccent: textOnAccent(accent), accentOnWhite: accentOnWhite(accent) };
}

const Query = Type.Object({
  site: Type.String({ minLength: 1, maxLength: 128 }),
  /** The page's <html lang>, when it has one. */
  lang: Type.Optional(Type.String({ maxLength: 35 })),
  /**
   * The language the shopper showed they write (the server's `visitor:lang`, kept by the
   * widget): it wins over everything else. Anything but one of our four is ignored, not
   * refused, so a stale value never costs a shop its chat.
   */
  writes: Type.Optional(Type.String({ maxLength: 35 })),
});

/** An http(s) page address as sent in Referer, else null: it is shown to the shop's managers. */
function pageOf(referer: string | undefined): string | null {
  if (!referer || referer.length > 500) return null;
  try {
    const url = new URL(referer);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A refused caller's origin, normalised as the site's list holds them; null for junk. */
function originOf(origin: string): string | null {
  try {
    return normaliseOrigin(origin);
  } catch {
    return null;
  }
}

export function registerWidgetConfig(app: FastifyInstance, store: Store, presence: Presence, registry: FaqRegistry, refused: RefusedOrigins): void {
  app.get<{ Querystring: Static<typeof Query> }>('/api/widget/config', { schema: { querystring: Query } }, async (request, reply) => {
    const origin = request.headers.origin;
    const site = await store.getSiteByKey(request.query.site);
    // CORS first, so the browser lets the widget read our error and print it.
    // The answer depends on the browser's languages too (the shopper's language is chosen here).
    reply.header('Vary', 'Origin, Accept-Language');
    if (origin) reply.header('Access-Control-Allow-Origin', origin);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', request.query.site);
    if (!isOriginAllowed(site, origin)) {
      // Told to the site's managers in the console (refused-origins.ts): the page shows no chat.
      const normalised = originOf(String(origin));
      if (normalised) refused.record(site.id, normalised, pageOf(request.headers.referer), Date.now());
      throw deskbellError('DESKBELL_ORIGIN_NOT_ALLOWED', String(origin), String(origin));
    }
    reply.header('Cache-Control', 'no-cache');
    const lang = LANGS.find((l) => l === request.query.writes) ?? pickLang(site.theme.defaultLang, request.query.lang ?? null, acceptLanguages(request.headers['accept-language']));
    const config: WidgetConfig = {
      site: { key: site.key, name: site.name },
      theme: widgetTheme(site.theme),
      lang,
      words: WIDGET_WORDS[lang],
      agentsOnline: presence.agentsOnline(),
      hours: site.hours ? hoursState(site.hours, Date.now()) : null,
      bot: (await registry.entries(site.id)).some((e) => e.enabled),
      triggers: await widgetTriggers(store, registry, site.id, lang),
    };
    const body = JSON.stringify(config);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    reply.header('ETag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
