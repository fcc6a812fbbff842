// The reads behind reports: a site's conversation facts by start time (one index range on
// conversation_facts) and its FAQ answer and feedback counts by event time. The figures
// themselves are computed in server/reports/metrics.ts, where they are defined and tested.
import type Database from 'better-sqlite3';
import type { HandoffReason } from '../protocol.js';
import type { StartedBy } from '../reports/events.js';
import type { ConversationFacts, FaqEventCount } from '../reports/metrics.js';
import type { UnansweredQuestion, UnansweredReason } from './types.js';

type FactsRow = [
  string, number, StartedBy | null, number, number | null, HandoffReason | null, number | null, number | null, number | null,
  number | null, string | null, string | null, number, number | null, number, number | null, string | null,
];

/**
 * A shopper's question the bot could not answer well: visitor message `v` and the bot's reply
 * `b` to it (its clientId is 'bot-' || v.id, server/bot.ts) — no match, suggestions declined,
 * or an answer marked "No". Shared by the FAQ manager's list (sqlite.ts) and the reports'.
 */
export const UNANSWERED_COLUMNS = `v.body, v.created_at, v.conversation_id,
  CASE json_extract(b.meta, '$.kind') WHEN 'handoff' THEN 'no_match' WHEN 'suggest' THEN 'declined' ELSE 'not_helpful' END AS reason,
  CASE json_extract(b.meta, '$.kind') WHEN 'answer' THEN json_extract(b.meta, '$.faqId') END AS faq_id`;
export const UNANSWERED_MATCH = `b.meta IS NOT NULL AND b.author = 'bot' AND b.client_id LIKE 'bot-%'
  AND v.conversation_id = b.conversation_id AND v.author = 'visitor'
  AND CASE json_extract(b.meta, '$.kind')
        WHEN 'handoff' THEN json_extract(b.meta, '$.reason') = 'no_match'
        WHEN 'suggest' THEN json_extract(b.meta, '$.declined') = 1
        WHEN 'answer' THEN json_extract(b.meta, '$.feedback') = 'no'
        ELSE 0 END`;

/**
 * Cached report days (report_days) of a site and, when asked for, one agent's parts of the
 * same days (report_agent_days: saved with the site's day, forgotten with it; an agent with
 * no row on a cached day had no conversation of it).
 */
export interface CachedDays { days: Map<number, string>; version: number; agentDays?: Map<number, string> }
/** A day to cache: its UTC day number, the site's part, and each agent's part (JSON). */
export type CachedDayRow = readonly [day: number, part: string, agents?: ReadonlyArray<readonly [agentId: string, part: string]>];

export interface ReportQueries {
  facts(siteId: string, from: number, to: number, agentId?: string): ConversationFacts[];
  faqCounts(siteId: string, from: number, to: number): FaqEventCount[];
  cachedDays(siteId: string, fromDay: number, toDay: number, agentId?: string): CachedDays;
  saveDays(siteId: string, version: number, days: readonly CachedDayRow[]): number;
  triggerFunnel(siteId: string, from: number, to: number): TriggerFunnelRow[];
  unanswered(siteId: string, from: number, to: number, limit: number): UnansweredQuestion[];
}

/** One proactive prompt's funnel over a range: prompts shown and clicked then, conversations it started then and their hand-offs. */
export interface TriggerFunnelRow { triggerId: string; shown: number; clicked: number; conversations: number; handoffs: number }

export function createReportQueries(db: Database.Database): ReportQueries {
  // Raw arrays, not objects: a year of a busy shop is half a million rows.
  const FACTS = `
    SELECT conversation_id, started_at, started_by, bot_answers, handoff_at, handoff_reason, queued_at, assigned_at,
           abandoned_at, first_agent_reply_at, first_reply_agent_id, agent_id, transfers, resolved_at, reopens, rating, lang
    FROM conversation_facts WHERE site_id = ? AND started_at >= ? AND started_at < ?`;
  const facts = db.prepare<[string, number, number], FactsRow>(`${FACTS} ORDER BY started_at`).raw();
  // One agent's: filtered in SQL, so only their rows are moved into JavaScript.
  const agentFacts = db.prepare<[string, number, number, string], FactsRow>(`${FACTS} AND agent_id = ? ORDER BY started_at`).raw();
  const faq = db.prepare<[string, number, number], FaqEventCount>(`
    SELECT faq_id AS faqId, type, count(*) AS count
    FROM conversation_events
    WHERE site_id = ? AND type IN ('bot_answered', 'bot_helpful', 'bot_not_helpful') AND at >= ? AND at < ?
    GROUP BY faqId, type`);
  const days = db.prepare<[string, number, number], [number, string]>('SELECT day, part FROM report_days WHERE site_id = ? AND day >= ? AND day < ?').raw();
  // INDEXED BY: the table is clustered by day (for the deletes of every event); SQLite might
  // otherwise walk every agent's rows of the range.
  const agentDays = db.prepare<[string, string, number, number], [number, string]>(
    'SELECT day, part FROM report_agent_days INDEXED BY report_agent_days_agent WHERE site_id = ? AND agent_id = ? AND day >= ? AND day < ?').raw();
  // The last event's id when a report read the days: a day computed from those reads is cached
  // only if no event recorded since touched it (by its own time, or its conversation's start).
  const version = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM conversation_events').pluck();
  const touchedSince = db.prepare<[number, string, number, string], number>(`
    SELECT e.at / 86400000 FROM conversation_events e WHERE e.id > ? AND e.site_id = ?
    UNION
    SELECT f.started_at / 86400000 FROM conversation_events e CROSS JOIN conversation_facts f ON f.conversation_id = e.conversation_id
    WHERE e.id > ? AND e.site_id = ?`).pluck();
  // CROSS JOIN keeps the events (the few since the read, by id) as the outer loop: SQLite
  // otherwise chose to scan every conversation's facts row (170 ms on a busy year, per save).
  // Shown and clicked by when they happened; conversations (and their hand-offs) by when they started.
  const prompts = db.prepare<[string, number, number], { trigger_id: string; shown: number; clicked: number }>(`
    SELECT trigger_id, sum(outcome = 'shown') AS shown, sum(outcome = 'clicked') AS clicked FROM trigger_events
    WHERE site_id = ? AND created_at >= ? AND created_at < ? GROUP BY trigger_id`);
  // From the trigger_linked events (recorded within seconds of the start; a day's margin
  // for the index range), counted by their conversation's start.
  const led = db.prepare<[string, number, number, number, number], { trigger_id: string; conversations: number; handoffs: number }>(`
    SELECT json_extract(e.data, '$.triggerId') AS trigger_id, count(*) AS conversations, count(coalesce(f.handoff_at, f.queued_at)) AS handoffs
    FROM conversation_events e JOIN conversation_facts f ON f.conversation_id = e.conversation_id
    WHERE e.site_id = ? AND e.type = 'trigger_linked' AND e.at >= ? AND e.at < ? AND f.started_at >= ? AND f.started_at < ?
    GROUP BY 1`);
  // Only conversations with a "No", or a hand-off for no match or declined suggestions, in the
  // range can hold one: the newest `limit` of each kind read backwards along the events' index
  // (not all of a year's), then their messages.
  const unanswered = db.prepare<[{ site: string; from: number; to: number; limit: number }], { body: string; created_at: number; conversation_id: string; reason: UnansweredReason; faq_id: string | null }>(`
    WITH recent AS (
      SELECT conversation_id FROM (
        SELECT * FROM (SELECT conversation_id, at FROM conversation_events
          WHERE site_id = @site AND type = 'bot_not_helpful' AND at >= @from AND at < @to ORDER BY at DESC LIMIT @limit)
        UNION ALL
        SELECT * FROM (SELECT conversation_id, at FROM conversation_events
          WHERE site_id = @site AND type = 'handed_off' AND at >= @from AND at < @to
            AND json_extract(data, '$.reason') IN ('no_match', 'declined') ORDER BY at DESC LIMIT @limit))
      GROUP BY conversation_id ORDER BY max(at) DESC LIMIT @limit)
    SELECT ${UNANSWERED_COLUMNS}
    FROM recent r JOIN messages b ON b.conversation_id = r.conversation_id
    JOIN messages v ON v.id = substr(b.client_id, 5)
    WHERE ${UNANSWERED_MATCH} AND v.created_at >= @from AND v.created_at < @to
    ORDER BY v.created_at DESC, v.id DESC
    LIMIT @limit`);
  const saveDay = db.prepare('INSERT OR REPLACE INTO report_days (site_id, day, part) VALUES (?, ?, ?)');
  // A day's agents are replaced with it (REPLACE does not fire report_days' delete trigger).
  const forgetAgentDays = db.prepare('DELETE FROM report_agent_days WHERE site_id = ? AND day = ?');
  const saveAgentDay = db.prepare('INSERT INTO report_agent_days (site_id, agent_id, day, part) VALUES (?, ?, ?, ?)');
  const save = db.transaction((siteId: string, at: number, list: readonly CachedDayRow[]): number => {
    const touched = new Set(touchedSince.all(at, siteId, at, siteId));
    let saved = 0;
    for (const [day, part, agents = []] of list) {
      if (touched.has(day)) continue;
      saveDay.run(siteId, day, part);
      forgetAgentDays.run(siteId, day);
      for (const [agentId, agentPart] of agents) saveAgentDay.run(siteId, agentId, day, agentPart);
      saved++;
    }
    return saved;
  });
  return {
    cachedDays(siteId, fromDay, toDay, agentId) {
      // One read: an agent's days are complete exactly where the site's day is cached.
      return db.transaction(() => ({
        version: version.get()!,
        days: new Map(days.all(siteId, fromDay, toDay)),
        ...(agentId === undefined ? {} : { agentDays: new Map(agentDays.all(siteId, agentId, fromDay, toDay)) }),
      }))();
    },
    saveDays(siteId, at, list) {
      return save.immediate(siteId, at, list);
    },
    facts(siteId, from, to, agentId) {
      const rows = agentId === undefined ? facts.all(siteId, from, to) : agentFacts.all(siteId, from, to, agentId);
      return rows.map((r) => ({
        conversationId: r[0], startedAt: r[1], startedBy: r[2], botAnswers: r[3], handoffAt: r[4], handoffReason: r[5],
        queuedAt: r[6], assignedAt: r[7], abandonedAt: r[8], firstAgentReplyAt: r[9], firstReplyAgentId: r[10], agentId: r[11],
        transfers: r[12], resolvedAt: r[13], reopens: r[14], rating: r[15], lang: r[16],
      }));
    },
    faqCounts(siteId, from, to) {
      return faq.all(siteId, from, to);
    },
    unanswered(siteId, from, to, limit) {
      return unanswered.all({ site: siteId, from, to, limit }).map((r) => ({
        body: r.body, askedAt: r.created_at, conversationId: r.conversation_id, reason: r.reason, faqId: r.faq_id,
      }));
    },
    triggerFunnel(siteId, from, to) {
      const rows = new Map<string, TriggerFunnelRow>();
      const row = (id: string): TriggerFunnelRow => rows.get(id) ?? rows.set(id, { triggerId: id, shown: 0, clicked: 0, conversations: 0, handoffs: 0 }).get(id)!;
      for (const p of prompts.all(siteId, from, to)) Object.assign(row(p.trigger_id), { shown: p.shown, clicked: p.clicked });
      for (const l of led.all(siteId, from, to + 86_400_000, from, to)) Object.assign(row(l.trigger_id), { conversations: l.conversations, handoffs: l.handoffs });
      return [...rows.values()];
    },
  };
}
