// GET /health: 200 when the server and its database answer, 503 when the database does not.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types.js';

export function registerHealth(app: FastifyInstance, store: Store, version: string, now: () => number): void {
  const startedAt = now();
  app.get('/health', async (_request, reply) => {
    try {
      await store.ping();
      return { status: 'ok', version, uptimeSeconds: Math.round((now() - startedAt) / 1000) };
    } catch (err) {
      reply.log.error({ err }, 'health check: database unavailable');
      return reply.status(503).send({ status: 'unavailable', version, error: { code: 'DESKBELL_STORAGE', message: 'The database does not answer.' } });
    }
  });
}
