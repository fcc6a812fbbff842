// The /agent namespace: the console. The handshake must come from our own origin and carry
// a live session cookie; a logout disconnects every socket of that session at once, and a
// session ended elsewhere (agent disabled, password changed) within a second.
import type { FastifyBaseLogger } from 'fastify';
import type { Namespace, Socket } from 'socket.io';
import type { AgentService } from '../agents.js';
import { SESSION_COOKIE, readCookie } from '../auth/session.js';
import type { ConversationService } from '../conversations.js';
import { deskbellError, errorInfo } from '../errors.js';
import type { Presence } from '../presence.js';
import {
  AGENT_EVENTS,
  AgentList,
  AgentOpen,
  AgentSend,
  AgentTyping,
  ConversationRef,
  ReadUpTo,
  type AgentClientEvents,
  type AgentServerEvents,
} from '../protocol.js';
import type { Agent } from '../store/types.js';
import { guardSocket, handle } from './guard.js';
import { sameOrigin } from './origin.js';
import { rooms } from './rooms.js';
import { registerRoutingHandlers, type RoutingHandlerDeps } from './routing.js';

export const SESSION_SWEEP_MS = 1000;

async function sweepSessions(nsp: AgentNamespace, agents: AgentService, log: FastifyBaseLogger): Promise<void> {
  try {
    const live = new Map<string, boolean>();
    for (const socket of nsp.sockets.values()) {
      const hash = socket.data.sessionHash;
      if (!live.has(hash)) live.set(hash, await agents.sessionLive(hash));
      if (!live.get(hash)) socket.disconnect(true);
    }
  } catch (err) {
    log.error({ err }, 'console session sweep failed');
  }
}

export interface AgentSocketData {
  agent: Agent;
  sessionHash: string;
}
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, Record<never, never>, AgentSocketData>;
type AgentSocket = Socket<AgentClientEvents, AgentServerEvents, Record<never, never>, AgentSocketData>;

interface Deps {
  agents: AgentService;
  conversations: ConversationService;
  presence: Presence;
  log: FastifyBaseLogger;
  now: () => number;
  /** Registers work to stop when the server shuts down. */
  onShutdown: (stop: () => void) => void;
  routing: RoutingHandlerDeps;
  /** Tells the visitor's tabs that an agent is typing. */
  toVisitorTyping: (conversationId: string, typing: boolean, name: string) => Promise<void>;
}

export function setupAgentNamespace(nsp: AgentNamespace, deps: Deps): void {
  const { agents, conversations, presence, log } = deps;

  nsp.use(async (socket, next) => {
    try {
      // The engine's check skips handshakes that name a site, so check here too: the console
      // socket carries a session cookie and must only ever come from our own pages.
      const origin = socket.handshake.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, socket.request)) {
        const error = deskbellError('DESKBELL_FORBIDDEN_ORIGIN');
        return next(Object.assign(new Error(error.message), { data: errorInfo(error) }));
      }
      const session = await agents.authenticate(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
      if (!session) {
        const error = deskbellError('DESKBELL_NOT_AUTHENTICATED');
        return next(Object.assign(new Error(error.message), { data: errorInfo(error) }));
      }
      socket.data.agent = session.agent;
      socket.data.sessionHash = session.sessionHash;
      next();
    } catch (err) {
      log.error({ err }, 'agent handshake failed');
      const error = deskbellError('DESKBELL_INTERNAL');
      next(Object.assign(new Error(error.message), { data: errorInfo(error) }));
    }
  });

  // Sessions can end in another process (the CLI disabling an agent or changing a
  // password): every second, drop console sockets whose session is no longer live.
  const sweep = setInterval(() => void sweepSessions(nsp, agents, log), SESSION_SWEEP_MS);
  sweep.unref();
  deps.onShutdown(() => clearInterval(sweep));

  nsp.on('connection', (socket: AgentSocket) => {
    const { agent, sessionHash } = socket.data;
    guardSocket(socket, AGENT_EVENTS, log, deps.now);
    // And on every event, so nothing is done in the second before a sweep.
    socket.use((_packet, next) => {
      agents.sessionLive(sessionHash).then(
        (live) => {
          if (live) return next();
          socket.disconnect(true);
        },
        (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
      );
    });
    void socket.join([rooms.agents, rooms.agent(agent.id), rooms.session(sessionHash)]);
    // The first tab brings back the agent's stored choice (away survives a restart).
    if (!presence.isAgentConnected(agent.id)) presence.setAway(agent.id, agent.away);
    presence.agentConnected(agent.id);
    deps.routing.router.agentConnected(agent);
    socket.on('disconnect', () => {
      presence.agentDisconnected(agent.id);
      deps.routing.router.agentDisconnected(agent.id);
    });
    socket.emit('session:ready', { agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role } });

    handle(socket, 'conversations:list', AgentList, log, async (req) => ({ conversations: await conversations.list(req) }));
    handle(socket, 'conversation:open', AgentOpen, log, (req) => conversations.open(req.conversationId, req.afterSeq ?? 0));
    handle(socket, 'message:send', AgentSend, log, async (req) => ({
      message: await conversations.agentSend(agent, req.conversationId, req.clientId, req.body, req.attachments),
    }));
    handle(socket, 'typing:set', AgentTyping, log, async (req) => {
      // A plain agent's "typing" over a colleague's shoulder never reaches the shopper.
      await conversations.requireMayType(agent, req.conversationId);
      await deps.toVisitorTyping(req.conversationId, req.typing, agent.name);
      return {};
    });
    handle(socket, 'messages:read', ReadUpTo, log, async (req) => {
      await conversations.agentRead(req.conversationId, req.seq);
      return {};
    });
    handle(socket, 'conversation:close', ConversationRef, log, async (req) => ({
      conversation: await conversations.close(req.conversationId, agent),
    }));
    registerRoutingHandlers(socket, agent, deps.routing);
  });
}
