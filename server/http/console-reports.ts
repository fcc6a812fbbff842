// The console's report API (agents only): a site's figures for a range of local days, as
// JSON for the dashboard or as CSV to download — the same object `deskbell report` prints
// (server/reports/query.ts; what each figure means: docs/reports.md).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AgentService } from '../agents.js';
import { reportCsv } from '../reports/csv.js';
import { buildDashboard, type Dashboard } from '../reports/dashboard.js';
import { buildReport, type Report } from '../reports/query.js';
import { parseDate } from '../reports/time.js';
import type { Store } from '../store/types.js';
import { guardAgentRoutes } from './agent-auth.js';

export type { Dashboard, Report };

const Params = Type.Object({ key: Type.String({ minLength: 1, maxLength: 128 }) });
// Dates and zones are checked by the report's own parsers, whose messages say what to write.
const Query = Type.Object({
  from: Type.String({ maxLength: 10 }),
  to: Type.String({ maxLength: 10 }),
  tz: Type.Optional(Type.String({ maxLength: 64 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
});

const DashboardQuery = Type.Object({
  from: Type.String({ maxLength: 10 }),
  to: Type.String({ maxLength: 10 }),
  tz: Type.Optional(Type.String({ maxLength: 64 })),
  agent: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

export async function registerConsoleReports(app: FastifyInstance, deps: { agents: AgentService; store: Store }): Promise<void> {
  await app.register(async (scope) => {
    guardAgentRoutes(scope, deps.agents);
    scope.get<{ Params: Static<typeof Params>; Querystring: Static<typeof Query> }>(
      '/api/sites/:key/report',
      { schema: { params: Params, querystring: Query } },
      async (request, reply) => {
        const { from, to, tz, format } = request.query;
        const report = await buildReport(deps.store, { siteKey: request.params.key, from: parseDate(from), to: parseDate(to), ...(tz ? { timeZone: tz } : {}) });
        if (format !== 'csv') return report;
        const filename = `report-${report.site.replace(/[^A-Za-z0-9_.-]/g, '_')}-${report.from}-${report.to}.csv`;
        return reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${filename}"`)
          .send(reportCsv(report));
      },
    );
    // The dashboard's one read: the report, the previous period, daily series, trigger funnel,
    // unanswered questions (server/reports/dashboard.ts).
    scope.get<{ Params: Static<typeof Params>; Querystring: Static<typeof DashboardQuery> }>(
      '/api/sites/:key/dashboard',
      { schema: { params: Params, querystring: DashboardQuery } },
      async (request): Promise<Dashboard> => {
        const { from, to, tz, agent } = request.query;
        return buildDashboard(deps.store, {
          siteKey: request.params.key, from: parseDate(from), to: parseDate(to), ...(tz ? { timeZone: tz } : {}), ...(agent ? { agentId: agent } : {}),
        });
      },
    );
  });
}
