// The SQLite store (better-sqlite3). WAL mode so readers never block the writer;
// synchronous=FULL so an acknowledged message survives a power cut, not only a crash.
// better-sqlite3 is synchronous: each method is one transaction, atomic by construction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { deskbellError } from '../errors.js';
import { topicTaken } from '../faq/content.js';
import { applyBotSettingsPatch, resolveBotSettings, type BotOverrides } from '../faq/settings.js';
import type { FaqLang } from '../faq/types.js';
import { systemClock, randomId, type Clock, type IdGenerator } from '../ids.js';
import type { AgentRole, AttachmentInfo, Author, BotMeta, ConversationStatus, HandoffReason, Lang, PageInfo, WidgetTheme } from '../protocol.js';
import { DEFAULT_WIDGET_THEME, LANGS } from '../protocol.js';
import type { NewConversationEvent } from '../reports/events.js';
import { attachmentStore, toAttachmentInfo } from './attachments-sqlite.js';
import { createEventRecorder } from './events-sqlite.js';
import { migrations } from './migrations.js';
import { sqliteTriggerStore } from './triggers.js';
import { routingStore } from './routing-sqlite.js';
import { faqDismissalStore } from './faq-dismissals-sqlite.js';
import { replyEmailStore } from './reply-emails-sqlite.js';
import { uploadSweepStore } from './uploads-sqlite.js';
import type { BusinessHours } from '../routing/hours.js';
import type { Routing, RoutingMode } from './routing-types.js';
import { createReportQueries, UNANSWERED_COLUMNS, UNANSWERED_MATCH } from './reports-sqlite.js';
import { createAbandonRecorder } from './abandon-sqlite.js';
import { requireMayWrite } from '../roles.js';
import type {
  Agent,
  AppendResult,
  Conversation,
  ConversationRow,
  FaqEntryInput,
  FaqEntryStats,
  FaqImportResult,
  NewMessage,
  NewSite,
  Site,
  Store,
  StoredFaqEntry,
  StoredMessage,
  UnansweredQuestion,
  ChosenSuggestion,
  UnansweredReason,
  Visitor,
} from './types.js';

export interface SqliteStoreOptions {
  path: string;
  clock?: Clock;
  newId?: IdGenerator;
  /**
   * How long a write waits for a lock another process holds (a CLI import, a backup tool).
   * better-sqlite3 waits synchronously, stalling every connection of the server meanwhile,
   * so the server keeps it short and answers "not stored, retry" (the outbox retries); the
   * CLI, which blocks nobody, waits longer. Default 5000 ms.
   */
  busyTimeoutMs?: number;
  /**
   * Refuse writes once the file would grow past this size (SQLITE_FULL, the same error a full
   * disk gives): the server keeps serving reads and says "not stored" instead of failing later
   * with the disk. Unset: no limit beyond the disk's.
   */
  maxBytes?: number;
  /** Hears a conversation event that could not be recorded (default: a line on stderr). */
  onEventError?: (error: unknown, event: NewConversationEvent) => void;
}

interface SiteRecord {
  id: string; key: string; name: string; origins: string; theme: string; created_at: number; routing: RoutingMode; hours: string | null;
  time_zone: string | null;
}
interface VisitorRecord {
  id: string; site_id: string; created_at: number; last_seen_at: number;
  page_url: string | null; page_title: string | null; lang: string | null;
  email: string | null; name: string | null; external_id: string | null; verified: number; attributes: string | null;
}
export interface ConversationRecord {
  id: string; site_id: string; visitor_id: string; status: ConversationStatus; last_seq: number;
  agent_read_seq: number; visitor_read_seq: number; created_at: number; last_activity_at: number;
  closed_at: number | null; handoff_at: number | null; handoff_reason: HandoffReason | null;
  first_agent_reply_at: number | null;
  routing: Routing | null; queue_reason: string | null; queued_at: number | null; assigned_agent_id: string | null;
  assigned_at: number | null; resolved_at: number | null; rating: number | null; rating_comment: string | null; team: string | null;
}
interface ConversationListRecord extends ConversationRecord {
  site_name: string; page_url: string | null; page_title: string | null; lang: string | null;
  lm_author: Author | null; lm_body: string | null; lm_created_at: number | null;
  assigned_name: string | null; v_email: string | null; v_name: string | null; v_external_id: string | null; v_verified: number;
}
interface MessageRecord {
  id: string; conversation_id: string; seq: number; client_id: string | null; author: Author;
  agent_id: string | null; agent_name: string | null; body: string; created_at: number; meta: string | null;
  attachments: string | null;
}
interface AgentRecord {
  id: string; email: string; name: string; password_hash: string; disabled: number; created_at: number;
  max_chats: number; away: number; languages: string; role: AgentRole; team: string | null;
}

interface FaqEntryRecord {
  site_id: string; id: string; lang: FaqLang; question: string; phrasings: string; keywords: string; answer: string;
  tags: string; enabled: number; position: number; created_at: number; updated_at: number; topic: string | null;
}

interface FaqStatsRecord { faq_id: string; shown: number; helpful: number; not_helpful: number }
interface UnansweredRecord { body: string; created_at: number; conversation_id: string; reason: UnansweredReason; faq_id: string | null }
interface ChosenRecord { body: string; created_at: number; conversation_id: string; faq_id: string }


function page(url: string | null, title: string | null): PageInfo | null {
  return url === null ? null : { url, title: title ?? '' };
}
const toSite = (r: SiteRecord): Site => ({
  id: r.id, key: r.key, name: r.name, origins: JSON.parse(r.origins) as string[],
  theme: { ...DEFAULT_WIDGET_THEME, ...(JSON.parse(r.theme) as Partial<WidgetTheme>) }, createdAt: r.created_at, routing: r.routing, timeZone: r.time_zone,
  hours: r.hours === null ? null : (JSON.parse(r.hours) as BusinessHours),
});
const toVisitor = (r: VisitorRecord): Visitor => ({
  id: r.id, siteId: r.site_id, createdAt: r.created_at, lastSeenAt: r.last_seen_at,
  page: page(r.page_url, r.page_title), lang: r.lang,
  identity: {
    externalId: r.external_id, name: r.name, email: r.email, verified: r.verified === 1,
    attributes: r.attributes === null ? {} : (JSON.parse(r.attributes) as Record<string, string>),
  },
});
const toConversation = (r: ConversationRecord): Conversation => ({
  id: r.id, siteId: r.site_id, visitorId: r.visitor_id, status: r.status, lastSeq: r.last_seq,
  agentReadSeq: r.agent_read_seq, visitorReadSeq: r.visitor_read_seq, createdAt: r.created_at,
  lastActivityAt: r.last_activity_at, closedAt: r.closed_at, handoffAt: r.handoff_at, handoffReason: r.handoff_reason,
  firstAgentReplyAt: r.first_agent_reply_at, routing: r.routing, queueReason: r.queue_reason, queuedAt: r.queued_at,
  assignedAgentId: r.assigned_agent_id, assignedAt: r.assigned_at, resolvedAt: r.resolved_at, rating: r.rating,
  ratingComment: r.rating_comment, team: r.team,
});
const toConversationRow = (r: ConversationListRecord): ConversationRow => ({
  ...toConversation(r), siteName: r.site_name, visitorPage: page(r.page_url, r.page_title), visitorLang: r.lang,
  lastMessage: r.lm_author === null ? null : { author: r.lm_author, body: r.lm_body ?? '', createdAt: r.lm_created_at ?? 0 },
  assignedAgentName: r.assigned_name,
  identity: { name: r.v_name, email: r.v_email, externalId: r.v_external_id, verified: r.v_verified === 1 },
});
const toMessage = (r: MessageRecord): StoredMessage => ({
  id: r.id, conversationId: r.conversation_id, seq: r.seq, clientId: r.client_id, author: r.author,
  agentId: r.agent_id, authorName: r.agent_name, body: r.body, createdAt: r.created_at,
  meta: r.meta === null ? null : (JSON.parse(r.meta) as BotMeta),
  ...(r.attachments === null ? {} : { attachments: JSON.parse(r.attachments) as AttachmentInfo[] }),
});
const toAgent = (r: AgentRecord): Agent => ({
  id: r.id, email: r.email, name: r.name, passwordHash: r.password_hash, disabled: r.disabled === 1,
  createdAt: r.created_at, maxChats: r.max_chats, away: r.away === 1, languages: JSON.parse(r.languages) as string[],
  role: r.role, team: r.team,
});

const toFaqEntry = (r: FaqEntryRecord): StoredFaqEntry => ({
  id: r.id, siteId: r.site_id, lang: r.lang, question: r.question, phrasings: JSON.parse(r.phrasings) as string[],
  keywords: JSON.parse(r.keywords) as string[], answer: r.answer, tags: JSON.parse(r.tags) as string[],
  enabled: r.enabled === 1, position: r.position, createdAt: r.created_at, updatedAt: r.updated_at,
  ...(r.topic === null ? {} : { topic: r.topic }),
});
/** The columns an import compares to tell "updated" from "unchanged" (not position or times). */
const faqContent = (e: FaqEntryInput): unknown[] => [
  e.lang, e.question, JSON.stringify(e.phrasings), JSON.stringify(e.keywords), e.answer, JSON.stringify(e.tags), e.enabled ? 1 : 0,
  e.topic ?? null,
];
const sameFaqContent = (a: FaqEntryInput, b: FaqEntryInput): boolean => {
  const x = faqContent(a);
  const y = faqContent(b);
  return x.every((v, i) => v === y[i]);
};

const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.seq, m.client_id, m.author, m.agent_id, a.name AS agent_name,
  m.body, m.created_at, m.meta, m.attachments`;
const CONVERSATION_LIST = `
  SELECT c.*, s.name AS site_name, v.page_url, v.page_title, v.lang,
         lm.author AS lm_author, lm.body AS lm_body, lm.created_at AS lm_created_at,
         aa.name AS assigned_name, v.email AS v_email, v.name AS v_name, v.external_id AS v_external_id, v.verified AS v_verified
  FROM conversations c
  JOIN sites s ON s.id = c.site_id
  JOIN visitors v ON v.id = c.visitor_id
  LEFT JOIN agents aa ON aa.id = c.assigned_agent_id
  LEFT JOIN messages lm ON lm.conversation_id = c.id AND lm.seq = c.last_seq`;

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const clock = options.clock ?? systemClock;
  const newId = options.newId ?? randomId;
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // A backup or a second process may hold the lock briefly: wait rather than fail at once.
  db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 5000))}`);
  migrate(db);
  if (options.maxBytes !== undefined) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
  }

  const events = createEventRecorder(db, clock, options.onEventError ?? logEventError);
  const reports = createReportQueries(db);
  const abandon = createAbandonRecorder(db, (event) => events.record(event));

  const q = {
    meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    metaInsert: db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'),
    siteByKey: db.prepare<[string], SiteRecord>('SELECT * FROM sites WHERE key = ?'),
    siteById: db.prepare<[string], SiteRecord>('SELECT * FROM sites WHERE id = ?'),
    sites: db.prepare<[], SiteRecord>('SELECT * FROM sites ORDER BY created_at, id'),
    siteInsert: db.prepare('INSERT INTO sites (id, key, name, origins, theme, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    siteUpdate: db.prepare('UPDATE sites SET name = ?, origins = ?, theme = ?, routing = ?, hours = ?, time_zone = ? WHERE id = ?'),
    visitorInsert: db.prepare('INSERT INTO visitors (id, site_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)'),
    visitorInsertProfile: db.prepare(`INSERT OR IGNORE INTO visitors (id, site_id, created_at, last_seen_at, page_url, page_title, lang)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    visitor: db.prepare<[string], VisitorRecord>('SELECT * FROM visitors WHERE id = ?'),
    visitorTouch: db.prepare(`UPDATE visitors SET last_seen_at = ?, page_url = coalesce(?, page_url),
      page_title = coalesce(?, page_title), lang = coalesce(?, lang) WHERE id = ?`),
    latestConversation: db.prepare<[string], ConversationRecord>(
      'SELECT * FROM conversations WHERE visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
    openConversation: db.prepare<[string], ConversationRecord>(
      "SELECT * FROM conversations WHERE visitor_id = ? AND status = 'open'"),
    conversation: db.prepare<[string], ConversationRecord>('SELECT * FROM conversations WHERE id = ?'),
    conversationRow: db.prepare<[string], ConversationListRecord>(`${CONVERSATION_LIST} WHERE c.id = ?`),
    conversationsByStatus: db.prepare<[string, number], ConversationListRecord>(
      `${CONVERSATION_LIST} WHERE c.status = ? ORDER BY c.last_activity_at DESC LIMIT ?`),
    conversationsAll: db.prepare<[number], ConversationListRecord>(
      `${CONVERSATION_LIST} ORDER BY c.last_activity_at DESC LIMIT ?`),
    conversationInsert: db.prepare(`INSERT INTO conversations (id, site_id, visitor_id, status, created_at, last_activity_at, lang)
      VALUES (?, ?, ?, 'open', ?, ?, ?)`),
    conversationLang: db.prepare("UPDATE conversations SET lang = ? WHERE id = ? AND visitor_id = ? AND lang IS NOT ?"),
    conversationBump: db.prepare('UPDATE conversations SET last_seq = ?, last_activity_at = ? WHERE id = ?'),
    conversationClose: db.prepare("UPDATE conversations SET status = 'closed', closed_at = ?, last_activity_at = ? WHERE id = ? AND status = 'open'"),
    readAgent: db.prepare('UPDATE conversations SET agent_read_seq = max(agent_read_seq, min(?, last_seq)) WHERE id = ?'),
    readVisitor: db.prepare('UPDATE conversations SET visitor_read_seq = max(visitor_read_seq, min(?, last_seq)) WHERE id = ?'),
    messageBySender: db.prepare<[string, string], MessageRecord>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN agents a ON a.id = m.agent_id WHERE m.sender = ? AND m.client_id = ?`),
    messageById: db.prepare<[string], MessageRecord>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN agents a ON a.id = m.agent_id WHERE m.id = ?`),
    messageInsert: db.prepare(`INSERT INTO messages (id, conversation_id, seq, sender, client_id, author, agent_id, body, created_at, meta, attachments)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    messageAttachment: db.prepare('INSERT INTO message_attachments (attachment_id, message_id, conversation_id) VALUES (?, ?, ?)'),
    messageMeta: db.prepare('UPDATE messages SET meta = ? WHERE id = ?'),
    lastAgentName: db.prepare<[string], { name: string }>(`SELECT a.name FROM messages m JOIN agents a ON a.id = m.agent_id
      WHERE m.conversation_id = ? AND m.author = 'agent' ORDER BY m.seq DESC LIMIT 1`),
    conversationHandoff: db.prepare(`UPDATE conversations SET handoff_at = coalesce(handoff_at, ?),
      handoff_reason = coalesce(handoff_reason, ?) WHERE id = ?`),
    conversationFirstAgentReply: db.prepare('UPDATE conversations SET first_agent_reply_at = coalesce(first_agent_reply_at, ?) WHERE id = ?'),
    messagesAfter: db.prepare<[string, number, number], MessageRecord>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN agents a ON a.id = m.agent_id
       WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`),
    agentInsert: db.prepare('INSERT INTO agents (id, email, name, password_hash, created_at, role) VALUES (?, ?, ?, ?, ?, ?)'),
    agent: db.prepare<[string], AgentRecord>('SELECT * FROM agents WHERE id = ?'),
    agentByEmail: db.prepare<[string], AgentRecord>('SELECT * FROM agents WHERE email = ?'),
    agents: db.prepare<[], AgentRecord>('SELECT * FROM agents ORDER BY created_at, id'),
    agentUpdate: db.prepare('UPDATE agents SET name = ?, password_hash = ?, disabled = ?, max_chats = ?, away = ?, languages = ?, role = ?, team = ? WHERE id = ?'),
    sessionInsert: db.prepare('INSERT INTO agent_sessions (id_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    session: db.prepare<[string], { agent_id: string; expires_at: number }>(
      'SELECT agent_id, expires_at FROM agent_sessions WHERE id_hash = ?'),
    sessionDelete: db.prepare('DELETE FROM agent_sessions WHERE id_hash = ?'),
    sessionsDeleteAgent: db.prepare('DELETE FROM agent_sessions WHERE agent_id = ?'),
    ping: db.prepare('SELECT 1'),
  };

  const fq = {
    entries: db.prepare<[string], FaqEntryRecord>('SELECT * FROM faq_entries WHERE site_id = ? ORDER BY position, id'),
    entry: db.prepare<[string, string], FaqEntryRecord>('SELECT * FROM faq_entries WHERE site_id = ? AND id = ?'),
    lastPosition: db.prepare<[string], { last: number | null }>('SELECT max(position) AS last FROM faq_entries WHERE site_id = ?'),
    insert: db.prepare(`INSERT INTO faq_entries (site_id, id, lang, question, phrasings, keywords, answer, tags, enabled, topic, position, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    update: db.prepare(`UPDATE faq_entries SET lang = ?, question = ?, phrasings = ?, keywords = ?, answer = ?, tags = ?, enabled = ?,
      topic = ?, updated_at = ? WHERE site_id = ? AND id = ?`),
    // Two entries of one topic in one language (see migration 13): the first pair found.
    topicClash: db.prepare<[string], { topic: string; lang: FaqLang; first: string; second: string }>(`
      SELECT a.topic, a.lang, a.id AS first, b.id AS second FROM faq_entries a
      JOIN faq_entries b ON b.site_id = a.site_id AND b.topic = a.topic AND b.lang = a.lang AND b.id > a.id
      WHERE a.site_id = ? AND a.topic IS NOT NULL LIMIT 1`),
    move: db.prepare('UPDATE faq_entries SET position = ? WHERE site_id = ? AND id = ?'),
    delete: db.prepare('DELETE FROM faq_entries WHERE site_id = ? AND id = ?'),
    settings: db.prepare<[string], { settings: string }>('SELECT settings FROM bot_settings WHERE site_id = ?'),
    settingsUpsert: db.prepare(`INSERT INTO bot_settings (site_id, settings, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (site_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`),
    // The console's FAQ statistics. No index of their own: on 150,000 conversations with
    // 1.2 million messages they take about 150 ms and 250 ms, and a partial index on bot
    // messages saved under 15% (json_extract dominates), so it was not worth a migration.
    stats: db.prepare<[string], FaqStatsRecord>(`
      SELECT json_extract(m.meta, '$.faqId') AS faq_id, count(*) AS shown,
             count(*) FILTER (WHERE json_extract(m.meta, '$.feedback') = 'yes') AS helpful,
             count(*) FILTER (WHERE json_extract(m.meta, '$.feedback') = 'no') AS not_helpful
      FROM conversations c JOIN messages m ON m.conversation_id = c.id
      WHERE c.site_id = ? AND m.meta IS NOT NULL AND m.author = 'bot' AND json_extract(m.meta, '$.kind') = 'answer'
      GROUP BY faq_id`),
    // The bot's reply to visitor message M has clientId 'bot-' || M (server/bot.ts), which
    // leads from each unhelpful reply back to the question it answered.
    unanswered: db.prepare<[string, number], UnansweredRecord>(`
      SELECT ${UNANSWERED_COLUMNS}
      FROM conversations c
      JOIN messages b ON b.conversation_id = c.id
      JOIN messages v ON v.id = substr(b.client_id, 5)
      WHERE c.site_id = ? AND ${UNANSWERED_MATCH}
      ORDER BY v.created_at DESC, v.id DESC
      LIMIT ?`),
    // A "Did you mean…" offer `b` (the reply to question `v`) the shopper picked from: their pick
    // is asked as 'choose-' || b.id and answered as 'bot-' || that id (server/bot.ts), found by
    // the (sender, client_id) index; an answer then marked "No" takes the pick back.
    chosen: db.prepare<[string, number], ChosenRecord>(`
      SELECT v.body, v.created_at, v.conversation_id, json_extract(b.meta, '$.chosen') AS faq_id
      FROM conversations c
      JOIN messages b ON b.conversation_id = c.id
      JOIN messages v ON v.id = substr(b.client_id, 5)
      LEFT JOIN messages asked ON asked.sender = v.sender AND asked.client_id = 'choose-' || b.id
      LEFT JOIN messages answer ON answer.sender = b.sender AND answer.client_id = 'bot-' || asked.id
      WHERE c.site_id = ? AND b.meta IS NOT NULL AND b.author = 'bot' AND b.client_id LIKE 'bot-%'
        AND v.conversation_id = b.conversation_id AND v.author = 'visitor'
        AND json_extract(b.meta, '$.kind') = 'suggest' AND json_extract(b.meta, '$.chosen') IS NOT NULL
        AND coalesce(json_extract(answer.meta, '$.feedback'), '') <> 'no'
      ORDER BY v.created_at DESC, v.id DESC
      LIMIT ?`),
  };

  const requireSite = (siteId: string): void => {
    if (!q.siteById.get(siteId)) throw deskbellError('DESKBELL_SITE_UNKNOWN', siteId);
  };
  const insertFaqEntry = (siteId: string, e: FaqEntryInput, position: number, now: number): void => {
    fq.insert.run(siteId, e.id, ...faqContent(e), position, now, now);
  };
  const updateFaqEntry = (siteId: string, e: FaqEntryInput, now: number): void => {
    fq.update.run(...faqContent(e), now, siteId, e.id);
  };
  /** Inside a write's transaction (throwing undoes the whole write); `written`: the ids it wrote, named first. */
  const checkTopics = (siteId: string, written: Set<string>): void => {
    const clash = fq.topicClash.get(siteId);
    if (!clash) return;
    const [mine, other] = written.has(clash.second) ? [clash.second, clash.first] : [clash.first, clash.second];
    throw deskbellError('DESKBELL_VALIDATION', `${mine}: ${topicTaken(clash.topic, clash.lang, other)}`);
  };
  const nextPosition = (siteId: string): number => (fq.lastPosition.get(siteId)?.last ?? -1) + 1;
  const botOverrides = (siteId: string): BotOverrides => {
    const row = fq.settings.get(siteId);
    return row ? (JSON.parse(row.settings) as BotOverrides) : {};
  };

  const importFaq = db.transaction((siteId: string, entries: FaqEntryInput[], replace: boolean): FaqImportResult => {
    requireSite(siteId);
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(e.id)) throw deskbellError('DESKBELL_VALIDATION', `the FAQ entry id "${e.id}" is used twice`);
      seen.add(e.id);
    }
    const existing = new Map(fq.entries.all(siteId).map((r) => [r.id, toFaqEntry(r)]));
    const result: FaqImportResult = { added: [], updated: [], unchanged: [], removed: [], entries: [] };
    if (replace) {
      for (const id of existing.keys()) {
        if (seen.has(id)) continue;
        fq.delete.run(siteId, id);
        result.removed.push(id);
      }
    }
    const now = clock.now();
    let position = replace ? 0 : nextPosition(siteId);
    for (const e of entries) {
      const old = existing.get(e.id);
      if (!old) {
        insertFaqEntry(siteId, e, position++, now);
        result.added.push(e.id);
        continue;
      }
      if (sameFaqContent(old, e)) result.unchanged.push(e.id);
      else {
        updateFaqEntry(siteId, e, now);
        result.updated.push(e.id);
      }
      // Replacing takes the file's order; an upsert leaves existing entries where they are.
      if (replace) fq.move.run(position++, siteId, e.id);
    }
    checkTopics(siteId, seen);
    result.entries = fq.entries.all(siteId).map(toFaqEntry);
    return result;
  });

  const upsertFaq = db.transaction((siteId: string, e: FaqEntryInput): StoredFaqEntry => {
    requireSite(siteId);
    const now = clock.now();
    if (fq.entry.get(siteId, e.id)) updateFaqEntry(siteId, e, now);
    else insertFaqEntry(siteId, e, nextPosition(siteId), now);
    checkTopics(siteId, new Set([e.id]));
    return toFaqEntry(fq.entry.get(siteId, e.id)!);
  });

  const updateBot = db.transaction((siteId: string, patch: Parameters<Store['updateBotSettings']>[1]) => {
    requireSite(siteId);
    const next = applyBotSettingsPatch(botOverrides(siteId), patch);
    fq.settingsUpsert.run(siteId, JSON.stringify(next), clock.now());
    return resolveBotSettings(next);
  });

  const getConversationOrThrow = (id: string): ConversationRecord => {
    const row = q.conversation.get(id);
    if (!row) throw deskbellError('DESKBELL_CONVERSATION_NOT_FOUND', id);
    return row;
  };
  /**
   * The agent's right to act towards the shopper (server/roles.ts), on their row and the
   * conversation as stored now: called inside the write's own transaction, so a claim or a
   * transfer that landed after the caller last looked is seen (DESKBELL_CONVERSATION_HELD).
   */
  const requireMayAnswer = (agentId: string, conv: ConversationRecord): void => {
    const agent = q.agent.get(agentId);
    if (!agent) throw deskbellError('DESKBELL_NOT_AUTHENTICATED');
    requireMayWrite(toAgent(agent), toConversation(conv));
  };

  const writtenLang = db.transaction((visitorId: string, conversationId: string, lang: Lang): void => {
    q.visitorTouch.run(clock.now(), null, null, lang, visitorId);
    if (q.conversationLang.run(lang, conversationId, visitorId, lang).changes === 0) return;
    const conv = getConversationOrThrow(conversationId);
    events.record({ type: 'lang_changed', siteId: conv.site_id, conversationId, data: { lang } });
  });

  const append = db.transaction((m: NewMessage): AppendResult => {
    const senderKey =
      m.sender.kind === 'visitor' ? `v:${m.sender.visitorId}` : m.sender.kind === 'agent' ? `a:${m.sender.agentId}` : `b:${m.sender.conversationId}`;
    if (m.clientId !== null) {
      const existing = q.messageBySender.get(senderKey, m.clientId);
      if (existing) {
        return { message: toMessage(existing), conversation: toConversation(getConversationOrThrow(existing.conversation_id)), duplicate: true };
      }
    }
    const now = clock.now();
    let conv: ConversationRecord;
    if (m.sender.kind === 'visitor') {
      const open = q.openConversation.get(m.sender.visitorId);
      if (open) {
        conv = open;
      } else {
        const p = m.sender.profile;
        if (p && !q.visitor.get(m.sender.visitorId)) {
          q.visitorInsertProfile.run(m.sender.visitorId, p.siteId, now, now, p.page?.url ?? null, p.page?.title ?? null, p.lang);
        }
        const visitor = q.visitor.get(m.sender.visitorId);
        if (!visitor) throw deskbellError('DESKBELL_TOKEN_INVALID');
        const id = newId();
        // The visitor's language at this moment stays the conversation's until the shopper
        // writes in another (setWrittenLang): a report counts the language it was in.
        const lang = LANGS.find((l) => l === visitor.lang);
        q.conversationInsert.run(id, visitor.site_id, visitor.id, now, now, lang ?? null);
        conv = getConversationOrThrow(id);
        const startedBy = m.sender.startedBy ?? { by: 'shopper' };
        events.record({ type: 'started', siteId: conv.site_id, conversationId: id, at: now, data: lang ? { ...startedBy, lang } : startedBy });
      }
    } else {
      conv = getConversationOrThrow(m.sender.conversationId);
      if (conv.status !== 'open') throw deskbellError('DESKBELL_CONVERSATION_CLOSED');
      if (m.sender.kind === 'agent') requireMayAnswer(m.sender.agentId, conv);
    }
    const seq = conv.last_seq + 1;
    const id = newId();
    const agentId = m.sender.kind === 'agent' ? m.sender.agentId : null;
    const files = m.attachments?.length ? m.attachments.map(toAttachmentInfo) : null;
    q.messageInsert.run(id, conv.id, seq, senderKey, m.clientId, m.author, agentId, m.body, now, m.meta ? JSON.stringify(m.meta) : null,
      files ? JSON.stringify(files) : null);
    for (const f of files ?? []) q.messageAttachment.run(f.id, id, conv.id);
    q.conversationBump.run(seq, now, conv.id);
    if (m.sender.kind === 'agent') q.conversationFirstAgentReply.run(now, conv.id);
    if (m.sender.kind === 'agent' && conv.first_agent_reply_at === null) {
      events.record({ type: 'first_agent_reply', siteId: conv.site_id, conversationId: conv.id, agentId, at: now });
    }
    if (m.author === 'bot' && m.meta?.kind === 'answer') {
      events.record({ type: 'bot_answered', siteId: conv.site_id, conversationId: conv.id, at: now, data: { faqId: m.meta.faqId } });
    }
    const stored = q.messageById.get(id);
    if (!stored) throw deskbellError('DESKBELL_STORAGE');
    return { message: toMessage(stored), conversation: toConversation(getConversationOrThrow(conv.id)), duplicate: false };
  });

  const close = db.transaction((id: string, by: string | undefined): Conversation => {
    const now = clock.now();
    const conv = getConversationOrThrow(id);
    if (by !== undefined) requireMayAnswer(by, conv);
    // Closing resolves it, unless an agent resolved it already (the queue's resolve records that).
    if (q.conversationClose.run(now, now, id).changes > 0 && conv.routing !== 'resolved') {
      events.record({ type: 'resolved', siteId: conv.site_id, conversationId: id, at: now });
    }
    return toConversation(getConversationOrThrow(id));
  });

  const handoff = db.transaction((id: string, reason: HandoffReason): Conversation => {
    const now = clock.now();
    const conv = getConversationOrThrow(id);
    q.conversationHandoff.run(now, reason, id);
    if (conv.handoff_at === null) events.record({ type: 'handed_off', siteId: conv.site_id, conversationId: id, at: now, data: { reason } });
    return toConversation(getConversationOrThrow(id));
  });

  const updateMeta = db.transaction((id: string, meta: BotMeta): StoredMessage => {
    const before = q.messageById.get(id);
    q.messageMeta.run(JSON.stringify(meta), id);
    const row = q.messageById.get(id);
    if (!before || !row) throw deskbellError('DESKBELL_VALIDATION', `no message ${id}`);
    const old = before.meta === null ? null : (JSON.parse(before.meta) as BotMeta);
    // The shopper's first Yes or No on a bot answer.
    if (old?.kind === 'answer' && old.feedback === null && meta.kind === 'answer' && meta.feedback !== null) {
      const conv = getConversationOrThrow(row.conversation_id);
      const type = meta.feedback === 'yes' ? 'bot_helpful' : 'bot_not_helpful';
      events.record({ type, siteId: conv.site_id, conversationId: conv.id, at: clock.now(), data: { faqId: meta.faqId } });
    }
    return toMessage(row);
  });

  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const store: Store = {
    ...sqliteTriggerStore(db, clock, (event) => events.record(event)),
    ...attachmentStore(db, clock, newId),
    ...replyEmailStore(db),
    ...faqDismissalStore(db),
    ...uploadSweepStore(db),
    ...routingStore(db, { clock, newId, toConversation, getConversation: getConversationOrThrow, requireMayAnswer, record: (event) => events.record(event) }),
    writesElsewhere: () => dataVersion.get() as number,
    async getOrCreateSecret(name, generate) {
      const key = `secret:${name}`;
      q.metaInsert.run(key, generate());
      const row = q.meta.get(key);
      if (!row) throw deskbellError('DESKBELL_STORAGE');
      return row.value;
    },

    async createSite(site: NewSite) {
      const id = newId();
      q.siteInsert.run(id, site.key, site.name, JSON.stringify(site.origins), JSON.stringify(site.theme), clock.now());
      return toSite(q.siteById.get(id)!);
    },
    async getSiteByKey(key) {
      const row = q.siteByKey.get(key);
      return row ? toSite(row) : null;
    },
    async getSite(id) {
      const row = q.siteById.get(id);
      return row ? toSite(row) : null;
    },
    async listSites() {
      return q.sites.all().map(toSite);
    },
    async updateSite(id, patch) {
      const row = q.siteById.get(id);
      if (!row) throw deskbellError('DESKBELL_SITE_UNKNOWN', id);
      const site = toSite(row);
      const next = { ...site, ...patch };
      q.siteUpdate.run(next.name, JSON.stringify(next.origins), JSON.stringify(next.theme), next.routing, next.hours ? JSON.stringify(next.hours) : null, next.timeZone, id);
      return toSite(q.siteById.get(id)!);
    },

    async createVisitor(siteId) {
      const id = newId();
      const now = clock.now();
      q.visitorInsert.run(id, siteId, now, now);
      return toVisitor(q.visitor.get(id)!);
    },
    async getVisitor(id) {
      const row = q.visitor.get(id);
      return row ? toVisitor(row) : null;
    },
    async touchVisitor(id, update) {
      q.visitorTouch.run(clock.now(), update.page?.url ?? null, update.page?.title ?? null, update.lang ?? null, id);
    },
    async setWrittenLang(visitorId, conversationId, lang) {
      writtenLang.immediate(visitorId, conversationId, lang);
    },

    async getLatestConversation(visitorId) {
      const row = q.latestConversation.get(visitorId);
      return row ? toConversation(row) : null;
    },
    async getConversation(id) {
      const row = q.conversation.get(id);
      return row ? toConversation(row) : null;
    },
    async getConversationRow(id) {
      const row = q.conversationRow.get(id);
      return row ? toConversationRow(row) : null;
    },
    async listConversations({ status, limit }) {
      const rows = status === 'all' ? q.conversationsAll.all(limit) : q.conversationsByStatus.all(status, limit);
      return rows.map(toConversationRow);
    },
    async closeConversation(id, by) {
      return close.immediate(id, by);
    },
    async setHandoff(id, reason) {
      return handoff.immediate(id, reason);
    },
    async markRead(conversationId, side, seq) {
      getConversationOrThrow(conversationId);
      (side === 'agent' ? q.readAgent : q.readVisitor).run(seq, conversationId);
      return toConversation(getConversationOrThrow(conversationId));
    },

    async appendMessage(message) {
      return append.immediate(message);
    },
    async listMessages(conversationId, afterSeq, limit) {
      return q.messagesAfter.all(conversationId, afterSeq, limit).map(toMessage);
    },
    async lastAgentName(conversationId) {
      return q.lastAgentName.get(conversationId)?.name ?? null;
    },
    async getMessage(id) {
      const row = q.messageById.get(id);
      return row ? toMessage(row) : null;
    },
    async updateMessageMeta(id, meta) {
      return updateMeta.immediate(id, meta);
    },

    async createAgent(agent) {
      const id = newId();
      q.agentInsert.run(id, agent.email, agent.name, agent.passwordHash, clock.now(), agent.role ?? 'manager');
      return toAgent(q.agent.get(id)!);
    },
    async getAgent(id) {
      const row = q.agent.get(id);
      return row ? toAgent(row) : null;
    },
    async getAgentByEmail(email) {
      const row = q.agentByEmail.get(email);
      return row ? toAgent(row) : null;
    },
    async listAgents() {
      return q.agents.all().map(toAgent);
    },
    async updateAgent(id, patch) {
      const row = q.agent.get(id);
      if (!row) throw deskbellError('DESKBELL_NOT_AUTHENTICATED');
      const next = { ...toAgent(row), ...patch };
      q.agentUpdate.run(next.name, next.passwordHash, next.disabled ? 1 : 0, next.maxChats, next.away ? 1 : 0, JSON.stringify(next.languages), next.role, next.team, id);
      return toAgent(q.agent.get(id)!);
    },

    async createSession(idHash, agentId, expiresAt) {
      q.sessionInsert.run(idHash, agentId, clock.now(), expiresAt);
    },
    async getSession(idHash) {
      const row = q.session.get(idHash);
      return row ? { agentId: row.agent_id, expiresAt: row.expires_at } : null;
    },
    async deleteSession(idHash) {
      q.sessionDelete.run(idHash);
    },
    async deleteAgentSessions(agentId) {
      q.sessionsDeleteAgent.run(agentId);
    },

    async listFaqEntries(siteId) {
      return fq.entries.all(siteId).map(toFaqEntry);
    },
    async getFaqEntry(siteId, id) {
      const row = fq.entry.get(siteId, id);
      return row ? toFaqEntry(row) : null;
    },
    async importFaqEntries(siteId, entries, options = {}) {
      return importFaq.immediate(siteId, entries, options.replace ?? false);
    },
    async upsertFaqEntry(siteId, entry) {
      return upsertFaq.immediate(siteId, entry);
    },
    async deleteFaqEntry(siteId, id) {
      return fq.delete.run(siteId, id).changes > 0;
    },
    async getBotSettings(siteId) {
      return resolveBotSettings(botOverrides(siteId));
    },
    async updateBotSettings(siteId, patch) {
      return updateBot.immediate(siteId, patch);
    },
    async listFaqEntryStats(siteId): Promise<FaqEntryStats[]> {
      return fq.stats.all(siteId).map((r) => ({ faqId: r.faq_id, shown: r.shown, helpful: r.helpful, notHelpful: r.not_helpful }));
    },
    async listUnansweredQuestions(siteId, limit): Promise<UnansweredQuestion[]> {
      return fq.unanswered.all(siteId, limit).map((r) => ({ body: r.body, askedAt: r.created_at, conversationId: r.conversation_id, reason: r.reason, faqId: r.faq_id }));
    },
    async listChosenSuggestions(siteId, limit): Promise<ChosenSuggestion[]> {
      return fq.chosen.all(siteId, limit).map((r) => ({ body: r.body, askedAt: r.created_at, conversationId: r.conversation_id, faqId: r.faq_id }));
    },

    async recordEvent(event) {
      db.transaction(() => events.record(event)).immediate();
    },
    async listConversationEvents(conversationId) {
      return events.list(conversationId);
    },
    async reportFacts(siteId, from, to, agentId) {
      return reports.facts(siteId, from, to, agentId);
    },
    async reportFaqCounts(siteId, from, to) {
      return reports.faqCounts(siteId, from, to);
    },
    async reportCachedDays(siteId, fromDay, toDay, agentId) {
      return reports.cachedDays(siteId, fromDay, toDay, agentId);
    },
    async saveReportDays(siteId, version, days) {
      return reports.saveDays(siteId, version, days);
    },
    async recordAbandoned(visitorId, leftAt) {
      return abandon(visitorId, leftAt);
    },
    async reportUnanswered(siteId, from, to, limit) {
      return reports.unanswered(siteId, from, to, limit);
    },
    async reportTriggerFunnel(siteId, from, to) {
      return reports.triggerFunnel(siteId, from, to);
    },

    async ping() {
      q.ping.get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
  return store;
}

function logEventError(error: unknown, event: NewConversationEvent): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'conversation event not recorded', type: event.type, conversationId: event.conversationId, error: message })}\n`);
}


/** Applies, in version order, every migration above the database's `user_version`. */
export function migrate(db: Database.Database, list: typeof migrations = migrations): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  // Branches add numbers in parallel, so the array's order is not trusted.
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
