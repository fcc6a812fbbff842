// The report's figures, defined once, as pure functions of a site's conversation facts (one
// row per conversation, built from its events) and FAQ event counts. docs/reports.md says
// the same in words; tests/unit/report-metrics.test.ts checks them on a hand-built history.
// Output keys are snake_case: this object is what `deskbell report` prints.
import type { HandoffReason } from '../protocol.js';
import type { StartedBy } from './events.js';
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
}

const DAY_MS = 86_400_000;

/**
 * The p-th percentile by nearest rank: the smallest value with at least p% of the values at
 * or below it — sorted ascending, the value at rank ceil(p/100 × n), counting from 1. Always
 * one of the values (no interpolation), so a "90th percentile wait" is a wait that happened.
 * The median is the 50th percentile: with an even count, the lower of the two middle values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Count, median, 90th percentile and mean of durations given in ms, reported in seconds. */
export function durationStats(ms: number[]): DurationStats {
  const sorted = [...ms].sort((a, b) => a - b);
  const seconds = (v: number | null): number | null => (v === null ? null : v / 1000);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    median: seconds(percentile(sorted, 50)),
    p90: seconds(percentile(sorted, 90)),
    average: sorted.length === 0 ? null : round(sum / sorted.length / 1000, 3),
  };
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

function compact<T>(values: Array<T | null>): T[] {
  return values.filter((v): v is T => v !== null);
}

function csatAverage(ratings: number[]): number | null {
  return ratings.length === 0 ? null : round(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2);
}

/**
 * Every figure of the report, for the conversations started in the range (`facts`, already
 * filtered by start time) and the FAQ events inside it (`faq`).
 */
export function computeMetrics(facts: readonly ConversationFacts[], faq: readonly FaqEventCount[], timeZone: string): ReportMetrics {
  const total = facts.length;
  const bots = facts.filter(botAlone).length;
  const handedOff = facts.filter((c) => c.handoffAt !== null);
  const reasons: Record<HandoffReason, number> = { asked: 0, no_match: 0, not_helpful: 0, declined: 0 };
  for (const c of handedOff) if (c.handoffReason) reasons[c.handoffReason] += 1;

  const entered = facts.filter((c) => queueEntry(c) !== null);
  const abandoned = entered.filter((c) => c.abandonedAt !== null).length;
  const waits = compact(entered.map(waitMs));

  const resolved = facts.filter((c) => c.resolvedAt !== null);
  const within24h = resolved.filter((c) => c.resolvedAt! - c.startedAt <= DAY_MS).length;

  const ratings = compact(facts.map((c) => c.rating));
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const r of ratings) distribution[String(r) as keyof typeof distribution] += 1;

  const calendar = new ZoneCalendar(timeZone);
  const heat = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of facts) {
    const { weekday, hour } = calendar.weekdayHour(c.startedAt);
    heat[weekday]![hour]! += 1;
  }

  return {
    conversations: { total, by_shopper: facts.filter((c) => c.startedBy !== 'trigger').length, by_trigger: facts.filter((c) => c.startedBy === 'trigger').length },
    deflection: { bot_alone: bots, rate: share(bots, total) },
    handoffs: { total: handedOff.length, rate: share(handedOff.length, total), reasons },
    queue: { entered: entered.length, served: waits.length, abandoned, abandonment_rate: share(abandoned, entered.length), wait_seconds: durationStats(waits) },
    first_response_seconds: durationStats(compact(facts.map(firstResponseMs))),
    resolution: {
      resolved: resolved.length,
      reopened: facts.filter((c) => c.reopens > 0).length,
      within_24h: within24h,
      // Of the conversations that were not the bot's alone: those needed someone to resolve them.
      within_24h_rate: share(within24h, total - bots),
      seconds: durationStats(resolved.map((c) => c.resolvedAt! - c.startedAt)),
    },
    csat: { ratings: ratings.length, average: csatAverage(ratings), distribution, share_4_5: share(distribution['4'] + distribution['5'], ratings.length) },
    faq: faqFigures(faq),
    busiest_hours: heat,
    agents: agentFigures(facts),
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

/** Per agent: the conversations they have, their first responses, resolutions and ratings. */
function agentFigures(facts: readonly ConversationFacts[]): AgentFigures[] {
  const byAgent = new Map<string, { owned: ConversationFacts[]; replied: ConversationFacts[] }>();
  const of = (id: string) => {
    let a = byAgent.get(id);
    if (!a) byAgent.set(id, (a = { owned: [], replied: [] }));
    return a;
  };
  for (const c of facts) {
    if (c.agentId !== null) of(c.agentId).owned.push(c);
    if (c.firstReplyAgentId !== null) of(c.firstReplyAgentId).replied.push(c);
  }
  return [...byAgent]
    .map(([id, { owned, replied }]) => ({
      agent_id: id,
      conversations: owned.length,
      first_response_seconds: durationStats(compact(replied.map(firstResponseMs))),
      resolved: owned.filter((c) => c.resolvedAt !== null).length,
      csat_average: csatAverage(compact(owned.map((c) => c.rating))),
    }))
    .sort((a, b) => b.conversations - a.conversations || (a.agent_id < b.agent_id ? -1 : 1));
}
