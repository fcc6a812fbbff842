// Store rows → the shapes the protocol sends. One place, so widget and console see the same.
import type { ConversationSummary, HandoffReason, Message, QueuePlace, VisitorConversation } from './protocol.js';
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
    ...(m.attachments ? { attachments: m.attachments } : {}),
  };
}

export function visitorConversationView(c: Conversation, agentName: string | null, queue: QueuePlace | null): VisitorConversation {
  return {
    id: c.id,
    status: c.status,
    lastSeq: c.lastSeq,
    agentName,
    agentReadSeq: c.agentReadSeq,
    visitorReadSeq: c.visitorReadSeq,
    handoff: handoffView(c),
    routing: c.routing,
    queue,
    rating: c.rating,
  };
}

/** "Visitor 3fa9c2": a stable short label until the shopper is identified (queue issue). */
export function visitorLabel(visitorId: string): string {
  return `Visitor ${visitorId.slice(0, 6)}`;
}

/** `position`: the conversation's place in its site's queue, when waiting. */
export function summaryView(row: ConversationRow, presence: Presence, position: number | null): ConversationSummary {
  return {
    id: row.id,
    siteId: row.siteId,
    siteName: row.siteName,
    visitorId: row.visitorId,
    visitorLabel: row.identity.name ?? row.identity.email ?? visitorLabel(row.visitorId),
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
    routing: row.routing,
    queue: row.routing === 'queued' && row.queuedAt !== null && position !== null
      ? { reason: row.queueReason ?? 'asked', since: row.queuedAt, position }
      : null,
    team: row.team,
    assignedAgent: row.assignedAgentId !== null && row.assignedAgentName !== null ? { id: row.assignedAgentId, name: row.assignedAgentName } : null,
    rating: row.rating === null ? null : { score: row.rating, comment: row.ratingComment },
    identity: row.identity,
  };
}

function handoffView(c: Conversation): { at: number; reason: HandoffReason } | null {
  return c.handoffAt !== null && c.handoffReason !== null ? { at: c.handoffAt, reason: c.handoffReason } : null;
}
