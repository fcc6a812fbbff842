// The storage contract of the human side: the queue, assignment, notes, canned replies and
// what shoppers tell us about themselves. Part of `Store` (types.ts). Every method that
// changes who has a conversation is one conditional write, so two callers can never both win.
import type { AttachmentInfo, ConversationRouting, QueueReason, RoutingMode } from '../protocol.js';
import type { Conversation } from './types.js';

export type Routing = ConversationRouting;
export type { RoutingMode };

/** Who the shopper said they are (Deskbell.identify, or a left message's email). */
export interface VisitorIdentity {
  externalId: string | null;
  name: string | null;
  email: string | null;
  /** The shop signed the id (hash or token): only then are conversations joined across devices. */
  verified: boolean;
  attributes: Record<string, string>;
}

export interface Note {
  id: string;
  conversationId: string;
  agentId: string;
  agentName: string;
  body: string;
  createdAt: number;
}

export interface CannedReply {
  id: string;
  shortcut: string;
  /** '' for the variant used in every language without its own. */
  lang: string;
  body: string;
  attachment: AttachmentInfo | null;
}

/** Why a claim or a transfer did not happen (the caller turns it into a DESKBELL_ error). */
export type TakeRefusal = 'taken' | 'capacity' | 'closed' | 'not_found';

export type TakeResult = { ok: true; conversation: Conversation } | { ok: false; refusal: TakeRefusal; holder: string | null };

export interface RoutingStore {
  /**
   * Puts an open conversation in its site's queue (at the back, or at the head) unless a
   * person already has it. Returns null when nothing changed.
   */
  enqueue(conversationId: string, reason: QueueReason, place: 'back' | 'head'): Promise<Conversation | null>;
  /** The queue, in order: one site's, or every site's (for routing). */
  listQueue(siteId: string | null): Promise<Array<Conversation & { lang: string | null }>>;
  /** The ids of a site's waiting conversations, in order: what places in line need, and no more. */
  queuedIds(siteId: string): Promise<string[]>;
  /**
   * Gives a queued (or bot) conversation to an agent if it is still unassigned and the agent
   * has fewer than `maxChats` open conversations (null: no limit). One conditional UPDATE.
   */
  claim(conversationId: string, agentId: string, maxChats: number | null): Promise<TakeResult>;
  /** Moves a queued or assigned conversation to another agent (capacity as for claim). */
  transfer(conversationId: string, toAgentId: string, maxChats: number | null): Promise<TakeResult>;
  /**
   * Sends a waiting or assigned conversation to a team: it goes back to the head of the queue
   * (reason 'team'), for the team's members. Null when it is neither waiting nor assigned.
   */
  sendToTeam(conversationId: string, team: string): Promise<Conversation | null>;
  /** Every open conversation assigned to the agent goes back to the head of its queue, in assignment order. */
  requeueAgent(agentId: string): Promise<Conversation[]>;
  /** `by`: the agent resolving it, checked as for closeConversation, in the same transaction. */
  resolve(conversationId: string, by?: string): Promise<Conversation>;
  rate(conversationId: string, rating: number, comment: string | null): Promise<Conversation>;
  /** Open conversations per agent (agents with none are absent). */
  agentLoads(): Promise<Map<string, number>>;
  /** The site's conversations taken from the queue since `since`, newest first: when they entered it and when they were assigned. */
  recentAssignments(siteId: string, since: number, limit: number): Promise<Array<{ queuedAt: number; assignedAt: number }>>;
  /** How long agents had the site's conversations resolved or closed since `since` (ms, newest first). */
  recentHandlingTimes(siteId: string, since: number, limit: number): Promise<number[]>;

  setVisitorIdentity(visitorId: string, identity: Partial<VisitorIdentity>): Promise<void>;
  /** Stores a visitor known only by their token so far (identify before any message). */
  ensureVisitor(visitorId: string, siteId: string): Promise<void>;
  /** Visitor ids of the site with this verified external id (one person on several devices). */
  visitorsWithIdentity(siteId: string, externalId: string): Promise<string[]>;
  /** Earlier conversations of these visitors, newest first. */
  listVisitorConversations(visitorIds: string[], limit: number): Promise<Conversation[]>;
  /** Creates the site's identity secret on first use. */
  identitySecret(siteId: string, generate: () => string): Promise<string>;
  /** The secret before the last rotation, while it is still accepted (null otherwise). */
  previousIdentitySecret(siteId: string, now: number): Promise<string | null>;
  /** Replaces the secret; the old one stays accepted until `keepOldUntil` (ms; ≤ now: at once no more). */
  rotateIdentitySecret(siteId: string, secret: string, keepOldUntil: number): Promise<void>;

  /**
   * Conversations whose messages, or whose shopper's name, email or customer id, contain
   * `text` (case-insensitive for ASCII), newest activity first. A scan: fine for a shop's
   * history; a full-text index would be the next step.
   */
  searchConversations(text: string, limit: number): Promise<string[]>;

  addNote(conversationId: string, agentId: string, body: string): Promise<Note>;
  listNotes(conversationId: string): Promise<Note[]>;

  listCannedReplies(): Promise<CannedReply[]>;
  saveCannedReply(reply: { shortcut: string; lang: string; body: string; attachmentId?: string | null }): Promise<CannedReply>;
  deleteCannedReply(id: string): Promise<boolean>;
}
