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
}

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
  return {
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
  };
}
