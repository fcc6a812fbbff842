// Console login, logout and "who am I". The session lives in an httpOnly, SameSite=Strict
// cookie; state-changing requests must also come from our own origin (CSRF).
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AgentService } from '../agents.js';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../auth/session.js';
import { deskbellError } from '../errors.js';
import { LoginBody } from '../protocol.js';
import { sameOrigin } from '../realtime/origin.js';
import { LoginThrottle } from './login-throttle.js';

export function requireSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, request.raw)) throw deskbellError('DESKBELL_FORBIDDEN_ORIGIN');
}

export function registerAuth(app: FastifyInstance, agents: AgentService, options: { secureCookies: boolean; now: () => number }): void {
  const throttle = new LoginThrottle(options.now);

  app.post<{ Body: LoginBody }>('/api/auth/login', { schema: { body: LoginBody } }, async (request, reply) => {
    requireSameOrigin(request);
    const key = `${request.ip}|${request.body.email.toLowerCase()}`;
    const wait = throttle.retryAfterSeconds(key);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw deskbellError('DESKBELL_RATE_LIMITED');
    }
    try {
      const { agent, sessionId } = await agents.login(request.body.email, request.body.password);
      throttle.succeeded(key);
      reply.setCookie(SESSION_COOKIE, sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return { agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role } };
    } catch (err) {
      throttle.failed(key);
      throw err;
    }
  });

  app.post('/api/auth/logout', async (request, reply) => {
    requireSameOrigin(request);
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) await agents.logout(sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const session = await agents.authenticate(request.cookies[SESSION_COOKIE] ?? null);
    if (!session) throw deskbellError('DESKBELL_NOT_AUTHENTICATED');
    const { agent } = session;
    return { agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role } };
  });
}
