// A site's report for a range of local days: sums the parts of its days (cached whole UTC days,
// and the facts of the pieces at its ends) and computes the figures (metrics.ts). Used by
// `deskbell report` and the console's GET /api/sites/:key/report.
import { deskbellError } from '../errors.js';
import type { Store } from '../store/types.js';
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
  const whole = await rangePart(store, site.id, start, end);
  // One agent's conversations are read directly (the day cache holds the site's parts); the
  // FAQ counts stay the site's, from the cache.
  const part = request.agentId === undefined ? whole.part : partOf(await store.reportFacts(site.id, start, end, request.agentId));
  const { faq } = whole;
  const metrics = finishMetrics(part, faq, timeZone);
  const agents = await Promise.all(metrics.agents.map(async (a) => ({ ...a, agent_name: (await store.getAgent(a.agent_id))?.name ?? null })));
  const report = { site: site.key, time_zone: timeZone, from: formatDate(request.from), to: formatDate(request.to), ...metrics, agents };
  return { report, part, siteId: site.id, start, end };
}

const DAY_MS = 86_400_000;

/** Bumped whenever MetricsPart changes shape: cached days of another version are recomputed. */
const PART_VERSION = 2;

interface DayPart { v?: number; part: MetricsPart; faq: FaqEventCount[] }

/**
 * Cached days already parsed, by site and day, with the JSON they came from: a day whose row
 * is the same text is not parsed again (parsing is a third of a cached year's report). Only
 * read, never changed (mergeParts builds new arrays). Bounded: about two years of one site.
 */
const parsed = new Map<string, { json: string; day: DayPart }>();
const PARSED_MAX = 800;

function parsedDay(key: string, json: string): DayPart {
  const memo = parsed.get(key);
  parsed.delete(key);
  const day = memo?.json === json ? memo.day : (JSON.parse(json) as DayPart);
  parsed.set(key, { json, day });
  if (parsed.size > PARSED_MAX) parsed.delete(parsed.keys().next().value!);
  return day;
}

/** A piece read directly. */
async function readPart(store: Store, siteId: string, from: number, to: number): Promise<DayPart> {
  const [facts, faq] = await Promise.all([store.reportFacts(siteId, from, to), store.reportFaqCounts(siteId, from, to)]);
  return { part: partOf(facts), faq };
}

/**
 * The sum of a range's parts: the whole UTC days inside it from the day cache (computing and
 * caching those missing), the partial days at its ends read directly. A local day is a few
 * hours off a UTC day, so a range of local days is whole UTC days plus two pieces.
 */
async function rangePart(store: Store, siteId: string, start: number, end: number): Promise<DayPart> {
  const firstDay = Math.ceil(start / DAY_MS);
  const lastDay = Math.floor(end / DAY_MS);
  if (lastDay - firstDay < 1) return readPart(store, siteId, start, end);
  const pieces: DayPart[] = [await readPart(store, siteId, start, firstDay * DAY_MS), await readPart(store, siteId, lastDay * DAY_MS, end)];
  const cached = await store.reportCachedDays(siteId, firstDay, lastDay);
  const computed: Array<[number, string]> = [];
  for (let day = firstDay; day < lastDay; day++) {
    const json = cached.days.get(day);
    const hit = json === undefined ? null : parsedDay(`${siteId}:${day}`, json);
    if (hit?.v === PART_VERSION) {
      pieces.push(hit);
      continue;
    }
    const piece = await readPart(store, siteId, day * DAY_MS, (day + 1) * DAY_MS);
    pieces.push(piece);
    computed.push([day, JSON.stringify({ v: PART_VERSION, ...piece })]);
  }
  if (computed.length > 0) await store.saveReportDays(siteId, cached.version, computed);
  return { part: mergeParts(emptyPart(), ...pieces.map((p) => p.part)), faq: pieces.flatMap((p) => p.faq) };
}

/**
 * Computes and caches the missing whole UTC days in [firstDay, lastDay) of a site, one day at
 * a time with `pause` between (the background warmer yields to the server there). Returns
 * how many days were cached.
 */
export async function warmDays(store: Store, siteId: string, firstDay: number, lastDay: number, pause: () => Promise<void>): Promise<number> {
  const cached = await store.reportCachedDays(siteId, firstDay, lastDay);
  let saved = 0;
  let batch: Array<[number, string]> = [];
  let version = cached.version;
  for (let day = firstDay; day < lastDay; day++) {
    const json = cached.days.get(day);
    // Parts are written with `v` first: no need to parse a cached day to know its version.
    if (json?.startsWith(`{"v":${PART_VERSION},`)) continue;
    const piece = await readPart(store, siteId, day * DAY_MS, (day + 1) * DAY_MS);
    batch.push([day, JSON.stringify({ v: PART_VERSION, ...piece })]);
    // A week at a time: the version check then only has a short window to refuse a day in.
    if (batch.length === 7) {
      saved += await store.saveReportDays(siteId, version, batch);
      batch = [];
      version = (await store.reportCachedDays(siteId, 0, 0)).version;
    }
    await pause();
  }
  if (batch.length > 0) saved += await store.saveReportDays(siteId, version, batch);
  return saved;
}
