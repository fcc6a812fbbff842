// Upload and download of attachments. The widget's routes take the shopper's token as
// `Authorization: Bearer` (never in the URL, where logs and Referer headers would keep it)
// and answer CORS for the site's origins; the console's need the agent session. Bodies are
// the raw file (`application/octet-stream`), streamed to disk with the limit enforced as the
// bytes arrive. Files are served so that none can run in a page: see fileHeaders.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { AgentService } from '../agents.js';
import type { AttachmentActor, AttachmentService } from '../attachments/service.js';
import type { ConversationService } from '../conversations.js';
import { deskbellError } from '../errors.js';
import { isOriginAllowed } from '../sites.js';
import type { Site, Store } from '../store/types.js';
import { guardAgentRoutes } from './agent-auth.js';

interface Deps {
  store: Store;
  agents: AgentService;
  conversations: ConversationService;
  attachments: AttachmentService;
}

const Name = Type.String({ minLength: 1, maxLength: 255 });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const SiteKey = Type.String({ minLength: 1, maxLength: 128 });
const WidgetUpload = Type.Object({ site: SiteKey, name: Name });
const WidgetFile = Type.Object({ site: SiteKey });
const ConsoleUpload = Type.Object({ name: Name, conversation: Type.Optional(Id) });
const FileParams = Type.Object({ id: Id });

/**
 * Served files: the type we detected (not sniffed again: nosniff), images shown, PDFs
 * downloaded, and a CSP that forbids scripts, plugins and everything else even if a file
 * were opened as a page on our origin (`sandbox` also gives it an opaque origin).
 */
function fileHeaders(reply: FastifyReply, file: { type: string; name: string; size: number }): void {
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const disposition = file.type === 'application/pdf' ? 'attachment' : 'inline';
  // RFC 8187: encodeURIComponent leaves ' ( ) * as they are; they must be encoded too.
  const encoded = encodeURIComponent(file.name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  reply
    .header('Content-Type', file.type)
    .header('Content-Length', String(file.size))
    .header('Content-Disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`)
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cross-Origin-Resource-Policy', 'same-origin')
    // An id always names the same bytes; only who may read it is checked each time.
    .header('Cache-Control', 'private, max-age=86400');
}

/** How much of a refused body is still read (and thrown away) after the answer. */
const DRAIN_BYTES = 4 * 1024 * 1024;

/**
 * After a refusal the client is usually still sending. Closing at once would reset the
 * connection before it reads our 413 (it sees "connection reset" instead of "too large"), so
 * the rest is read and discarded — never stored — up to DRAIN_BYTES, then the connection is
 * closed: a client sending a gigabyte is not read to the end.
 */
function drainThenClose(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.readableEnded) return;
  let drained = 0;
  raw.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) raw.socket.destroy();
  });
  raw.resume();
}

function declaredLength(request: FastifyRequest): number | null {
  const raw = request.headers['content-length'];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** The raw body, or "only files" for anything else (a JSON or form body reaching the route). */
function fileBody(request: FastifyRequest): Readable {
  const body = request.body as unknown;
  if (body === null || typeof body !== 'object' || typeof (body as Readable).pipe !== 'function') throw deskbellError('DESKBELL_ATTACHMENT_TYPE');
  return body as Readable;
}

export async function registerAttachments(app: FastifyInstance, deps: Deps): Promise<void> {
  const { store, conversations, attachments } = deps;

  // ---- the widget (shop pages, cross-origin) ----
  await app.register(async (scope) => {
    // The raw stream, unread: the site's limit is enforced on it while it is written to disk
    // (Fastify's 64 KB bodyLimit applies only to the bodies it reads itself, such as JSON).
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

    const allowedSite = async (request: FastifyRequest, reply: FastifyReply, key: string): Promise<Site> => {
      const origin = request.headers.origin;
      if (origin) reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
      const site = await store.getSiteByKey(key);
      if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', key);
      if (!isOriginAllowed(site, origin)) throw deskbellError('DESKBELL_ORIGIN_NOT_ALLOWED', String(origin), String(origin));
      return site;
    };
    const visitorOf = async (request: FastifyRequest, site: Site): Promise<AttachmentActor> => {
      const auth = request.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
      if (!token || token.length > 512) throw deskbellError('DESKBELL_TOKEN_INVALID');
      const visitor = await conversations.resolveVisitor(site, token);
      return { kind: 'visitor', visitorId: visitor.id };
    };
    // The browser asks first (a cross-origin request with Authorization): allow the site's origins.
    const preflight = async (request: FastifyRequest<{ Querystring: { site: string } }>, reply: FastifyReply): Promise<void> => {
      await allowedSite(request, reply, request.query.site);
      reply
        .header('Access-Control-Allow-Methods', 'GET, POST')
        .header('Access-Control-Allow-Headers', 'Authorization, Content-Type')
        .header('Access-Control-Max-Age', '600')
        .code(204)
        .send();
    };
    scope.options('/api/widget/attachments', { schema: { querystring: WidgetFile } }, preflight);
    scope.options('/api/widget/attachments/:id', { schema: { querystring: WidgetFile, params: FileParams } }, preflight);

    scope.post<{ Querystring: Static<typeof WidgetUpload> }>('/api/widget/attachments',
      { schema: { querystring: WidgetUpload } },
      async (request, reply) => {
        const site = await allowedSite(request, reply, request.query.site);
        const actor = await visitorOf(request, site);
        return upload(request, reply, { siteId: site.id, actor, name: request.query.name });
      });
    scope.get<{ Querystring: Static<typeof WidgetFile>; Params: Static<typeof FileParams> }>('/api/widget/attachments/:id',
      { schema: { querystring: WidgetFile, params: FileParams } },
      async (request, reply) => {
        const site = await allowedSite(request, reply, request.query.site);
        return serve(reply, request.params.id, await visitorOf(request, site));
      });
  });

  // ---- the console (same origin, agent session) ----
  await app.register(async (scope) => {
    guardAgentRoutes(scope, deps.agents);
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    scope.post<{ Querystring: Static<typeof ConsoleUpload> }>('/api/console/attachments',
      { schema: { querystring: ConsoleUpload } },
      async (request, reply) => {
        const agent = request.agent!;
        // A file for a conversation counts against its site's limit; one for a canned reply, the default.
        const conversationId = request.query.conversation;
        const conversation = conversationId === undefined ? null : await store.getConversation(conversationId);
        if (conversationId !== undefined && !conversation) throw deskbellError('DESKBELL_CONVERSATION_NOT_FOUND', conversationId);
        return upload(request, reply, { siteId: conversation?.siteId ?? null, actor: { kind: 'agent', agentId: agent.id }, name: request.query.name });
      });
    scope.get<{ Params: Static<typeof FileParams> }>('/api/console/attachments/:id', { schema: { params: FileParams } },
      async (request, reply) => serve(reply, request.params.id, { kind: 'agent', agentId: request.agent!.id }));
  });

  async function upload(request: FastifyRequest, reply: FastifyReply, o: { siteId: string | null; actor: AttachmentActor; name: string }): Promise<unknown> {
    try {
      const attachment = await attachments.upload(fileBody(request), { ...o, declaredLength: declaredLength(request) });
      return reply.code(201).send({ attachment });
    } catch (err) {
      drainThenClose(request);
      throw err;
    }
  }

  async function serve(reply: FastifyReply, id: string, actor: AttachmentActor): Promise<unknown> {
    const { attachment, stream, size } = await attachments.open(id, actor);
    fileHeaders(reply, { type: attachment.type, name: attachment.name, size });
    return reply.send(stream);
  }
}
