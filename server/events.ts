// Domain events: services announce what changed; the realtime edge decides who hears it.
// Keeps services free of Socket.IO (data flows edge → service → store, and back out here).
import type { Lang } from './protocol.js';
import type { Note } from './store/routing-types.js';
import type { ReplyEmail } from './store/reply-emails-sqlite.js';
import type { Conversation, StoredMessage } from './store/types.js';

export interface DomainEvents {
  'message:stored': { message: StoredMessage; conversation: Conversation };
  'conversation:changed': { conversation: Conversation };
  /** A stored message's bot offer changed (feedback given, suggestion chosen). */
  'message:updated': { message: StoredMessage; conversation: Conversation };
  'agent:sessions-revoked': { agentId: string; sessionHash: string | null };
  /** A site's queue changed (someone joined, left or moved): waiting shoppers get their new place. */
  'queue:changed': { siteId: string };
  /** An agent's availability or load changed. */
  'agents:changed': Record<never, never>;
  /** Whether anyone is online to answer flipped. */
  'availability:changed': { agentsOnline: boolean };
  'conversation:assigned': { conversation: Conversation; agentId: string; note: string | null; by: string | null; self: boolean };
  'note:added': { note: Note };
  /** A reply email was sent, retried, given up or skipped (server/routing/email-outbox.ts). */
  'email:changed': { email: ReplyEmail };
  /** A shopper's message showed they write another language than the chat spoke (server/i18n/written-lang.ts). */
  'visitor:lang': { visitorId: string; lang: Lang };
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void;

export class EventBus {
  private readonly listeners: { [K in keyof DomainEvents]?: Array<Listener<K>> } = {};

  on<K extends keyof DomainEvents>(event: K, listener: Listener<K>): () => void {
    const list = (this.listeners[event] ??= []) as Array<Listener<K>>;
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
    for (const listener of (this.listeners[event] ?? []) as Array<Listener<K>>) listener(payload);
  }
}
