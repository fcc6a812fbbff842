// Store rows → the shapes the protocol sends. One place, so widget and console see the same.
import type { ConversationSummary, HandoffReason, Message, VisitorConversation } from './protocol.js';
import type { Presence } from './presence.js';
import type { Conversation, ConversationRow, StoredMessage } from './store/types.js';

export function messageView(m: StoredMessage): Message {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    clientId: m.clientId,
    author: m.author,
    authorName: m.authorName,
    body: m.body,
    createdAt: m.createdAt,
    meta: m.meta,
  };
}

export function visitorConversationView(c: Conversation, agentName: string | null): VisitorConversation {
  return {
    id: c.id,
    status: c.status,
    lastSeq: c.lastSeq,
    agentName,
    agentReadSeq: c.agentReadSeq,
    visitorReadSeq: c.visitorReadSeq,
    handoff: handoffView(c),
  };
}

/** "Visitor 3fa9c2": a stable short label until the shopper is identified (queue issue). */
export function visitorLabel(visitorId: string): string {
  return `Visitor ${visitorId.slice(0, 6)}`;
}

export function summaryView(row: ConversationRow, presence: Presence): ConversationSummary {
  return {
    id: row.id,
    siteId: row.siteId,
    siteName: row.siteName,
    visitorId: row.visitorId,
    visitorLabel: visitorLabel(row.visitorId),
    status: row.status,
    lastSeq: row.lastSeq,
    agentReadSeq: row.agentReadSeq,
    lastMessage: row.lastMessage,
    createdAt: row.createdAt,
    lastActivityAt: row.lastActivityAt,
    page: row.visitorPage,
    lang: row.visitorLang,
    visitorOnline: presence.isVisitorOnline(row.visitorId),
    handoff: handoffView(row),
    firstAgentReplyAt: row.firstAgentReplyAt,
  };
}

function handoffView(c: Conversation): { at: number; reason: HandoffReason } | null {
  return c.handoffAt !== null && c.handoffReason !== null ? { at: c.handoffAt, reason: c.handoffReason } : null;
}
