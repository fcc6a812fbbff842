// GET /api/widget/faq?site=KEY&lang=L[&q=TEXT]: self-service in the widget. Without `q`, the
// shop's top questions in the shopper's language (the owner's order) to show as buttons when
// the panel opens; with `q`, the questions that match what the shopper is typing, so they can
// pick one before sending. Same origin rule as the config request.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { deskbellError } from '../errors.js';
import { langGroup, readerLang } from '../faq/language.js';
import type { FaqRegistry } from '../faq/registry.js';
import { scriptConverter } from '../faq/script.js';
import type { FaqEntry } from '../faq/types.js';
import { LANGS, type WidgetFaqQuestions } from '../protocol.js';
import { isOriginAllowed } from '../sites.js';
import type { Store } from '../store/types.js';

export const TOP_QUESTIONS = 5;
export const TYPED_SUGGESTIONS = 3;

const Query = Type.Object({
  site: Type.String({ minLength: 1, maxLength: 128 }),
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  q: Type.Optional(Type.String({ maxLength: 500 })),
});

export function registerWidgetFaq(app: FastifyInstance, store: Store, registry: FaqRegistry): void {
  app.get<{ Querystring: Static<typeof Query> }>('/api/widget/faq', { schema: { querystring: Query } }, async (request, reply) => {
    const origin = request.headers.origin;
    if (origin) reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    const site = await store.getSiteByKey(request.query.site);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', request.query.site);
    if (!isOriginAllowed(site, origin)) throw deskbellError('DESKBELL_ORIGIN_NOT_ALLOWED', String(origin), String(origin));
    const lang = LANGS.find((l) => l === request.query.lang) ?? null;
    const typed = request.query.q?.trim() ?? '';

    const entries = await registry.entries(site.id);
    const { thresholds, convertScript } = await registry.settings(site.id);
    const byId = new Map(entries.map((e) => [e.id, e]));
    // Chinese entries in the shopper's script (script.ts), chosen as the bot chooses its reply's.
    const reader = readerLang(lang, typed);
    const inScript = scriptConverter(convertScript);
    const shown = (e: FaqEntry): { id: string; question: string } => ({ id: e.id, question: inScript(e.question, e.lang, reader) });
    let questions: WidgetFaqQuestions['questions'];
    if (typed) {
      reply.header('Cache-Control', 'no-store');
      // Matched in the reader's language, as the bot matches what is sent (bot.ts): English
      // typed in a Chinese widget is matched against the English entries, not the Chinese.
      const result = await registry.match(site.id, typed, reader);
      // Only what the bot itself would offer: a confident answer or its suggestions.
      questions = result.decision === 'answer' || result.decision === 'suggest'
        ? result.matches
            .filter((m) => m.score >= thresholds.suggest)
            .slice(0, TYPED_SUGGESTIONS)
            .flatMap((m) => {
              const entry = byId.get(m.id);
              return entry ? [shown(entry)] : [];
            })
        : [];
    } else {
      // Brief caching: top questions change only when the owner edits the FAQ.
      reply.header('Cache-Control', 'public, max-age=60');
      const enabled = entries.filter((e) => e.enabled);
      // The shopper's language, else the other Chinese script (shown in theirs), else whatever the site has.
      const inLang = enabled.filter((e) => e.lang === lang);
      const inGroup = lang ? enabled.filter((e) => langGroup(e.lang) === langGroup(lang)) : [];
      const top = inLang.length > 0 ? inLang : inGroup.length > 0 ? inGroup : enabled;
      questions = top.slice(0, TOP_QUESTIONS).map(shown);
    }
    const body: WidgetFaqQuestions = { questions };
    return body;
  });
}
