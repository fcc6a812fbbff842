// Recording conversation events in SQLite: the append-only row in conversation_events and,
// in the same statement group, the conversation's row in conversation_facts (the rollup the
// reports read). Called inside the store's own transactions, so an event is stored exactly
// when the change it describes is.
import type Database from 'better-sqlite3';
import type { Clock } from '../ids.js';
import type { ConversationEvent, EventType, NewConversationEvent } from '../reports/events.js';

interface EventRecord {
  id: number; site_id: string; conversation_id: string; type: EventType; at: number; agent_id: string | null; data: string | null;
}

const toEvent = (r: EventRecord): ConversationEvent => ({
  id: r.id, siteId: r.site_id, conversationId: r.conversation_id, type: r.type, at: r.at, agentId: r.agent_id,
  data: r.data === null ? null : JSON.parse(r.data),
}) as ConversationEvent;

/** How each event changes the conversation's facts row (`@at`, `@agent`, `@data` bound). */
const FACT_UPDATES: Record<EventType, string | null> = {
  started: `started_at = @at, started_by = json_extract(@data, '$.by'), lang = json_extract(@data, '$.lang')`,
  trigger_linked: `started_by = 'trigger'`,
  bot_answered: 'bot_answers = bot_answers + 1',
  bot_helpful: null,
  bot_not_helpful: null,
  handed_off: `handoff_at = coalesce(handoff_at, @at), handoff_reason = coalesce(handoff_reason, json_extract(@data, '$.reason'))`,
  queued: 'queued_at = coalesce(queued_at, @at)',
  assigned: 'assigned_at = coalesce(assigned_at, @at), agent_id = @agent',
  first_agent_reply: `first_agent_reply_at = coalesce(first_agent_reply_at, @at),
    first_reply_agent_id = coalesce(first_reply_agent_id, @agent), agent_id = coalesce(agent_id, @agent)`,
  transferred: 'agent_id = @agent, transfers = transfers + 1',
  resolved: 'resolved_at = @at',
  reopened: 'resolved_at = NULL, reopens = reopens + 1',
  rated: `rating = json_extract(@data, '$.score')`,
  abandoned: 'abandoned_at = coalesce(abandoned_at, @at)',
  lang_changed: `lang = json_extract(@data, '$.lang')`,
};

export interface EventRecorder {
  /** Stores the event and updates the facts; call inside a transaction. */
  record(event: NewConversationEvent): void;
  list(conversationId: string): ConversationEvent[];
}

/**
 * `onError` hears an event that could not be stored: the change it describes is kept (the
 * event's writes are rolled back to a savepoint), because a report must never cost a
 * shopper their message.
 */
export function createEventRecorder(db: Database.Database, clock: Clock, onError: (error: unknown, event: NewConversationEvent) => void): EventRecorder {
  const insert = db.prepare(`INSERT INTO conversation_events (site_id, conversation_id, type, at, agent_id, data)
    VALUES (@site, @conversation, @type, @at, @agent, @data)`);
  // A conversation's first event opens its facts row (normally `started`; a conversation
  // from before events were recorded starts at its first recorded event).
  const ensureFacts = db.prepare(`INSERT OR IGNORE INTO conversation_facts (conversation_id, site_id, started_at)
    VALUES (@conversation, @site, @at)`);
  const updates = new Map<EventType, Database.Statement>();
  for (const [type, set] of Object.entries(FACT_UPDATES) as Array<[EventType, string | null]>) {
    if (set) updates.set(type, db.prepare(`UPDATE conversation_facts SET ${set} WHERE conversation_id = @conversation`));
  }
  // The cached report days this event changes: the day it happened (FAQ counts) and the day
  // its conversation started (facts), before and after the update.
  // CAST: better-sqlite3 binds a JS number as REAL, and REAL / 86400000 is not a whole day.
  const forgetDay = db.prepare('DELETE FROM report_days WHERE site_id = @site AND day = CAST(@at AS INTEGER) / 86400000');
  const forgetStartDay = db.prepare(`DELETE FROM report_days WHERE site_id = @site
    AND day = (SELECT started_at / 86400000 FROM conversation_facts WHERE conversation_id = @conversation)`);
  const byConversation = db.prepare<[string], EventRecord>('SELECT * FROM conversation_events WHERE conversation_id = ? ORDER BY id');

  const write = db.transaction((params: Record<string, unknown>, update: Database.Statement | undefined) => {
    insert.run(params);
    forgetDay.run(pick(params, forgetDay.source));
    forgetStartDay.run(pick(params, forgetStartDay.source));
    ensureFacts.run(pick(params, ensureFacts.source));
    if (update) update.run(pick(params, update.source));
    forgetStartDay.run(pick(params, forgetStartDay.source));
  });

  return {
    record(event) {
      const params = {
        site: event.siteId,
        conversation: event.conversationId,
        type: event.type,
        at: event.at ?? clock.now(),
        agent: event.agentId ?? null,
        data: event.data == null ? null : JSON.stringify(event.data),
      };
      try {
        write(params, updates.get(event.type));
      } catch (error) {
        onError(error, event);
      }
    },
    list(conversationId) {
      return byConversation.all(conversationId).map(toEvent);
    },
  };
}

/** Each statement binds only the names it uses. */
function pick(params: Record<string, unknown>, sql: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`)));
}
