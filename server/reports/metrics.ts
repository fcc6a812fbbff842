// The report's figures, defined once, as pure functions of a site's conversation facts (one
// row per conversation, built from its events) and FAQ event counts. docs/reports.md says
// the same in words; tests/unit/report-metrics.test.ts checks them on a hand-built history.
// Output keys are snake_case: this object is what `deskbell report` prints.
import type { HandoffReason } from '../protocol.js';
import type { StartedBy } from './events.js';
import { runsLength, selectInRuns, type SortedRuns } from './runs.js';
import { ZoneCalendar } from './time.js';

/** One conversation's life, as conversation_facts holds it. Times are epoch ms. */
export interface ConversationFacts {
  conversationId: string;
  startedAt: number;
  startedBy: StartedBy | null;
  botAnswers: number;
  handoffAt: number | null;
  handoffReason: HandoffReason | null;
  queuedAt: number | null;
  assignedAt: number | null;
  abandonedAt: number | null;
  firstAgentReplyAt: number | null;
  firstReplyAgentId: string | null;
  /** The agent who has the conversation (assigned, transferred to, or first to reply). */
  agentId: string | null;
  transfers: number;
  /** Set while the conversation is resolved; a reopening clears it. */
  resolvedAt: number | null;
  reopens: number;
  rating: number | null;
  /** The language the conversation was in (conversations.lang): en, zh-TW, zh-CN, th; null when unknown. */
  lang: string | null;
}

export interface FaqEventCount {
  faqId: string;
  type: 'bot_answered' | 'bot_helpful' | 'bot_not_helpful';
  count: number;
}

export interface DurationStats {
  count: number;
  /** Nearest-rank percentiles (see percentile); null when count is 0. */
  median: number | null;
  p90: number | null;
  average: number | null;
}

export interface AgentFigures {
  agent_id: string;
  conversations: number;
  first_response_seconds: DurationStats;
  resolved: number;
  csat_average: number | null;
}

/** The languages a report is broken down by, in the order shown; `unknown`: no known language. */
export const REPORT_LANGS = ['en', 'zh-TW', 'zh-CN', 'th', 'unknown'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

/** One language's conversations, by the same definitions as the site's figures. */
export interface LanguageFigures {
  lang: ReportLang;
  conversations: number;
  bot_alone_rate: number | null;
  handoff_rate: number | null;
  queue_wait_median_seconds: number | null;
  abandonment_rate: number | null;
  csat_ratings: number;
  csat_average: number | null;
}

export interface ReportMetrics {
  conversations: { total: number; by_shopper: number; by_trigger: number };
  deflection: { bot_alone: number; rate: number | null };
  handoffs: { total: number; rate: number | null; reasons: Record<HandoffReason, number> };
  queue: { entered: number; served: number; abandoned: number; abandonment_rate: number | null; wait_seconds: DurationStats };
  first_response_seconds: DurationStats;
  resolution: { resolved: number; reopened: number; within_24h: number; within_24h_rate: number | null; seconds: DurationStats };
  csat: { ratings: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number>; share_4_5: number | null };
  faq: Array<{ faq_id: string; shown: number; helpful: number; not_helpful: number; helpful_rate: number | null }>;
  /** Conversations started, by local weekday (row 0 = Monday) and hour (column 0 = 00:00-00:59). */
  busiest_hours: number[][];
  agents: AgentFigures[];
  /** The languages that had conversations, in REPORT_LANGS order. */
  languages: LanguageFigures[];
}

const DAY_MS = 86_400_000;

/**
 * The p-th percentile by nearest rank: the smallest value with at least p% of the values at
 * or below it — sorted ascending, the value at rank ceil(p/100 × n), counting from 1. Always
 * one of the values (no interpolation), so a "90th percentile wait" is a wait that happened.
 * The median is the 50th percentile: with an even count, the lower of the two middle values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

const seconds = (v: number | null): number | null => (v === null ? null : v / 1000);

/** Count, median, 90th percentile and mean of durations given in ms, reported in seconds. */
export function durationStats(ms: readonly number[]): DurationStats {
  // A plain loop: Float64Array.from(array) goes through the iterator, several times slower.
  const values = new Float64Array(ms.length);
  let sum = 0;
  for (let i = 0; i < ms.length; i++) sum += values[i] = ms[i]!;
  return {
    count: values.length,
    median: seconds(selectPercentile(values, 50)),
    p90: seconds(selectPercentile(values, 90)),
    average: values.length === 0 ? null : round(sum / values.length / 1000, 3),
  };
}

/**
 * durationStats of durations kept as sorted runs (a merged part's): selected across the runs
 * (runs.ts), or, when the runs are short (one agent's few a day), copied into one array.
 */
export function runStats(runs: SortedRuns): DurationStats {
  const count = runsLength(runs);
  if (runs.length > 1 && count < 16 * runs.length) return durationStats(([] as number[]).concat(...runs));
  let sum = 0;
  for (const run of runs) for (let i = 0; i < run.length; i++) sum += run[i]!;
  const at = (p: number): number | null => {
    if (count === 0) return null;
    const k = Math.max(1, Math.ceil((p / 100) * count)) - 1;
    return runs.length === 1 ? runs[0]![k]! : selectInRuns(runs, k);
  };
  return { count, median: seconds(at(50)), p90: seconds(at(90)), average: count === 0 ? null : round(sum / count / 1000, 3) };
}

/**
 * `percentile` without sorting: the value at the same rank, found by selection (Hoare's
 * quickselect, O(n) on average) — a year of waits is hundreds of thousands of values.
 * Reorders `values`.
 */
export function selectPercentile(values: Float64Array, p: number): number | null {
  if (values.length === 0) return null;
  const k = Math.max(1, Math.ceil((p / 100) * values.length)) - 1;
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

/** A share, to four decimals; null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Resolved by the bot alone: it answered, and no person or queue was ever involved. */
export function botAlone(c: ConversationFacts): boolean {
  return c.botAnswers > 0 && c.handoffAt === null && c.queuedAt === null && c.assignedAt === null && c.firstAgentReplyAt === null;
}

/** When the shopper began waiting for a person: queued, or (without a queue) handed off. */
export function queueEntry(c: ConversationFacts): number | null {
  return c.queuedAt ?? c.handoffAt;
}

/** When a person took it: assigned, or (without a queue) their first reply. */
export function queueExit(c: ConversationFacts): number | null {
  return c.assignedAt ?? c.firstAgentReplyAt;
}

/** From the moment the shopper asked for a person (or started, if never handed over) to the first agent message. */
export function firstResponseMs(c: ConversationFacts): number | null {
  if (c.firstAgentReplyAt === null) return null;
  const entry = queueEntry(c);
  const from = entry !== null && entry <= c.firstAgentReplyAt ? entry : c.startedAt;
  return c.firstAgentReplyAt - from;
}

function waitMs(c: ConversationFacts): number | null {
  const entry = queueEntry(c);
  const exit = queueExit(c);
  return entry !== null && exit !== null && exit >= entry ? exit - entry : null;
}

/**
 * What a set of conversations adds to a report, in a form that adds up: the report of a
 * range is the sum of the parts of its days (server/reports/query.ts caches whole days).
 * Plain JSON. Durations are kept whole (ms), so percentiles over merged parts are exact, as
 * sorted runs: a part computed from facts has one run (sorted once, when a day is cached),
 * a sum has its parts' runs side by side (not copied into one array), and percentiles are
 * selected across them (runs.ts).
 */
export interface MetricsPart {
  total: number;
  byTrigger: number;
  botAlone: number;
  handoffs: number;
  reasons: Record<HandoffReason, number>;
  entered: number;
  abandoned: number;
  waits: number[][];
  firstResponses: number[][];
  resolved: number;
  reopened: number;
  within24h: number;
  resolutions: number[][];
  /** Count of each rating, 1 to 5. */
  ratings: [number, number, number, number, number];
  /**
   * Conversations started per 15-minute slot, as [slot (epoch ms / 900,000), count] pairs
   * (a slot may repeat across merged parts): every zone's offsets are whole slots.
   */
  slots: Array<[number, number]>;
  /** Hand-offs of the conversations started per slot, as `slots` (for the dashboard's series). */
  handoffSlots: Array<[number, number]>;
  /** The start slot of each wait's conversation, run by run in the order of `waits`. */
  waitSlots: number[][];
  agents: Record<string, AgentPart>;
  /**
   * Each language's own part (the conversations in it), keeping only what its figures read:
   * the counts, the waits and the ratings — no slots, agents or other durations.
   */
  languages: Partial<Record<ReportLang, MetricsPart>>;
}

interface AgentPart { owned: number; resolved: number; ratingSum: number; ratingCount: number; firstResponses: number[][] }

export const SLOT_MS = 15 * 60_000;

export function emptyPart(): MetricsPart {
  return {
    total: 0, byTrigger: 0, botAlone: 0, handoffs: 0, reasons: { asked: 0, no_match: 0, not_helpful: 0, declined: 0 }, entered: 0, abandoned: 0,
    waits: [], firstResponses: [], resolved: 0, reopened: 0, within24h: 0, resolutions: [], ratings: [0, 0, 0, 0, 0], slots: [], handoffSlots: [], waitSlots: [], agents: {}, languages: {},
  };
}

function agentPart(part: MetricsPart, id: string): AgentPart {
  return (part.agents[id] ??= { owned: 0, resolved: 0, ratingSum: 0, ratingCount: 0, firstResponses: [] });
}

/** Durations as they are collected, before they are sorted into the part's runs. */
interface Collected {
  slots: Map<number, number>;
  handoffSlots: Map<number, number>;
  waits: number[];
  waitSlots: number[];
  firstResponses: number[];
  resolutions: number[];
  agentFirstResponses: Map<string, number[]>;
}

/**
 * Adds one conversation's counts to `part`, by the definitions above; returns its queue wait
 * (ms), if it has one, for the caller to keep. A language's part is only these.
 */
function count(part: MetricsPart, c: ConversationFacts): number | null {
  part.total += 1;
  if (c.startedBy === 'trigger') part.byTrigger += 1;
  if (botAlone(c)) part.botAlone += 1;
  if (c.handoffAt !== null) {
    part.handoffs += 1;
    if (c.handoffReason) part.reasons[c.handoffReason] += 1;
  }
  if (c.resolvedAt !== null) {
    part.resolved += 1;
    if (c.resolvedAt - c.startedAt <= DAY_MS) part.within24h += 1;
  }
  if (c.reopens > 0) part.reopened += 1;
  if (c.rating !== null && c.rating >= 1 && c.rating <= 5) part.ratings[c.rating - 1]! += 1;
  if (queueEntry(c) === null) return null;
  part.entered += 1;
  if (c.abandonedAt !== null) part.abandoned += 1;
  return waitMs(c);
}

/** Adds one conversation to `part`: its counts, its durations, its slots and its agents. */
function add(part: MetricsPart, c: ConversationFacts, { slots, handoffSlots, ...d }: Collected): void {
  const slot = Math.floor(c.startedAt / SLOT_MS);
  const wait = count(part, c);
  if (c.handoffAt !== null) handoffSlots.set(slot, (handoffSlots.get(slot) ?? 0) + 1);
  if (wait !== null) {
    d.waits.push(wait);
    d.waitSlots.push(slot);
  }
  const first = firstResponseMs(c);
  if (first !== null) d.firstResponses.push(first);
  if (c.resolvedAt !== null) d.resolutions.push(c.resolvedAt - c.startedAt);
  slots.set(slot, (slots.get(slot) ?? 0) + 1);
  if (c.agentId !== null) {
    const a = agentPart(part, c.agentId);
    a.owned += 1;
    if (c.resolvedAt !== null) a.resolved += 1;
    if (c.rating !== null) {
      a.ratingSum += c.rating;
      a.ratingCount += 1;
    }
  }
  if (c.firstReplyAgentId !== null && first !== null) {
    agentPart(part, c.firstReplyAgentId);
    const list = d.agentFirstResponses.get(c.firstReplyAgentId) ?? d.agentFirstResponses.set(c.firstReplyAgentId, []).get(c.firstReplyAgentId)!;
    list.push(first);
  }
}

/** Sorted ascending (a typed array's numeric sort; plain loops, not the iterator, to copy). */
function sortedCopy(values: readonly number[]): number[] {
  const typed = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) typed[i] = values[i]!;
  typed.sort();
  const out = new Array<number>(typed.length);
  for (let i = 0; i < typed.length; i++) out[i] = typed[i]!;
  return out;
}

/** As one sorted run (none when empty). */
function run(values: readonly number[]): number[][] {
  return values.length === 0 ? [] : [sortedCopy(values)];
}

const KNOWN_LANGS: ReadonlySet<string> = new Set(REPORT_LANGS.filter((l) => l !== 'unknown'));

/** The language a conversation counts under. */
export function reportLang(c: ConversationFacts): ReportLang {
  return c.lang !== null && KNOWN_LANGS.has(c.lang) ? (c.lang as ReportLang) : 'unknown';
}

/** The part of some facts, with each language's part beside it (its counts, by the same `count`, and waits). */
export function partOf(facts: readonly ConversationFacts[]): MetricsPart {
  const part = wholePart(facts);
  const waits = new Map<ReportLang, number[]>();
  for (const c of facts) {
    const lang = reportLang(c);
    const wait = count((part.languages[lang] ??= emptyPart()), c);
    if (wait !== null) (waits.get(lang) ?? waits.set(lang, []).get(lang)!).push(wait);
  }
  for (const [lang, list] of waits) part.languages[lang]!.waits = run(list);
  return part;
}

function wholePart(facts: readonly ConversationFacts[]): MetricsPart {
  const part = emptyPart();
  const d: Collected = { slots: new Map(), handoffSlots: new Map(), waits: [], waitSlots: [], firstResponses: [], resolutions: [], agentFirstResponses: new Map() };
  for (const c of facts) add(part, c, d);
  part.slots = [...d.slots];
  part.handoffSlots = [...d.handoffSlots];
  // The waits sorted with their slots alongside (the dashboard's series groups them by day).
  if (d.waits.length > 0) {
    const waits = Float64Array.from(d.waits);
    const order = new Uint32Array(waits.length).map((_, i) => i).sort((a, b) => waits[a]! - waits[b]!);
    part.waits = [Array.from(order, (i) => waits[i]!)];
    part.waitSlots = [Array.from(order, (i) => d.waitSlots[i]!)];
  }
  part.firstResponses = run(d.firstResponses);
  part.resolutions = run(d.resolutions);
  for (const [id, list] of d.agentFirstResponses) part.agents[id]!.firstResponses = run(list);
  return part;
}

/** The sum of parts (`into` is changed and returned). */
export function mergeParts(into: MetricsPart, ...parts: MetricsPart[]): MetricsPart {
  // The runs side by side (concat adds each part's runs, not their values).
  into.waits = into.waits.concat(...parts.map((p) => p.waits));
  into.firstResponses = into.firstResponses.concat(...parts.map((p) => p.firstResponses));
  into.resolutions = into.resolutions.concat(...parts.map((p) => p.resolutions));
  into.slots = into.slots.concat(...parts.map((p) => p.slots));
  into.handoffSlots = into.handoffSlots.concat(...parts.map((p) => p.handoffSlots));
  into.waitSlots = into.waitSlots.concat(...parts.map((p) => p.waitSlots));
  const agentRuns = new Map<string, number[][][]>();
  for (const p of parts) {
    for (const k of ['total', 'byTrigger', 'botAlone', 'handoffs', 'entered', 'abandoned', 'resolved', 'reopened', 'within24h'] as const) into[k] += p[k];
    for (const r of Object.keys(into.reasons) as HandoffReason[]) into.reasons[r] += p.reasons[r];
    p.ratings.forEach((n, i) => (into.ratings[i]! += n));
    for (const [id, a] of Object.entries(p.agents)) {
      const t = agentPart(into, id);
      t.owned += a.owned;
      t.resolved += a.resolved;
      t.ratingSum += a.ratingSum;
      t.ratingCount += a.ratingCount;
      (agentRuns.get(id) ?? agentRuns.set(id, [t.firstResponses]).get(id)!).push(a.firstResponses);
    }
  }
  for (const [id, lists] of agentRuns) into.agents[id]!.firstResponses = ([] as number[][]).concat(...lists);
  for (const lang of REPORT_LANGS) {
    const of = parts.flatMap((p) => p.languages[lang] ?? []);
    if (of.length > 0) into.languages[lang] = mergeParts(into.languages[lang] ?? emptyPart(), ...of);
  }
  return into;
}

function average(sum: number, count: number, decimals: number): number | null {
  return count === 0 ? null : round(sum / count, decimals);
}

/**
 * Every figure of the report, for the conversations started in the range (`facts`, already
 * filtered by start time) and the FAQ events inside it (`faq`).
 */
export function computeMetrics(facts: readonly ConversationFacts[], faq: readonly FaqEventCount[], timeZone: string): ReportMetrics {
  return finishMetrics(partOf(facts), faq, timeZone);
}

/** The figures of a summed part (see computeMetrics). */
export function finishMetrics(p: MetricsPart, faq: readonly FaqEventCount[], timeZone: string): ReportMetrics {
  const calendar = new ZoneCalendar(timeZone);
  const heat = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [slot, n] of p.slots) {
    const { weekday, hour } = calendar.weekdayHour(slot * SLOT_MS);
    heat[weekday]![hour]! += n;
  }
  const { conversations, deflection, handoffs, queue, csat } = serviceFigures(p);
  return {
    conversations, deflection, handoffs, queue,
    first_response_seconds: runStats(p.firstResponses),
    resolution: {
      resolved: p.resolved,
      reopened: p.reopened,
      within_24h: p.within24h,
      // Of the conversations that were not the bot's alone: those needed someone to resolve them.
      within_24h_rate: share(p.within24h, p.total - p.botAlone),
      seconds: runStats(p.resolutions),
    },
    csat,
    faq: faqFigures(faq),
    busiest_hours: heat,
    agents: Object.entries(p.agents)
      .map(([id, a]) => ({
        agent_id: id,
        conversations: a.owned,
        first_response_seconds: runStats(a.firstResponses),
        resolved: a.resolved,
        csat_average: average(a.ratingSum, a.ratingCount, 2),
      }))
      .sort((a, b) => b.conversations - a.conversations || (a.agent_id < b.agent_id ? -1 : 1)),
    languages: REPORT_LANGS.flatMap((lang) => {
      const part = p.languages[lang];
      if (!part || part.total === 0) return [];
      const f = serviceFigures(part);
      return [{
        lang, conversations: f.conversations.total, bot_alone_rate: f.deflection.rate, handoff_rate: f.handoffs.rate,
        queue_wait_median_seconds: f.queue.wait_seconds.median, abandonment_rate: f.queue.abandonment_rate,
        csat_ratings: f.csat.ratings, csat_average: f.csat.average,
      }];
    }),
  };
}

/** The figures a part's counts, waits and ratings give: the site's, and each language's from its own part. */
function serviceFigures(p: MetricsPart): Pick<ReportMetrics, 'conversations' | 'deflection' | 'handoffs' | 'queue' | 'csat'> {
  const [r1, r2, r3, r4, r5] = p.ratings;
  const ratings = r1 + r2 + r3 + r4 + r5;
  const ratingSum = r1 + 2 * r2 + 3 * r3 + 4 * r4 + 5 * r5;
  return {
    conversations: { total: p.total, by_shopper: p.total - p.byTrigger, by_trigger: p.byTrigger },
    deflection: { bot_alone: p.botAlone, rate: share(p.botAlone, p.total) },
    handoffs: { total: p.handoffs, rate: share(p.handoffs, p.total), reasons: { ...p.reasons } },
    queue: { entered: p.entered, served: runsLength(p.waits), abandoned: p.abandoned, abandonment_rate: share(p.abandoned, p.entered), wait_seconds: runStats(p.waits) },
    csat: { ratings, average: average(ratingSum, ratings, 2), distribution: { '1': r1, '2': r2, '3': r3, '4': r4, '5': r5 }, share_4_5: share(r4 + r5, ratings) },
  };
}

function faqFigures(counts: readonly FaqEventCount[]): ReportMetrics['faq'] {
  const byEntry = new Map<string, { shown: number; helpful: number; not_helpful: number }>();
  for (const { faqId, type, count } of counts) {
    const row = byEntry.get(faqId) ?? { shown: 0, helpful: 0, not_helpful: 0 };
    if (type === 'bot_answered') row.shown += count;
    else if (type === 'bot_helpful') row.helpful += count;
    else row.not_helpful += count;
    byEntry.set(faqId, row);
  }
  return [...byEntry]
    .map(([faq_id, r]) => ({ faq_id, ...r, helpful_rate: share(r.helpful, r.helpful + r.not_helpful) }))
    .sort((a, b) => b.shown - a.shown || (a.faq_id < b.faq_id ? -1 : a.faq_id > b.faq_id ? 1 : 0));
}
