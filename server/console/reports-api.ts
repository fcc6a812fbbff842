// The reports dashboard's call to the server (server/http/console-reports.ts), with the FAQ
// API's error handling (a result, never a throw; a 401 ends the session).
import type { Dashboard } from '../http/console-reports.js';
import { FaqApi, type ApiResult } from './faq-api.js';

export type { Dashboard };

export interface DashboardQuery {
  from: string;
  to: string;
  agent: string | null;
}

export class ReportsApi extends FaqApi {
  dashboard(site: string, q: DashboardQuery): Promise<ApiResult<Dashboard>> {
    const params = new URLSearchParams({ from: q.from, to: q.to });
    if (q.agent) params.set('agent', q.agent);
    return this.call('GET', `/api/sites/${encodeURIComponent(site)}/dashboard?${params.toString()}`);
  }
}
