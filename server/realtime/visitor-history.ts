// The shopper's own history in the widget: their earlier conversations (with the last
// message), one of them to read, and "start a new conversation" (closes the current one, so
// the next message opens another). Only the connection's own visitor's conversations.
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import { SYNC_PAGE, type ConversationService } from '../conversations.js';
import { ConversationRef, EmptyPayload, type VisitorConversationItem } from '../protocol.js';
import type { Store, Visitor } from '../store/types.js';
import { messageView } from '../views.js';
import { handle } from './guard.js';

/** The widget lists this many, newest first. */
export const HISTORY_LIMIT = 50;

export function registerVisitorHistory(socket: Socket, visitor: Visitor, deps: { store: Store; conversations: ConversationService; log: FastifyBaseLogger }): void {
  const { store, conversations, log } = deps;
  handle(socket, 'conversations:mine', EmptyPayload, log, async () => {
    const list = await store.listVisitorConversations([visitor.id], HISTORY_LIMIT);
    const items: VisitorConversationItem[] = [];
    for (const c of list) {
      const row = await store.getConversationRow(c.id);
      items.push({ id: c.id, status: c.status, routing: c.routing, createdAt: c.createdAt, lastActivityAt: c.lastActivityAt, lastMessage: row?.lastMessage ?? null });
    }
    return { conversations: items };
  });
  handle(socket, 'conversation:history', ConversationRef, log, async (req) => {
    await conversations.ownConversation(visitor, req.conversationId);
    const rows = await store.listMessages(req.conversationId, 0, SYNC_PAGE);
    return { messages: rows.map(messageView), hasMore: rows.length === SYNC_PAGE };
  });
  handle(socket, 'conversation:close', ConversationRef, log, async (req) => {
    const own = await conversations.ownConversation(visitor, req.conversationId);
    if (own.status === 'open') await conversations.close(own.id);
    return {};
  });
}
