// The browser parts: /widget.js (the script shops paste), /console/ (the agent console) and,
// in demo mode, /demo/ (the demo store). Built files come from dist/public.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';

// The console talks only to its own origin; nothing may frame it.
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

// The demo store is a shop page like any other: it allows itself and the chat server (the
// same origin here), which is the policy a shop with a strict CSP would write for Deskbell.
// (The widget's stylesheet is a <style> in its shadow root, hence 'unsafe-inline' for styles.)
const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export async function registerStatic(app: FastifyInstance, options: { publicDir: string; demoDir: string | null }): Promise<void> {
  const { publicDir, demoDir } = options;
  if (!existsSync(join(publicDir, 'widget.js'))) {
    app.log.warn({ publicDir }, 'built widget not found: run `npm run build`');
  }

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (request.url.startsWith('/console')) {
      reply.header('Content-Security-Policy', CONSOLE_CSP);
      reply.header('Referrer-Policy', 'no-referrer');
      reply.header('X-Frame-Options', 'DENY');
    } else if (request.url.startsWith('/demo')) {
      reply.header('Content-Security-Policy', DEMO_CSP);
      reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    }
  });

  const chatDir = join(publicDir, 'widget') + sep;
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/',
    // Looked up per request, not listed at start: a rebuild's new hashed assets are served
    // without a restart (npm run dev).
    wildcard: true,
    index: false,
    // The build writes .br and .gz beside each script (scripts/build.js): sent when accepted.
    preCompressed: true,
    // Our setHeaders decides caching; @fastify/static's own `public, max-age=0` would win otherwise.
    cacheControl: false,
    setHeaders: (res, file) => {
      // A precompressed copy (NAME.br, NAME.gz) is cached like NAME, per Accept-Encoding.
      const path = file.replace(/\.(br|gz)$/, '');
      if (/\.(js|css|html)$/.test(path)) res.setHeader('Vary', 'Accept-Encoding');
      // The loader's URL never changes, so it is cached briefly: updates reach shops fast.
      if (path.endsWith('widget.js')) res.setHeader('Cache-Control', 'public, max-age=300');
      else if (path.startsWith(chatDir)) {
        // The chat's modules: named by content hash, imported by the loader from the shop's
        // origin (module scripts need CORS; they carry no credentials and no secrets).
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        res.setHeader('Access-Control-Allow-Origin', '*');
      } else if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else res.setHeader('Cache-Control', 'no-cache');
    },
  });
  app.get('/console', (_request, reply) => reply.redirect('/console/'));
  app.get('/console/', (_request, reply) => reply.header('Cache-Control', 'no-cache').sendFile('console/index.html', { cacheControl: false }));

  if (demoDir) {
    await app.register(fastifyStatic, { root: demoDir, prefix: '/demo/', decorateReply: false, index: ['index.html'] });
    app.get('/demo', (_request, reply) => reply.redirect('/demo/'));
    app.get('/', (_request, reply) => reply.redirect('/demo/'));
  } else {
    app.get('/', (_request, reply) => reply.redirect('/console/'));
  }
}
