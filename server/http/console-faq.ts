// The console's FAQ manager API (agents only): the sites, a site's FAQ with how each entry's
// answers fared, add / edit / delete, import and export, "try a question", the questions
// the bot could not answer (and dismissing them), and the bot's thresholds. Every change goes
// through the FaqRegistry, so the live bot answers from it at once. Any agent may edit any
// site's FAQ; only a manager may change the thresholds (docs/decisions/roles.md). The body
// and reply types below are the wire contract the console imports (`import type`).
import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AgentService } from '../agents.js';
import type { Clock } from '../ids.js';
import { requireManager } from '../roles.js';
import { deskbellError, errorInfo, type DeskbellError } from '../errors.js';
import { FaqInsights, questionKey, type EntryStats, type LearnedPhrasing, type UnansweredReport } from '../faq-insights.js';
import { DEFAULT_THRESHOLDS } from '../faq/confidence.js';
import { decodeFaqFile, FAQ_COLUMNS, formatFaq, parseFaq, parseFaqEntry, topicClashes, topicTaken, type FaqFormat, type FaqRowError } from '../faq/content.js';
import { detectLang, langGroup, readerLang, type LangGroup } from '../faq/language.js';
import { suggestTranslationLinks, type TranslationLink } from '../faq/link-suggestions.js';
import { smallTalk } from '../faq/small-talk.js';
import { replyInKind } from '../bot-phrases.js';
import type { FaqRegistry } from '../faq/registry.js';
import type { BotPreview } from '../faq/preview.js';
import { scriptConverter } from '../faq/script.js';
import { checkThresholds } from '../faq/settings.js';
import type { FaqLang, MatchDecision, MatchResult, MatchThresholds } from '../faq/types.js';
import { LANGS, type ErrorInfo } from '../protocol.js';
import type { FaqDismissal } from '../store/faq-dismissals-sqlite.js';
import type { BotSettings, FaqEntryInput, Site, StoredFaqEntry, Store } from '../store/types.js';
import { guardAgentRoutes } from './agent-auth.js';

// ---------- wire types ----------

export interface ConsoleSite {
  key: string;
  name: string;
}

/** An entry as the console shows it: the fields of the file format, plus its place and times. */
export interface FaqEntryData extends FaqEntryInput {
  position: number;
  createdAt: number;
  updatedAt: number;
}

/** `GET /api/sites/:key/faq` */
export interface ConsoleFaq {
  site: ConsoleSite;
  entries: Array<FaqEntryData & { stats: EntryStats }>;
}

/** 400 DESKBELL_FAQ_ENTRY_INVALID: every problem, by the field it is in. */
export interface FaqFieldError {
  field: string;
  reason: string;
}
export type FaqEntryInvalid = { error: ErrorInfo & { fields: FaqFieldError[] } };
/** 400 DESKBELL_FAQ_IMPORT_INVALID: every problem, by line; nothing was imported. */
export type FaqImportInvalid = { error: ErrorInfo & { errors: FaqRowError[] } };

/** `POST /api/sites/:key/faq/import`: what the import did, by entry id. */
export interface FaqImportSummary {
  entries: number;
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

export interface BotSettingsView {
  thresholds: MatchThresholds;
  defaults: MatchThresholds;
  /** Chinese entries shown in the shopper's script when they have no version in it (BotSettings.convertScript). */
  convertScript: boolean;
}

/** One candidate of "try a question", as the shopper would see it. */
export interface FaqTryMatch {
  /** The entry the shopper would get (a click edits this one). */
  id: string;
  lang: FaqLang;
  /** Its question as the shopper would read it: in their Chinese script when the bot converts it. */
  question: string;
  /** `question` (and `answer`) converted from the entry's script. */
  converted: boolean;
  score: number;
  /** The linked version whose wording scored, when it is another (FaqMatch.matchedId). */
  matched?: { id: string; lang: FaqLang };
}

/** `POST /api/sites/:key/faq/try`: what the bot would do, as the shopper would see it. */
export interface FaqTryResult {
  decision: MatchDecision;
  /** The language the question was read in: as the bot reads a shopper's (readerLang). */
  lang: FaqLang;
  matches: FaqTryMatch[];
  /** For `answer`: the first match's answer as the bot would send it. */
  answer?: string;
  /**
   * A pleasantry ("ok", "thanks", "hi"; server/faq/small-talk.ts): the bot replies with this,
   * in kind, and neither matches nor hands over. `decision` is then `none`, `matches` empty, and
   * `lang` the reply's language (the widget language chosen, else the one read).
   */
  inKind?: string;
}

/** `GET /api/sites/:key/faq/learned`: shoppers' words the entries could learn. */
export interface LearnedReport {
  phrasings: LearnedPhrasing[];
}

/** `GET /api/sites/:key/faq/translation-links`: Chinese entries written in both scripts, not linked yet. */
export interface TranslationLinks {
  links: TranslationLink[];
}

export type { BotPreview, EntryStats, FaqRowError, LearnedPhrasing, TranslationLink, UnansweredReport };
export type { UnansweredGroup } from '../faq-insights.js';

// ---------- schemas ----------

// Types and generous bounds only: the rules a shop owner reads (lengths, languages, ids)
// are content.ts's, the same as for a file, reported by field.
const Text = (maxLength: number) => Type.String({ maxLength });
const List = Type.Array(Text(2000), { maxItems: 100 });
export const FaqEntryBody = Type.Object({
  id: Type.Optional(Text(200)),
  lang: Text(32),
  question: Text(2000),
  phrasings: Type.Optional(List),
  keywords: Type.Optional(List),
  answer: Text(20_000),
  tags: Type.Optional(List),
  enabled: Type.Optional(Type.Boolean()),
  topic: Type.Optional(Type.Union([Text(200), Type.Null()])),
});
export type FaqEntryBody = Static<typeof FaqEntryBody>;

const SiteParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 128 }) });
const EntryParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 128 }), id: Type.String({ minLength: 1, maxLength: 200 }) });
const Format = Type.Union([Type.Literal('json'), Type.Literal('csv')]);
const ExportQuery = Type.Object({ format: Type.Optional(Format) });
const Flag = Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')]);
const ImportQuery = Type.Object({ format: Type.Optional(Format), replace: Type.Optional(Flag) });
const Lang = Type.Union(LANGS.map((l) => Type.Literal(l)));
/** A shopper's question taught to an entry (from the unanswered list). */
export const PhrasingBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) });
export type PhrasingBody = Static<typeof PhrasingBody>;
/** `POST /api/sites/:key/faq/:id/phrasings`: the entry after, and whether the text was new to it. */
export interface PhrasingAdded {
  entry: FaqEntryData;
  added: boolean;
}
export const TryBody = Type.Object({ question: Type.String({ maxLength: 4000 }), lang: Type.Optional(Type.Union([Lang, Type.Null()])) });
export type TryBody = Static<typeof TryBody>;
const UnansweredQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) });
/**
 * A question dismissed from the unanswered list (no `faqId`), or a shopper's pick dismissed from
 * the shoppers' own words (`faqId`: the entry picked). Askings until now are hidden there.
 */
export const DismissBody = Type.Object({
  list: Type.Union([Type.Literal('unanswered'), Type.Literal('learned')]),
  text: Type.String({ minLength: 1, maxLength: 4000 }),
  faqId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export type DismissBody = Static<typeof DismissBody>;
/** `POST /api/sites/:key/faq/dismissals`: `previous` is what an undo sends back. */
export interface Dismissed {
  dismissedAt: number;
  previous: number | null;
}
// Null first: Fastify's Ajv coerces types, and would turn null into 0 for an integer tried first.
// A type list, as Threshold below: a union with null first would coerce a time of 0 to null.
export const UndoDismissBody = Type.Intersect([DismissBody, Type.Object({ previous: Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0 }) })]);
export type UndoDismissBody = Static<typeof UndoDismissBody>;
// One `type` list, not a union: Ajv coerces inside each branch of a union, so with the number
// tried first null became 0 ("back to the default" stored 0), and with null first false and 0
// became null. With a list it coerces only what matches none of the types.
const Threshold = Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'] }));
export const BotSettingsBody = Type.Object({
  thresholds: Type.Optional(Type.Object({ answer: Threshold, suggest: Threshold, coverage: Threshold })),
  convertScript: Type.Optional(Type.Unsafe<boolean | null>({ type: ['boolean', 'null'] })),
});
export type BotSettingsBody = Static<typeof BotSettingsBody>;
// Every threshold, as the form holds them: a preview of "what if", nothing stored. Any agent
// may ask (it changes nothing); the 0..1 and suggest ≤ answer rules are settings.ts's.
const Candidate = Type.Number();
export const BotPreviewBody = Type.Object({ thresholds: Type.Object({ answer: Candidate, suggest: Candidate, coverage: Candidate }) }, { additionalProperties: false });
export type BotPreviewBody = Static<typeof BotPreviewBody>;
/** `POST /api/sites/:key/faq/translation-links`: link these pairs (as suggested, or edited). */
export const LinkBody = Type.Object({
  links: Type.Array(Type.Object({ topic: Text(200), ids: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 2, maxItems: 2 }) }), { minItems: 1, maxItems: 1000 }),
});
export type LinkBody = Static<typeof LinkBody>;

/**
 * An import is the file's bytes, not JSON holding its text: the server then checks the
 * encoding itself (a Big5 "CSV" gets "save it as UTF-8", not mojibake) and counts lines as
 * the owner's editor does. text/csv is not a CORS "simple" type, so a foreign page cannot
 * send it without a preflight we never answer: the reason the app refuses text/plain holds.
 * 8 MB fits the largest FAQ a file may hold (2,000 entries) with room to spare.
 */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;
const IMPORT_TYPES: Record<string, FaqFormat> = { 'application/json': 'json', 'text/csv': 'csv' };
const DEFAULT_UNANSWERED = 100;
const GROUP_NAMES: Record<LangGroup, string> = { en: 'English', zh: 'Chinese', th: 'Thai' };

interface Deps {
  agents: AgentService;
  store: Store;
  registry: FaqRegistry;
  clock: Clock;
}

/** Registers the routes in their own encapsulated scope, behind the agent gate. */
export async function registerConsoleFaq(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    guardAgentRoutes(scope, deps.agents);
    routes(scope, deps);
    await scope.register(async (imports) => {
      imports.removeAllContentTypeParsers();
      imports.addContentTypeParser(Object.keys(IMPORT_TYPES), { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));
      importRoute(imports, deps);
    });
  });
}

function routes(app: FastifyInstance, { store, registry, clock }: Deps): void {
  const insights = new FaqInsights(store, registry);
  const siteOf = async (key: string): Promise<Site> => {
    const site = await store.getSiteByKey(key);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', key);
    return site;
  };

  app.get('/api/sites', async () => {
    const sites: ConsoleSite[] = (await store.listSites()).map(({ key, name }) => ({ key, name }));
    return { sites };
  });

  app.get<{ Params: Static<typeof SiteParams> }>('/api/sites/:key/faq', { schema: { params: SiteParams } }, async (request) => {
    const site = await siteOf(request.params.key);
    const body: ConsoleFaq = {
      site: { key: site.key, name: site.name },
      entries: (await insights.entries(site.id)).map(({ entry, stats }) => ({ ...entryData(entry), stats })),
    };
    return body;
  });

  app.post<{ Params: Static<typeof SiteParams>; Body: FaqEntryBody }>(
    '/api/sites/:key/faq',
    { schema: { params: SiteParams, body: FaqEntryBody } },
    async (request, reply) => {
      const site = await siteOf(request.params.key);
      const entry = checkEntry(request.body);
      if (!entry.ok) return refuse(reply, entry.error, { fields: entry.fields });
      if (await registry.entry(site.id, entry.entry.id)) throw deskbellError('DESKBELL_FAQ_ENTRY_EXISTS', entry.entry.id);
      const clash = await topicClash(registry, site.id, entry.entry);
      if (clash) return refuse(reply, clash.error, { fields: clash.fields });
      const stored = await registry.upsert(site.id, entry.entry);
      request.log.info({ agentId: request.agent?.id, site: site.key, faqId: stored.id }, 'faq entry added');
      return reply.status(201).send({ entry: entryData(stored) });
    },
  );

  app.put<{ Params: Static<typeof EntryParams>; Body: FaqEntryBody }>(
    '/api/sites/:key/faq/:id',
    { schema: { params: EntryParams, body: FaqEntryBody } },
    async (request, reply) => {
      const site = await siteOf(request.params.key);
      const { id } = request.params;
      if (!(await registry.entry(site.id, id))) throw deskbellError('DESKBELL_FAQ_ENTRY_NOT_FOUND', id);
      const given = request.body.id?.trim();
      if (given && given !== id) {
        const reason = `the id cannot be changed (it is "${id}"); add a new entry and delete this one instead`;
        return refuse(reply, deskbellError('DESKBELL_FAQ_ENTRY_INVALID', reason), { fields: [{ field: 'id', reason }] });
      }
      const entry = checkEntry({ ...request.body, id });
      if (!entry.ok) return refuse(reply, entry.error, { fields: entry.fields });
      const clash = await topicClash(registry, site.id, entry.entry);
      if (clash) return refuse(reply, clash.error, { fields: clash.fields });
      const stored = await registry.upsert(site.id, entry.entry);
      request.log.info({ agentId: request.agent?.id, site: site.key, faqId: id }, 'faq entry changed');
      return { entry: entryData(stored) };
    },
  );

  // Teaching the bot a shopper's wording: the question becomes one more phrasing of the entry
  // that answers it (phrasings are what the matcher learns from: docs/faq-matcher.md). Its own
  // route, not a PUT of the whole entry from the console's copy, so an edit made meanwhile in
  // another tab is not overwritten.
  app.post<{ Params: Static<typeof EntryParams>; Body: PhrasingBody }>(
    '/api/sites/:key/faq/:id/phrasings',
    { schema: { params: EntryParams, body: PhrasingBody } },
    async (request, reply) => {
      const site = await siteOf(request.params.key);
      const { id } = request.params;
      const entry = await registry.entry(site.id, id);
      if (!entry) throw deskbellError('DESKBELL_FAQ_ENTRY_NOT_FOUND', id);
      const text = request.body.text.trim();
      const written = langGroup(detectLang(text));
      const group = langGroup(entry.lang);
      if (!text) {
        const reason = 'the question is empty';
        return refuse(reply, deskbellError('DESKBELL_FAQ_ENTRY_INVALID', reason), { fields: [{ field: 'phrasings', reason }] });
      }
      // A question is matched within its own script's group (en, zh, th): in another's it would never be found.
      if (written !== group) {
        const reason = `the question is in ${GROUP_NAMES[written]} and this entry in ${GROUP_NAMES[group]}: add it to an entry in ${GROUP_NAMES[written]}, or make one from it`;
        return refuse(reply, deskbellError('DESKBELL_FAQ_ENTRY_INVALID', reason), { fields: [{ field: 'phrasings', reason }] });
      }
      const known = [entry.question, ...entry.phrasings].some((t) => questionKey(t) === questionKey(text));
      if (known) return { entry: entryData(entry), added: false } satisfies PhrasingAdded;
      const { lang, question, phrasings, keywords, answer, tags, enabled, topic } = entry;
      const checked = checkEntry({ id, lang, question, phrasings: [...phrasings, text], keywords, answer, tags, enabled, topic: topic ?? null });
      if (!checked.ok) return refuse(reply, checked.error, { fields: checked.fields });
      const stored = await registry.upsert(site.id, checked.entry);
      request.log.info({ agentId: request.agent?.id, site: site.key, faqId: id }, 'faq phrasing added');
      return { entry: entryData(stored), added: true } satisfies PhrasingAdded;
    },
  );

  app.delete<{ Params: Static<typeof EntryParams> }>('/api/sites/:key/faq/:id', { schema: { params: EntryParams } }, async (request) => {
    const site = await siteOf(request.params.key);
    if (!(await registry.remove(site.id, request.params.id))) throw deskbellError('DESKBELL_FAQ_ENTRY_NOT_FOUND', request.params.id);
    request.log.info({ agentId: request.agent?.id, site: site.key, faqId: request.params.id }, 'faq entry deleted');
    return { ok: true };
  });

  app.get<{ Params: Static<typeof SiteParams>; Querystring: Static<typeof ExportQuery> }>(
    '/api/sites/:key/faq/export',
    { schema: { params: SiteParams, querystring: ExportQuery } },
    async (request, reply) => {
      const site = await siteOf(request.params.key);
      const format = request.query.format ?? 'json';
      const filename = `faq-${site.key.replace(/[^A-Za-z0-9_.-]/g, '_')}.${format}`;
      return reply
        .header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${filename}"`)
        .send(formatFaq(await registry.entries(site.id), format));
    },
  );

  app.post<{ Params: Static<typeof SiteParams>; Body: TryBody }>(
    '/api/sites/:key/faq/try',
    { schema: { params: SiteParams, body: TryBody } },
    async (request) => {
      const site = await siteOf(request.params.key);
      const { question, lang } = request.body;
      // Read as the bot reads a shopper's message: the chosen widget language only picks the
      // Chinese script; what is written decides the rest ("detect": the script alone).
      const reader = readerLang(lang ?? null, question);
      // As the bot does: a pleasantry is answered in kind, in the widget's language if chosen.
      const talk = smallTalk(question);
      if (talk !== null) {
        const speaks = lang ?? reader;
        return { decision: 'none', lang: speaks, matches: [], inKind: replyInKind(talk, speaks) } satisfies FaqTryResult;
      }
      // As `deskbell faq ask`: a blank question matches nothing rather than being refused.
      const result: MatchResult = question.trim() === '' ? { decision: 'none', matches: [] } : await registry.match(site.id, question, reader);
      return shopperView(registry, site.id, result, reader);
    },
  );

  app.get<{ Params: Static<typeof SiteParams>; Querystring: Static<typeof UnansweredQuery> }>(
    '/api/sites/:key/faq/unanswered',
    { schema: { params: SiteParams, querystring: UnansweredQuery } },
    async (request) => {
      const site = await siteOf(request.params.key);
      const report: UnansweredReport = await insights.unanswered(site.id, request.query.limit ?? DEFAULT_UNANSWERED);
      return report;
    },
  );

  app.get<{ Params: Static<typeof SiteParams>; Querystring: Static<typeof UnansweredQuery> }>(
    '/api/sites/:key/faq/learned',
    { schema: { params: SiteParams, querystring: UnansweredQuery } },
    async (request) => {
      const site = await siteOf(request.params.key);
      const report: LearnedReport = { phrasings: await insights.learned(site.id, request.query.limit ?? DEFAULT_UNANSWERED) };
      return report;
    },
  );

  // Dismissing: "this needs no entry" (unanswered) or "not what they meant" (a pick). Any agent
  // may, as they may edit the FAQ. The reports keep counting every asking.
  const dismissal = async (key: string, body: DismissBody): Promise<FaqDismissal> => {
    const site = await siteOf(key);
    const faqId = body.faqId ?? '';
    const problem =
      body.list === 'learned' && !faqId ? 'say which entry the shoppers picked (faqId)'
      : body.list === 'unanswered' && faqId ? 'an unanswered question has no entry: leave out faqId'
      : !body.text.trim() ? 'the question is empty'
      : null;
    if (problem) throw deskbellError('DESKBELL_VALIDATION', problem);
    return { siteId: site.id, list: body.list, key: questionKey(body.text), faqId };
  };

  app.post<{ Params: Static<typeof SiteParams>; Body: DismissBody }>(
    '/api/sites/:key/faq/dismissals',
    { schema: { params: SiteParams, body: DismissBody } },
    async (request) => {
      const d = await dismissal(request.params.key, request.body);
      const dismissedAt = clock.now();
      const previous = await store.dismissFaqQuestion(d, dismissedAt, request.agent!.id);
      request.log.info({ agentId: request.agent?.id, site: request.params.key, list: d.list, faqId: d.faqId || undefined }, 'faq question dismissed');
      return { dismissedAt, previous } satisfies Dismissed;
    },
  );

  app.post<{ Params: Static<typeof SiteParams>; Body: UndoDismissBody }>(
    '/api/sites/:key/faq/dismissals/undo',
    { schema: { params: SiteParams, body: UndoDismissBody } },
    async (request) => {
      const d = await dismissal(request.params.key, request.body);
      await store.restoreFaqQuestion(d, request.body.previous);
      request.log.info({ agentId: request.agent?.id, site: request.params.key, list: d.list, faqId: d.faqId || undefined }, 'faq question dismissal undone');
      return { ok: true };
    },
  );

  // Finding the pairs indexes both scripts and asks every question (~0.3 s for 600 Chinese
  // entries, on the thread that serves the chats), and the console asks after every edit:
  // kept until the FAQ changes.
  const linkCache = new Map<string, { version: string; links: TranslationLink[] }>();
  app.get<{ Params: Static<typeof SiteParams> }>('/api/sites/:key/faq/translation-links', { schema: { params: SiteParams } }, async (request) => {
    const site = await siteOf(request.params.key);
    const entries = await registry.entries(site.id);
    // What the pairing reads, not times: two edits in one millisecond must not look like none.
    const version = createHash('sha1').update(JSON.stringify(entries.map((e) => [e.id, e.lang, e.topic, e.question, e.phrasings, e.keywords]))).digest('base64');
    let cached = linkCache.get(site.id);
    if (cached?.version !== version) {
      cached = { version, links: suggestTranslationLinks(entries) };
      linkCache.set(site.id, cached);
    }
    const body: TranslationLinks = { links: cached.links };
    return body;
  });

  // Linking gives both entries the topic in one import (all or nothing), nothing else of them
  // changes. Only entries with no topic yet: a link never moves an entry out of another one.
  app.post<{ Params: Static<typeof SiteParams>; Body: LinkBody }>(
    '/api/sites/:key/faq/translation-links',
    { schema: { params: SiteParams, body: LinkBody } },
    async (request) => {
      const site = await siteOf(request.params.key);
      const entries: FaqEntryInput[] = [];
      for (const { topic, ids } of request.body.links) {
        for (const id of ids) {
          const entry = await registry.entry(site.id, id);
          if (!entry) throw deskbellError('DESKBELL_FAQ_ENTRY_NOT_FOUND', id);
          if (entry.topic !== undefined) throw deskbellError('DESKBELL_VALIDATION', `${id} is already linked (topic "${entry.topic}"); change it in the entry instead`);
          const { lang, question, phrasings, keywords, answer, tags, enabled } = entry;
          const checked = checkEntry({ id, lang, question, phrasings, keywords, answer, tags, enabled, topic });
          if (!checked.ok) throw deskbellError('DESKBELL_VALIDATION', checked.fields.map((f) => f.reason).join('; '));
          entries.push(checked.entry);
        }
      }
      const result = await registry.import(site.id, entries);
      request.log.info({ agentId: request.agent?.id, site: site.key, links: request.body.links.length }, 'faq translations linked');
      return { linked: request.body.links.length, updated: result.updated };
    },
  );

  app.get<{ Params: Static<typeof SiteParams> }>('/api/sites/:key/bot-settings', { schema: { params: SiteParams } }, async (request) => {
    const site = await siteOf(request.params.key);
    return settingsView(await registry.settings(site.id));
  });

  app.put<{ Params: Static<typeof SiteParams>; Body: BotSettingsBody }>(
    '/api/sites/:key/bot-settings',
    { schema: { params: SiteParams, body: BotSettingsBody } },
    async (request) => {
      requireManager(request.agent!, "change the bot's settings");
      const site = await siteOf(request.params.key);
      const settings = await registry.updateSettings(site.id, request.body);
      request.log.info({ agentId: request.agent?.id, site: site.key, thresholds: settings.thresholds, convertScript: settings.convertScript }, 'bot settings changed');
      return settingsView(settings);
    },
  );

  app.post<{ Params: Static<typeof SiteParams>; Body: BotPreviewBody }>(
    '/api/sites/:key/bot-settings/preview',
    { schema: { params: SiteParams, body: BotPreviewBody } },
    async (request) => {
      const site = await siteOf(request.params.key);
      return registry.preview(site.id, checkThresholds(request.body.thresholds));
    },
  );
}

function importRoute(app: FastifyInstance, { store, registry }: Deps): void {
  app.post<{ Params: Static<typeof SiteParams>; Querystring: Static<typeof ImportQuery>; Body: Buffer | undefined }>(
    '/api/sites/:key/faq/import',
    { schema: { params: SiteParams, querystring: ImportQuery } },
    async (request, reply) => {
      const site = await store.getSiteByKey(request.params.key);
      if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', request.params.key);
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const format = request.query.format ?? IMPORT_TYPES[type] ?? 'json';
      const bytes = request.body ?? Buffer.alloc(0);
      const decoded = bytes.length === 0 ? emptyFile(format) : decodeFaqFile(bytes);
      const parsed = decoded.ok ? parseFaq(decoded.text, format) : decoded;
      if (!parsed.ok) return refuseImport(reply, parsed.errors);
      if (parsed.entries.length === 0) return refuseImport(reply, [{ line: 1, reason: 'the file has no entries' }]);
      const replace = request.query.replace === '1' || request.query.replace === 'true';
      const clashes = topicClashes(parsed, await registry.entries(site.id), replace);
      if (clashes.length > 0) return refuseImport(reply, clashes);
      const result = await registry.import(site.id, parsed.entries, { replace });
      request.log.info({ agentId: request.agent?.id, site: site.key, entries: parsed.entries.length, replace }, 'faq imported');
      const summary: FaqImportSummary = {
        entries: parsed.entries.length,
        added: result.added,
        updated: result.updated,
        unchanged: result.unchanged,
        removed: result.removed,
      };
      return summary;
    },
  );
}

function emptyFile(format: FaqFormat): { ok: false; errors: FaqRowError[] } {
  const reason = format === 'csv' ? `the file is empty; its first line must name the columns: ${FAQ_COLUMNS.join(',')}` : 'the file is empty';
  return { ok: false, errors: [{ line: 1, reason }] };
}

function refuseImport(reply: FastifyReply, errors: FaqRowError[]): FastifyReply {
  const count = errors.length === 1 ? 'a problem' : `${errors.length} problems`;
  return refuse(reply, deskbellError('DESKBELL_FAQ_IMPORT_INVALID', count), { errors });
}

/** A catalogue error with details the console shows next to the fields or lines. */
function refuse(reply: FastifyReply, err: DeskbellError, details: Record<string, unknown>): FastifyReply {
  return reply.status(err.statusCode).send({ error: { ...errorInfo(err), ...details } });
}

function settingsView({ thresholds, convertScript }: BotSettings): BotSettingsView {
  return { thresholds, defaults: { ...DEFAULT_THRESHOLDS }, convertScript };
}

/** A match result with each candidate's question, and the answer, as the bot would show them to `reader`. */
async function shopperView(registry: FaqRegistry, siteId: string, result: MatchResult, reader: FaqLang): Promise<FaqTryResult> {
  const inScript = scriptConverter((await registry.settings(siteId)).convertScript);
  const view: FaqTryResult = { decision: result.decision, lang: reader, matches: [] };
  for (const m of result.matches) {
    const entry = await registry.entry(siteId, m.id);
    if (!entry) continue; // removed between the match and now
    const question = inScript(entry.question, entry.lang, reader);
    const shown: FaqTryMatch = { id: entry.id, lang: entry.lang, question, converted: question !== entry.question, score: m.score };
    const matched = m.matchedId === undefined ? null : await registry.entry(siteId, m.matchedId);
    if (matched) shown.matched = { id: matched.id, lang: matched.lang };
    if (view.matches.length === 0 && result.decision === 'answer') view.answer = inScript(entry.answer, entry.lang, reader);
    view.matches.push(shown);
  }
  return view;
}

function entryData(e: StoredFaqEntry): FaqEntryData {
  const { id, lang, question, phrasings, keywords, answer, tags, enabled, topic, position, createdAt, updatedAt } = e;
  return { id, lang, question, phrasings, keywords, answer, tags, enabled, ...(topic === undefined ? {} : { topic }), position, createdAt, updatedAt };
}

/** Another entry of the site already has this entry's topic in its language: a field error. */
async function topicClash(registry: FaqRegistry, siteId: string, entry: FaqEntryInput): Promise<{ error: DeskbellError; fields: FaqFieldError[] } | null> {
  if (entry.topic === undefined) return null;
  const other = (await registry.entries(siteId)).find((e) => e.id !== entry.id && e.topic === entry.topic && e.lang === entry.lang);
  if (!other) return null;
  const reason = topicTaken(entry.topic, entry.lang, `"${other.question}"`);
  return { error: deskbellError('DESKBELL_FAQ_ENTRY_INVALID', reason), fields: [{ field: 'topic', reason }] };
}

// The fields a probe fills in when it checks one field alone.
const PROBE = Object.freeze({ lang: 'en', question: 'probe', answer: 'probe' });

/**
 * One entry from a form, checked by content.ts as a file's row would be. Its reasons name
 * no field, so on failure each field is checked alone inside an otherwise valid entry: the
 * console can then show every reason next to its field, with the rules kept in one place.
 */
function checkEntry(body: FaqEntryBody): { ok: true; entry: FaqEntryInput } | { ok: false; error: DeskbellError; fields: FaqFieldError[] } {
  const whole = parseFaqEntry(body);
  if (whole.ok) return whole;
  const fields: FaqFieldError[] = [];
  for (const [field, value] of Object.entries(body)) {
    const alone = parseFaqEntry({ ...PROBE, [field]: value });
    if (!alone.ok) for (const reason of alone.reasons) fields.push({ field, reason });
  }
  // Never silent: a reason no single field explains (none today) is still reported.
  const explained = new Set(fields.map((f) => f.reason));
  for (const reason of whole.reasons) if (!explained.has(reason)) fields.push({ field: '', reason });
  return { ok: false, error: deskbellError('DESKBELL_FAQ_ENTRY_INVALID', whole.reasons.join('; ')), fields };
}
