// POST /api/widget/beacon?site=KEY&anon=ID&visit=N&(url=…&title=… | trigger=ID&outcome=…):
// what the widget reports without a connection — one page view per page, and what the
// shopper did with a prompt — sent by navigator.sendBeacon with the data in the query and
// no body (nothing to parse, no CORS preflight, survives the page unloading). Only from the
// origins the site allows. 204 either way the widget never reads.
import type { FastifyInstance } from 'fastify';
import { deskbellError } from '../errors.js';
import { WidgetBeacon } from '../protocol.js';
import { isOriginAllowed } from '../sites.js';
import type { Store } from '../store/types.js';

export function registerWidgetBeacon(app: FastifyInstance, store: Store): void {
  app.post<{ Querystring: WidgetBeacon }>('/api/widget/beacon', { schema: { querystring: WidgetBeacon } }, async (request, reply) => {
    const q = request.query;
    const site = await store.getSiteByKey(q.site);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', q.site);
    const origin = request.headers.origin;
    if (!isOriginAllowed(site, origin)) throw deskbellError('DESKBELL_ORIGIN_NOT_ALLOWED', String(origin), String(origin));
    if (q.trigger && q.outcome) {
      // Only the site's own rules: a made-up id can't grow the outcome table.
      if (!(await store.getTrigger(site.id, q.trigger))) throw deskbellError('DESKBELL_TRIGGER_NOT_FOUND', q.trigger);
      await store.recordTriggerOutcome(site.id, q.trigger, q.outcome, q.anon);
    }
    else if (q.url) await store.recordPageView(site.id, q.anon, q.visit, { url: q.url, title: q.title ?? '' });
    else throw deskbellError('DESKBELL_VALIDATION', 'a beacon carries either url (a page view) or trigger and outcome');
    return reply.status(204).send();
  });
}
