// The console's trigger editor API (agents only): a site's proactive prompts with what each
// led to, add / edit / enable / delete / reorder, import and export as JSON; and the pages
// a chatting shopper viewed this visit. Rules are checked by server/triggers/validate.ts,
// whose reasons go back by field (a form) or by rule index (an import). The types below are
// the wire contract the console imports (`import type`).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AgentService } from '../agents.js';
import { deskbellError, errorInfo, type DeskbellError } from '../errors.js';
import type { ErrorInfo, TriggerRule } from '../protocol.js';
import type { PageViewRecord, StoredTrigger, TriggerStats } from '../store/triggers.js';
import type { Site, Store } from '../store/types.js';
import { checkTrigger, checkTriggerList, type TriggerFieldError } from '../triggers/validate.js';
import { guardAgentRoutes } from './agent-auth.js';

export interface ConsoleTrigger extends TriggerRule {
  position: number;
  createdAt: number;
  updatedAt: number;
  stats: Omit<TriggerStats, 'triggerId'>;
}
/** `GET /api/sites/:key/triggers` */
export interface ConsoleTriggers {
  site: { key: string; name: string };
  triggers: ConsoleTrigger[];
}
export type TriggerInvalid = { error: ErrorInfo & { fields: TriggerFieldError[] } };
export type TriggerImportInvalid = { error: ErrorInfo & { errors: Array<TriggerFieldError & { index: number }> } };
/** `GET /api/conversations/:id/journey`: the shopper's pages this visit, oldest first. */
export interface ConversationJourney {
  pages: PageViewRecord[];
}
export type { TriggerFieldError, TriggerStats };

const SiteParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 128 }) });
const RuleParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 128 }), id: Type.String({ minLength: 1, maxLength: 64 }) });
// The shape is checked by checkTrigger, whose messages a shop owner can act on.
const RuleBody = Type.Object({}, { additionalProperties: true });
const ImportBody = Type.Array(Type.Unknown(), { maxItems: 1000 });
export const OrderBody = Type.Object({ ids: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 }) });
export const EnableBody = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });
const ConversationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const EMPTY_STATS = Object.freeze({ shown: 0, dismissed: 0, clicked: 0, replied: 0, conversations: 0, handoffs: 0 });
const JOURNEY_PAGES = 50;

export async function registerConsoleTriggers(app: FastifyInstance, deps: { agents: AgentService; store: Store }): Promise<void> {
  await app.register(async (scope) => {
    guardAgentRoutes(scope, deps.agents);
    routes(scope, deps.store);
  });
}

function routes(app: FastifyInstance, store: Store): void {
  const siteOf = async (key: string): Promise<Site> => {
    const site = await store.getSiteByKey(key);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', key);
    return site;
  };
  const view = async (site: Site): Promise<ConsoleTriggers> => {
    const stats = new Map((await store.listTriggerStats(site.id)).map(({ triggerId, ...s }) => [triggerId, s]));
    const triggers = (await store.listTriggers(site.id)).map((t) => ({ ...data(t), stats: stats.get(t.rule.id) ?? { ...EMPTY_STATS } }));
    return { site: { key: site.key, name: site.name }, triggers };
  };
  const log = (request: { log: FastifyInstance['log']; agent: { id: string } | null }, site: Site, what: string, extra: object = {}): void =>
    request.log.info({ agentId: request.agent?.id, site: site.key, ...extra }, what);

  app.get<{ Params: Static<typeof SiteParams> }>('/api/sites/:key/triggers', { schema: { params: SiteParams } }, async (request) => view(await siteOf(request.params.key)));

  app.post<{ Params: Static<typeof SiteParams>; Body: Record<string, unknown> }>(
    '/api/sites/:key/triggers',
    { schema: { params: SiteParams, body: RuleBody } },
    async (request, reply) => {
      const site = await siteOf(request.params.key);
      const checked = checkTrigger(request.body);
      if (!checked.ok) return refuseRule(reply, checked.errors);
      if (await store.getTrigger(site.id, checked.rule.id)) throw deskbellError('DESKBELL_TRIGGER_EXISTS', checked.rule.id);
      const stored = await store.saveTrigger(site.id, checked.rule);
      log(request, site, 'trigger added', { triggerId: stored.rule.id });
      return reply.status(201).send({ trigger: data(stored) });
    },
  );

  app.put<{ Params: Static<typeof RuleParams>; Body: Record<string, unknown> }>(
    '/api/sites/:key/triggers/:id',
    { schema: { params: RuleParams, body: RuleBody } },
    async (request, reply) => {
      const site = await siteOf(request.params.key);
      const { id } = request.params;
      if (!(await store.getTrigger(site.id, id))) throw deskbellError('DESKBELL_TRIGGER_NOT_FOUND', id);
      const given = request.body.id;
      if (given !== undefined && given !== '' && given !== id) {
        return refuseRule(reply, [{ field: 'id', reason: `the id cannot be changed (it is "${id}"); add a new rule and delete this one instead` }]);
      }
      const checked = checkTrigger({ ...request.body, id });
      if (!checked.ok) return refuseRule(reply, checked.errors);
      const stored = await store.saveTrigger(site.id, checked.rule);
      log(request, site, 'trigger changed', { triggerId: id });
      return { trigger: data(stored) };
    },
  );

  app.patch<{ Params: Static<typeof RuleParams>; Body: Static<typeof EnableBody> }>(
    '/api/sites/:key/triggers/:id',
    { schema: { params: RuleParams, body: EnableBody } },
    async (request) => {
      const site = await siteOf(request.params.key);
      const current = await store.getTrigger(site.id, request.params.id);
      if (!current) throw deskbellError('DESKBELL_TRIGGER_NOT_FOUND', request.params.id);
      const stored = await store.saveTrigger(site.id, { ...current.rule, enabled: request.body.enabled });
      log(request, site, request.body.enabled ? 'trigger enabled' : 'trigger disabled', { triggerId: request.params.id });
      return { trigger: data(stored) };
    },
  );

  app.delete<{ Params: Static<typeof RuleParams> }>('/api/sites/:key/triggers/:id', { schema: { params: RuleParams } }, async (request) => {
    const site = await siteOf(request.params.key);
    if (!(await store.deleteTrigger(site.id, request.params.id))) throw deskbellError('DESKBELL_TRIGGER_NOT_FOUND', request.params.id);
    log(request, site, 'trigger deleted', { triggerId: request.params.id });
    return { ok: true };
  });

  app.put<{ Params: Static<typeof SiteParams>; Body: Static<typeof OrderBody> }>(
    '/api/sites/:key/triggers-order',
    { schema: { params: SiteParams, body: OrderBody } },
    async (request) => {
      const site = await siteOf(request.params.key);
      await store.reorderTriggers(site.id, request.body.ids);
      log(request, site, 'triggers reordered');
      return view(site);
    },
  );

  app.post<{ Params: Static<typeof SiteParams>; Body: unknown[] }>(
    '/api/sites/:key/triggers/import',
    { schema: { params: SiteParams, body: ImportBody } },
    async (request, reply) => {
      const site = await siteOf(request.params.key);
      const checked = checkTriggerList(request.body);
      if (!checked.ok) {
        const count = checked.errors.length === 1 ? 'a problem' : `${checked.errors.length} problems`;
        return refuse(reply, deskbellError('DESKBELL_TRIGGER_IMPORT_INVALID', count), { errors: checked.errors });
      }
      await store.replaceTriggers(site.id, checked.rules);
      log(request, site, 'triggers imported', { rules: checked.rules.length });
      return view(site);
    },
  );

  app.get<{ Params: Static<typeof SiteParams> }>('/api/sites/:key/triggers/export', { schema: { params: SiteParams } }, async (request, reply) => {
    const site = await siteOf(request.params.key);
    return reply
      .header('Content-Disposition', `attachment; filename="triggers-${site.key.replace(/[^A-Za-z0-9_.-]/g, '_')}.json"`)
      .type('application/json; charset=utf-8')
      .send(formatTriggers(await store.listTriggers(site.id)));
  });

  app.get<{ Params: Static<typeof ConversationParams> }>('/api/conversations/:id/journey', { schema: { params: ConversationParams } }, async (request) => {
    const conversation = await store.getConversation(request.params.id);
    if (!conversation) throw deskbellError('DESKBELL_CONVERSATION_NOT_FOUND', request.params.id);
    const body: ConversationJourney = { pages: await store.listVisitPages(conversation.visitorId, JOURNEY_PAGES) };
    return body;
  });
}

/** The export format (and the import's): a JSON array of rules, in priority order. */
export function formatTriggers(triggers: StoredTrigger[]): string {
  return `${JSON.stringify(triggers.map((t) => t.rule), null, 2)}\n`;
}

function data(t: StoredTrigger): Omit<ConsoleTrigger, 'stats'> {
  return { ...t.rule, position: t.position, createdAt: t.createdAt, updatedAt: t.updatedAt };
}

function refuseRule(reply: FastifyReply, fields: TriggerFieldError[]): FastifyReply {
  const summary = fields.map((f) => (f.field ? `${f.field}: ${f.reason}` : f.reason)).join('; ');
  return refuse(reply, deskbellError('DESKBELL_TRIGGER_INVALID', summary), { fields });
}

function refuse(reply: FastifyReply, err: DeskbellError, details: Record<string, unknown>): FastifyReply {
  return reply.status(err.statusCode).send({ error: { ...errorInfo(err), ...details } });
}
