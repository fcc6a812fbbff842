// Recording a report event after a change that has already happened (the queue's steps live
// in their own store calls). A report must never undo or fail what the shopper or agent did,
// so a failure here is logged and swallowed.
import type { NewConversationEvent } from './events.js';

export interface EventSink {
  recordEvent(event: NewConversationEvent): Promise<void>;
}

export async function recordQuietly(store: EventSink, event: NewConversationEvent): Promise<void> {
  try {
    await store.recordEvent(event);
  } catch (err) {
    logEventError(err, event);
  }
}

/** One JSON line on stderr, as the logs are (the store has no logger of its own). */
export function logEventError(error: unknown, event: NewConversationEvent): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'conversation event not recorded', type: event.type, conversationId: event.conversationId, error: message })}\n`);
}
