// GET /api/widget/config?site=KEY: what the widget needs before it draws anything. Refused
// (403) for an origin the site does not allow, 404 for an unknown key. CORS reflects the
// caller's origin even on refusals, so the widget can read the reason and print it; the
// data itself is only sent to allowed origins.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { deskbellError } from '../errors.js';
import type { FaqRegistry } from '../faq/registry.js';
import type { Presence } from '../presence.js';
import type { WidgetConfig } from '../protocol.js';
import { hoursState } from '../routing/hours.js';
import { isOriginAllowed } from '../sites.js';
import type { Store } from '../store/types.js';
import { widgetTriggers } from '../triggers/widget.js';

const Query = Type.Object({ site: Type.String({ minLength: 1, maxLength: 128 }) });

export function registerWidgetConfig(app: FastifyInstance, store: Store, presence: Presence, registry: FaqRegistry): void {
  app.get<{ Querystring: Static<typeof Query> }>('/api/widget/config', { schema: { querystring: Query } }, async (request, reply) => {
    const origin = request.headers.origin;
    const site = await store.getSiteByKey(request.query.site);
    // CORS first, so the browser lets the widget read our error and print it.
    if (origin) reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', request.query.site);
    if (!isOriginAllowed(site, origin)) throw deskbellError('DESKBELL_ORIGIN_NOT_ALLOWED', String(origin), String(origin));
    reply.header('Cache-Control', 'no-cache');
    const config: WidgetConfig = {
      site: { key: site.key, name: site.name },
      theme: site.theme,
      agentsOnline: presence.agentsOnline(),
      hours: site.hours ? hoursState(site.hours, Date.now()) : null,
      bot: (await registry.entries(site.id)).some((e) => e.enabled),
      triggers: await widgetTriggers(store, site.id),
    };
    return config;
  });
}
