// The gate of the console's API: a request needs a live agent session (the console's
// httpOnly cookie, checked by AgentService.authenticate), and one that changes something
// must also come from the console's own origin (CSRF, as for login and logout).
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AgentService } from '../agents.js';
import { SESSION_COOKIE } from '../auth/session.js';
import { deskbellError } from '../errors.js';
import type { Agent } from '../store/types.js';
import { requireSameOrigin } from './auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in agent on routes behind `guardAgentRoutes`; null on every other route. */
    agent: Agent | null;
  }
}

const READS = new Set(['GET', 'HEAD']);

/**
 * The check itself, as a hook handler (preHandler or onRequest): 403
 * DESKBELL_FORBIDDEN_ORIGIN for a change from a foreign Origin, 401
 * DESKBELL_NOT_AUTHENTICATED without a live session. Replies are never cached.
 */
export function requireAgent(agents: AgentService): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async function requireAgentSession(request, reply) {
    reply.header('Cache-Control', 'no-store');
    if (!READS.has(request.method)) requireSameOrigin(request);
    const session = await agents.authenticate(request.cookies[SESSION_COOKIE] ?? null);
    if (!session) throw deskbellError('DESKBELL_NOT_AUTHENTICATED');
    request.agent = session.agent;
  };
}

/**
 * Guards every route registered in `scope` (an encapsulated plugin) and gives them
 * `request.agent`. It runs at onRequest rather than preHandler, so a stranger is refused
 * before the body is read (an import may be megabytes) and gets 401, not a 400 about a body
 * they were never allowed to send.
 */
export function guardAgentRoutes(scope: FastifyInstance, agents: AgentService): void {
  scope.decorateRequest('agent', null);
  scope.addHook('onRequest', requireAgent(agents));
}
