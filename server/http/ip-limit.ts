// The widget's public routes (config, FAQ, and whatever the widget calls without a session)
// are what a flood from one address would hit; they answer 429 past the per-address rate.
// The console's routes need a session and the login route has its own throttle.
import type { FastifyInstance } from 'fastify';
import { deskbellError } from '../errors.js';
import type { IpLimiter } from '../ip-limits.js';

export function registerIpLimit(app: FastifyInstance, limiter: IpLimiter): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/widget/')) return;
    if (limiter.take(request.ip)) return;
    reply.header('Retry-After', String(limiter.retryAfterSeconds()));
    throw deskbellError('DESKBELL_RATE_LIMITED');
  });
}
