// The storage contract. Every service talks to storage only through `Store`, so that a
// PostgreSQL store can be added beside the SQLite one without touching the rest: methods are
// async, and each is atomic on its own (the store owns its transactions).
import type { FaqEntry, MatchThresholds } from '../faq/types.js';
import type { TriggerStore } from './triggers.js';
import type { AttachmentStore } from './attachments-sqlite.js';
import type { FaqDismissalStore } from './faq-dismissals-sqlite.js';
import type { ReplyEmailStore } from './reply-emails-sqlite.js';
import type { UploadSweepStore } from './uploads-sqlite.js';
import type { AgentRole, AttachmentInfo, Author, BotMeta, ConversationStatus, HandoffReason, Lang, PageInfo, ShopperIdentity, WidgetTheme } from '../protocol.js';
import type { BusinessHours } from '../routing/hours.js';
import type { Routing, RoutingMode, RoutingStore, VisitorIdentity } from './routing-types.js';
import type { ConversationEvent, EventData, NewConversationEvent } from '../reports/events.js';
import type { ConversationFacts, FaqEventCount } from '../reports/metrics.js';
import type { CachedDayRow, CachedDays, TriggerFunnelRow } from './reports-sqlite.js';

export interface Site {
  id: string;
  key: string;
  name: string;
  origins: string[];
  theme: WidgetTheme;
  createdAt: number;
  routing: RoutingMode;
  /** Business hours; null: always open. */
  hours: BusinessHours | null;
  /** The IANA time zone its reports count days and hours in; null: UTC. */
  timeZone: string | null;
}

export interface Visitor {
  id: string;
  siteId: string;
  createdAt: number;
  lastSeenAt: number;
  page: PageInfo | null;
  lang: string | null;
  identity: VisitorIdentity;
}

export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  status: ConversationStatus;
  lastSeq: number;
  agentReadSeq: number;
  visitorReadSeq: number;
  createdAt: number;
  lastActivityAt: number;
  closedAt: number | null;
  handoffAt: number | null;
  handoffReason: HandoffReason | null;
  /** The first agent message: from then on a person has the conversation. */
  firstAgentReplyAt: number | null;
  /** Queue and assignment (docs/decisions/queue.md); null while the bot has it. */
  routing: Routing | null;
  queueReason: string | null;
  queuedAt: number | null;
  assignedAgentId: string | null;
  assignedAt: number | null;
  resolvedAt: number | null;
  rating: number | null;
  ratingComment: string | null;
  /** Sent to a team: routed to its members (null: anyone). */
  team: string | null;
}

export interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  author: Author;
  agentId: string | null;
  authorName: string | null;
  body: string;
  createdAt: number;
  meta: BotMeta | null;
  /** Files carried by the message (absent: none). */
  attachments?: AttachmentInfo[];
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
  /** Most conversations assigned at once (default 3). */
  maxChats: number;
  /** Chose "away" (kept across restarts). */
  away: boolean;
  /** The languages this agent answers in (en, zh-TW, zh-CN, th); empty: every language. */
  languages: string[];
  /** Managers may change site settings and move anyone's conversations (docs/decisions/roles.md). */
  role: AgentRole;
  /** The team they are in (billing, returns…); null: none. */
  team: string | null;
}

export interface ConversationRow extends Conversation {
  siteName: string;
  visitorPage: PageInfo | null;
  visitorLang: string | null;
  lastMessage: { author: Author; body: string; createdAt: number } | null;
  assignedAgentName: string | null;
  identity: ShopperIdentity;
}

export interface NewSite {
  key: string;
  name: string;
  origins: string[];
  theme: WidgetTheme;
}

/** A message to append. `sender` scopes `clientId`: the same clientId from two senders is two messages. */
export interface NewMessage {
  sender:
    /**
     * A visitor's first message also creates their row (from `profile`): a visitor who
     * only opens the chat costs no write.
     */
    | {
        kind: 'visitor';
        visitorId: string;
        profile?: { siteId: string; page: PageInfo | null; lang: string | null };
        /** Who opened the conversation, when this message opens one (recorded as `started`; default the shopper). */
        startedBy?: EventData['started'];
      }
    | { kind: 'agent'; agentId: string; conversationId: string }
    | { kind: 'bot'; conversationId: string };
  clientId: string | null;
  body: string;
  author: Author;
  meta?: BotMeta | null;
  /** Files sent with it, already checked to be the sender's (server/attachments/service.ts). */
  attachments?: AttachmentInfo[];
}

export interface AppendResult {
  message: StoredMessage;
  conversation: Conversation;
  /** True when this clientId was already stored: nothing new was written. */
  duplicate: boolean;
}

/**
 * A FAQ entry as the shop owner writes it (an import row, a console edit), checked by
 * server/faq/content.ts. `id` is unique per site. `keywords` are extra words the matcher
 * treats like one more phrasing (see docs/faq-content.md).
 */
export interface FaqEntryInput extends FaqEntry {
  keywords: string[];
}

/** A FAQ entry as stored: `position` orders a site's FAQ (export, console). */
export interface StoredFaqEntry extends FaqEntryInput {
  siteId: string;
  position: number;
  createdAt: number;
  updatedAt: number;
}

/** What an import did, by entry id; `entries` is the site's whole FAQ afterwards, in order. */
export interface FaqImportResult {
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
  entries: StoredFaqEntry[];
}

/** A site's bot settings, with the defaults filled in. */
export interface BotSettings {
  thresholds: MatchThresholds;
  /**
   * Show a Chinese entry in the shopper's script (Traditional ↔ Simplified, faq/script.ts)
   * when it has no version in it. On by default; an owner whose wording must stay as
   * written turns it off.
   */
  convertScript: boolean;
}

/**
 * How the bot's answers from one FAQ entry fared: `shown` counts the bot answers it gave
 * with the entry, `helpful` and `notHelpful` the shoppers' Yes and No on them.
 */
export interface FaqEntryStats {
  faqId: string;
  shown: number;
  helpful: number;
  notHelpful: number;
}

/** Why a shopper's question counts as one the bot did not answer well. */
export type UnansweredReason = 'no_match' | 'declined' | 'not_helpful';

/** A shopper's question and the entry they picked for it among the bot's suggestions. */
export interface ChosenSuggestion {
  body: string;
  askedAt: number;
  conversationId: string;
  faqId: string;
}

/** A shopper's question the bot could not answer well, as asked (see Store.listUnansweredQuestions). */
export interface UnansweredQuestion {
  body: string;
  askedAt: number;
  conversationId: string;
  reason: UnansweredReason;
  /** For `not_helpful`: the entry whose answer did not help; null otherwise. */
  faqId: string | null;
}

/** A change to a site's bot settings; `null` puts a threshold back to its default. */
export interface BotSettingsPatch {
  thresholds?: { [K in keyof MatchThresholds]?: number | null };
  /** `null` puts it back to the default (on). */
  convertScript?: boolean | null;
}

/** The triggers' part (server/store/triggers.ts) and the queue's (routing-sqlite.ts) are kept in their own files. */
export interface Store extends TriggerStore, RoutingStore, AttachmentStore, ReplyEmailStore, UploadSweepStore, FaqDismissalStore {
  getOrCreateSecret(name: string, generate: () => string): Promise<string>;

  /**
   * A number that changes when another connection — the command line, another process — has
   * committed to the database since the last call; this store's own writes leave it alone
   * (SQLite's `PRAGMA data_version`). For caches of what the command line can also change.
   */
  writesElsewhere(): number;

  createSite(site: NewSite): Promise<Site>;
  getSiteByKey(key: string): Promise<Site | null>;
  getSite(id: string): Promise<Site | null>;
  listSites(): Promise<Site[]>;
  updateSite(id: string, patch: Partial<Pick<Site, 'name' | 'origins' | 'theme' | 'routing' | 'hours' | 'timeZone'>>): Promise<Site>;

  createVisitor(siteId: string): Promise<Visitor>;
  getVisitor(id: string): Promise<Visitor | null>;
  touchVisitor(id: string, update: { page?: PageInfo; lang?: string }): Promise<void>;
  /**
   * The shopper's message in `conversationId` was written in `lang`, another language than
   * the chat spoke: the visitor's language, and the conversation's (recorded as
   * `lang_changed` when it changes: reports count each conversation in its language).
   */
  setWrittenLang(visitorId: string, conversationId: string, lang: Lang): Promise<void>;

  getLatestConversation(visitorId: string): Promise<Conversation | null>;
  getConversation(id: string): Promise<Conversation | null>;
  getConversationRow(id: string): Promise<ConversationRow | null>;
  listConversations(filter: { status: ConversationStatus | 'all'; limit: number }): Promise<ConversationRow[]>;
  /**
   * `by`: the agent closing it; refused with DESKBELL_CONVERSATION_HELD when a colleague holds
   * it and they are a plain agent, checked in the same transaction as the close (server/roles.ts).
   */
  closeConversation(id: string, by?: string): Promise<Conversation>;
  /** Marks the conversation as handed to a person, once: a second call keeps the first time and reason. */
  setHandoff(id: string, reason: HandoffReason): Promise<Conversation>;
  markRead(conversationId: string, side: 'agent' | 'visitor', seq: number): Promise<Conversation>;

  /**
   * Store a message, idempotently: a repeated (sender, clientId) returns the stored message
   * with `duplicate: true`. A visitor's message goes to their open conversation, opening a
   * new one when there is none. Throws DESKBELL_CONVERSATION_CLOSED for an agent writing to
   * a closed conversation, and DESKBELL_CONVERSATION_HELD for a plain agent writing where a
   * colleague holds it — checked in the same transaction as the write (server/roles.ts).
   */
  appendMessage(message: NewMessage): Promise<AppendResult>;
  listMessages(conversationId: string, afterSeq: number, limit: number): Promise<StoredMessage[]>;
  getMessage(id: string): Promise<StoredMessage | null>;
  /** The name of the last agent who wrote in the conversation, if any. */
  lastAgentName(conversationId: string): Promise<string | null>;
  updateMessageMeta(id: string, meta: BotMeta): Promise<StoredMessage>;

  /** `role` defaults to 'manager', as the column does for agents from before roles (migration 9). */
  createAgent(agent: { email: string; name: string; passwordHash: string; role?: AgentRole }): Promise<Agent>;
  getAgent(id: string): Promise<Agent | null>;
  getAgentByEmail(email: string): Promise<Agent | null>;
  listAgents(): Promise<Agent[]>;
  updateAgent(id: string, patch: Partial<Pick<Agent, 'name' | 'passwordHash' | 'disabled' | 'maxChats' | 'away' | 'languages' | 'role' | 'team'>>): Promise<Agent>;

  createSession(idHash: string, agentId: string, expiresAt: number): Promise<void>;
  getSession(idHash: string): Promise<{ agentId: string; expiresAt: number } | null>;
  deleteSession(idHash: string): Promise<void>;
  deleteAgentSessions(agentId: string): Promise<void>;

  /** A site's FAQ in its order (`position`); empty for an unknown site. */
  listFaqEntries(siteId: string): Promise<StoredFaqEntry[]>;
  getFaqEntry(siteId: string, id: string): Promise<StoredFaqEntry | null>;
  /**
   * Imports a FAQ file's entries in one transaction: all of them or none. By default
   * upserts by id (entries not in the file are kept; updated ones keep their place, new
   * ones go at the end); with `replace`, the site's FAQ becomes exactly `entries`, in
   * their order. Throws DESKBELL_SITE_UNKNOWN, or DESKBELL_VALIDATION for a repeated id.
   */
  importFaqEntries(siteId: string, entries: FaqEntryInput[], options?: { replace?: boolean }): Promise<FaqImportResult>;
  /** Adds (at the end) or replaces (in place) one entry. */
  upsertFaqEntry(siteId: string, entry: FaqEntryInput): Promise<StoredFaqEntry>;
  /** Returns false when the site has no entry with that id. */
  deleteFaqEntry(siteId: string, id: string): Promise<boolean>;
  /** The defaults (server/faq/confidence.ts) for a site that never changed them. */
  getBotSettings(siteId: string): Promise<BotSettings>;
  /** Throws DESKBELL_VALIDATION for thresholds outside 0..1 or `suggest` above `answer`. */
  updateBotSettings(siteId: string, patch: BotSettingsPatch): Promise<BotSettings>;

  /** Per FAQ entry id, the bot's answers with it and the shoppers' feedback (ids with no answer are absent). */
  listFaqEntryStats(siteId: string): Promise<FaqEntryStats[]>;
  /**
   * The site's newest `limit` shopper questions whose bot reply was a hand-off for lack of
   * a match, suggestions the shopper declined, or an answer they marked as not helpful;
   * newest first.
   */
  listUnansweredQuestions(siteId: string, limit: number): Promise<UnansweredQuestion[]>;
  /** The newest `limit` questions whose shopper picked one of the bot's "Did you mean…" offers, and did not then say its answer was no help. */
  listChosenSuggestions(siteId: string, limit: number): Promise<ChosenSuggestion[]>;

  /**
   * Records one step of a conversation's life (server/reports/events.ts), with the facts the
   * reports read. Never throws for the event: one that cannot be stored is logged instead.
   * Callers record a step once, when it happens (the store records the core's own steps).
   */
  recordEvent(event: NewConversationEvent): Promise<void>;
  /** A conversation's events, in the order recorded. */
  listConversationEvents(conversationId: string): Promise<ConversationEvent[]>;
  /** The facts of a site's conversations started in [from, to) (epoch ms); with `agentId`, those that agent has. */
  reportFacts(siteId: string, from: number, to: number, agentId?: string): Promise<ConversationFacts[]>;
  /** A site's FAQ answers shown and their feedback in [from, to), counted by entry and type. */
  reportFaqCounts(siteId: string, from: number, to: number): Promise<FaqEventCount[]>;
  /**
   * The cached report parts of whole UTC days in [fromDay, toDay) (epoch ms / 86,400,000),
   * opaque JSON by day, and the store's event version they were read at; with `agentId`,
   * that agent's parts of the same days too, in the same read.
   */
  reportCachedDays(siteId: string, fromDay: number, toDay: number, agentId?: string): Promise<CachedDays>;
  /** Caches days (and their agents' parts) computed from reads made at `version`, except those an event since has touched; returns how many. */
  saveReportDays(siteId: string, version: number, days: readonly CachedDayRow[]): Promise<number>;
  /**
   * The shopper left before an agent came: records `abandoned` (at `leftAt`) for the
   * visitor's open conversation if it is still queued, unanswered by a person and not marked
   * before; returns the conversations marked.
   */
  recordAbandoned(visitorId: string, leftAt: number): Promise<string[]>;
  /** The newest `limit` questions the bot could not answer well, asked in [from, to) (as listUnansweredQuestions). */
  reportUnanswered(siteId: string, from: number, to: number, limit: number): Promise<UnansweredQuestion[]>;
  /** Per proactive prompt: shown and clicked in [from, to), conversations it started then and their hand-offs. */
  reportTriggerFunnel(siteId: string, from: number, to: number): Promise<TriggerFunnelRow[]>;

  /** A cheap query proving the database answers (for /health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type { Lang };
