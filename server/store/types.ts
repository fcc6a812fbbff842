// The storage contract. Every service talks to storage only through `Store`, so that a
// PostgreSQL store can be added beside the SQLite one without touching the rest: methods are
// async, and each is atomic on its own (the store owns its transactions).
import type { Author, ConversationStatus, Lang, PageInfo, WidgetTheme } from '../protocol.js';

export interface Site {
  id: string;
  key: string;
  name: string;
  origins: string[];
  theme: WidgetTheme;
  createdAt: number;
}

export interface Visitor {
  id: string;
  siteId: string;
  createdAt: number;
  lastSeenAt: number;
  page: PageInfo | null;
  lang: string | null;
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
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
}

export interface ConversationRow extends Conversation {
  siteName: string;
  visitorPage: PageInfo | null;
  visitorLang: string | null;
  lastMessage: { author: Author; body: string; createdAt: number } | null;
}

export interface NewSite {
  key: string;
  name: string;
  origins: string[];
  theme: WidgetTheme;
}

/** A message to append. `sender` scopes `clientId`: the same clientId from two senders is two messages. */
export interface NewMessage {
  sender: { kind: 'visitor'; visitorId: string } | { kind: 'agent'; agentId: string; conversationId: string };
  clientId: string | null;
  body: string;
  author: Author;
}

export interface AppendResult {
  message: StoredMessage;
  conversation: Conversation;
  /** True when this clientId was already stored: nothing new was written. */
  duplicate: boolean;
}

export interface Store {
  getOrCreateSecret(name: string, generate: () => string): Promise<string>;

  createSite(site: NewSite): Promise<Site>;
  getSiteByKey(key: string): Promise<Site | null>;
  getSite(id: string): Promise<Site | null>;
  listSites(): Promise<Site[]>;
  updateSite(id: string, patch: Partial<Pick<Site, 'name' | 'origins' | 'theme'>>): Promise<Site>;

  createVisitor(siteId: string): Promise<Visitor>;
  getVisitor(id: string): Promise<Visitor | null>;
  touchVisitor(id: string, update: { page?: PageInfo; lang?: string }): Promise<void>;

  getLatestConversation(visitorId: string): Promise<Conversation | null>;
  getConversation(id: string): Promise<Conversation | null>;
  getConversationRow(id: string): Promise<ConversationRow | null>;
  listConversations(filter: { status: ConversationStatus | 'all'; limit: number }): Promise<ConversationRow[]>;
  closeConversation(id: string): Promise<Conversation>;
  markRead(conversationId: string, side: 'agent' | 'visitor', seq: number): Promise<Conversation>;

  /**
   * Store a message, idempotently: a repeated (sender, clientId) returns the stored message
   * with `duplicate: true`. A visitor's message goes to their open conversation, opening a
   * new one when there is none. Throws DESKBELL_CONVERSATION_CLOSED for an agent writing to
   * a closed conversation.
   */
  appendMessage(message: NewMessage): Promise<AppendResult>;
  listMessages(conversationId: string, afterSeq: number, limit: number): Promise<StoredMessage[]>;

  createAgent(agent: { email: string; name: string; passwordHash: string }): Promise<Agent>;
  getAgent(id: string): Promise<Agent | null>;
  getAgentByEmail(email: string): Promise<Agent | null>;
  listAgents(): Promise<Agent[]>;
  updateAgent(id: string, patch: Partial<Pick<Agent, 'name' | 'passwordHash' | 'disabled'>>): Promise<Agent>;

  createSession(idHash: string, agentId: string, expiresAt: number): Promise<void>;
  getSession(idHash: string): Promise<{ agentId: string; expiresAt: number } | null>;
  deleteSession(idHash: string): Promise<void>;
  deleteAgentSessions(agentId: string): Promise<void>;

  /** A cheap query proving the database answers (for /health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type { Lang };
