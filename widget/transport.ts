// The widget's connection: socket, outbox and catch-up. No UI here: it keeps a state
// snapshot and tells its listener when it changes.
//
// Guarantees (docs/protocol.md): a message stays in the outbox (localStorage) until the
// server acknowledges it as stored; after every connect the widget first catches up from the
// last seq it has, then resends the outbox in order. A gap in seq triggers a catch-up.
import type {
  Ack,
  AttachmentInfo,
  ErrorInfo,
  Identify,
  Lang,
  Message,
  Transcript,
  VisitorClientEvents,
  VisitorConversation,
  VisitorConversationItem,
  VisitorServerEvents,
  VisitorSyncResult,
} from '../server/protocol.js';
import { Outbox, newClientId, type OutboxEntry } from './outbox.js';
import { WidgetSocket, type ConnectError } from './socket.js';
import type { KeyValue } from './storage.js';

type VisitorSocket = WidgetSocket<VisitorServerEvents>;

export interface ChatState {
  status: 'idle' | 'connecting' | 'online' | 'offline';
  conversation: VisitorConversation | null;
  messages: Message[];
  outbox: OutboxEntry[];
  agentTyping: string | null;
  agentsOnline: boolean;
  /** The language the chat speaks: the config's, until the shopper writes in another (`visitor:lang`). */
  lang: Lang;
}

const ACK_TIMEOUT_MS = 10_000;
const TYPING_TTL_MS = 6_000;
const SERVER_DISCONNECT_RETRY_MS = 10_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;
const SYNC_RETRY_MS = 5_000;
/** Refusals that mean "stop trying": the page is misconfigured; say so in the console. */
const FATAL = ['DESKBELL_SITE_UNKNOWN', 'DESKBELL_ORIGIN_NOT_ALLOWED'];
/**
 * Refusals that the same message, sent again later, can get past: the server busy or full, or
 * the shop's setup (fixed by the shop, not the shopper). Any other refusal is final for this
 * message — too long, a file no longer on the server, one the server does not know — and
 * marks it "not sent" at once. The list is of what may pass, not of what may not (as the
 * console's outbox does): the outbox sends in order, so a message retried forever would hold
 * back every message written after it.
 */
const TRANSIENT = ['DESKBELL_STORAGE', 'DESKBELL_RATE_LIMITED', 'DESKBELL_INTERNAL', ...FATAL];

export class ChatConnection {
  state: ChatState;
  private socket: VisitorSocket | null = null;
  private readonly outbox: Outbox;
  private flushing = false;
  private syncing: Promise<void> | null = null;
  /** A catch-up was asked for while one ran: run another when it ends (it may have fetched too early). */
  private syncAgain = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = RETRY_MIN_MS;
  private identity: Identify | null = null;
  private listener: (state: ChatState) => void = () => undefined;

  constructor(
    private readonly server: string,
    private readonly siteKey: string,
    private readonly storage: KeyValue,
    lang: Lang,
  ) {
    this.outbox = new Outbox(storage);
    this.state = { status: 'idle', conversation: null, messages: [], outbox: this.outbox.all(), agentTyping: null, agentsOnline: false, lang };
  }

  onChange(listener: (state: ChatState) => void): void {
    this.listener = listener;
  }

  /** Has this browser talked to us before? Then connect at once, to show replies. */
  get known(): boolean {
    return this.storage.get('token') !== null || this.outbox.all().length > 0;
  }

  connect(): void {
    if (this.socket) return;
    this.set({ status: 'connecting' });
    const url = new URL(this.server);
    url.searchParams.set('site', this.siteKey);
    // `auth` is a function, so every reconnect sends the newest token (it slides on each sync).
    const socket: VisitorSocket = new WidgetSocket(url.href, '/visitor', () => (this.storage.get('token') ? { token: this.storage.get('token') } : {}), 5_000);
    this.socket = socket;
    socket.on('connect', () => void this.resync());
    socket.on('disconnect', (reason) => {
      this.set({ status: 'offline', agentTyping: null });
      // The server sent us away (flood limit, or an old server): Socket.IO won't come
      // back by itself. Come back later, so the outbox is never stranded.
      if (reason === 'io server disconnect') setTimeout(() => this.socket?.connect(), SERVER_DISCONNECT_RETRY_MS);
    });
    socket.on('connect_error', (err) => this.connectFailed(err));
    socket.on('message:new', (m) => this.received(m));
    socket.on('message:update', (m) => this.updated(m));
    socket.on('conversation:update', (c) => this.conversationChanged(c));
    socket.on('typing:update', (t) => this.agentTyping(t.typing ? (t.name ?? '') : null));
    socket.on('agents:availability', ({ agentsOnline }) => this.set({ agentsOnline }));
    socket.on('visitor:lang', ({ lang }) => {
      // Kept for the next page views: the loader asks for the config in it (widget/loader/main.ts).
      this.storage.set('writes', lang);
      this.set({ lang });
    });
    socket.on('server:error', (e) => console.warn(`[Deskbell] ${e.code}: ${e.message}`));
    // Another tab changed the shared outbox: show its pending messages here too.
    window.addEventListener('storage', this.onStorage);
    socket.connect();
  }

  /** Back from a background tab, or the network returned: catch up now, not at the next retry. */
  wake(): void {
    if (!this.socket) return;
    if (this.socket.connected) void this.resync();
    else this.socket.connect();
  }

  send(body: string, attachments?: AttachmentInfo[]): void {
    const entry: OutboxEntry = { clientId: newClientId(), body, createdAt: Date.now(), state: 'pending', ...(attachments ? { attachments } : {}) };
    this.outbox.add(entry);
    this.refreshOutbox();
    if (!this.socket) this.connect();
    else void this.flush();
  }

  retry(clientId: string): void {
    this.outbox.update(clientId, { state: 'pending', permanent: false, error: undefined });
    this.refreshOutbox();
    void this.flush();
  }

  discard(clientId: string): void {
    this.outbox.remove(clientId);
    this.refreshOutbox();
  }

  /** The shopper's answer to "Did this answer your question?". */
  feedback(messageId: string, helpful: boolean): Promise<boolean> {
    return this.command('bot:feedback', { messageId, helpful });
  }

  /** A "Did you mean…" button (faqId), or "None of these" (null). */
  choose(messageId: string, faqId: string | null): Promise<boolean> {
    return this.command('bot:choose', { messageId, faqId });
  }

  /** "Talk to a person". */
  requestHandoff(): Promise<boolean> {
    if (!this.socket) this.connect();
    return this.command('handoff:request', {});
  }

  /** Ties this browser's page views (and the prompt that started the conversation) to the visitor. */
  linkVisit(anon: string, trigger: string | null): Promise<boolean> {
    return this.command('visit:link', { anon, trigger });
  }

  /** Nobody online: leave an email and a message. Null when stored, else why not. */
  async leave(email: string, body: string): Promise<ErrorInfo | null> {
    if (!this.socket) this.connect();
    if (!this.socket?.connected) return { code: 'OFFLINE', message: '' };
    const res = await this.rawRequest<{ message: Message }>('message:leave', { clientId: newClientId(), email, body });
    if (res === 'timeout') return { code: 'TIMEOUT', message: '' };
    if (!res.ok) return res.error;
    this.received(res.message);
    return null;
  }

  /**
   * Uploads a file over HTTP (docs/protocol.md#attachments); the token goes in a header,
   * never the URL. The stored file, or why not.
   */
  async upload(file: Blob, name: string): Promise<AttachmentInfo | ErrorInfo> {
    try {
      const res = await fetch(this.fileUrl(`?site=${encodeURIComponent(this.siteKey)}&name=${encodeURIComponent(name.slice(0, 255) || 'file')}`), {
        method: 'POST', headers: { ...this.auth(), 'content-type': 'application/octet-stream' }, body: file,
      });
      const data = (await res.json()) as { attachment?: AttachmentInfo; error?: ErrorInfo };
      return data.attachment ?? data.error ?? { code: 'HTTP', message: '' };
    } catch {
      return { code: 'OFFLINE', message: '' };
    }
  }

  /** A file of this visitor's conversation, or null. */
  async file(id: string): Promise<Blob | null> {
    try {
      const res = await fetch(this.fileUrl(`/${encodeURIComponent(id)}?site=${encodeURIComponent(this.siteKey)}`), { headers: this.auth() });
      return res.ok ? await res.blob() : null;
    } catch {
      return null;
    }
  }

  private fileUrl(rest: string): string {
    return `${this.server}/api/widget/attachments${rest}`;
  }

  private auth(): Record<string, string> {
    return { authorization: `Bearer ${this.storage.get('token') ?? ''}` };
  }

  /** The shopper's conversations, newest first; null when not connected or refused. */
  async history(): Promise<VisitorConversationItem[] | null> {
    if (!this.socket?.connected) return null;
    const res = await this.rawRequest<{ conversations: VisitorConversationItem[] }>('conversations:mine', {});
    return res !== 'timeout' && res.ok ? res.conversations : null;
  }

  /** An earlier conversation's messages, to read. */
  async read(conversationId: string): Promise<Message[] | null> {
    if (!this.socket?.connected) return null;
    const res = await this.rawRequest<{ messages: Message[] }>('conversation:history', { conversationId });
    return res !== 'timeout' && res.ok ? res.messages : null;
  }

  /**
   * "Start a new conversation": the current one is closed (the next message opens another)
   * and no longer shown; remembered, so a reload does not bring the closed one back.
   */
  async startNew(): Promise<boolean> {
    const c = this.state.conversation;
    if (!c || !this.socket?.connected) return false;
    if (c.status === 'open') {
      const res = await this.rawRequest('conversation:close', { conversationId: c.id });
      if (res === 'timeout' || !res.ok) return false;
    }
    this.storage.set('left', c.id);
    this.set({ conversation: null, messages: [] });
    return true;
  }

  /** The closed conversation the shopper left with "start a new conversation". */
  private left(c: VisitorConversation | null): boolean {
    return c !== null && c.status === 'closed' && c.id === this.storage.get('left');
  }

  /** The conversation as text, to save; null when not connected or refused. */
  async transcript(conversationId: string): Promise<Transcript | null> {
    if (!this.socket?.connected) return null;
    const res = await this.rawRequest<Transcript>('conversation:transcript', { conversationId });
    return res !== 'timeout' && res.ok ? res : null;
  }

  rate(conversationId: string, rating: number, comment: string): Promise<boolean> {
    return this.command('conversation:rate', comment ? { conversationId, rating, comment } : { conversationId, rating });
  }

  /**
   * Deskbell.identify(): kept for this page and sent after every connect, so the server
   * re-checks it with each connection. A verified identity another device proved first comes
   * back with that visitor's token: reconnect as them, to show their conversation.
   */
  identify(claim: Identify): void {
    this.identity = claim;
    if (this.socket?.connected) void this.sendIdentity();
  }

  private async sendIdentity(): Promise<void> {
    if (!this.identity || !this.socket?.connected) return;
    const res = await this.rawRequest<{ verified: boolean; token: string | null }>('identify', this.identity);
    if (res === 'timeout' || !res.ok) return;
    if (res.token) {
      this.storage.set('token', res.token);
      this.set({ conversation: null, messages: [] });
      this.socket.disconnect().connect();
    }
  }

  setTyping(typing: boolean): void {
    if (this.socket?.connected) void this.socket.request('typing:set', { typing }, ACK_TIMEOUT_MS);
  }

  markRead(): void {
    const c = this.state.conversation;
    if (!c || !this.socket?.connected || c.visitorReadSeq >= c.lastSeq) return;
    void this.socket.request('messages:read', { conversationId: c.id, seq: c.lastSeq }, ACK_TIMEOUT_MS);
  }

  private readonly onStorage = (e: StorageEvent): void => {
    if (e.key === null || e.key.endsWith('outbox')) {
      this.refreshOutbox();
      void this.flush();
    }
  };

  private set(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    this.listener(this.state);
  }

  private refreshOutbox(): void {
    // Entries already stored (seen in `messages`) are done, whichever tab sent them.
    const stored = new Set(this.state.messages.map((m) => m.clientId));
    for (const e of this.outbox.all()) if (stored.has(e.clientId)) this.outbox.remove(e.clientId);
    this.set({ outbox: this.outbox.all() });
  }

  private connectFailed(err: ConnectError): void {
    const code = err.data?.code;
    if (code === 'DESKBELL_TOKEN_INVALID') {
      // Expired or from another database: start as a new visitor; the outbox still goes out.
      this.storage.remove('token');
      this.socket?.connect();
      return;
    }
    if (code && FATAL.includes(code)) {
      console.error(`[Deskbell] ${err.data?.message ?? code}`);
      this.socket?.disconnect();
      this.set({ status: 'offline' });
      return;
    }
    this.set({ status: 'offline' });
    // A refusal by our middleware is not retried by Socket.IO itself; a network error is.
    if (this.socket && !this.socket.active) setTimeout(() => this.socket?.connect(), 3_000);
  }

  /** Catch up from the last seq we have, then resend the outbox. One at a time. */
  private resync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        await this.doResync();
      } while (this.syncAgain);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async doResync(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return;
    await this.sendIdentity();
    if (!socket.connected) return;
    let more = true;
    while (more) {
      const c = this.state.conversation;
      const res = await this.request<VisitorSyncResult>('session:sync', {
        conversationId: c?.id,
        afterSeq: c ? lastSeq(this.state.messages) : 0,
        // Only web pages are worth showing an agent (a file:// preview is not).
        page: /^https?:/.test(location.href) ? { url: location.href.slice(0, 2048), title: document.title.slice(0, 300) } : undefined,
        lang: this.state.lang,
      });
      if (!res) {
        // Refused or timed out: try again soon rather than sit on the outbox.
        setTimeout(() => void this.resync(), SYNC_RETRY_MS);
        return;
      }
      this.storage.set('token', res.token);
      if (this.left(res.conversation)) {
        this.set({ status: 'online', conversation: null, messages: [], agentsOnline: res.agentsOnline });
        break;
      }
      const sameConversation = res.conversation !== null && res.conversation.id === c?.id;
      const messages = sameConversation ? mergeMessages(this.state.messages, res.messages) : res.messages;
      this.set({ status: 'online', conversation: res.conversation, messages, agentsOnline: res.agentsOnline });
      more = res.hasMore && res.messages.length > 0;
    }
    this.refreshOutbox();
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.flushing || !this.socket?.connected) return;
    this.flushing = true;
    try {
      // Again until nothing is left: a message written while this ran (send() found it
      // flushing and left it to us) would otherwise wait for the next message or reconnect.
      while (await this.sendAll(this.outbox.toSend()));
    } finally {
      this.flushing = false;
      this.refreshOutbox();
    }
  }

  /** One timer at a time; 1 s, then doubling up to 30 s while the server keeps saying "not now". */
  private retryLater(): void {
    if (this.retryTimer !== undefined) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, delay);
  }

  /** Sends the entries in order; true when every one got its answer (look for more), false when it stopped. */
  private async sendAll(entries: OutboxEntry[]): Promise<boolean> {
    if (entries.length === 0) return false;
    for (const entry of entries) {
      if (!this.socket?.connected) return false;
      const files = entry.attachments?.map((a) => a.id);
      const res = await this.rawRequest<{ message: Message }>('message:send', { clientId: entry.clientId, body: entry.body, ...(files ? { attachments: files } : {}) });
      if (res === 'timeout') {
        this.outbox.update(entry.clientId, { state: 'failed', error: 'timeout' });
        return false;
      }
      if (res.ok) {
        this.retryDelay = RETRY_MIN_MS;
        this.outbox.remove(entry.clientId);
        this.received(res.message);
      } else if (!TRANSIENT.includes(res.error.code)) {
        this.outbox.update(entry.clientId, { state: 'failed', error: res.error.code, permanent: true });
      } else {
        // Storage busy, rate limited: not stored, but nothing wrong with the message. It stays
        // pending, in place (order holds), and is sent again by itself, a little later each time.
        this.outbox.update(entry.clientId, { state: 'pending', error: res.error.code });
        this.retryLater();
        return false;
      }
      this.refreshOutbox();
    }
    return true;
  }

  private received(m: Message): void {
    const c = this.state.conversation;
    if (!c || m.conversationId !== c.id) {
      // A new conversation (ours just opened one, or an agent's reply to it): fetch it whole.
      void this.resync();
      return;
    }
    const have = lastSeq(this.state.messages);
    if (m.seq > have + 1) {
      // A gap: some event did not reach us. Catch up rather than show a hole.
      void this.resync();
      return;
    }
    const messages = mergeMessages(this.state.messages, [m]);
    const conversation = m.seq > c.lastSeq ? { ...c, lastSeq: m.seq } : c;
    this.set({ messages, conversation, agentTyping: m.author === 'agent' ? null : this.state.agentTyping });
    this.refreshOutbox();
  }

  private updated(m: Message): void {
    if (m.conversationId !== this.state.conversation?.id) return;
    if (!this.state.messages.some((x) => x.seq === m.seq)) return;
    this.set({ messages: mergeMessages(this.state.messages, [m]) });
  }

  /** A button's command: true when the server took it (it answers with events). */
  private async command(event: 'bot:feedback' | 'bot:choose' | 'handoff:request' | 'visit:link' | 'conversation:rate', payload: unknown): Promise<boolean> {
    if (!this.socket?.connected) return false;
    const res = await this.rawRequest(event, payload);
    if (res === 'timeout') return false;
    if (!res.ok) console.warn(`[Deskbell] ${res.error.code}: ${res.error.message}`);
    return res.ok;
  }

  private conversationChanged(c: VisitorConversation): void {
    if (this.left(c)) return;
    const current = this.state.conversation;
    if (current && current.id !== c.id) {
      void this.resync();
      return;
    }
    this.set({ conversation: c });
  }

  private agentTyping(name: string | null): void {
    clearTimeout(this.typingTimer);
    this.set({ agentTyping: name });
    // If the "stopped typing" event is lost, don't show the indicator forever.
    if (name !== null) this.typingTimer = setTimeout(() => this.set({ agentTyping: null }), TYPING_TTL_MS);
  }

  private async request<T extends object>(event: 'session:sync', payload: unknown): Promise<T | null> {
    const res = await this.rawRequest<T>(event, payload);
    if (res === 'timeout') return null;
    if (!res.ok) {
      console.warn(`[Deskbell] ${res.error.code}: ${res.error.message}`);
      return null;
    }
    return res as unknown as T;
  }

  private rawRequest<T extends object>(event: keyof VisitorClientEvents, payload: unknown): Promise<Ack<T> | 'timeout'> {
    return this.socket ? this.socket.request<Ack<T>>(event, payload, ACK_TIMEOUT_MS) : Promise.resolve('timeout');
  }
}

function lastSeq(messages: Message[]): number {
  return messages.length ? (messages[messages.length - 1]?.seq ?? 0) : 0;
}

/** Union by seq, sorted: a message delivered twice (event and catch-up) shows once. */
export function mergeMessages(a: Message[], b: Message[]): Message[] {
  if (b.length === 0) return a;
  const bySeq = new Map<number, Message>();
  for (const m of a) bySeq.set(m.seq, m);
  for (const m of b) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq);
}
