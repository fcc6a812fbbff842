// What the console's reports dashboard shows for a range: the report (query.ts), the same
// figures for the previous period of the same length (the headline changes), a series per
// local day for the charts, the trigger funnel, the top unanswered questions in the range and
// the FAQ entries' questions. One call, so the page draws from one consistent read.
import { groupUnanswered } from '../faq-insights.js';
import type { Store } from '../store/types.js';
import { durationStats, SLOT_MS, type MetricsPart } from './metrics.js';
import { reportWithPart, type Report, type ReportRequest } from './query.js';
import { formatDate, ZoneCalendar, type LocalDate } from './time.js';

const DAY_MS = 86_400_000;

export interface DailyFigures {
  date: string;
  conversations: number;
  handoffs: number;
  wait_median_seconds: number | null;
  wait_p90_seconds: number | null;
}

export interface FunnelFigures { trigger_id: string; name: string | null; shown: number; clicked: number; conversations: number; handoffs: number }

export interface UnansweredFigures { text: string; count: number; last_asked_at: number }

export interface Dashboard {
  report: Report;
  /** The same figures for the days just before, as many as the range has. */
  previous: Report;
  daily: DailyFigures[];
  funnel: FunnelFigures[];
  unanswered: UnansweredFigures[];
  /** Each FAQ entry's question, for the table's first column (an entry deleted since is missing). */
  faq_questions: Record<string, string>;
  /** Everyone who can be picked in the agent filter. */
  agent_list: Array<{ id: string; name: string }>;
}

/** The top unanswered questions the dashboard lists. */
export const UNANSWERED_SHOWN = 20;
/** Grouped from the newest this many asked in the range: enough to rank, bounded for a year (docs/benchmarks.md). */
export const UNANSWERED_SCANNED = 2_000;

const utcDay = (d: LocalDate): number => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
function dateOfDay(day: number): LocalDate {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The range of the same length that ends the day before `from`. */
export function previousRange(from: LocalDate, to: LocalDate): { from: LocalDate; to: LocalDate } {
  const length = utcDay(to) - utcDay(from) + 1;
  return { from: dateOfDay(utcDay(from) - length), to: dateOfDay(utcDay(from) - 1) };
}

/**
 * Conversations, hand-offs and queue waits per local day from `from` to `to` (every day,
 * zeros included), from the part's 15-minute slots: every zone's offset is whole slots.
 */
export function dailySeries(part: MetricsPart, timeZone: string, from: LocalDate, to: LocalDate): DailyFigures[] {
  const calendar = new ZoneCalendar(timeZone);
  const first = utcDay(from);
  const count = utcDay(to) - first + 1;
  const index = (slot: number): number => {
    const ms = slot * SLOT_MS;
    return Math.floor((ms + calendar.offset(ms)) / DAY_MS) - first;
  };
  const conversations = new Array<number>(count).fill(0);
  const handoffs = new Array<number>(count).fill(0);
  const waits: number[][] = Array.from({ length: count }, () => []);
  for (const [slot, n] of part.slots) conversations[index(slot)]! += n;
  for (const [slot, n] of part.handoffSlots) handoffs[index(slot)]! += n;
  part.waitSlots.forEach((slot, i) => waits[index(slot)]!.push(part.waits[i]!));
  return conversations.map((n, i) => {
    const stats = durationStats(waits[i]!);
    return { date: formatDate(dateOfDay(first + i)), conversations: n, handoffs: handoffs[i]!, wait_median_seconds: stats.median, wait_p90_seconds: stats.p90 };
  });
}

export async function buildDashboard(store: Store, request: ReportRequest): Promise<Dashboard> {
  const current = await reportWithPart(store, request);
  const { report, siteId, start, end } = current;
  const before = previousRange(request.from, request.to);
  const previous = (await reportWithPart(store, { ...request, ...before, timeZone: report.time_zone })).report;
  const [funnelRows, triggers, questions, entries, agents] = await Promise.all([
    store.reportTriggerFunnel(siteId, start, end),
    store.listTriggers(siteId),
    store.reportUnanswered(siteId, start, end, UNANSWERED_SCANNED),
    store.listFaqEntries(siteId),
    store.listAgents(),
  ]);
  const names = new Map(triggers.map((t) => [t.rule.id, t.rule.name]));
  return {
    report,
    previous,
    daily: dailySeries(current.part, report.time_zone, request.from, request.to),
    funnel: funnelRows
      .map((r) => ({ trigger_id: r.triggerId, name: names.get(r.triggerId) ?? null, shown: r.shown, clicked: r.clicked, conversations: r.conversations, handoffs: r.handoffs }))
      .sort((a, b) => b.shown - a.shown || b.conversations - a.conversations || (a.trigger_id < b.trigger_id ? -1 : 1)),
    unanswered: groupUnanswered(questions).slice(0, UNANSWERED_SHOWN).map((g) => ({ text: g.text, count: g.count, last_asked_at: g.lastAskedAt })),
    faq_questions: Object.fromEntries(entries.map((e) => [e.id, e.question])),
    agent_list: agents.map((a) => ({ id: a.id, name: a.name })),
  };
}
