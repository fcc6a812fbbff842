// A site's report for a range of local days: reads the facts and FAQ counts from the store
// and computes the figures (metrics.ts). Used by `deskbell report` (and, later, the console).
import { deskbellError } from '../errors.js';
import type { Store } from '../store/types.js';
import { computeMetrics, type AgentFigures, type ReportMetrics } from './metrics.js';
import { checkTimeZone, dayRange, formatDate, type LocalDate } from './time.js';

export interface ReportRequest {
  siteKey: string;
  from: LocalDate;
  to: LocalDate;
  /** Default: the site's time zone, else UTC. */
  timeZone?: string;
}

export interface Report extends Omit<ReportMetrics, 'agents'> {
  site: string;
  time_zone: string;
  from: string;
  to: string;
  agents: Array<AgentFigures & { agent_name: string | null }>;
}

export async function buildReport(store: Store, request: ReportRequest): Promise<Report> {
  const site = await store.getSiteByKey(request.siteKey);
  if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', request.siteKey);
  const timeZone = checkTimeZone(request.timeZone ?? site.timeZone ?? 'UTC');
  const { start, end } = dayRange(request.from, request.to, timeZone);
  const [facts, faq] = await Promise.all([store.reportFacts(site.id, start, end), store.reportFaqCounts(site.id, start, end)]);
  const metrics = computeMetrics(facts, faq, timeZone);
  const agents = await Promise.all(metrics.agents.map(async (a) => ({ ...a, agent_name: (await store.getAgent(a.agent_id))?.name ?? null })));
  return { site: site.key, time_zone: timeZone, from: formatDate(request.from), to: formatDate(request.to), ...metrics, agents };
}
