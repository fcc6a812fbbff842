// Socket.IO on the Fastify server's port: the engine-level origin check, the two namespaces,
// and the fan-out of domain events to the rooms that should hear them.
import type { FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AgentService } from '../agents.js';
import type { BotService } from '../bot.js';
import type { ConversationService } from '../conversations.js';
import type { EventBus } from '../events.js';
import { remoteAddress, type IpLimiter } from '../ip-limits.js';
import type { Presence } from '../presence.js';
import type { Router } from '../routing/router.js';
import { ShopperPanels } from '../routing/shopper-panel.js';
import { IdentifyService } from '../routing/identify.js';
import { VisitTrail } from '../routing/visit-trail.js';
import { isOriginAllowed } from '../sites.js';
import type { Store } from '../store/types.js';
import { messageView } from '../views.js';
import { setupAgentNamespace, type AgentNamespace } from './agent.js';
import { rooms } from './rooms.js';
import { setupVisitorNamespace, type VisitorNamespace } from './visitor.js';
import { sameOrigin } from './origin.js';
import { fanOutRouting } from './routing.js';
import { replyEmailView } from '../routing/email-replies.js';
import type { RefusedOrigins } from '../refused-origins.js';

export interface RealtimeDeps {
  httpServer: HttpServer;
  store: Store;
  agents: AgentService;
  conversations: ConversationService;
  bot: BotService;
  presence: Presence;
  events: EventBus;
  router: Router;
  log: FastifyBaseLogger;
  now: () => number;
  /** True once shutdown began: disconnects then are not news to announce. */
  isClosing: () => boolean;
  /** Registers work to stop when the server shuts down. */
  onShutdown: (stop: () => void) => void;
  /** New connections per address (the handshake; later polls of a session are not counted). */
  ipLimiter: IpLimiter;
  trustProxy: boolean;
  /** SMTP is set up: replies to left messages also go by email (the shopper panel says so). */
  emailReplies?: boolean;
  /** Pages refused for their domain, shown to managers in the site settings. */
  refusedOrigins: RefusedOrigins;
  /** `--public-url`, for the script tag in the site settings; null: the console uses its own address. */
  publicUrl: string | null;
}

/**
 * 32 KB: the largest valid message is 4,000 characters that JSON escapes to 6 bytes each
 * (control characters), 24 KB, plus the packet around it. Anything bigger is not a message.
 */
export const MAX_SOCKET_PAYLOAD_BYTES = 32 * 1024;

export function createRealtime(deps: RealtimeDeps): Server {
  const { store, conversations, presence, events, log } = deps;
  const io = new Server(deps.httpServer, {
    path: '/socket.io',
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    // The origin check happens in allowRequest, per site; CORS only needs to reflect it
    // for the polling transport. No credentials: the widget authenticates with its token.
    cors: { origin: true, credentials: false },
    // Checked on the handshake itself, for both polling and WebSocket: CORS does not guard
    // WebSockets, and a page the site does not allow must not even open an engine session.
    allowRequest: (req, callback) => {
      if (!deps.ipLimiter.take(remoteAddress(req, deps.trustProxy))) {
        callback('too many connections from this address; retry in a few seconds', false);
        return;
      }
      allowHandshake(req, store)
        .then((ok) => callback(ok ? null : 'origin not allowed', ok))
        .catch((err: unknown) => {
          log.error({ err }, 'handshake check failed');
          callback('internal error', false);
        });
    },
    // Our own ids and sequence numbers are the delivery guarantee; Socket.IO's in-memory
    // connection-state recovery is not enabled (a restart loses it, and it skips middleware).
  });

  const visitorNsp = io.of('/visitor') as VisitorNamespace;
  const agentNsp = io.of('/agent') as AgentNamespace;

  const announceConversation = async (conversationId: string): Promise<void> => {
    agentNsp.to(rooms.agents).emit('conversation:update', await conversations.summary(conversationId));
  };

  const trail = new VisitTrail();
  const identify = new IdentifyService(store, { now: deps.now }, (v) => conversations.tokenFor(v));
  setupVisitorNamespace(visitorNsp, {
    identify,
    trail,
    store,
    conversations,
    bot: deps.bot,
    presence,
    log,
    now: deps.now,
    onPresenceChange: (visitorId) => {
      if (deps.isClosing()) return;
      void store.getLatestConversation(visitorId).then((c) => (c ? announceConversation(c.id) : undefined)).catch((err: unknown) => {
        log.error({ err }, 'presence announcement failed');
      });
    },
    toAgentsTyping: (conversationId, typing) => {
      agentNsp.to(rooms.agents).emit('typing:update', { conversationId, typing });
    },
  });
  setupAgentNamespace(agentNsp, {
    routing: { store, router: deps.router, conversations, panels: new ShopperPanels(store, deps.emailReplies ?? false, trail, deps.now), events, identify, log, refusedOrigins: deps.refusedOrigins, publicUrl: deps.publicUrl },
    onShutdown: deps.onShutdown,
    agents: deps.agents,
    conversations,
    presence,
    log,
    now: deps.now,
    toVisitorTyping: async (conversationId, typing, name) => {
      const conversation = await store.getConversation(conversationId);
      if (!conversation) return;
      visitorNsp.to(rooms.visitor(conversation.visitorId)).emit('typing:update', { conversationId, typing, name });
    },
  });

  events.on('message:stored', ({ message, conversation }) => {
    const view = messageView(message);
    visitorNsp.to(rooms.visitor(conversation.visitorId)).emit('message:new', view);
    agentNsp.to(rooms.agents).emit('message:new', view);
    void fanOutConversation(conversation.id, conversation.visitorId);
  });
  events.on('message:updated', ({ message, conversation }) => {
    const view = messageView(message);
    visitorNsp.to(rooms.visitor(conversation.visitorId)).emit('message:update', view);
    agentNsp.to(rooms.agents).emit('message:update', view);
  });
  events.on('conversation:changed', ({ conversation }) => {
    void fanOutConversation(conversation.id, conversation.visitorId);
  });
  events.on('visitor:lang', ({ visitorId, lang }) => {
    visitorNsp.to(rooms.visitor(visitorId)).emit('visitor:lang', { lang });
  });
  events.on('email:changed', ({ email }) => {
    agentNsp.to(rooms.agents).emit('email:status', replyEmailView(email));
  });
  events.on('agent:sessions-revoked', ({ agentId, sessionHash }) => {
    const room = sessionHash ? rooms.session(sessionHash) : rooms.agent(agentId);
    agentNsp.in(room).disconnectSockets(true);
  });

  fanOutRouting({ events, router: deps.router, conversations, log }, visitorNsp, agentNsp, fanOutConversation, deps.isClosing);

  async function fanOutConversation(conversationId: string, visitorId: string): Promise<void> {
    try {
      const conversation = await store.getConversation(conversationId);
      if (!conversation) return;
      visitorNsp.to(rooms.visitor(visitorId)).emit('conversation:update', await conversations.visitorView(conversation));
      await announceConversation(conversationId);
    } catch (err) {
      log.error({ err, conversationId }, 'conversation fan-out failed');
    }
  }

  return io;
}

async function allowHandshake(req: IncomingMessage, store: Store): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const siteKey = url.searchParams.get('site');
  const origin = req.headers.origin;
  if (siteKey !== null) {
    const site = await store.getSiteByKey(siteKey);
    // An unknown key passes here so the namespace can answer with a clear error code.
    return site === null || isOriginAllowed(site, origin);
  }
  // No site: the console. Only from the server's own pages (cross-site WebSocket hijacking).
  if (origin === undefined) return true;
  return sameOrigin(origin, req);
}
