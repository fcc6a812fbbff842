// One error shape for every HTTP reply: `{ error: { code, message } }`, codes from the catalogue.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deskbellError, errorInfo, isDeskbellError } from '../errors.js';

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    if (isDeskbellError(err)) {
      if (err.statusCode >= 500) request.log.error({ err }, 'request failed');
      return reply.status(err.statusCode).send({ error: errorInfo(err) });
    }
    const fastifyErr = err as { validation?: unknown; statusCode?: number; message: string; code?: string };
    if (fastifyErr.validation) {
      return reply.status(400).send({ error: errorInfo(deskbellError('DESKBELL_VALIDATION', fastifyErr.message)) });
    }
    // Fastify's own client errors (bad JSON, body too large, wrong content type) keep their status.
    const status = fastifyErr.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: 'DESKBELL_VALIDATION', message: fastifyErr.message } });
    }
    request.log.error({ err }, 'request failed');
    if (typeof fastifyErr.code === 'string' && fastifyErr.code.startsWith('SQLITE_')) {
      return reply.status(503).send({ error: errorInfo(deskbellError('DESKBELL_STORAGE')) });
    }
    return reply.status(500).send({ error: errorInfo(err) });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'DESKBELL_NOT_FOUND', message: `Nothing at ${request.method} ${request.url.split('?')[0]}.` } });
  });
}

/**
 * Errors Fastify raises before routing (a URL that is not valid UTF-8 once decoded) skip the
 * error handler; this gives them the same shape. Passed as Fastify's `frameworkErrors`.
 */
export function frameworkErrors(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(400).send({ error: errorInfo(deskbellError('DESKBELL_VALIDATION', error.message)) });
}
