// A site's report for a range of local days: sums the parts of its days (cached whole UTC days,
// and the facts of the pieces at its ends) and computes the figures (metrics.ts). Used by
// `deskbell report` and the console's GET /api/sites/:key/report.
import { deskbellError } from '../errors.js';
import type { Store } from '../store/types.js';
import type { CachedDayRow } from '../store/reports-sqlite.js';
import { agentDayPart, agentParts, DAY_MS, dayRow, faqOfDay, isCurrent, ParsedDays, readDay, readPart, type DayPart } from './days.js';
import { emptyPart, finishMetrics, mergeParts, partOf, type AgentFigures, type FaqEventCount, type MetricsPart, type ReportMetrics } from './metrics.js';
import { checkTimeZone, dayRange, formatDate, type LocalDate } from './time.js';

export interface ReportRequest {
  siteKey: string;
  from: LocalDate;
  to: LocalDate;
  /** Default: the site's time zone, else UTC. */
  timeZone?: string;
  /** Only the conversations this agent has (docs/reports.md); FAQ figures stay the site's. */
  agentId?: string;
}

export interface Report extends Omit<ReportMetrics, 'agents'> {
  site: string;
  time_zone: string;
  from: string;
  to: string;
  agents: Array<AgentFigures & { agent_name: string | null }>;
}

export async function buildReport(store: Store, request: ReportRequest): Promise<Report> {
  return (await reportWithPart(store, request)).report;
}

/** The report and the summed part it was computed from (the dashboard draws its series from the part). */
export async function reportWithPart(store: Store, request: ReportRequest): Promise<{ report: Report; part: MetricsPart; siteId: string; start: number; end: number }> {
  const site = await store.getSiteByKey(request.siteKey);
  if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', request.siteKey);
  const timeZone = checkTimeZone(request.timeZone ?? site.timeZone ?? 'UTC');
  const { start, end } = dayRange(request.from, request.to, timeZone);
  const { part, faq } = await rangePart(store, site.id, start, end, request.agentId);
  const metrics = finishMetrics(part, faq, timeZone);
  const agents = await Promise.all(metrics.agents.map(async (a) => ({ ...a, agent_name: (await store.getAgent(a.agent_id))?.name ?? null })));
  const report = { site: site.key, time_zone: timeZone, from: formatDate(request.from), to: formatDate(request.to), ...metrics, agents };
  return { report, part, siteId: site.id, start, end };
}

/** Site days parsed (about two years of one site); agents' days and FAQ counts are small. */
const parsedSiteDays = new ParsedDays<DayPart>(800);
const parsedAgentDays = new ParsedDays<{ part: MetricsPart }>(4_000);
const parsedFaq = new ParsedDays<FaqEventCount[]>(800);

/**
 * The sum of a range's parts: the whole UTC days inside it from the day cache (computing and
 * caching those missing), the partial days at its ends read directly. A local day is a few
 * hours off a UTC day, so a range of local days is whole UTC days plus two pieces. With
 * `agentId`, that agent's part (from the agents' cached days) with the site's FAQ counts.
 */
async function rangePart(store: Store, siteId: string, start: number, end: number, agentId?: string): Promise<DayPart> {
  const firstDay = Math.ceil(start / DAY_MS);
  const lastDay = Math.floor(end / DAY_MS);
  if (lastDay - firstDay < 1) return readPart(store, siteId, start, end, agentId);
  const pieces: DayPart[] = [await readPart(store, siteId, start, firstDay * DAY_MS, agentId), await readPart(store, siteId, lastDay * DAY_MS, end, agentId)];
  const cached = await store.reportCachedDays(siteId, firstDay, lastDay, agentId);
  const computed: CachedDayRow[] = [];
  for (let day = firstDay; day < lastDay; day++) {
    const json = cached.days.get(day);
    if (isCurrent(json)) {
      pieces.push(agentId === undefined ? parsedSiteDays.get(`${siteId}:${day}`, json!) : {
        part: agentDayPart(parsedAgentDays, `${siteId}:${agentId}:${day}`, cached.agentDays?.get(day)),
        faq: parsedFaq.get(`${siteId}:${day}`, faqOfDay(json!)),
      });
      continue;
    }
    const read = await readDay(store, siteId, day);
    const site = { part: partOf(read.facts), faq: read.faq };
    const agents = agentParts(read.facts);
    pieces.push(agentId === undefined ? site : { part: agents.get(agentId) ?? emptyPart(), faq: site.faq });
    computed.push(dayRow(day, site, agents));
  }
  if (computed.length > 0) await store.saveReportDays(siteId, cached.version, computed);
  return { part: mergeParts(emptyPart(), ...pieces.map((p) => p.part)), faq: pieces.flatMap((p) => p.faq) };
}

/**
 * Computes and caches the missing whole UTC days in [firstDay, lastDay) of a site, one day at
 * a time with `pause` between (the background warmer yields to the server there): the site's
 * part in one turn, its agents' parts in the next, each week's save in a third. Returns how
 * many days were cached.
 */
export async function warmDays(store: Store, siteId: string, firstDay: number, lastDay: number, pause: () => Promise<void>): Promise<number> {
  const cached = await store.reportCachedDays(siteId, firstDay, lastDay);
  let saved = 0;
  let batch: CachedDayRow[] = [];
  let version = cached.version;
  for (let day = firstDay; day < lastDay; day++) {
    if (isCurrent(cached.days.get(day))) continue;
    const read = await readDay(store, siteId, day);
    const site = { part: partOf(read.facts), faq: read.faq };
    await pause();
    batch.push(dayRow(day, site, agentParts(read.facts)));
    await pause();
    // A week at a time, in a turn of its own: the version check then only has a short window
    // to refuse a day in.
    if (batch.length === 7) {
      saved += await store.saveReportDays(siteId, version, batch);
      batch = [];
      version = (await store.reportCachedDays(siteId, 0, 0)).version;
      await pause();
    }
  }
  if (batch.length > 0) saved += await store.saveReportDays(siteId, version, batch);
  return saved;
}
