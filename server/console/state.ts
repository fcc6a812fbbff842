// The console's state: one immutable snapshot in a tiny observable store, plus the pure
// helpers that merge server data into it. The connection writes; components read.
import type { AgentPresence, AgentProfile, CannedReplyView, ConversationSummary, ErrorInfo, Message, NoteView } from '../protocol.js';
import type { OutboxEntry } from '../../widget/outbox.js';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';
/** 'queue': waiting for a person, in line order; 'mine': open and assigned to me. */
export type Filter = 'queue' | 'mine' | 'open' | 'closed' | 'all';
/** Loading state of the open conversation's history. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

export interface Notice {
  kind: 'closeFailed' | 'loadFailed' | 'actionFailed';
  error: ErrorInfo;
}

export interface ConsoleState {
  agent: AgentProfile;
  connection: ConnectionStatus;
  filter: Filter;
  conversations: Readonly<Record<string, ConversationSummary>>;
  /**
   * Messages held per conversation, ordered by seq with no gaps from the first: so the last
   * one's seq is where a catch-up starts. A conversation never opened has no entry.
   */
  messages: Readonly<Record<string, readonly Message[]>>;
  openId: string | null;
  load: LoadState;
  /** Unacknowledged messages of every conversation (a copy of the persisted outbox). */
  outbox: readonly OutboxEntry[];
  /** Conversations whose shopper is typing right now. */
  typing: Readonly<Record<string, true>>;
  /** The newest incoming message of the open conversation, for the screen-reader live region. */
  announcement: Message | null;
  notice: Notice | null;
  /** Every agent's availability and load (mine included). */
  agents: readonly AgentPresence[];
  /** Private notes of the conversations opened so far. */
  notes: Readonly<Record<string, readonly NoteView[]>>;
  canned: readonly CannedReplyView[];
}

export function initialState(agent: AgentProfile): ConsoleState {
  return {
    agent,
    connection: 'connecting',
    filter: 'open',
    conversations: {},
    messages: {},
    openId: null,
    load: 'idle',
    outbox: [],
    typing: {},
    announcement: null,
    notice: null,
    agents: [],
    notes: {},
    canned: [],
  };
}

/** A minimal observable store: enough for one app, no library needed. */
export class Store<T extends object> {
  private readonly listeners = new Set<() => void>();
  constructor(private state: T) {}

  get(): T {
    return this.state;
  }

  update(patch: Partial<T> | ((state: T) => Partial<T>)): void {
    const next = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The seq a catch-up starts after: the last of the gap-free run we hold. */
export function heldSeq(messages: readonly Message[] | undefined): number {
  return messages && messages.length > 0 ? (messages[messages.length - 1]?.seq ?? 0) : 0;
}

/** Union by id, ordered by seq: a message delivered twice (event and catch-up) shows once. */
export function mergeMessages(held: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (incoming.length === 0) return held;
  const byId = new Map<string, Message>();
  for (const m of held) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** A gap-free prefix: everything up to the first missing seq (the rest waits for a catch-up). */
export function contiguous(messages: readonly Message[]): readonly Message[] {
  for (let i = 1; i < messages.length; i++) {
    const prev = messages[i - 1];
    const cur = messages[i];
    if (prev && cur && cur.seq > prev.seq + 1) return messages.slice(0, i);
  }
  return messages;
}

/** Open, assigned to this agent (resolved ones wait for the shopper, so they are not "mine" to answer). */
export function isMine(c: ConversationSummary, agentId: string): boolean {
  return c.status === 'open' && c.routing === 'assigned' && c.assignedAgent?.id === agentId;
}

/**
 * A colleague is answering it and this agent is no manager: the server refuses their message,
 * "typing", resolve and close there (server/roles.ts requireMayWrite), so the console disables
 * those and says why instead of failing after the click.
 */
export function heldByColleague(c: ConversationSummary, agent: Pick<AgentProfile, 'id' | 'role'>): boolean {
  return agent.role !== 'manager' && c.status === 'open' && c.routing === 'assigned' && c.assignedAgent !== null && c.assignedAgent.id !== agent.id;
}

export function unreadCount(c: ConversationSummary): number {
  // Counts every message after the read mark, the agent's own included; close enough for a
  // badge, since writing marks the conversation read up to that message on the server.
  return Math.max(0, c.lastSeq - c.agentReadSeq);
}

/**
 * The list as shown: the filter applied, newest activity first. The open conversation stays
 * listed even when it no longer matches (closed under "Open"), so the agent's place and the
 * focus target of "back" do not vanish under them.
 */
export function visibleConversations(
  conversations: Readonly<Record<string, ConversationSummary>>,
  filter: Filter,
  openId: string | null,
  agentId = '',
): ConversationSummary[] {
  const all = Object.values(conversations);
  if (filter === 'queue') {
    // In line order: the head of the queue first (sites' queues interleaved by waiting time).
    return all
      .filter((c) => (c.status === 'open' && c.queue !== null) || c.id === openId)
      .sort((a, b) => (a.queue?.since ?? Infinity) - (b.queue?.since ?? Infinity) || (a.queue?.position ?? 0) - (b.queue?.position ?? 0));
  }
  return all
    .filter((c) => filter === 'all' || (filter === 'mine' ? isMine(c, agentId) : c.status === filter) || c.id === openId)
    .sort((a, b) => b.lastActivityAt - a.lastActivityAt || a.id.localeCompare(b.id));
}

/** One row of the open conversation's timeline: a stored message or one still in the outbox. */
export interface TimelineItem {
  key: string;
  message: Message | null;
  entry: OutboxEntry | null;
  state: 'pending' | 'sent' | 'failed';
}

export function timeline(messages: readonly Message[], outbox: readonly OutboxEntry[], conversationId: string): TimelineItem[] {
  const stored = new Set<string>();
  const items: TimelineItem[] = messages.map((m) => {
    if (m.clientId) stored.add(m.clientId);
    return { key: m.id, message: m, entry: null, state: 'sent' };
  });
  // Unacknowledged messages go last, in the order they were written; once stored they
  // appear above in their seq place, so an entry already stored is not shown twice.
  for (const e of outbox) {
    if (e.conversationId !== conversationId || stored.has(e.clientId)) continue;
    items.push({ key: `c:${e.clientId}`, message: null, entry: e, state: e.state === 'failed' ? 'failed' : 'pending' });
  }
  return items;
}
