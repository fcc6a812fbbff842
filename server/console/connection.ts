// The console's connection: the /agent socket, the outbox and the catch-up by seq. No UI:
// it writes the store, components call its methods.
//
// Delivery rules (docs/protocol.md): on every (re)connect re-list the conversations, catch
// the open conversation up from the last seq held, then resend the outbox in order, one at a
// time, each awaiting its acknowledgement. A message stays in the outbox (localStorage) until
// the server acknowledges it as stored; the server stores a repeated clientId once, so a
// resend — from this tab or another — is always safe. A seq gap means an event was missed:
// catch up rather than show a hole.
import { io, type Socket } from 'socket.io-client';
import type {
  AttachmentInfo,
  AgentClientEvents,
  AgentServerEvents,
  CannedReplyView,
  ConversationSummary,
  NoteView,
  ErrorInfo,
  Message,
  ReplyEmailView,
} from '../protocol.js';
import { Outbox, newClientId } from '../../widget/outbox.js';
import { browserStorage, type KeyValue } from '../../widget/storage.js';
import type { Alert } from './notify.js';
import { contiguous, heldByColleague, heldSeq, isMine, mergeMessages, type ConsoleState, type Filter, type Store } from './state.js';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

type Command = keyof AgentClientEvents;
type PayloadOf<E extends Command> = Parameters<AgentClientEvents[E]>[0];
type AckOf<E extends Command> = Parameters<Parameters<AgentClientEvents[E]>[1]>[0];

const ACK_TIMEOUT_MS = 10_000;
/** The shopper's "typing" fades if no update comes (a lost "stopped" event must not stick). */
const TYPING_SHOWN_MS = 6_000;
const TYPING_THROTTLE_MS = 2_000;
const TYPING_IDLE_MS = 3_000;
const LIST_LIMIT = 200;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;
const RECONNECT_AFTER_REFUSAL_MS = 3_000;

/** Codes made here, never sent by the server: the ack did not come, or we were offline. */
export const ACK_TIMEOUT = 'CONSOLE_ACK_TIMEOUT';
export const OFFLINE = 'CONSOLE_OFFLINE';

/** Failures that resending may fix: keep the message pending and try again later. */
const TRANSIENT = new Set([ACK_TIMEOUT, OFFLINE, 'DESKBELL_STORAGE', 'DESKBELL_RATE_LIMITED', 'DESKBELL_INTERNAL']);

// socket.io's typed emit cannot follow a generic event name through timeout(); `request`
// below is typed by the protocol's maps instead, so callers stay checked.
interface UntypedEmitter {
  emit(event: string, payload: unknown, ack: (err: Error | null, res: unknown) => void): unknown;
}

export interface ConnectionOptions {
  store: Store<ConsoleState>;
  /** The session cookie is gone or revoked: show the login form. */
  onUnauthenticated: () => void;
  now?: () => number;
  /** Tests pass their own socket and storage. */
  socket?: AgentSocket;
  storage?: KeyValue;
}

export class Connection {
  private readonly store: Store<ConsoleState>;
  private readonly socket: AgentSocket;
  private readonly outbox: Outbox;
  private readonly outboxKey: string;
  private readonly now: () => number;
  private readonly onUnauthenticated: () => void;
  /** Bumped on every connect: work started under an older connection stops early. */
  private generation = 0;
  private flushingGeneration: number | null = null;
  private syncing = false;
  private syncAgain = false;
  private stopped = false;
  private retryDelay = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly catchingUp = new Set<string>();
  private readonly catchUpAgain = new Set<string>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private alertListener: (alert: Alert) => void = () => undefined;
  private ownTyping: { conversationId: string; sentAt: number; idle: ReturnType<typeof setTimeout> } | null = null;

  constructor(options: ConnectionOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.onUnauthenticated = options.onUnauthenticated;
    // Per agent: two agents sharing a browser never send each other's messages.
    const prefix = `deskbell-console:${this.store.get().agent.id}:`;
    this.outboxKey = `${prefix}outbox`;
    this.outbox = new Outbox(options.storage ?? browserStorage(prefix));
    // The session cookie authenticates the handshake; no token in script reach.
    this.socket = options.socket ?? io('/agent', { withCredentials: true, autoConnect: false });
    this.refreshOutbox();
  }

  start(): void {
    const s = this.socket;
    s.on('connect', this.onConnect);
    s.on('disconnect', this.onDisconnect);
    s.on('connect_error', this.onConnectError);
    s.on('session:ready', ({ agent }) => this.store.update({ agent }));
    s.on('message:new', (m) => {
      this.receive(m, true);
      // A shopper of mine wrote: worth an alert (the UI decides whether to show it).
      const c = this.store.get().conversations[m.conversationId];
      if (m.author === 'visitor' && c && isMine(c, this.store.get().agent.id)) this.alertListener({ kind: 'message', conversation: c, message: m });
    });
    s.on('conversation:update', (c) => this.conversationChanged(c));
    s.on('typing:update', ({ conversationId, typing }) => this.visitorTyping(conversationId, typing));
    s.on('agents:update', ({ agents }) => this.store.update({ agents }));
    s.on('conversation:assigned', (a) => {
      this.conversationChanged(a.conversation);
      this.alertListener({ kind: 'assigned', ...a });
    });
    s.on('note:new', (note) => this.store.update((st) => ({
      notes: st.notes[note.conversationId] && !st.notes[note.conversationId]?.some((n) => n.id === note.id)
        ? { ...st.notes, [note.conversationId]: [...(st.notes[note.conversationId] ?? []), note] }
        : st.notes,
    })));
    s.on('server:error', (e) => console.warn(`[deskbell console] ${e.code}: ${e.message}`));
    window.addEventListener('storage', this.onStorage);
    window.addEventListener('online', this.wake);
    document.addEventListener('visibilitychange', this.onVisibility);
    s.connect();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopTyping();
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.reconnectTimer);
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    window.removeEventListener('storage', this.onStorage);
    window.removeEventListener('online', this.wake);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.socket.off();
    this.socket.disconnect();
  }

  // ---------- commands from the UI ----------

  open(conversationId: string | null): void {
    const s = this.store.get();
    if (s.openId !== conversationId) {
      this.stopTyping();
      const load = conversationId === null ? 'idle' : s.messages[conversationId] ? 'ready' : 'loading';
      this.store.update({ openId: conversationId, load, announcement: null, notice: null });
    }
    if (conversationId !== null) void this.catchUp(conversationId).then(() => this.markRead());
  }

  /** Ask again for the open conversation after a failed load. */
  reload(): void {
    const id = this.store.get().openId;
    if (id === null) return;
    if (this.store.get().load === 'failed') this.store.update({ load: 'loading', notice: null });
    void this.catchUp(id).then(() => this.markRead());
  }

  setFilter(filter: Filter): void {
    this.store.update({ filter });
    void this.refreshList();
  }

  send(conversationId: string, body: string, attachments?: AttachmentInfo[]): void {
    this.stopTyping();
    this.outbox.add({ clientId: newClientId(), conversationId, body, createdAt: this.now(), state: 'pending', ...(attachments?.length ? { attachments } : {}) });
    this.refreshOutbox();
    void this.flush();
  }

  retry(clientId: string): void {
    this.outbox.update(clientId, { state: 'pending', permanent: false, error: undefined });
    this.refreshOutbox();
    void this.flush();
  }

  async close(conversationId: string): Promise<boolean> {
    this.stopTyping();
    const res = await this.request('conversation:close', { conversationId });
    if (!res.ok) {
      this.store.update({ notice: { kind: 'closeFailed', error: res.error } });
      return false;
    }
    this.conversationChanged(res.conversation);
    return true;
  }

  /** Called for new assignments and my shoppers' messages (notifications). */
  onAlert(listener: (alert: Alert) => void): void {
    this.alertListener = listener;
  }

  /** A workbench command (claim, resolve, transfer, notes, canned replies…), acknowledged or refused. */
  command<E extends Command>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>> {
    return this.request(event, payload);
  }

  /** Shows a refused workbench action in the conversation's notice bar. */
  actionFailed(error: ErrorInfo): void {
    this.store.update({ notice: { kind: 'actionFailed', error } });
  }

  notesLoaded(conversationId: string, notes: readonly NoteView[]): void {
    this.store.update((s) => ({ notes: { ...s.notes, [conversationId]: notes } }));
  }

  cannedChanged(canned: readonly CannedReplyView[]): void {
    this.store.update({ canned: [...canned].sort((a, b) => a.shortcut.localeCompare(b.shortcut) || a.lang.localeCompare(b.lang)) });
  }

  /** Reply emails' delivery as it changes; returns the unsubscribe. */
  onEmailStatus(listener: (email: ReplyEmailView) => void): () => void {
    this.socket.on('email:status', listener);
    return () => void this.socket.off('email:status', listener);
  }

  /** A summary fresh from a command's acknowledgement. */
  updated(c: ConversationSummary): void {
    this.conversationChanged(c);
  }

  dismissNotice(): void {
    this.store.update({ notice: null });
  }

  /** The agent typed in the composer: "typing" at most every 2 s, "stopped" after 3 s idle. */
  noteTyping(conversationId: string): void {
    const previous = this.ownTyping;
    if (previous && previous.conversationId !== conversationId) this.stopTyping();
    const current = this.ownTyping;
    const now = this.now();
    const due = !current || now - current.sentAt >= TYPING_THROTTLE_MS;
    if (due) this.emitTyping(conversationId, true);
    clearTimeout(current?.idle);
    this.ownTyping = {
      conversationId,
      sentAt: due || !current ? now : current.sentAt,
      idle: setTimeout(() => this.stopTyping(), TYPING_IDLE_MS),
    };
  }

  stopTyping(): void {
    const current = this.ownTyping;
    if (!current) return;
    clearTimeout(current.idle);
    this.ownTyping = null;
    this.emitTyping(current.conversationId, false);
  }

  /** Mark the open conversation read up to the last message shown, while the agent can see it. */
  markRead(): void {
    const s = this.store.get();
    const id = s.openId;
    if (id === null || document.visibilityState !== 'visible' || !this.socket.connected) return;
    const conversation = s.conversations[id];
    const seq = heldSeq(s.messages[id]);
    if (!conversation || seq <= conversation.agentReadSeq) return;
    // Optimistic, so the unread badge clears at once; the server's update confirms it.
    this.store.update((st) => ({ conversations: { ...st.conversations, [id]: { ...conversation, agentReadSeq: seq } } }));
    void this.request('messages:read', { conversationId: id, seq }).then((res) => {
      if (!res.ok) console.warn(`[deskbell console] messages:read: ${res.error.code}`);
    });
  }

  // ---------- socket events ----------

  private readonly onConnect = (): void => {
    this.generation++;
    clearTimeout(this.reconnectTimer);
    this.store.update({ connection: 'online' });
    this.sync();
  };

  private readonly onDisconnect = (reason: string): void => {
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
    this.store.update({ connection: 'offline', typing: {} });
    // The server ended the socket (a logout elsewhere, a revoked session, a flood): Socket.IO
    // does not reconnect by itself then. Reconnecting lets the handshake say which it was.
    if (reason === 'io server disconnect' && !this.stopped) this.socket.connect();
  };

  private readonly onConnectError = (err: Error & { data?: Partial<ErrorInfo> }): void => {
    if (err.data?.code === 'DESKBELL_NOT_AUTHENTICATED') {
      this.stop();
      this.onUnauthenticated();
      return;
    }
    this.store.update({ connection: 'offline' });
    // A refusal by the server's middleware is not retried by Socket.IO itself; a network error is.
    if (!this.socket.active && !this.stopped) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = setTimeout(() => this.socket.connect(), RECONNECT_AFTER_REFUSAL_MS);
    }
  };

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.wake();
  };

  /** Back from a background tab or the network returned: resync now, not at the next retry. */
  private readonly wake = (): void => {
    if (this.stopped) return;
    if (this.socket.connected) this.sync();
    else if (!this.socket.active) this.socket.connect();
  };

  private readonly onStorage = (e: StorageEvent): void => {
    // Another tab of this agent changed the shared outbox.
    if (e.key !== null && e.key !== this.outboxKey) return;
    this.refreshOutbox();
    void this.flush();
  };

  private receive(m: Message, fromEvent: boolean): void {
    const id = m.conversationId;
    const own = m.clientId !== null && this.outbox.all().some((e) => e.clientId === m.clientId);
    if (own && m.clientId !== null) {
      // Stored, whichever tab sent it: it leaves the outbox.
      this.outbox.remove(m.clientId);
      this.refreshOutbox();
    }
    const s = this.store.get();
    const held = s.messages[id];
    if (held === undefined) {
      // Its history is loading: this message may be newer than that answer, so ask once more.
      if (this.catchingUp.has(id)) this.catchUpAgain.add(id);
      return;
    }
    if (held.some((x) => x.id === m.id)) return;
    if (m.seq > heldSeq(held) + 1) {
      if (id === s.openId || this.catchingUp.has(id)) void this.catchUp(id);
      return;
    }
    const isOpen = id === s.openId;
    this.store.update((st) => ({
      messages: { ...st.messages, [id]: contiguous(mergeMessages(st.messages[id] ?? [], [m])) },
      typing: m.author === 'visitor' ? without(st.typing, id) : st.typing,
      announcement: isOpen && fromEvent && !own ? m : st.announcement,
    }));
    if (m.author === 'visitor') clearTimeout(this.typingTimers.get(id));
    if (isOpen) this.markRead();
  }

  private conversationChanged(c: ConversationSummary): void {
    this.store.update((s) => ({ conversations: { ...s.conversations, [c.id]: keepReadMark(s.conversations[c.id], c) } }));
    // Updates follow their messages on the same socket: a lastSeq beyond what we hold means
    // a message event was lost.
    const s = this.store.get();
    const held = s.messages[c.id];
    if (c.id === s.openId && held !== undefined && c.lastSeq > heldSeq(held)) void this.catchUp(c.id);
  }

  private visitorTyping(conversationId: string, typing: boolean): void {
    clearTimeout(this.typingTimers.get(conversationId));
    this.typingTimers.delete(conversationId);
    if (typing) {
      this.typingTimers.set(
        conversationId,
        setTimeout(() => this.visitorTyping(conversationId, false), TYPING_SHOWN_MS),
      );
      this.store.update((s) => ({ typing: { ...s.typing, [conversationId]: true } }));
    } else if (this.store.get().typing[conversationId]) {
      this.store.update((s) => ({ typing: without(s.typing, conversationId) }));
    }
  }

  // ---------- sync, catch-up, outbox ----------

  /** One resync at a time; a request during one runs once more after it. */
  private sync(): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    void this.doSync().finally(() => {
      this.syncing = false;
      if (this.syncAgain && !this.stopped) {
        this.syncAgain = false;
        this.sync();
      }
    });
  }

  private async doSync(): Promise<void> {
    await this.refreshList();
    await this.refreshWorkbench();
    const openId = this.store.get().openId;
    if (openId !== null) await this.catchUp(openId);
    this.markRead();
    this.refreshOutbox();
    await this.flush();
  }

  private async refreshWorkbench(): Promise<void> {
    const [agents, canned] = await Promise.all([this.request('agents:list', {}), this.request('canned:list', {})]);
    if (agents.ok) this.store.update({ agents: agents.agents });
    if (canned.ok) this.store.update({ canned: canned.replies });
  }

  private async refreshList(): Promise<void> {
    const filter = this.store.get().filter;
    const status = filter === 'queue' || filter === 'mine' ? 'open' : filter;
    const res = await this.request('conversations:list', { status, limit: LIST_LIMIT });
    if (!res.ok) {
      if (res.error.code !== OFFLINE) console.warn(`[deskbell console] conversations:list: ${res.error.code}`);
      return;
    }
    this.store.update((s) => {
      const next: Record<string, ConversationSummary> = {};
      for (const c of res.conversations) next[c.id] = c;
      // The conversation being read stays, even when the filter leaves it out.
      const open = s.openId === null ? undefined : s.conversations[s.openId];
      if (open && !next[open.id]) next[open.id] = open;
      return { conversations: next };
    });
  }

  private async catchUp(id: string): Promise<void> {
    if (this.catchingUp.has(id)) {
      this.catchUpAgain.add(id);
      return;
    }
    this.catchingUp.add(id);
    try {
      do {
        this.catchUpAgain.delete(id);
        if (!(await this.fetchAfterHeld(id))) break;
      } while (this.catchUpAgain.has(id));
    } finally {
      this.catchingUp.delete(id);
      this.catchUpAgain.delete(id);
    }
  }

  /** Pages through `conversation:open` from the last seq held. False when a request failed. */
  private async fetchAfterHeld(id: string): Promise<boolean> {
    for (;;) {
      const afterSeq = heldSeq(this.store.get().messages[id]);
      const res = await this.request('conversation:open', { conversationId: id, afterSeq });
      if (!res.ok) {
        this.loadFailed(id, res.error);
        return false;
      }
      // The server pages long histories (500 at a time) and says so with `hasMore`, which
      // the protocol's type does not list yet.
      const hasMore = (res as { hasMore?: unknown }).hasMore === true && res.messages.length > 0;
      const stored = new Set(res.messages.map((m) => m.clientId));
      for (const e of this.outbox.all()) if (stored.has(e.clientId)) this.outbox.remove(e.clientId);
      this.store.update((s) => ({
        conversations: { ...s.conversations, [id]: keepReadMark(s.conversations[id], res.conversation) },
        messages: { ...s.messages, [id]: contiguous(mergeMessages(s.messages[id] ?? [], res.messages)) },
        load: s.openId === id ? 'ready' : s.load,
      }));
      this.refreshOutbox();
      if (!hasMore) return true;
    }
  }

  private loadFailed(id: string, error: ErrorInfo): void {
    const s = this.store.get();
    if (s.openId !== id || s.load !== 'loading') {
      // History is on screen; the next connect or event catches up. Offline is shown by the banner.
      if (error.code !== OFFLINE) console.warn(`[deskbell console] catch-up of ${id}: ${error.code}`);
      return;
    }
    this.store.update({ load: 'failed', notice: error.code === OFFLINE ? null : { kind: 'loadFailed', error } });
  }

  /** Sends the outbox oldest first, one at a time; stops at the first failure worth retrying. */
  private async flush(): Promise<void> {
    const generation = this.generation;
    if (this.flushingGeneration === generation || !this.socket.connected || this.stopped) return;
    this.flushingGeneration = generation;
    clearTimeout(this.retryTimer);
    try {
      for (;;) {
        if (generation !== this.generation || !this.socket.connected || this.stopped) return;
        const entry = this.outbox.toSend().find((e) => e.conversationId !== undefined);
        if (!entry?.conversationId) {
          this.retryDelay = RETRY_MIN_MS;
          return;
        }
        const res = await this.request('message:send', {
          conversationId: entry.conversationId,
          clientId: entry.clientId,
          body: entry.body,
          ...(entry.attachments?.length ? { attachments: entry.attachments.map((a) => a.id) } : {}),
        });
        if (res.ok) {
          this.outbox.remove(entry.clientId);
          this.refreshOutbox();
          this.receive(res.message, false);
          this.retryDelay = RETRY_MIN_MS;
          continue;
        }
        if (TRANSIENT.has(res.error.code)) {
          // Kept pending, in place, so order holds; the next connect or this timer resends it.
          this.outbox.update(entry.clientId, { state: 'pending', error: res.error.code });
          this.refreshOutbox();
          if (res.error.code !== OFFLINE) this.scheduleRetry();
          return;
        }
        this.outbox.update(entry.clientId, { state: 'failed', permanent: true, error: res.error.code });
        this.refreshOutbox();
      }
    } finally {
      if (this.flushingGeneration === generation) this.flushingGeneration = null;
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.flush(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  private refreshOutbox(): void {
    this.store.update({ outbox: this.outbox.all() });
  }

  private emitTyping(conversationId: string, typing: boolean): void {
    if (!this.socket.connected) return; // stale "typing" is worse than none: never buffer it
    // Not where a colleague is answering (the reply box is disabled there): the server would
    // refuse it, even the "stopped" of typing begun before they took the conversation.
    const s = this.store.get();
    const conversation = s.conversations[conversationId];
    if (conversation && heldByColleague(conversation, s.agent)) return;
    void this.request('typing:set', { conversationId, typing }).then((res) => {
      if (!res.ok && res.error.code !== ACK_TIMEOUT) console.warn(`[deskbell console] typing:set: ${res.error.code}`);
    });
  }

  /**
   * Every command, acknowledged within 10 s. Never emitted while disconnected: Socket.IO would
   * buffer it and send it late, after our own catch-up and resend.
   */
  private request<E extends Command>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>> {
    if (!this.socket.connected) return Promise.resolve(localError(OFFLINE, 'offline') as AckOf<E>);
    const emitter = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as UntypedEmitter;
    return new Promise((resolve) => {
      emitter.emit(event, payload, (err, res) => {
        resolve((err ? localError(ACK_TIMEOUT, 'no acknowledgement within 10 s') : res) as AckOf<E>);
      });
    });
  }
}

function localError(code: string, message: string): { ok: false; error: ErrorInfo } {
  return { ok: false, error: { code, message } };
}

/** The read mark only grows on the server: keep an optimistic one it has not confirmed yet. */
function keepReadMark(before: ConversationSummary | undefined, after: ConversationSummary): ConversationSummary {
  return before && before.agentReadSeq > after.agentReadSeq ? { ...after, agentReadSeq: before.agentReadSeq } : after;
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}
