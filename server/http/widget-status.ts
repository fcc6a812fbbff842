// POST /api/widget/status?site=KEY, body: the visitor token as text/plain. The loader asks
// this on a returning shopper's page view, to load the chat only when their conversation
// needs it (docs/decisions/loader.md). text/plain keeps it a simple request (no CORS
// preflight) and the token out of URLs and access logs. A bad token is refused like on
// the socket: the widget then simply starts fresh when the shopper opens the chat.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ConversationService } from '../conversations.js';
import { deskbellError } from '../errors.js';
import type { WidgetStatus } from '../protocol.js';
import { isOriginAllowed } from '../sites.js';
import type { Store } from '../store/types.js';

const Query = Type.Object({ site: Type.String({ minLength: 1, maxLength: 128 }) });
const Token = Type.String({ minLength: 1, maxLength: 2048 });
/** Enough for a badge ("9+"); the count is never walked further. */
const UNREAD_CAP = 100;

export async function registerWidgetStatus(app: FastifyInstance, store: Store, conversations: ConversationService): Promise<void> {
  // text/plain is refused everywhere else (app.ts: it is the CSRF-prone simple request); this
  // read-only route, which uses no cookie, accepts it in its own scope.
  await app.register(async (scope) => {
    scope.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));
    registerRoute(scope, store, conversations);
  });
}

function registerRoute(app: FastifyInstance, store: Store, conversations: ConversationService): void {
  app.post<{ Querystring: Static<typeof Query>; Body: string }>('/api/widget/status', { schema: { querystring: Query, body: Token } }, async (request, reply) => {
    const origin = request.headers.origin;
    if (origin) reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    const site = await store.getSiteByKey(request.query.site);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', request.query.site);
    if (!isOriginAllowed(site, origin)) throw deskbellError('DESKBELL_ORIGIN_NOT_ALLOWED', String(origin), String(origin));
    reply.header('Cache-Control', 'no-store');
    const visitor = await conversations.resolveVisitor(site, request.body);
    const conversation = await store.getLatestConversation(visitor.id);
    const status: WidgetStatus = { unread: 0, live: false };
    if (!conversation) return status;
    if (conversation.lastSeq > conversation.visitorReadSeq) {
      const newer = await store.listMessages(conversation.id, conversation.visitorReadSeq, UNREAD_CAP);
      status.unread = newer.filter((m) => m.author !== 'visitor').length;
    }
    status.live = conversation.status === 'open' && (conversation.routing === 'queued' || conversation.routing === 'assigned');
    return status;
  });
}
