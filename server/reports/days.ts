// One cached report day (docs/decisions/reports.md): the site's part and FAQ counts of a whole
// UTC day (report_days) and each agent's part of it (report_agent_days) — the conversations
// that agent has, as `reportFacts(…, agentId)` reads them — all computed from one read of the
// day's facts, so one agent's report sums cached days like the site's.
import type { CachedDayRow } from '../store/reports-sqlite.js';
import type { Store } from '../store/types.js';
import { emptyPart, partOf, type ConversationFacts, type FaqEventCount, type MetricsPart } from './metrics.js';

export const DAY_MS = 86_400_000;

/** Bumped whenever MetricsPart changes shape: cached days of another version are recomputed. */
export const PART_VERSION = 5;

/** The site's part of a day (or of a piece read directly) and its FAQ counts. */
export interface DayPart { v?: number; part: MetricsPart; faq: FaqEventCount[] }

/** The facts and FAQ counts of [from, to), read directly; with `agentId`, that agent's facts only (the FAQ counts stay the site's). */
export async function readPart(store: Store, siteId: string, from: number, to: number, agentId?: string): Promise<DayPart> {
  const [facts, faq] = await Promise.all([store.reportFacts(siteId, from, to, agentId), store.reportFaqCounts(siteId, from, to)]);
  return { part: partOf(facts), faq };
}

/** A whole UTC day read from the store, to be cached. */
export interface ReadDay { day: number; facts: ConversationFacts[]; faq: FaqEventCount[] }

export async function readDay(store: Store, siteId: string, day: number): Promise<ReadDay> {
  const [facts, faq] = await Promise.all([store.reportFacts(siteId, day * DAY_MS, (day + 1) * DAY_MS), store.reportFaqCounts(siteId, day * DAY_MS, (day + 1) * DAY_MS)]);
  return { day, facts, faq };
}

/** Each agent's part of some facts: the conversations they have (facts.agentId), as an agent's report counts them. */
export function agentParts(facts: readonly ConversationFacts[]): Map<string, MetricsPart> {
  const byAgent = new Map<string, ConversationFacts[]>();
  for (const c of facts) if (c.agentId !== null) (byAgent.get(c.agentId) ?? byAgent.set(c.agentId, []).get(c.agentId)!).push(c);
  return new Map([...byAgent].map(([id, list]) => [id, partOf(list)]));
}

/**
 * A day's rows for the cache. `v` first, so a day's version can be read without parsing it;
 * `faq` before `part`, so an agent's report can parse only the FAQ counts (faqOfDay).
 */
export function dayRow(day: number, site: DayPart, agents: Map<string, MetricsPart>): CachedDayRow {
  const json = JSON.stringify({ v: PART_VERSION, faq: site.faq, part: site.part });
  return [day, json, [...agents].map(([id, part]) => [id, JSON.stringify({ v: PART_VERSION, part })] as const)];
}

export const isCurrent = (json: string | undefined): boolean => json?.startsWith(`{"v":${PART_VERSION},`) === true;

/**
 * Parsed cached days, by key, with the JSON they came from: a row that is the same text is not
 * parsed again (parsing is a third of a cached year's report). Only read, never changed
 * (mergeParts builds new arrays). Bounded, least recently used first out.
 */
export class ParsedDays<T> {
  private readonly memo = new Map<string, { json: string; value: T }>();
  constructor(private readonly max: number) {}

  get(key: string, json: string): T {
    const hit = this.memo.get(key);
    this.memo.delete(key);
    const value = hit?.json === json ? hit.value : (JSON.parse(json) as T);
    this.memo.set(key, { json, value });
    if (this.memo.size > this.max) this.memo.delete(this.memo.keys().next().value!);
    return value;
  }
}

const FAQ_KEY = `{"v":${PART_VERSION},"faq":`;

/**
 * The FAQ counts of a cached site day, without parsing its part (an agent's report needs only
 * these from the site's day: a year's parts are ~11 MB of JSON, its FAQ counts ~2 MB). The
 * counts are the text between `"faq":` and the first `,"part":` — a sequence that cannot
 * occur inside the counts, where every quote within a string is escaped.
 */
export function faqOfDay(json: string): string {
  const end = json.indexOf(',"part":', FAQ_KEY.length);
  if (!json.startsWith(FAQ_KEY) || end < 0) throw new Error('not a cached report day of this version');
  return json.slice(FAQ_KEY.length, end);
}

/** An agent's part of a cached day: its row, or nothing (no row: none of the day's conversations were theirs). */
export function agentDayPart(memo: ParsedDays<{ part: MetricsPart }>, key: string, json: string | undefined): MetricsPart {
  return json === undefined ? emptyPart() : memo.get(key, json).part;
}
