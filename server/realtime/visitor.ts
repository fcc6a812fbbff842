// The /visitor namespace: a shopper's widget. The handshake proves the site (query `site`,
// origin checked) and the visitor (auth `token`, or none for a new visitor); after that
// every event acts only on that visitor's own conversation.
import type { FastifyBaseLogger } from 'fastify';
import type { Namespace, Socket } from 'socket.io';
import type { ConversationService } from '../conversations.js';
import { deskbellError, errorInfo, isDeskbellError, type DeskbellError } from '../errors.js';
import type { Presence } from '../presence.js';
import type { BotService } from '../bot.js';
import type { IdentifyService } from '../routing/identify.js';
import { transcript } from '../routing/transcript.js';
import type { VisitTrail } from '../routing/visit-trail.js';
import {
  BotChoose,
  BotFeedback,
  ConversationRef,
  PageView,
  HandoffRequest,
  Identify,
  LeaveMessage,
  RateConversation,
  ReadUpTo,
  TypingSet,
  LANGS,
  VISITOR_EVENTS,
  VisitorAuth,
  VisitorSend,
  VisitorSync,
  VisitLink,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '../protocol.js';
import { isOriginAllowed } from '../sites.js';
import type { Site, Store, Visitor } from '../store/types.js';
import { guardSocket, handle } from './guard.js';
import { rooms } from './rooms.js';
import { parsePayload } from './validate.js';
import { registerVisitorHistory } from './visitor-history.js';

export interface VisitorSocketData {
  site: Site;
  visitor: Visitor;
  /** The latest Deskbell.identify() claim on this connection, re-checked on every write. */
  identity?: Identify;
}
export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<never, never>, VisitorSocketData>;
type VisitorSocket = Socket<VisitorClientEvents, VisitorServerEvents, Record<never, never>, VisitorSocketData>;

interface Deps {
  store: Store;
  conversations: ConversationService;
  bot: BotService;
  identify: IdentifyService;
  /** The pages of this visit, for the shopper panel. */
  trail: VisitTrail;
  presence: Presence;
  log: FastifyBaseLogger;
  now: () => number;
  /** The agents room, to tell the console a visitor came or went. */
  onPresenceChange: (visitorId: string) => void;
  /** Tells the console the shopper is typing. */
  toAgentsTyping: (conversationId: string, typing: boolean) => void;
}

/** A connect_error the widget can act on: `err.data` is `{ code, message }`. */
function refusal(err: DeskbellError): Error & { data: { code: string; message: string } } {
  return Object.assign(new Error(err.message), { data: errorInfo(err) });
}

export function setupVisitorNamespace(nsp: VisitorNamespace, deps: Deps): void {
  const { store, conversations, presence, log } = deps;

  nsp.use(async (socket, next) => {
    try {
      const siteKey = socket.handshake.query.site;
      const site = typeof siteKey === 'string' ? await store.getSiteByKey(siteKey) : null;
      if (!site) return next(refusal(deskbellError('DESKBELL_SITE_UNKNOWN', String(siteKey ?? ''))));
      // Checked again here (the engine checked the handshake request) so a namespace can
      // never be joined from a page the site does not allow.
      const origin = socket.handshake.headers.origin;
      if (!isOriginAllowed(site, origin)) {
        return next(refusal(deskbellError('DESKBELL_ORIGIN_NOT_ALLOWED', String(origin), String(origin))));
      }
      const auth = parsePayload(VisitorAuth, socket.handshake.auth ?? {});
      const visitor = await conversations.resolveVisitor(site, auth.token);
      socket.data.site = site;
      socket.data.visitor = visitor;
      next();
    } catch (err) {
      const known = isDeskbellError(err) ? err : deskbellError('DESKBELL_INTERNAL');
      if (known.statusCode >= 500) log.error({ err }, 'visitor handshake failed');
      else log.info({ code: known.code }, 'visitor handshake refused');
      next(refusal(known));
    }
  });

  nsp.on('connection', (socket: VisitorSocket) => {
    const { visitor } = socket.data;
    guardSocket(socket, VISITOR_EVENTS, log, deps.now);
    void socket.join(rooms.visitor(visitor.id));
    presence.visitorConnected(visitor.id);
    deps.onPresenceChange(visitor.id);
    socket.on('disconnect', () => {
      presence.visitorDisconnected(visitor.id);
      deps.onPresenceChange(visitor.id);
    });

    handle(socket, 'session:sync', VisitorSync, log, (req) => {
      if (req.page) deps.trail.record(visitor.id, req.page, deps.now());
      return conversations.visitorSync(visitor, req);
    });
    const recheck = (): Promise<void> => deps.identify.recheck(socket.data.site, visitor, socket.data.identity);
    handle(socket, 'message:send', VisitorSend, log, async (req) => {
      await recheck();
      return { message: await conversations.visitorSend(visitor, req.clientId, req.body, req.attachments) };
    });
    handle(socket, 'identify', Identify, log, async (req) => {
      socket.data.identity = req;
      return deps.identify.identify(socket.data.site, visitor, req);
    });
    handle(socket, 'typing:set', TypingSet, log, async (req) => {
      const conversation = await store.getLatestConversation(visitor.id);
      if (conversation?.status === 'open') {
        deps.toAgentsTyping(conversation.id, req.typing);
      }
      return {};
    });
    handle(socket, 'page:view', PageView, log, async (req) => {
      deps.trail.record(visitor.id, req, deps.now());
      await conversations.visitorPage(visitor, req);
      return {};
    });
    handle(socket, 'messages:read', ReadUpTo, log, async (req) => {
      await conversations.visitorRead(visitor, req.conversationId, req.seq);
      return {};
    });
    handle(socket, 'bot:feedback', BotFeedback, log, async (req) => {
      await deps.bot.feedback(visitor, req.messageId, req.helpful);
      return {};
    });
    handle(socket, 'bot:choose', BotChoose, log, async (req) => {
      await deps.bot.choose(visitor, req.messageId, req.faqId);
      return {};
    });
    handle(socket, 'message:leave', LeaveMessage, log, async (req) => {
      await recheck();
      return { message: await conversations.leaveMessage(visitor, req.clientId, req.email, req.body) };
    });
    handle(socket, 'conversation:transcript', ConversationRef, log, async (req) => {
      await conversations.ownConversation(visitor, req.conversationId);
      return transcript(store, req.conversationId, LANGS.find((l) => l === visitor.lang) ?? 'en');
    });
    handle(socket, 'conversation:rate', RateConversation, log, async (req) => {
      await conversations.rate(visitor, req.conversationId, req.rating, req.comment);
      return {};
    });
    handle(socket, 'handoff:request', HandoffRequest, log, async () => {
      await deps.bot.requestHandoff(visitor);
      return {};
    });
    registerVisitorHistory(socket, visitor, { store, conversations, log });
    handle(socket, 'visit:link', VisitLink, log, async (req) => {
      await store.linkVisit(socket.data.site.id, req.anon, visitor.id, req.trigger);
      return {};
    });
  });
}
