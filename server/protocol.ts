// The wire contract between widget, server and console: every Socket.IO event, its payload
// and its acknowledgement, and the HTTP bodies the browser parts use. The server validates
// every incoming payload against these schemas; the widget and console import only the
// types (`import type`), so this file costs them no bytes. Documented in docs/protocol.md.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const MAX_MESSAGE_LENGTH = 4000;
export const LANGS = ['en', 'zh-TW', 'zh-CN', 'th'] as const;
export type Lang = (typeof LANGS)[number];

// ---------- shared pieces ----------

/** A client-generated id for a message: the idempotency key of a send. */
export const ClientId = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Body = Type.String({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH });
/** A page address: http(s) only, so nothing else is ever shown (or linked) in the console. */
const Url = Type.String({ maxLength: 2048, pattern: '^https?://' });

export type Author = 'visitor' | 'agent' | 'bot' | 'system';

/** Why a conversation was handed to a person. */
export type HandoffReason = 'asked' | 'no_match' | 'not_helpful' | 'declined';

/**
 * Why a conversation waits in the queue: the bot's hand-off reasons, a left message, a
 * shopper writing after it was resolved, its agent gone — an open set (the trigger work adds
 * its own), so an unknown reason is shown as such, never refused.
 */
export type QueueReason = HandoffReason | 'message' | 'reopened' | 'agent_left' | (string & {});
/** A conversation's life with people (docs/decisions/queue.md); null while the bot has it. */
export type ConversationRouting = 'queued' | 'assigned' | 'resolved';
/** Per site: 'auto' assigns from the queue, 'manual' lets agents pick. */
export type RoutingMode = 'auto' | 'manual';
export type AgentStatus = 'online' | 'away' | 'offline';

/** The shopper's place in the queue. `estimatedWaitMs` is null until there are recent real waits to go by. */
export interface QueuePlace {
  position: number;
  estimatedWaitMs: number | null;
}

/**
 * What a bot message offers besides its text. The widget draws the buttons; the shopper's
 * click comes back as `bot:feedback` or `bot:choose`, and the change as `message:update`.
 */
export type BotMeta =
  | { kind: 'answer'; faqId: string; feedback: 'yes' | 'no' | null }
  | { kind: 'suggest'; options: Array<{ faqId: string; question: string }>; chosen: string | null; declined: boolean }
  | { kind: 'handoff'; reason: HandoffReason; agentsOnline: boolean };

/** A stored message as both sides see it. `seq` orders messages within a conversation. */
export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  author: Author;
  /** Display name of the agent who wrote it; null for the visitor and the bot. */
  authorName: string | null;
  body: string;
  createdAt: number;
  /** The bot's offer (answer feedback, suggestions, hand-off); null for everything else. */
  meta: BotMeta | null;
  /** Files sent with it (absent: none). With no caption, `body` is their names. */
  attachments?: AttachmentInfo[];
}

/** What the server accepts: the type is read from the file's first bytes, never from its name. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
/** An uploaded file (docs/decisions/attachments.md). Fetched by id from the attachments routes. */
export interface AttachmentInfo {
  id: string;
  name: string;
  type: AttachmentType;
  size: number;
}
/** At most this many files on one message. */
export const MAX_ATTACHMENTS = 4;
const AttachmentIds = Type.Array(Id, { minItems: 1, maxItems: MAX_ATTACHMENTS });

export type ConversationStatus = 'open' | 'closed';

export interface PageInfo {
  url: string;
  title: string;
}

/** What the visitor's widget knows of its conversation. */
export interface VisitorConversation {
  id: string;
  status: ConversationStatus;
  lastSeq: number;
  agentName: string | null;
  /** Highest seq the agent side has read (for "seen" marks). */
  agentReadSeq: number;
  /** Highest seq this visitor has read, in any tab (for the unread badge). */
  visitorReadSeq: number;
  /** Set when the bot handed the conversation to a person (an agent writing first does not set it). */
  handoff: { at: number; reason: HandoffReason } | null;
  routing: ConversationRouting | null;
  /** While waiting: the place in the queue. */
  queue: QueuePlace | null;
  /** The shopper's rating after it was resolved (1-5), once given. */
  rating: number | null;
}

/** A row of the console's conversation list. */
export interface ConversationSummary {
  id: string;
  siteId: string;
  siteName: string;
  visitorId: string;
  visitorLabel: string;
  status: ConversationStatus;
  lastSeq: number;
  agentReadSeq: number;
  lastMessage: { author: Author; body: string; createdAt: number } | null;
  createdAt: number;
  lastActivityAt: number;
  page: PageInfo | null;
  lang: string | null;
  visitorOnline: boolean;
  handoff: { at: number; reason: HandoffReason } | null;
  firstAgentReplyAt: number | null;
  routing: ConversationRouting | null;
  queue: { reason: QueueReason; since: number; position: number } | null;
  assignedAgent: { id: string; name: string } | null;
  /** Sent to a team (conversation:team): routed to its members. */
  team: string | null;
  rating: { score: number; comment: string | null } | null;
  /** What the shopper told us (identify, or a left message's email). */
  identity: ShopperIdentity;
}

export interface ShopperIdentity {
  name: string | null;
  email: string | null;
  externalId: string | null;
  /** Signed by the shop: only these are joined across devices. */
  verified: boolean;
}

/**
 * What a refusal says beyond its code, for a client to word in its user's language: only where
 * the English message carries something the code alone does not (docs/errors.md#details).
 */
export interface ErrorDetails {
  /** DESKBELL_ALREADY_CLAIMED: the name of the agent who has the conversation (absent: nobody, it is just no longer waiting). */
  holder?: string;
  /** DESKBELL_ATTACHMENT_TOO_LARGE: the site's size limit in MB (one decimal at most). */
  maxMb?: number;
}

export interface ErrorInfo extends ErrorDetails {
  code: string;
  message: string;
}

export type Ack<T extends object = Record<never, never>> =
  | ({ ok: true } & T)
  | { ok: false; error: ErrorInfo };

// ---------- visitor namespace (/visitor) ----------

/** Handshake `auth` of a widget connection. The site key travels in the query (`?site=`). */
export const VisitorAuth = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 512 })),
});
export type VisitorAuth = Static<typeof VisitorAuth>;

export const VisitorSync = Type.Object({
  /** The conversation the widget shows, and the last seq it has of it. */
  conversationId: Type.Optional(Id),
  afterSeq: Seq,
  page: Type.Optional(Type.Object({ url: Url, title: Type.String({ maxLength: 300 }) })),
  lang: Type.Optional(Type.String({ maxLength: 16 })),
});
export type VisitorSync = Static<typeof VisitorSync>;

export interface VisitorSyncResult {
  /** More messages than one page: ask again with the last seq received. */
  hasMore: boolean;
  visitorId: string;
  /** A fresh token (sliding expiry): the widget stores it in place of the old one. */
  token: string;
  conversation: VisitorConversation | null;
  /** Messages after `afterSeq` (all of them when the conversation changed). */
  messages: Message[];
  agentsOnline: boolean;
}

/** Leave a message when nobody is online: it waits in the queue with the email to reply to. */
export const LeaveMessage = Type.Object({
  clientId: ClientId,
  email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }),
  body: Body,
});
export type LeaveMessage = Static<typeof LeaveMessage>;

export const RateConversation = Type.Object({
  conversationId: Id,
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type RateConversation = Static<typeof RateConversation>;

/** Deskbell.identify(): `hash` = hex HMAC-SHA256(id, site identity secret), or `token` = a JWT (HS256, same secret). */
export const Identify = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  hash: Type.Optional(Type.String({ maxLength: 128 })),
  token: Type.Optional(Type.String({ maxLength: 2048 })),
  attributes: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 500 }), { maxProperties: 30 })),
});
export type Identify = Static<typeof Identify>;

export const VisitorSend = Type.Object({ clientId: ClientId, body: Body, attachments: Type.Optional(AttachmentIds) });
export type VisitorSend = Static<typeof VisitorSend>;

export const TypingSet = Type.Object({ typing: Type.Boolean() });
export type TypingSet = Static<typeof TypingSet>;

export const PageView = Type.Object({ url: Url, title: Type.String({ maxLength: 300 }) });
export type PageView = Static<typeof PageView>;

export const ReadUpTo = Type.Object({ conversationId: Id, seq: Seq });
export type ReadUpTo = Static<typeof ReadUpTo>;

/** "Did this answer your question?" on a bot answer. */
export const BotFeedback = Type.Object({ messageId: Id, helpful: Type.Boolean() });
export type BotFeedback = Static<typeof BotFeedback>;

/** A "Did you mean…" button (faqId), or "None of these" (null). */
export const BotChoose = Type.Object({ messageId: Id, faqId: Type.Union([Id, Type.Null()]) });
export type BotChoose = Static<typeof BotChoose>;

export const HandoffRequest = Type.Object({}, { additionalProperties: false });
export type HandoffRequest = Static<typeof HandoffRequest>;

export interface VisitorClientEvents {
  'session:sync': (payload: VisitorSync, ack: (res: Ack<VisitorSyncResult>) => void) => void;
  'message:send': (payload: VisitorSend, ack: (res: Ack<{ message: Message }>) => void) => void;
  'typing:set': (payload: TypingSet, ack: (res: Ack) => void) => void;
  'page:view': (payload: PageView, ack: (res: Ack) => void) => void;
  'messages:read': (payload: ReadUpTo, ack: (res: Ack) => void) => void;
  'bot:feedback': (payload: BotFeedback, ack: (res: Ack) => void) => void;
  'bot:choose': (payload: BotChoose, ack: (res: Ack) => void) => void;
  /** "Talk to a person": hand the conversation over now. */
  'handoff:request': (payload: HandoffRequest, ack: (res: Ack) => void) => void;
  'visit:link': (payload: VisitLink, ack: (res: Ack) => void) => void;
  'message:leave': (payload: LeaveMessage, ack: (res: Ack<{ message: Message }>) => void) => void;
  'conversation:rate': (payload: RateConversation, ack: (res: Ack) => void) => void;
  /** `token` is set when a verified identity belongs to another visitor: reconnect with it. */
  'identify': (payload: Identify, ack: (res: Ack<{ verified: boolean; token: string | null }>) => void) => void;
  /** The conversation as plain text, to save. */
  'conversation:transcript': (payload: { conversationId: string }, ack: (res: Ack<Transcript>) => void) => void;
  /** The shopper's conversations, newest first (at most 50). */
  'conversations:mine': (payload: Record<never, never>, ack: (res: Ack<{ conversations: VisitorConversationItem[] }>) => void) => void;
  /** An earlier conversation's messages, to read (the first 500). */
  'conversation:history': (payload: { conversationId: string }, ack: (res: Ack<{ messages: Message[]; hasMore: boolean }>) => void) => void;
  /** "Start a new conversation": closes this one; the next message opens a new one. */
  'conversation:close': (payload: { conversationId: string }, ack: (res: Ack) => void) => void;
}

/** One of the shopper's conversations, for the widget's list of earlier ones. */
export interface VisitorConversationItem {
  id: string;
  status: ConversationStatus;
  routing: ConversationRouting | null;
  createdAt: number;
  lastActivityAt: number;
  lastMessage: { author: Author; body: string; createdAt: number } | null;
}

export interface Transcript {
  filename: string;
  text: string;
}

export interface VisitorServerEvents {
  'message:new': (message: Message) => void;
  /** A stored message changed (feedback given, suggestion chosen): replace it by seq. */
  'message:update': (message: Message) => void;
  'conversation:update': (conversation: VisitorConversation) => void;
  'typing:update': (payload: { conversationId: string; typing: boolean; name: string | null }) => void;
  /** Someone came online, or the last one left: the widget offers chat or leave-a-message. */
  'agents:availability': (payload: { agentsOnline: boolean }) => void;
  /**
   * The shopper's message was clearly in another language than the widget's (a Thai question
   * on an English page): the widget switches its words to it and keeps it for their next
   * page views. Sent to every tab of the visitor.
   */
  'visitor:lang': (payload: { lang: Lang }) => void;
  'server:error': (error: ErrorInfo) => void;
}

// ---------- agent namespace (/agent) ----------

export const AgentList = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type AgentList = Static<typeof AgentList>;

export const AgentOpen = Type.Object({ conversationId: Id, afterSeq: Type.Optional(Seq) });
export type AgentOpen = Static<typeof AgentOpen>;

export const AgentSend = Type.Object({ conversationId: Id, clientId: ClientId, body: Body, attachments: Type.Optional(AttachmentIds) });
export type AgentSend = Static<typeof AgentSend>;

export const AgentTyping = Type.Object({ conversationId: Id, typing: Type.Boolean() });
export type AgentTyping = Static<typeof AgentTyping>;

export const ConversationRef = Type.Object({ conversationId: Id });

/** The console's `conversation:transcript`: `lang`, the console's language, labels the file (server/routing/transcript.ts). */
export const AgentTranscript = Type.Object({
  conversationId: Id,
  lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-TW'), Type.Literal('zh-CN'), Type.Literal('th')])),
});
export type AgentTranscript = Static<typeof AgentTranscript>;
export type ConversationRef = Static<typeof ConversationRef>;

/** 'manager': site settings, the identity secret, and moving anyone's conversations; 'agent': their own. */
export type AgentRole = 'agent' | 'manager';

export interface AgentProfile {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
}

/** An agent as the others see them: availability and load. */
export interface AgentPresence {
  id: string;
  name: string;
  status: AgentStatus;
  openChats: number;
  maxChats: number;
  /** The languages they answer in; empty: every language. */
  languages: string[];
  role: AgentRole;
  /** Their team (deskbell agent team); null: none. */
  team: string | null;
}

export const SetStatus = Type.Object({ status: Type.Union([Type.Literal('online'), Type.Literal('away')]) });
export type SetStatus = Static<typeof SetStatus>;

export const Transfer = Type.Object({ conversationId: Id, agentId: Id, note: Type.Optional(Type.String({ maxLength: MAX_MESSAGE_LENGTH })) });
export type Transfer = Static<typeof Transfer>;

/** A team's name as agents are put in it (`deskbell agent team`). */
export const TeamName = Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\x00-\\x1f]+$' });
/** Send a conversation to a team: it waits at the head of the queue for the team's members. */
export const TransferTeam = Type.Object({ conversationId: Id, team: TeamName, note: Type.Optional(Type.String({ maxLength: MAX_MESSAGE_LENGTH })) });
export type TransferTeam = Static<typeof TransferTeam>;

export const NoteAdd = Type.Object({ conversationId: Id, body: Body });
export type NoteAdd = Static<typeof NoteAdd>;

export const EmptyPayload = Type.Object({}, { additionalProperties: false });

export const CannedSave = Type.Object({
  shortcut: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9_-]+$' }),
  lang: Type.Union([Type.Literal(''), ...LANGS.map((l) => Type.Literal(l))]),
  body: Body,
  /** A file sent with the reply (an uploaded attachment's id); null or absent: none. */
  attachmentId: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type CannedSave = Static<typeof CannedSave>;
export const CannedDelete = Type.Object({ id: Id });

export const Search = Type.Object({ text: Type.String({ minLength: 1, maxLength: 200 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) });
export type Search = Static<typeof Search>;

const SiteKey = Type.String({ minLength: 1, maxLength: 128 });
export const SiteRef = Type.Object({ siteKey: SiteKey });
export const SiteRouting = Type.Object({ siteKey: SiteKey, mode: Type.Union([Type.Literal('auto'), Type.Literal('manual')]) });
export type SiteRouting = Static<typeof SiteRouting>;
/** `hours: null` removes the business hours (always open). */
export const SiteHours = Type.Object({
  siteKey: SiteKey,
  hours: Type.Union([Type.Object({ timeZone: Type.String({ minLength: 1, maxLength: 64 }), text: Type.String({ minLength: 1, maxLength: 500 }) }), Type.Null()]),
});
export type SiteHours = Static<typeof SiteHours>;
/** Consent mode: the widget stores nothing in the shopper's browser until they open the chat. */
export const SiteConsent = Type.Object({ siteKey: SiteKey, consent: Type.Boolean() });
export type SiteConsent = Static<typeof SiteConsent>;
/** The longest greeting a shop may set, per language: a bubble's worth, not a page. */
export const MAX_GREETING_LENGTH = 300;
const Greeting = Type.String({ maxLength: MAX_GREETING_LENGTH });
/**
 * The widget's look, changed by a manager: only the fields given change. Colours are #rgb or
 * #rrggbb only (the widget puts them in CSS on the shop's page). A greeting '' removes the
 * shop's own for that language (the widget's default greeting shows); `defaultLang: null`:
 * the shopper's browser decides.
 */
export const SiteTheme = Type.Object({
  siteKey: SiteKey,
  accentColor: Type.Optional(Type.String({ pattern: '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' })),
  position: Type.Optional(Type.Union([Type.Literal('right'), Type.Literal('left')])),
  greeting: Type.Optional(Type.Object(
    { en: Type.Optional(Greeting), 'zh-TW': Type.Optional(Greeting), 'zh-CN': Type.Optional(Greeting), th: Type.Optional(Greeting) },
    { additionalProperties: false },
  )),
  defaultLang: Type.Optional(Type.Union([...LANGS.map((l) => Type.Literal(l)), Type.Null()])),
}, { additionalProperties: false });
export type SiteTheme = Static<typeof SiteTheme>;

/** At most this many domains a site: a shop, its www twin, staging, a few country shops. */
export const MAX_SITE_ORIGINS = 50;
/** The domains whose pages may load the site's widget: the whole list, replacing the old one. */
export const SiteOrigins = Type.Object({
  siteKey: SiteKey,
  origins: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: MAX_SITE_ORIGINS }),
});
export type SiteOrigins = Static<typeof SiteOrigins>;

/** A domain whose pages asked for the widget and were refused (server/refused-origins.ts). */
export interface RefusedOriginView {
  origin: string;
  count: number;
  lastAt: number;
  page: string | null;
}

/** A site's human-side settings, for the console. */
export interface SiteSettingsView {
  key: string;
  name: string;
  routing: RoutingMode;
  /** Signs Deskbell.identify() hashes and tokens (docs/widget-api.md); null: not shown to this agent (only managers see it). */
  identitySecret: string | null;
  /** "mon-fri 09:00-18:00" and the time zone; null: always open. */
  hours: { timeZone: string; text: string } | null;
  /** Consent mode (docs/decisions/loader.md). */
  consent: boolean;
  /** The widget's look (`site:theme`): colour, side, greetings, language. */
  theme: Omit<WidgetTheme, 'consent'>;
  /** The domains allowed to load the widget (`https://shop.example`). */
  origins: string[];
  /** Domains refused lately (since the server started), most recent first; empty for agents: only managers can allow them. */
  refusedOrigins: RefusedOriginView[];
  /** Where shoppers reach this server (`--public-url`), for the script tag; null: the console's own address. */
  publicUrl: string | null;
}

export interface NoteView {
  id: string;
  conversationId: string;
  agentName: string;
  body: string;
  createdAt: number;
}

export interface CannedReplyView {
  id: string;
  shortcut: string;
  lang: string;
  body: string;
  /** A file sent with the reply (absent or null: none). */
  attachment?: AttachmentInfo | null;
}

/** The shopper panel beside an open conversation. */
export interface ShopperPanel {
  identity: ShopperIdentity & { attributes: Record<string, string> };
  page: PageInfo | null;
  /** The pages seen on this visit, oldest first (kept in memory: empty after a restart). */
  pages: Array<PageInfo & { at: number }>;
  lang: string | null;
  /** The shopper's other conversations (this device, and every device of a verified identity). */
  earlier: Array<{ id: string; createdAt: number; status: ConversationStatus; routing: ConversationRouting | null; lastMessage: string | null }>;
  /** What the bot said before the hand-off, with the question it answered. */
  botAnswers: Array<{ question: string | null; answer: string; feedback: 'yes' | 'no' | null }>;
  /** No SMTP: replies to a left message wait for the shopper's next visit. */
  emailReplies: boolean;
  /** Reply emails to this shopper not delivered (yet): being retried, or given up. */
  replyEmails: ReplyEmailView[];
}

/** The email of an agent's reply to a left message (docs/protocol.md#reply-emails). */
export interface ReplyEmailView {
  messageId: string;
  conversationId: string;
  to: string;
  /** sending: first attempt under way; retrying: refused or unreachable, tried again later; failed: given up (24 h, or refused for good); skipped: read in the chat first. */
  status: 'sending' | 'retrying' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  /** When it is tried next (pending ones only). */
  nextAttemptAt: number | null;
  /** The mail server's last refusal or the connection error, as it said it. */
  lastError: string | null;
}

export interface AgentClientEvents {
  'conversations:list': (payload: AgentList, ack: (res: Ack<{ conversations: ConversationSummary[] }>) => void) => void;
  'conversation:open': (
    payload: AgentOpen,
    ack: (res: Ack<{ conversation: ConversationSummary; messages: Message[]; hasMore: boolean }>) => void,
  ) => void;
  'message:send': (payload: AgentSend, ack: (res: Ack<{ message: Message }>) => void) => void;
  'typing:set': (payload: AgentTyping, ack: (res: Ack) => void) => void;
  'messages:read': (payload: ReadUpTo, ack: (res: Ack) => void) => void;
  'conversation:close': (payload: ConversationRef, ack: (res: Ack<{ conversation: ConversationSummary }>) => void) => void;
  'agent:status': (payload: SetStatus, ack: (res: Ack<{ agents: AgentPresence[] }>) => void) => void;
  'agents:list': (payload: Record<never, never>, ack: (res: Ack<{ agents: AgentPresence[] }>) => void) => void;
  'conversation:claim': (payload: ConversationRef, ack: (res: Ack<{ conversation: ConversationSummary }>) => void) => void;
  'conversation:transfer': (payload: Transfer, ack: (res: Ack<{ conversation: ConversationSummary }>) => void) => void;
  'conversation:team': (payload: TransferTeam, ack: (res: Ack<{ conversation: ConversationSummary }>) => void) => void;
  'conversation:resolve': (payload: ConversationRef, ack: (res: Ack<{ conversation: ConversationSummary }>) => void) => void;
  'notes:list': (payload: ConversationRef, ack: (res: Ack<{ notes: NoteView[] }>) => void) => void;
  'note:add': (payload: NoteAdd, ack: (res: Ack<{ note: NoteView }>) => void) => void;
  'shopper:panel': (payload: ConversationRef, ack: (res: Ack<{ panel: ShopperPanel }>) => void) => void;
  'canned:list': (payload: Record<never, never>, ack: (res: Ack<{ replies: CannedReplyView[] }>) => void) => void;
  'canned:save': (payload: CannedSave, ack: (res: Ack<{ reply: CannedReplyView }>) => void) => void;
  'canned:delete': (payload: { id: string }, ack: (res: Ack) => void) => void;
  'conversations:search': (payload: Search, ack: (res: Ack<{ conversations: ConversationSummary[] }>) => void) => void;
  'site:settings': (payload: { siteKey: string }, ack: (res: Ack<{ settings: SiteSettingsView }>) => void) => void;
  'site:routing': (payload: SiteRouting, ack: (res: Ack<{ settings: SiteSettingsView }>) => void) => void;
  'site:hours': (payload: SiteHours, ack: (res: Ack<{ settings: SiteSettingsView }>) => void) => void;
  'site:consent': (payload: SiteConsent, ack: (res: Ack<{ settings: SiteSettingsView }>) => void) => void;
  'site:theme': (payload: SiteTheme, ack: (res: Ack<{ settings: SiteSettingsView }>) => void) => void;
  'site:origins': (payload: SiteOrigins, ack: (res: Ack<{ settings: SiteSettingsView }>) => void) => void;
  'conversation:transcript': (payload: AgentTranscript, ack: (res: Ack<Transcript>) => void) => void;
}

export interface AgentServerEvents {
  'session:ready': (payload: { agent: AgentProfile }) => void;
  'message:new': (message: Message) => void;
  'message:update': (message: Message) => void;
  'conversation:update': (conversation: ConversationSummary) => void;
  'typing:update': (payload: { conversationId: string; typing: boolean }) => void;
  /** Every agent's availability and load, whenever one changes. */
  'agents:update': (payload: { agents: AgentPresence[] }) => void;
  'note:new': (note: NoteView) => void;
  /** A reply email's delivery changed (every agent hears it). */
  'email:status': (email: ReplyEmailView) => void;
  /** A conversation was given to this agent (by routing, or a transfer with its note). */
  'conversation:assigned': (payload: { conversation: ConversationSummary; note: string | null; by: string | null; self: boolean }) => void;
  'server:error': (error: ErrorInfo) => void;
}

// ---------- HTTP bodies ----------

export const LoginBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
export type LoginBody = Static<typeof LoginBody>;

export interface WidgetTheme {
  accentColor: string;
  position: 'right' | 'left';
  greeting: Partial<Record<Lang, string>>;
  defaultLang: Lang | null;
  /** Consent mode: the widget writes nothing to the shopper's browser until they first open the chat. */
  consent: boolean;
}

/** A new site's widget settings, and what a stored site's missing settings default to. */
export const DEFAULT_WIDGET_THEME: WidgetTheme = { accentColor: '#2563eb', position: 'right', greeting: {}, defaultLang: null, consent: false };

/** `GET /api/widget/faq?site=KEY&lang=L[&q=TEXT]`: top questions, or those matching typed text. */
export interface WidgetFaqQuestions {
  questions: Array<{ id: string; question: string }>;
}

/**
 * `POST /api/widget/status?site=KEY`, body: the visitor token (text/plain). What the loader
 * asks on a returning shopper's page view to decide whether to load the chat at once.
 */
export interface WidgetStatus {
  /** Replies the shopper has not read yet in their latest conversation. */
  unread: number;
  /** A person has (or is about to take) the conversation: replies must arrive live. */
  live: boolean;
}

/** What the widget says before the chat is loaded, in one language (server/i18n/widget-words.ts). */
export interface WidgetWords {
  /** The launcher's accessible name, closed and open. */
  open: string;
  close: string;
  /** The unread count beside `open`; `{n}` is the count. */
  unread: string;
  /** A prompt bubble's accessible name, and its close button's. */
  prompt: string;
  dismiss: string;
}

/**
 * Colours the server derives from the accent so the widget stays readable whatever the shop
 * chose (server/colour.ts; docs/protocol.md). Both are #rrggbb.
 */
export interface AccentColours {
  /** Text and icons on the accent (launcher, header, the shopper's bubbles, send): white, else near-black, reaching 4.5:1. */
  textOnAccent: string;
  /** The accent as text or a border on white (chips): itself, or darkened just enough to reach 4.5:1. */
  accentOnWhite: string;
}

/** `GET /api/widget/config?site=KEY[&lang=PAGE_LANG]` */
export interface WidgetConfig {
  site: { key: string; name: string };
  theme: WidgetTheme & AccentColours;
  /**
   * The shopper's language: the site's setting, else the page's `lang` (the query), else the
   * browser's Accept-Language, else English. `words` are the widget's first words in it.
   */
  lang: Lang;
  words: WidgetWords;
  agentsOnline: boolean;
  /** Business hours: null when the site set none. `opensAt`: when it opens next, while closed. */
  hours: { open: boolean; opensAt: number | null } | null;
  /** The site has a FAQ bot (at least one enabled entry): offer self-service. */
  bot: boolean;
  /** The site's enabled proactive prompts, in priority order. */
  triggers: WidgetTrigger[];
}

// ---------- backups ----------

const BackupFile = Type.Object({
  /** The file's name in the backup folder: deskbell-20261207T164500Z.sqlite. */
  file: Type.String(),
  /** When the backup began, ms since the epoch. */
  at: Type.Number(),
  /** The database copy's size (its attachments are in FILE.files/, shared with other backups by hard links). */
  bytes: Type.Number(),
});

/** `GET /api/backups` (managers only): the server's scheduled backups (`deskbell start --backup-dir DIR`). */
export const BackupStatus = Type.Object({
  /** false: started without --backup-dir; everything below is null or empty. */
  enabled: Type.Boolean(),
  dir: Type.Union([Type.String(), Type.Null()]),
  everyMs: Type.Union([Type.Number(), Type.Null()]),
  keep: Type.Union([Type.Number(), Type.Null()]),
  /** The last run of this server, or the newest backup found at start; null: none yet. */
  last: Type.Union([
    Type.Object({
      at: Type.Number(),
      file: Type.String(),
      bytes: Type.Number(),
      ok: Type.Boolean(),
      /** Why it failed and what to do (ok: false). */
      error: Type.Optional(Type.String()),
    }),
    Type.Null(),
  ]),
  /** When the next run is due (it may be now, or running). */
  next: Type.Union([Type.Number(), Type.Null()]),
  /** The scheduled backups in the folder, newest first. */
  backups: Type.Array(BackupFile),
});
export type BackupStatus = Static<typeof BackupStatus>;

export const BACKUPS_OFF: BackupStatus = { enabled: false, dir: null, everyMs: null, keep: null, last: null, next: null, backups: [] };

// ---------- proactive prompts (triggers) ----------
// A rule is data: the widget evaluates it (widget/triggers/), the server only stores and
// checks it (server/triggers/validate.ts gives the messages a shop owner reads; this schema
// is the final shape). Why: docs/decisions/triggers.md.

/** Text per language; at least one. The widget shows the shopper's language, else English, else the first. */
const LangLiteral = Type.Union([Type.Literal('en'), Type.Literal('zh-TW'), Type.Literal('zh-CN'), Type.Literal('th')]);
const Say = Type.String({ minLength: 1, maxLength: 500 });
const TriggerText = Type.Object({ en: Type.Optional(Say), 'zh-TW': Type.Optional(Say), 'zh-CN': Type.Optional(Say), th: Type.Optional(Say) }, { minProperties: 1, additionalProperties: false });
const Seconds = Type.Integer({ minimum: 1, maximum: 86_400 });
export const TriggerCondition = Type.Union([
  /** Patterns starting with "/" are path globs (`*` any characters); others match if the URL contains them. */
  Type.Object({ type: Type.Literal('page'), include: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20 }), exclude: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20 })) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('timeOnPage'), seconds: Seconds }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('timeOnSite'), seconds: Seconds }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('scroll'), percent: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('exitIntent') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('idle'), seconds: Seconds }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('visitor'), is: Type.Union([Type.Literal('new'), Type.Literal('returning')]) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('pagesViewed'), min: Type.Integer({ minimum: 1, maximum: 1000 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Union([Type.Literal('referrer'), Type.Literal('utmSource')]), contains: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('device'), is: Type.Union([Type.Literal('mobile'), Type.Literal('desktop')]) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('language'), in: Type.Array(LangLiteral, { minItems: 1, maxItems: 4 }) }, { additionalProperties: false }),
  Type.Object({
    type: Type.Literal('event'),
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' }),
    where: Type.Optional(Type.Array(Type.Object({
      field: Type.String({ minLength: 1, maxLength: 64 }),
      op: Type.Union(['=', '!=', '>', '>=', '<', '<=', 'contains'].map((o) => Type.Literal(o))),
      value: Type.Union([Type.Number(), Type.String({ maxLength: 200 }), Type.Boolean()]),
    }, { additionalProperties: false }), { maxItems: 10 })),
  }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('agentsOnline'), online: Type.Boolean() }, { additionalProperties: false }),
]);
export type TriggerCondition = Static<typeof TriggerCondition>;
export type TriggerConditionType = TriggerCondition['type'];

export const TriggerRule = Type.Object({
  /** Stable per site: the shop owner's, or made from the name. */
  id: Id,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  enabled: Type.Boolean(),
  /** All must hold. Rules are tried in the site's order (first = highest priority). */
  conditions: Type.Array(TriggerCondition, { minItems: 1, maxItems: 20 }),
  action: Type.Object({
    /** A bubble beside the launcher, or the chat panel opened with the message. */
    kind: Type.Union([Type.Literal('bubble'), Type.Literal('open')]),
    text: TriggerText,
    /** Quick-reply buttons: the shopper's click sends that text as their message. */
    replies: Type.Optional(Type.Array(TriggerText, { maxItems: 3 })),
    /** A FAQ entry whose answer the bubble shows on click. */
    faqId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  }, { additionalProperties: false }),
  cap: Type.Object({
    /** At most once per visit (30 minutes without a page view end a visit). */
    oncePerVisit: Type.Boolean(),
    /** At most once per this many days per visitor (0: no such limit). */
    days: Type.Integer({ minimum: 0, maximum: 365 }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });
export type TriggerRule = Static<typeof TriggerRule>;

/** A rule as the widget gets it: enabled only, the FAQ answer resolved in the shopper's language. */
export type WidgetTrigger = Omit<TriggerRule, 'enabled' | 'name'> & { faq?: { question: string; answer: string } };

export const TRIGGER_OUTCOMES = ['shown', 'dismissed', 'clicked', 'replied'] as const;
export type TriggerOutcome = (typeof TRIGGER_OUTCOMES)[number];

/** `POST /api/widget/beacon?…` (navigator.sendBeacon, no body): a page view or a prompt's outcome. */
export const WidgetBeacon = Type.Object({
  site: Type.String({ minLength: 1, maxLength: 128 }),
  /** The anonymous visitor id the widget keeps in its storage (not the chat token). */
  anon: ClientId,
  /** Which visit of this browser (1, 2, …): "pages this visit". */
  visit: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  url: Type.Optional(Url),
  title: Type.Optional(Type.String({ maxLength: 300 })),
  trigger: Type.Optional(Id),
  outcome: Type.Optional(Type.Union(TRIGGER_OUTCOMES.map((o) => Type.Literal(o)))),
});
export type WidgetBeacon = Static<typeof WidgetBeacon>;

/** Ties this browser's page views to the chatting visitor, and a new conversation to the prompt that started it. */
export const VisitLink = Type.Object({ anon: ClientId, trigger: Type.Union([Id, Type.Null()]) });
export type VisitLink = Static<typeof VisitLink>;

/** Every client→server event name, for the server's unknown-event guard. */
export const VISITOR_EVENTS = [
  'session:sync',
  'message:send',
  'typing:set',
  'page:view',
  'messages:read',
  'bot:feedback',
  'bot:choose',
  'handoff:request',
  'visit:link',
  'message:leave',
  'conversation:rate',
  'identify',
  'conversation:transcript',
  'conversations:mine',
  'conversation:history',
  'conversation:close',
] as const;
export const AGENT_EVENTS = [
  'conversations:list',
  'conversation:open',
  'message:send',
  'typing:set',
  'messages:read',
  'conversation:close',
  'agent:status',
  'agents:list',
  'conversation:claim',
  'conversation:transfer',
  'conversation:resolve',
  'notes:list',
  'note:add',
  'shopper:panel',
  'canned:list',
  'canned:save',
  'canned:delete',
  'site:settings',
  'site:routing',
  'conversations:search',
  'site:hours',
  'site:consent',
  'site:theme',
  'site:origins',
  'conversation:transcript',
  'conversation:team',
] as const;

/** Schemas by event, so the realtime edge can validate generically. */
export const VISITOR_SCHEMAS: Record<(typeof VISITOR_EVENTS)[number], TSchema> = {
  'session:sync': VisitorSync,
  'message:send': VisitorSend,
  'typing:set': TypingSet,
  'page:view': PageView,
  'messages:read': ReadUpTo,
  'bot:feedback': BotFeedback,
  'bot:choose': BotChoose,
  'handoff:request': HandoffRequest,
  'visit:link': VisitLink,
  'message:leave': LeaveMessage,
  'conversation:rate': RateConversation,
  'identify': Identify,
  'conversation:transcript': ConversationRef,
  'conversations:mine': EmptyPayload,
  'conversation:history': ConversationRef,
  'conversation:close': ConversationRef,
};
export const AGENT_SCHEMAS: Record<(typeof AGENT_EVENTS)[number], TSchema> = {
  'conversations:list': AgentList,
  'conversation:open': AgentOpen,
  'message:send': AgentSend,
  'typing:set': AgentTyping,
  'messages:read': ReadUpTo,
  'conversation:close': ConversationRef,
  'agent:status': SetStatus,
  'agents:list': EmptyPayload,
  'conversation:claim': ConversationRef,
  'conversation:transfer': Transfer,
  'conversation:resolve': ConversationRef,
  'notes:list': ConversationRef,
  'note:add': NoteAdd,
  'shopper:panel': ConversationRef,
  'canned:list': EmptyPayload,
  'canned:save': CannedSave,
  'canned:delete': CannedDelete,
  'site:settings': SiteRef,
  'site:routing': SiteRouting,
  'conversations:search': Search,
  'site:hours': SiteHours,
  'site:consent': SiteConsent,
  'site:theme': SiteTheme,
  'site:origins': SiteOrigins,
  'conversation:transcript': AgentTranscript,
  'conversation:team': TransferTeam,
};
