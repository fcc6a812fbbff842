// What the console's reports dashboard shows for a range: the report (query.ts), the same
// figures for the previous period of the same length (the headline changes), a series per
// local day for the charts, the trigger funnel, the top unanswered questions in the range and
// the FAQ entries' questions. One call, so the page draws from one consistent read.
import { groupUnanswered } from '../faq-insights.js';
import type { Store } from '../store/types.js';
import { selectPercentile, SLOT_MS, type MetricsPart } from './metrics.js';
import { runsLength } from './runs.js';
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

const SLOTS_A_DAY = DAY_MS / SLOT_MS;
const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
const UNKNOWN = -0x80000000;

/**
 * Conversations, hand-offs and queue waits per local day from `from` to `to` (every day,
 * zeros included), from the part's 15-minute slots: every zone's offset is whole slots.
 */
export function dailySeries(part: MetricsPart, timeZone: string, from: LocalDate, to: LocalDate): DailyFigures[] {
  const calendar = new ZoneCalendar(timeZone);
  const first = utcDay(from);
  const count = utcDay(to) - first + 1;
  // Each slot's local day, looked up once per slot (a year's waits share ~35,000 slots). The
  // range's slots lie within a UTC day of its dates (offsets are at most 14 hours).
  const base = (first - 1) * SLOTS_A_DAY;
  const days = new Int32Array((count + 2) * SLOTS_A_DAY).fill(UNKNOWN);
  const index = (slot: number): number => {
    const at = slot - base;
    const known = days[at];
    if (known !== undefined && known !== UNKNOWN) return known;
    const ms = slot * SLOT_MS;
    const day = Math.floor((ms + calendar.offset(ms)) / DAY_MS) - first;
    if (known !== undefined) days[at] = day;
    return day;
  };
  const conversations = new Array<number>(count).fill(0);
  const handoffs = new Array<number>(count).fill(0);
  for (const [slot, n] of part.slots) conversations[index(slot)]! += n;
  for (const [slot, n] of part.handoffSlots) handoffs[index(slot)]! += n;
  // The waits grouped by day in one array (a counting sort: a year's ~200,000 waits without an
  // array per day), then each day's percentiles selected in its stretch.
  const served = runsLength(part.waits);
  const dayOf = new Int32Array(served);
  const starts = new Int32Array(count + 1);
  let w = 0;
  part.waits.forEach((run, r) => {
    const slots = part.waitSlots[r]!;
    for (let i = 0; i < run.length; i++, w++) starts[(dayOf[w] = index(slots[i]!)) + 1]! += 1;
  });
  for (let i = 0; i < count; i++) starts[i + 1]! += starts[i]!;
  const byDay = new Float64Array(served);
  const next = starts.slice(0, count);
  w = 0;
  for (const run of part.waits) for (const wait of run) byDay[next[dayOf[w++]!]!++] = wait;
  return conversations.map((n, i) => {
    const waits = byDay.subarray(starts[i]!, starts[i + 1]!);
    return {
      date: formatDate(dateOfDay(first + i)), conversations: n, handoffs: handoffs[i]!,
      wait_median_seconds: seconds(selectPercentile(waits, 50)), wait_p90_seconds: seconds(selectPercentile(waits, 90)),
    };
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
