// Recording that a shopper left the queue before an agent came (the definition is in
// server/reports/abandonment.ts and docs/reports.md): their open conversation still waiting,
// never answered by a person, not marked before. Checked and recorded in one transaction, so
// an agent's claim in between cannot be missed and the event is written once.
import type Database from 'better-sqlite3';
import type { NewConversationEvent } from '../reports/events.js';

export function createAbandonRecorder(db: Database.Database, record: (event: NewConversationEvent) => void): (visitorId: string, leftAt: number) => string[] {
  const waiting = db.prepare<[string], { id: string; site_id: string }>(`
    SELECT c.id, c.site_id FROM conversations c LEFT JOIN conversation_facts f ON f.conversation_id = c.id
    WHERE c.visitor_id = ? AND c.status = 'open' AND c.routing = 'queued' AND c.first_agent_reply_at IS NULL AND f.abandoned_at IS NULL`);
  const mark = db.transaction((visitorId: string, leftAt: number): string[] => {
    const rows = waiting.all(visitorId);
    for (const r of rows) record({ type: 'abandoned', siteId: r.site_id, conversationId: r.id, at: leftAt });
    return rows.map((r) => r.id);
  });
  return (visitorId, leftAt) => mark.immediate(visitorId, leftAt);
}
