// The steps of a conversation's life that reports count (issue 6). A closed list: every
// event a report reads is one of these, with its own data, so a typo is a compile error and
// the metric definitions (metrics.ts) can rely on what each event carries.
import type { HandoffReason, Lang } from '../protocol.js';

/** Who opened the conversation: the shopper writing first, or a proactive prompt (trigger). */
export type StartedBy = 'shopper' | 'trigger';

/** Each event type and the JSON `data` it carries (null for none). */
export interface EventData {
  /** `lang`: the shopper's language when it started, when known (one of LANGS). */
  started: { by: StartedBy; triggerId?: string; lang?: Lang };
  /**
   * The shopper's message in the conversation was clearly written in another language than
   * it was in (server/conversations.ts followWrittenLang): the conversation is in `lang` now,
   * and a report counts it there (docs/reports.md, "By language").
   */
  lang_changed: { lang: Lang };
  /**
   * The conversation was started from a trigger's prompt: the widget says so right after the
   * first message (visit:link), when `started` has been recorded already (as by the shopper).
   * Its facts then say "by trigger"; the `started` event stays as it was.
   */
  trigger_linked: { triggerId: string };
  /** The bot answered from a FAQ entry ("FAQ answers shown"). */
  bot_answered: { faqId: string };
  bot_helpful: { faqId: string };
  bot_not_helpful: { faqId: string };
  handed_off: { reason: HandoffReason };
  /** The conversation entered the queue, waiting for an agent. */
  queued: null;
  /** An agent took it (agent_id set). */
  assigned: null;
  /** The first message a person wrote in it (agent_id set). */
  first_agent_reply: null;
  /** Moved to another agent (agent_id: the new one). */
  transferred: { fromAgentId: string | null };
  resolved: null;
  reopened: null;
  /** The shopper's rating, 1 to 5; a later rating of the same conversation replaces it. */
  rated: { score: 1 | 2 | 3 | 4 | 5 };
  /**
   * The shopper left the queue before an agent came: no socket of theirs was connected for
   * the abandonment time (server/reports/abandonment.ts) while the conversation waited,
   * unassigned and unanswered. `at` is when their last socket closed. Recorded once.
   */
  abandoned: null;
}

export type EventType = keyof EventData;

export const EVENT_TYPES: readonly EventType[] = [
  'started', 'trigger_linked', 'bot_answered', 'bot_helpful', 'bot_not_helpful', 'handed_off', 'queued', 'assigned',
  'first_agent_reply', 'transferred', 'resolved', 'reopened', 'rated', 'abandoned', 'lang_changed',
];

/** An event to record; the store stamps `at` with its clock when it is absent. */
export type NewConversationEvent = {
  [K in EventType]: {
    type: K;
    siteId: string;
    conversationId: string;
    agentId?: string | null;
    at?: number;
  } & (EventData[K] extends null ? { data?: null } : { data: EventData[K] });
}[EventType];

/** A recorded event (rows of conversation_events). */
export type ConversationEvent = {
  [K in EventType]: { id: number; type: K; siteId: string; conversationId: string; agentId: string | null; at: number; data: EventData[K] };
}[EventType];
