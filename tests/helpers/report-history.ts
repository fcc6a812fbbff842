// A hand-built week of one shop's conversations for the report tests, as conversation facts
// and as the events that produce them. The right answers are worked out in the tests.
import { LANGS } from '../../server/protocol.js';
import type { NewConversationEvent } from '../../server/reports/events.js';
import type { ConversationFacts } from '../../server/reports/metrics.js';

export const S = 1000;
export const H = 3_600_000;
/** Monday 2 March 2026, 09:00 UTC. */
export const T = Date.UTC(2026, 2, 2, 9, 0);

export function facts(id: string, startedAt: number, more: Partial<ConversationFacts> = {}): ConversationFacts {
  return {
    conversationId: id, startedAt, startedBy: 'shopper', botAnswers: 0, handoffAt: null, handoffReason: null, queuedAt: null,
    assignedAt: null, abandonedAt: null, firstAgentReplyAt: null, firstReplyAgentId: null, agentId: null, transfers: 0,
    resolvedAt: null, reopens: 0, rating: null, lang: null, ...more,
  };
}

/** Eight conversations from Monday 09:00 to Tuesday 13:00 UTC; agents `a` and `b`. */
export function week(): ConversationFacts[] {
  const c3 = T + 2 * H;
  const c4 = T + 3 * H;
  const c5 = T + 4 * H;
  const c6 = T + 26 * H;
  const c7 = T + 27 * H;
  return [
    // The bot alone.
    facts('c1', T, { botAnswers: 2 }),
    facts('c2', T + H, { botAnswers: 1 }),
    // "No" → hand-off (no queue); Ann replies 30 s later; resolved after 2 h; rated 5.
    facts('c3', c3, {
      botAnswers: 1, handoffAt: c3 + 60 * S, handoffReason: 'not_helpful', firstAgentReplyAt: c3 + 90 * S, firstReplyAgentId: 'a', agentId: 'a',
      resolvedAt: c3 + 2 * H, rating: 5,
    }),
    // Asked for a person; queued 10 s in, assigned to b 120 s later, first reply 150 s after queueing; resolved after 25 h; rated 2.
    facts('c4', c4, {
      handoffAt: c4 + 10 * S, handoffReason: 'asked', queuedAt: c4 + 10 * S, assignedAt: c4 + 130 * S, firstAgentReplyAt: c4 + 160 * S,
      firstReplyAgentId: 'b', agentId: 'b', resolvedAt: c4 + 25 * H, rating: 2,
    }),
    // No match; queued; the shopper left after 300 s.
    facts('c5', c5, { handoffAt: c5 + 5 * S, handoffReason: 'no_match', queuedAt: c5 + 5 * S, abandonedAt: c5 + 305 * S }),
    // A trigger's prompt; Ann wrote 40 s after the start without any hand-off; resolved after 600 s; rated 4.
    facts('c6', c6, { startedBy: 'trigger', firstAgentReplyAt: c6 + 40 * S, firstReplyAgentId: 'a', agentId: 'a', resolvedAt: c6 + 600 * S, rating: 4 }),
    // Asked; queued at once; assigned to Ann at 60 s; first reply at 90 s; reopened, resolved again exactly 24 h after the start; rated 5.
    facts('c7', c7, {
      handoffAt: c7, handoffReason: 'asked', queuedAt: c7, assignedAt: c7 + 60 * S, firstAgentReplyAt: c7 + 90 * S, firstReplyAgentId: 'a', agentId: 'a',
      resolvedAt: c7 + 24 * H, reopens: 1, rating: 5,
    }),
    // Declined the suggestions; still waiting.
    facts('c8', T + 28 * H, { handoffAt: T + 28 * H + 3 * S, handoffReason: 'declined', queuedAt: T + 28 * H + 3 * S }),
  ];
}

/**
 * The week's conversations in the shoppers' languages, for the reports by language: c1 en,
 * c2 th, c3 zh-TW, c4 th (started on an English page, then written in Thai), c5 th, c6 en,
 * c7 zh-CN, c8 unknown.
 */
export const WEEK_LANGS: Readonly<Record<string, string | null>> = { c1: 'en', c2: 'th', c3: 'zh-TW', c4: 'th', c5: 'th', c6: 'en', c7: 'zh-CN', c8: null };

/** Events that, recorded in order, give a conversation the facts `f` (for one site). */
export function eventsFor(siteId: string, f: ConversationFacts): NewConversationEvent[] {
  const base = { siteId, conversationId: f.conversationId };
  const lang = LANGS.find((l) => l === f.lang);
  const out: NewConversationEvent[] = [{ ...base, type: 'started', at: f.startedAt, data: { by: f.startedBy ?? 'shopper', ...(lang ? { lang } : {}) } }];
  for (let i = 0; i < f.botAnswers; i++) out.push({ ...base, type: 'bot_answered', at: f.startedAt + 1, data: { faqId: 'ship' } });
  if (f.handoffAt !== null) out.push({ ...base, type: 'handed_off', at: f.handoffAt, data: { reason: f.handoffReason ?? 'asked' } });
  if (f.queuedAt !== null) out.push({ ...base, type: 'queued', at: f.queuedAt });
  if (f.abandonedAt !== null) out.push({ ...base, type: 'abandoned', at: f.abandonedAt });
  const firstOwner = f.assignedAt !== null && f.transfers === 0 ? f.agentId : f.firstReplyAgentId;
  if (f.assignedAt !== null) out.push({ ...base, type: 'assigned', at: f.assignedAt, agentId: firstOwner });
  if (f.firstAgentReplyAt !== null) out.push({ ...base, type: 'first_agent_reply', at: f.firstAgentReplyAt, agentId: f.firstReplyAgentId });
  if (f.resolvedAt !== null) {
    // A reopened conversation was resolved before, then reopened, then resolved for good.
    for (let i = 0; i < f.reopens; i++) {
      out.push({ ...base, type: 'resolved', at: f.resolvedAt - 2 * H }, { ...base, type: 'reopened', at: f.resolvedAt - H });
    }
    out.push({ ...base, type: 'resolved', at: f.resolvedAt });
  }
  if (f.rating !== null) out.push({ ...base, type: 'rated', at: (f.resolvedAt ?? f.startedAt) + 1, data: { score: f.rating as 1 | 2 | 3 | 4 | 5 } });
  return out;
}
