// The reads behind reports: a site's conversation facts by start time (one index range on
// conversation_facts) and its FAQ answer and feedback counts by event time. The figures
// themselves are computed in server/reports/metrics.ts, where they are defined and tested.
import type Database from 'better-sqlite3';
import type { HandoffReason } from '../protocol.js';
import type { StartedBy } from '../reports/events.js';
import type { ConversationFacts, FaqEventCount } from '../reports/metrics.js';

type FactsRow = [
  string, number, StartedBy | null, number, number | null, HandoffReason | null, number | null, number | null, number | null,
  number | null, string | null, string | null, number, number | null, number, number | null,
];

export interface ReportQueries {
  facts(siteId: string, from: number, to: number): ConversationFacts[];
  faqCounts(siteId: string, from: number, to: number): FaqEventCount[];
  cachedDays(siteId: string, fromDay: number, toDay: number): { days: Map<number, string>; version: number };
  saveDays(siteId: string, version: number, days: ReadonlyArray<[number, string]>): number;
  triggerFunnel(siteId: string, from: number, to: number): TriggerFunnelRow[];
}

/** One proactive prompt's funnel over a range: prompts shown and clicked then, conversations it started then and their hand-offs. */
export interface TriggerFunnelRow { triggerId: string; shown: number; clicked: number; conversations: number; handoffs: number }

export function createReportQueries(db: Database.Database): ReportQueries {
  // Raw arrays, not objects: a year of a busy shop is half a million rows.
  const facts = db.prepare<[string, number, number], FactsRow>(`
    SELECT conversation_id, started_at, started_by, bot_answers, handoff_at, handoff_reason, queued_at, assigned_at,
           abandoned_at, first_agent_reply_at, first_reply_agent_id, agent_id, transfers, resolved_at, reopens, rating
    FROM conversation_facts WHERE site_id = ? AND started_at >= ? AND started_at < ? ORDER BY started_at`).raw();
  const faq = db.prepare<[string, number, number], FaqEventCount>(`
    SELECT faq_id AS faqId, type, count(*) AS count
    FROM conversation_events
    WHERE site_id = ? AND type IN ('bot_answered', 'bot_helpful', 'bot_not_helpful') AND at >= ? AND at < ?
    GROUP BY faqId, type`);
  const days = db.prepare<[string, number, number], [number, string]>('SELECT day, part FROM report_days WHERE site_id = ? AND day >= ? AND day < ?').raw();
  // The last event's id when a report read the days: a day computed from those reads is cached
  // only if no event recorded since touched it (by its own time, or its conversation's start).
  const version = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM conversation_events').pluck();
  const touchedSince = db.prepare<[number, string, number, string], number>(`
    SELECT e.at / 86400000 FROM conversation_events e WHERE e.id > ? AND e.site_id = ?
    UNION
    SELECT f.started_at / 86400000 FROM conversation_events e JOIN conversation_facts f ON f.conversation_id = e.conversation_id
    WHERE e.id > ? AND e.site_id = ?`).pluck();
  // Shown and clicked by when they happened; conversations (and their hand-offs) by when they started.
  const prompts = db.prepare<[string, number, number], { trigger_id: string; shown: number; clicked: number }>(`
    SELECT trigger_id, sum(outcome = 'shown') AS shown, sum(outcome = 'clicked') AS clicked FROM trigger_events
    WHERE site_id = ? AND created_at >= ? AND created_at < ? GROUP BY trigger_id`);
  const led = db.prepare<[string, number, number], { trigger_id: string; conversations: number; handoffs: number }>(`
    SELECT c.trigger_id, count(*) AS conversations, count(coalesce(f.handoff_at, f.queued_at)) AS handoffs
    FROM conversation_facts f JOIN conversations c ON c.id = f.conversation_id
    WHERE f.site_id = ? AND f.started_at >= ? AND f.started_at < ? AND c.trigger_id IS NOT NULL GROUP BY c.trigger_id`);
  const saveDay = db.prepare('INSERT OR REPLACE INTO report_days (site_id, day, part) VALUES (?, ?, ?)');
  const save = db.transaction((siteId: string, at: number, list: ReadonlyArray<[number, string]>): number => {
    const touched = new Set(touchedSince.all(at, siteId, at, siteId));
    let saved = 0;
    for (const [day, part] of list) {
      if (touched.has(day)) continue;
      saveDay.run(siteId, day, part);
      saved++;
    }
    return saved;
  });
  return {
    cachedDays(siteId, fromDay, toDay) {
      return db.transaction(() => ({ version: version.get()!, days: new Map(days.all(siteId, fromDay, toDay)) }))();
    },
    saveDays(siteId, at, list) {
      return save.immediate(siteId, at, list);
    },
    facts(siteId, from, to) {
      return facts.all(siteId, from, to).map((r) => ({
        conversationId: r[0], startedAt: r[1], startedBy: r[2], botAnswers: r[3], handoffAt: r[4], handoffReason: r[5],
        queuedAt: r[6], assignedAt: r[7], abandonedAt: r[8], firstAgentReplyAt: r[9], firstReplyAgentId: r[10], agentId: r[11],
        transfers: r[12], resolvedAt: r[13], reopens: r[14], rating: r[15],
      }));
    },
    faqCounts(siteId, from, to) {
      return faq.all(siteId, from, to);
    },
    triggerFunnel(siteId, from, to) {
      const rows = new Map<string, TriggerFunnelRow>();
      const row = (id: string): TriggerFunnelRow => rows.get(id) ?? rows.set(id, { triggerId: id, shown: 0, clicked: 0, conversations: 0, handoffs: 0 }).get(id)!;
      for (const p of prompts.all(siteId, from, to)) Object.assign(row(p.trigger_id), { shown: p.shown, clicked: p.clicked });
      for (const l of led.all(siteId, from, to)) Object.assign(row(l.trigger_id), { conversations: l.conversations, handoffs: l.handoffs });
      return [...rows.values()];
    },
  };
}
