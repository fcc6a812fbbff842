// The conversation core: what a visitor and an agent can do to a conversation, independent
// of the transport. Every write goes to the store first; only what was stored is announced.
import { deskbellError } from './errors.js';
import type { EventBus } from './events.js';
import { randomId, type Clock, type IdGenerator } from './ids.js';
import type { Presence } from './presence.js';
import type {
  AgentList,
  ConversationSummary,
  Message,
  PageView,
  VisitorConversation,
  VisitorSync,
  VisitorSyncResult,
} from './protocol.js';
import { LANGS } from './protocol.js';
import { writtenLang } from './i18n/written-lang.js';
import { signVisitorToken, verifyVisitorToken, VISITOR_TOKEN_TTL_MS } from './auth/visitor-token.js';
import type { AttachmentService } from './attachments/service.js';
import type { BotService } from './bot.js';
import type { Router } from './routing/router.js';
import { requireMayWrite } from './roles.js';
import type { Agent, AppendResult, Conversation, Site, Store, StoredMessage, Visitor } from './store/types.js';
import { messageView, summaryView, visitorConversationView } from './views.js';

/** Catch-up pages: a client asks again while `hasMore` is set. */
export const SYNC_PAGE = 500;

export interface ConversationServiceDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  presence: Presence;
  visitorTokenSecret: string;
  /** New visitor ids (default: random). */
  newId?: IdGenerator;
  /** Answers visitor messages while no person has the conversation (absent: no bot). */
  bot?: BotService;
  /** The queue and assignment. */
  router: Router;
  /** Checks the files a message carries (absent: messages carry none). */
  attachments?: AttachmentService;
  /** Records the email of an agent's reply to a left message, before the ack (absent: no SMTP). */
  replyEmails?: { record(message: StoredMessage, conversation: Conversation): Promise<void> };
}

export class ConversationService {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly events: EventBus;
  private readonly presence: Presence;
  private readonly secret: string;
  private readonly bot: BotService | undefined;
  private readonly newId: IdGenerator;
  private readonly router: Router;
  private readonly attachments: AttachmentService | undefined;
  private readonly replyEmails: ConversationServiceDeps['replyEmails'];

  constructor(deps: ConversationServiceDeps) {
    this.attachments = deps.attachments;
    this.replyEmails = deps.replyEmails;
    this.router = deps.router;
    this.store = deps.store;
    this.clock = deps.clock;
    this.events = deps.events;
    this.presence = deps.presence;
    this.secret = deps.visitorTokenSecret;
    this.bot = deps.bot;
    this.newId = deps.newId ?? randomId;
  }

  /**
   * The visitor behind a handshake: the token's visitor when the token is genuine, unexpired
   * and for this site; a new visitor when there is no token; an error for anything else.
   * A visitor is stored only with their first message (see appendMessage): opening the chat,
   * or an attacker looping connections, writes nothing. Until then the signed token is the
   * visitor, so two tabs share one identity before either has written.
   */
  async resolveVisitor(site: Site, token: string | undefined): Promise<Visitor> {
    const now = this.clock.now();
    const unsaved = (id: string): Visitor => ({
      id, siteId: site.id, createdAt: now, lastSeenAt: now, page: null, lang: null,
      identity: { externalId: null, name: null, email: null, verified: false, attributes: {} },
    });
    if (token === undefined || token === '') return unsaved(this.newId());
    const claims = verifyVisitorToken(token, this.secret, now);
    if (!claims || claims.siteId !== site.id) throw deskbellError('DESKBELL_TOKEN_INVALID');
    const visitor = await this.store.getVisitor(claims.visitorId);
    if (visitor && visitor.siteId !== site.id) throw deskbellError('DESKBELL_TOKEN_INVALID');
    return visitor ?? unsaved(claims.visitorId);
  }

  tokenFor(visitor: Visitor): string {
    return signVisitorToken(
      { visitorId: visitor.id, siteId: visitor.siteId, expiresAt: this.clock.now() + VISITOR_TOKEN_TTL_MS },
      this.secret,
    );
  }

  async visitorSync(visitor: Visitor, req: VisitorSync): Promise<VisitorSyncResult> {
    // Kept on the connection's visitor too, for the row their first message creates.
    if (req.page) visitor.page = req.page;
    if (req.lang) visitor.lang = req.lang;
    await this.store.touchVisitor(visitor.id, { ...(req.page ? { page: req.page } : {}), ...(req.lang ? { lang: req.lang } : {}) });
    const conversation = await this.store.getLatestConversation(visitor.id);
    let messages: Message[] = [];
    let hasMore = false;
    if (conversation) {
      // A different conversation than the widget knows: send it whole (from seq 0).
      const after = req.conversationId === conversation.id ? req.afterSeq : 0;
      const rows = await this.store.listMessages(conversation.id, after, SYNC_PAGE);
      messages = rows.map(messageView);
      hasMore = rows.length === SYNC_PAGE;
    }
    return {
      visitorId: visitor.id,
      token: this.tokenFor(visitor),
      conversation: conversation ? await this.visitorView(conversation) : null,
      messages,
      hasMore,
      agentsOnline: this.presence.agentsOnline(),
    };
  }

  /** Stores a shopper's message (creating their visitor row and conversation if needed) and announces it. */
  private async storeVisitorMessage(visitor: Visitor, clientId: string, body: string, attachmentIds?: string[]): Promise<AppendResult> {
    const text = cleanBody(body);
    const attachments = await this.attachments?.forMessage(attachmentIds, { kind: 'visitor', visitorId: visitor.id });
    const result = await this.store.appendMessage({
      sender: { kind: 'visitor', visitorId: visitor.id, profile: { siteId: visitor.siteId, page: visitor.page, lang: visitor.lang } },
      clientId,
      body: text,
      author: 'visitor',
      attachments,
    });
    if (!result.duplicate) {
      // Before the announcement: the agents' view of the conversation and the routing that
      // follows read the language from the visitor's row.
      await this.followWrittenLang(visitor, result.conversation.id, text);
      this.events.emit('message:stored', result);
    }
    return result;
  }

  /**
   * The shopper wrote in another language than the chat speaks (a Thai question on an English
   * page): from now on it is their language — the widget switches its words to it, the bot
   * answers in it, and the queue offers the conversation to agents who read it.
   */
  private async followWrittenLang(visitor: Visitor, conversationId: string, text: string): Promise<void> {
    const current = LANGS.find((l) => l === visitor.lang) ?? null;
    const lang = writtenLang(current, text);
    if (lang === null || lang === current) return;
    visitor.lang = lang;
    // The conversation follows too: reports count it in the language it was written in.
    await this.store.setWrittenLang(visitor.id, conversationId, lang);
    this.events.emit('visitor:lang', { visitorId: visitor.id, lang });
  }

  async visitorSend(visitor: Visitor, clientId: string, body: string, attachmentIds?: string[]): Promise<Message> {
    const result = await this.storeVisitorMessage(visitor, clientId, body, attachmentIds);
    // Before the ack, so a crash in between is healed by the client's resend (the bot's
    // reply is idempotent too). A file is for people: the bot does not answer a file's name.
    if (!result.message.attachments) await this.bot?.afterVisitorMessage(visitor, result.message, result.conversation);
    await this.router.afterVisitorMessage(result.conversation.id);
    return messageView(result.message);
  }

  async visitorPage(visitor: Visitor, page: PageView): Promise<void> {
    visitor.page = page;
    await this.store.touchVisitor(visitor.id, { page });
    const conversation = await this.store.getLatestConversation(visitor.id);
    if (conversation?.status === 'open') this.events.emit('conversation:changed', { conversation });
  }

  async visitorRead(visitor: Visitor, conversationId: string, seq: number): Promise<void> {
    await this.ownConversation(visitor, conversationId);
    const conversation = await this.store.markRead(conversationId, 'visitor', seq);
    this.events.emit('conversation:changed', { conversation });
  }

  /** The conversation, if it belongs to this visitor; the same error as a missing one otherwise. */
  async ownConversation(visitor: Visitor, conversationId: string): Promise<Conversation> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation || conversation.visitorId !== visitor.id) {
      throw deskbellError('DESKBELL_CONVERSATION_NOT_FOUND', conversationId);
    }
    return conversation;
  }

  async visitorView(conversation: Conversation): Promise<VisitorConversation> {
    // The agent shown to the shopper: the one assigned, else the last who wrote.
    const assigned = conversation.routing === 'assigned' && conversation.assignedAgentId ? await this.store.getAgent(conversation.assignedAgentId) : null;
    const name = assigned?.name ?? (conversation.firstAgentReplyAt === null ? null : await this.store.lastAgentName(conversation.id));
    return visitorConversationView(conversation, name, await this.router.place(conversation));
  }

  // ---- agent side ----

  async list(filter: AgentList): Promise<ConversationSummary[]> {
    const rows = await this.store.listConversations({ status: filter.status ?? 'all', limit: filter.limit ?? 200 });
    const positions = await this.router.positions(rows.filter((r) => r.routing === 'queued').map((r) => r.siteId));
    return rows.map((row) => summaryView(row, this.presence, positions.get(row.id) ?? null));
  }

  async summary(conversationId: string): Promise<ConversationSummary> {
    const row = await this.store.getConversationRow(conversationId);
    if (!row) throw deskbellError('DESKBELL_CONVERSATION_NOT_FOUND', conversationId);
    return summaryView(row, this.presence, row.routing === 'queued' ? ((await this.router.place(row))?.position ?? null) : null);
  }

  async open(conversationId: string, afterSeq: number): Promise<{ conversation: ConversationSummary; messages: Message[]; hasMore: boolean }> {
    const conversation = await this.summary(conversationId);
    const rows = await this.store.listMessages(conversationId, afterSeq, SYNC_PAGE);
    return { conversation, messages: rows.map(messageView), hasMore: rows.length === SYNC_PAGE };
  }

  async agentSend(agent: Agent, conversationId: string, clientId: string, body: string, attachmentIds?: string[]): Promise<Message> {
    const text = cleanBody(body);
    // Who may write (server/roles.ts) is checked by the store inside the write's transaction,
    // on the agent's role and the conversation's holder as they are then.
    const attachments = await this.attachments?.forMessage(attachmentIds, { kind: 'agent', agentId: agent.id });
    const result = await this.store.appendMessage({
      sender: { kind: 'agent', agentId: agent.id, conversationId },
      clientId,
      body: text,
      author: 'agent',
      attachments,
    });
    if (!result.duplicate) this.events.emit('message:stored', result);
    await this.replyEmails?.record(result.message, result.conversation);
    await this.router.takeOver(agent, result.conversation);
    // Writing in a conversation means the agent has read it up to their own message.
    if (!result.duplicate) await this.agentRead(conversationId, result.message.seq);
    return messageView(result.message);
  }

  /**
   * The agent's "typing" reaches the shopper only where they may write (server/roles.ts), on
   * their role and the conversation as they are now. Nothing is stored, so no transaction:
   * a claim landing just after lets at most one indicator through, and it fades by itself.
   */
  async requireMayType(agent: Agent, conversationId: string): Promise<void> {
    const conversation = await this.store.getConversation(conversationId);
    // An unknown conversation has nobody to relay to: ignored, as before (docs/protocol.md).
    if (conversation) requireMayWrite((await this.store.getAgent(agent.id)) ?? agent, conversation);
  }

  async agentRead(conversationId: string, seq: number): Promise<void> {
    const conversation = await this.store.markRead(conversationId, 'agent', seq);
    this.events.emit('conversation:changed', { conversation });
  }

  /**
   * `by`: the agent closing it (absent: the shopper, for their own). Refused to a plain agent
   * where a colleague is answering (server/roles.ts, checked in the store's transaction).
   */
  async close(conversationId: string, by?: Agent): Promise<ConversationSummary> {
    const conversation = await this.store.closeConversation(conversationId, by?.id);
    await this.router.released(conversation);
    return this.summary(conversationId);
  }

  /** Done for now: the shopper is asked for a rating; writing again reopens it. Refused as close is. */
  async resolve(conversationId: string, by: Agent): Promise<ConversationSummary> {
    const conversation = await this.store.resolve(conversationId, by.id);
    if (conversation.status !== 'open') throw deskbellError('DESKBELL_CONVERSATION_CLOSED');
    await this.router.released(conversation);
    return this.summary(conversationId);
  }

  async rate(visitor: Visitor, conversationId: string, rating: number, comment: string | undefined): Promise<void> {
    const own = await this.ownConversation(visitor, conversationId);
    if (own.routing !== 'resolved' && own.status !== 'closed') throw deskbellError('DESKBELL_NOT_RESOLVED');
    const text = comment?.toWellFormed().trim();
    const conversation = await this.store.rate(conversationId, rating, text ? text : null);
    this.events.emit('conversation:changed', { conversation });
  }

  /**
   * Nobody online: the shopper leaves their email and a message. It becomes a conversation
   * waiting in the queue; the reply waits for their next visit (or goes by email with SMTP).
   */
  async leaveMessage(visitor: Visitor, clientId: string, email: string, body: string): Promise<Message> {
    const result = await this.storeVisitorMessage(visitor, clientId, body);
    await this.store.setVisitorIdentity(visitor.id, { email: email.trim().toLowerCase() });
    const current = await this.store.getConversation(result.conversation.id);
    if (current && current.routing !== 'assigned') await this.router.enqueue(current, 'message');
    return messageView(result.message);
  }
}

/** Text as stored: well-formed Unicode (lone surrogates replaced), not blank. */
function cleanBody(body: string): string {
  const text = body.toWellFormed();
  if (text.trim() === '') throw deskbellError('DESKBELL_MESSAGE_EMPTY');
  return text;
}
