// The SQLite side of RoutingStore (routing-types.ts). Race-freedom comes from the SQL, not
// from the process: a claim is one UPDATE whose WHERE re-checks "still unassigned" and "the
// agent is under capacity", so of two claims for one conversation exactly one changes a row.
import type Database from 'better-sqlite3';
import type { NewConversationEvent } from '../reports/events.js';
import { deskbellError } from '../errors.js';
import type { Clock, IdGenerator } from '../ids.js';
import type { AttachmentType, QueueReason } from '../protocol.js';
import type { ConversationRecord } from './sqlite.js';
import type { CannedReply, Note, RoutingStore, TakeResult, VisitorIdentity } from './routing-types.js';
import type { Conversation } from './types.js';

interface Helpers {
  clock: Clock;
  newId: IdGenerator;
  toConversation: (r: ConversationRecord) => Conversation;
  getConversation: (id: string) => ConversationRecord;
  /** Refuses an agent acting over a colleague's shoulder (server/roles.ts), inside the caller's transaction. */
  requireMayAnswer: (agentId: string, conversation: ConversationRecord) => void;
  /** Report events, written in the same transaction as the step they describe (events-sqlite.ts). */
  record: (event: NewConversationEvent) => void;
}

interface QueueRecord extends ConversationRecord { visitor_lang: string | null }
interface NoteRecord { id: string; conversation_id: string; agent_id: string; agent_name: string; body: string; created_at: number }
interface CannedRecord { id: string; shortcut: string; lang: string; body: string; a_id: string | null; a_name: string | null; a_type: AttachmentType | null; a_size: number | null }
const CANNED = `SELECT r.id, r.shortcut, r.lang, r.body, a.id AS a_id, a.name AS a_name, a.type AS a_type, a.size AS a_size
  FROM canned_replies r LEFT JOIN attachments a ON a.id = r.attachment_id`;

const OPEN_LOAD = "SELECT count(*) FROM conversations WHERE assigned_agent_id = @agent AND routing = 'assigned' AND status = 'open'";

export function routingStore(db: Database.Database, h: Helpers): RoutingStore {
  const { clock, newId, toConversation } = h;
  const q = {
    headKey: db.prepare<[string], { k: number | null }>("SELECT min(queue_key) AS k FROM conversations WHERE site_id = ? AND routing = 'queued'"),
    enqueue: db.prepare(`UPDATE conversations SET routing = 'queued', queue_reason = @reason, queued_at = @now, queue_key = @key,
      assigned_agent_id = NULL WHERE id = @id AND status = 'open' AND (routing IS NULL OR routing = 'resolved')`),
    queueSite: db.prepare<[string], QueueRecord>(`SELECT c.*, v.lang AS visitor_lang FROM conversations c JOIN visitors v ON v.id = c.visitor_id
      WHERE c.site_id = ? AND c.routing = 'queued' AND c.status = 'open' ORDER BY c.queue_key, c.id`),
    queueIds: db.prepare<[string], { id: string }>(`SELECT id FROM conversations
      WHERE site_id = ? AND routing = 'queued' AND status = 'open' ORDER BY queue_key, id`),
    queueAll: db.prepare<[], QueueRecord>(`SELECT c.*, v.lang AS visitor_lang FROM conversations c JOIN visitors v ON v.id = c.visitor_id
      WHERE c.routing = 'queued' AND c.status = 'open' ORDER BY c.queue_key, c.id`),
    claim: db.prepare(`UPDATE conversations SET routing = 'assigned', assigned_agent_id = @agent, assigned_at = @now
      WHERE id = @id AND status = 'open' AND (routing IS NULL OR routing IN ('queued', 'resolved'))
        AND (@max IS NULL OR (${OPEN_LOAD}) < @max)`),
    // A transfer keeps assigned_at: the shopper's wait ended at the first assignment.
    transfer: db.prepare(`UPDATE conversations SET routing = 'assigned', assigned_agent_id = @agent,
      assigned_at = coalesce(CASE WHEN routing = 'assigned' THEN assigned_at END, @now)
      WHERE id = @id AND status = 'open' AND routing IN ('queued', 'assigned') AND assigned_agent_id IS NOT @agent
        AND (@max IS NULL OR (${OPEN_LOAD}) < @max)`),
    // To a team: back to the head of the queue, for its members (the router picks among them).
    toTeam: db.prepare(`UPDATE conversations SET team = @team, routing = 'queued', queue_reason = 'team', queued_at = @now, queue_key = @key,
      assigned_agent_id = NULL, assigned_at = NULL WHERE id = @id AND status = 'open' AND routing IN ('queued', 'assigned')`),
    load: db.prepare<{ agent: string }, { n: number }>(`SELECT (${OPEN_LOAD}) AS n`),
    assignedTo: db.prepare<[string], ConversationRecord>(
      "SELECT * FROM conversations WHERE assigned_agent_id = ? AND routing = 'assigned' AND status = 'open' ORDER BY assigned_at DESC, id DESC"),
    agentName: db.prepare<[string], { name: string }>('SELECT name FROM agents WHERE id = ?'),
    resolve: db.prepare("UPDATE conversations SET routing = 'resolved', resolved_at = ?, last_activity_at = ? WHERE id = ? AND status = 'open'"),
    rate: db.prepare('UPDATE conversations SET rating = ?, rating_comment = ? WHERE id = ?'),
    loads: db.prepare<[], { agent: string; n: number }>(`SELECT assigned_agent_id AS agent, count(*) AS n FROM conversations
      WHERE routing = 'assigned' AND status = 'open' GROUP BY assigned_agent_id`),
    waits: db.prepare<[string, number, number], { queued_at: number; assigned_at: number }>(`SELECT queued_at, assigned_at FROM conversations
      WHERE site_id = ? AND assigned_at >= ? AND queued_at IS NOT NULL AND assigned_at >= queued_at
      ORDER BY assigned_at DESC LIMIT ?`),
    handling: db.prepare<[string, number, number], { ms: number }>(`
      SELECT coalesce(resolved_at, closed_at) - assigned_at AS ms FROM conversations
      WHERE site_id = ? AND assigned_at IS NOT NULL AND coalesce(resolved_at, closed_at) >= ?
        AND coalesce(resolved_at, closed_at) > assigned_at
      ORDER BY coalesce(resolved_at, closed_at) DESC LIMIT ?`),
    identity: db.prepare(`UPDATE visitors SET email = coalesce(@email, email), name = coalesce(@name, name),
      external_id = coalesce(@externalId, external_id), verified = coalesce(@verified, verified),
      attributes = coalesce(@attributes, attributes) WHERE id = @id`),
    withIdentity: db.prepare<[string, string], { id: string }>(
      'SELECT id FROM visitors WHERE site_id = ? AND external_id = ? AND verified = 1 ORDER BY created_at, rowid'),
    visitorEnsure: db.prepare('INSERT OR IGNORE INTO visitors (id, site_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)'),
    siteSecret: db.prepare<[string], { identity_secret: string | null }>('SELECT identity_secret FROM sites WHERE id = ?'),
    siteSecretSet: db.prepare('UPDATE sites SET identity_secret = coalesce(identity_secret, ?) WHERE id = ?'),
    sitePreviousSecret: db.prepare<[string, number], { secret: string }>(
      'SELECT identity_secret_previous AS secret FROM sites WHERE id = ? AND identity_secret_previous_until > ?'),
    siteSecretRotate: db.prepare(`UPDATE sites SET identity_secret_previous = identity_secret,
      identity_secret_previous_until = @until, identity_secret = @secret WHERE id = @id`),
    noteInsert: db.prepare('INSERT INTO notes (id, conversation_id, agent_id, body, created_at) VALUES (?, ?, ?, ?, ?)'),
    notes: db.prepare<[string], NoteRecord>(`SELECT n.*, a.name AS agent_name FROM notes n JOIN agents a ON a.id = n.agent_id
      WHERE n.conversation_id = ? ORDER BY n.created_at, n.rowid`),
    note: db.prepare<[string], NoteRecord>('SELECT n.*, a.name AS agent_name FROM notes n JOIN agents a ON a.id = n.agent_id WHERE n.id = ?'),
    canned: db.prepare<[], CannedRecord>(`${CANNED} ORDER BY r.shortcut, r.lang`),
    cannedUpsert: db.prepare(`INSERT INTO canned_replies (id, shortcut, lang, body, created_at, attachment_id) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (shortcut, lang) DO UPDATE SET body = excluded.body, attachment_id = excluded.attachment_id`),
    cannedOne: db.prepare<[string, string], CannedRecord>(`${CANNED} WHERE r.shortcut = ? AND r.lang = ?`),
    cannedDelete: db.prepare('DELETE FROM canned_replies WHERE id = ?'),
    search: db.prepare<{ like: string; limit: number }, { id: string }>(`
      SELECT c.id FROM conversations c JOIN visitors v ON v.id = c.visitor_id
      WHERE v.name LIKE @like ESCAPE '\\' OR v.email LIKE @like ESCAPE '\\' OR v.external_id LIKE @like ESCAPE '\\'
         OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.body LIKE @like ESCAPE '\\')
      ORDER BY c.last_activity_at DESC, c.id LIMIT @limit`),
  };

  const current = (id: string): Conversation => toConversation(h.getConversation(id));

  /** Why a conditional take changed nothing. */
  const refusal = (id: string, agentId: string, max: number | null): TakeResult => {
    const row = h.getConversation(id);
    if (row.status !== 'open') return { ok: false, refusal: 'closed', holder: null };
    if (row.routing === 'assigned' && row.assigned_agent_id !== null && row.assigned_agent_id !== agentId) {
      const holder = q.agentName.get(row.assigned_agent_id)?.name ?? null;
      if (max === null || (q.load.get({ agent: agentId })?.n ?? 0) < max) return { ok: false, refusal: 'taken', holder };
    }
    if (max !== null && (q.load.get({ agent: agentId })?.n ?? 0) >= max) return { ok: false, refusal: 'capacity', holder: null };
    return { ok: false, refusal: 'taken', holder: row.assigned_agent_id ? (q.agentName.get(row.assigned_agent_id)?.name ?? null) : null };
  };

  const claim = db.transaction((id: string, agentId: string, max: number | null): TakeResult => {
    const row = h.getConversation(id);
    const now = clock.now();
    if (q.claim.run({ id, agent: agentId, now, max }).changes !== 1) return refusal(id, agentId, max);
    h.record({ type: 'assigned', siteId: row.site_id, conversationId: id, agentId, at: now });
    return { ok: true, conversation: current(id) };
  });
  const transfer = db.transaction((id: string, agentId: string, max: number | null): TakeResult => {
    const row = h.getConversation(id);
    const now = clock.now();
    if (q.transfer.run({ id, agent: agentId, now, max }).changes !== 1) return refusal(id, agentId, max);
    h.record({ type: 'transferred', siteId: row.site_id, conversationId: id, agentId, at: now, data: { fromAgentId: row.assigned_agent_id } });
    return { ok: true, conversation: current(id) };
  });
  const toTeam = db.transaction((id: string, team: string): Conversation | null => {
    const row = h.getConversation(id);
    const now = clock.now();
    const key = Math.min(now, (q.headKey.get(row.site_id)?.k ?? now) - 1);
    if (q.toTeam.run({ id, team, now, key }).changes !== 1) return null;
    h.record({ type: 'queued', siteId: row.site_id, conversationId: id, at: now });
    return current(id);
  });
  const enqueue = db.transaction((id: string, reason: QueueReason, place: 'back' | 'head'): Conversation | null => {
    const row = h.getConversation(id);
    const now = clock.now();
    const key = place === 'head' ? Math.min(now, (q.headKey.get(row.site_id)?.k ?? now) - 1) : now;
    if (q.enqueue.run({ id, reason, now, key }).changes !== 1) return null;
    const step = { siteId: row.site_id, conversationId: id, at: now };
    if (row.routing === 'resolved') h.record({ type: 'reopened', ...step });
    h.record({ type: 'queued', ...step });
    return current(id);
  });
  const resolve = db.transaction((id: string, by: string | undefined): Conversation => {
    const row = h.getConversation(id);
    if (by !== undefined) h.requireMayAnswer(by, row);
    const now = clock.now();
    if (q.resolve.run(now, now, id).changes === 1) {
      h.record({ type: 'resolved', siteId: row.site_id, conversationId: id, agentId: row.assigned_agent_id, at: now });
    }
    return current(id);
  });
  const rate = db.transaction((id: string, rating: number, comment: string | null): Conversation => {
    const row = h.getConversation(id);
    q.rate.run(rating, comment, id);
    h.record({ type: 'rated', siteId: row.site_id, conversationId: id, data: { score: rating as 1 | 2 | 3 | 4 | 5 } });
    return current(id);
  });
  const requeueAgent = db.transaction((agentId: string): Conversation[] => {
    const now = clock.now();
    const rows = q.assignedTo.all(agentId);
    // Newest assignment first, each to the head: the one assigned earliest ends up first.
    for (const row of rows) {
      const key = Math.min(now, (q.headKey.get(row.site_id)?.k ?? now) - 1);
      db.prepare(`UPDATE conversations SET routing = 'queued', queue_reason = 'agent_left', queued_at = ?, queue_key = ?,
        assigned_agent_id = NULL, assigned_at = NULL WHERE id = ?`).run(now, key, row.id);
      h.record({ type: 'queued', siteId: row.site_id, conversationId: row.id, at: now });
    }
    return rows.reverse().map((r) => current(r.id));
  });

  return {
    async enqueue(id, reason, place) {
      return enqueue.immediate(id, reason, place);
    },
    async queuedIds(siteId) {
      return q.queueIds.all(siteId).map((r) => r.id);
    },
    async listQueue(siteId) {
      return (siteId === null ? q.queueAll.all() : q.queueSite.all(siteId)).map((r) => ({ ...toConversation(r), lang: r.visitor_lang }));
    },
    async claim(id, agentId, max) {
      return claim.immediate(id, agentId, max);
    },
    async transfer(id, agentId, max) {
      return transfer.immediate(id, agentId, max);
    },
    async sendToTeam(id, team) {
      return toTeam.immediate(id, team);
    },
    async requeueAgent(agentId) {
      return requeueAgent.immediate(agentId);
    },
    async resolve(id, by) {
      return resolve.immediate(id, by);
    },
    async rate(id, rating, comment) {
      return rate.immediate(id, rating, comment);
    },
    async agentLoads() {
      return new Map(q.loads.all().map((r) => [r.agent, r.n]));
    },
    async recentHandlingTimes(siteId, since, limit) {
      return q.handling.all(siteId, since, limit).map((r) => r.ms);
    },
    async recentAssignments(siteId, since, limit) {
      return q.waits.all(siteId, since, limit).map((r) => ({ queuedAt: r.queued_at, assignedAt: r.assigned_at }));
    },

    async setVisitorIdentity(visitorId, identity: Partial<VisitorIdentity>) {
      q.identity.run({
        id: visitorId,
        email: identity.email ?? null,
        name: identity.name ?? null,
        externalId: identity.externalId ?? null,
        verified: identity.verified === undefined ? null : identity.verified ? 1 : 0,
        attributes: identity.attributes ? JSON.stringify(identity.attributes) : null,
      });
    },
    async ensureVisitor(visitorId, siteId) {
      const now = clock.now();
      q.visitorEnsure.run(visitorId, siteId, now, now);
    },
    async visitorsWithIdentity(siteId, externalId) {
      return q.withIdentity.all(siteId, externalId).map((r) => r.id);
    },
    async listVisitorConversations(visitorIds, limit) {
      if (visitorIds.length === 0) return [];
      const marks = visitorIds.map(() => '?').join(', ');
      const rows = db.prepare<unknown[], ConversationRecord>(
        `SELECT * FROM conversations WHERE visitor_id IN (${marks}) ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      ).all(...visitorIds, limit);
      return rows.map(toConversation);
    },
    async previousIdentitySecret(siteId, now) {
      return q.sitePreviousSecret.get(siteId, now)?.secret ?? null;
    },
    async rotateIdentitySecret(siteId, secret, keepOldUntil) {
      if (q.siteSecretRotate.run({ id: siteId, secret, until: keepOldUntil }).changes !== 1) throw deskbellError('DESKBELL_SITE_UNKNOWN', siteId);
    },
    async identitySecret(siteId, generate) {
      q.siteSecretSet.run(generate(), siteId);
      const secret = q.siteSecret.get(siteId)?.identity_secret;
      if (!secret) throw deskbellError('DESKBELL_SITE_UNKNOWN', siteId);
      return secret;
    },

    async searchConversations(text, limit) {
      const like = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      return q.search.all({ like, limit }).map((r) => r.id);
    },

    async addNote(conversationId, agentId, body) {
      h.getConversation(conversationId);
      const id = newId();
      q.noteInsert.run(id, conversationId, agentId, body, clock.now());
      return toNote(q.note.get(id)!);
    },
    async listNotes(conversationId) {
      return q.notes.all(conversationId).map(toNote);
    },

    async listCannedReplies() {
      return q.canned.all().map(toCanned);
    },
    async saveCannedReply(reply) {
      q.cannedUpsert.run(newId(), reply.shortcut, reply.lang, reply.body, clock.now(), reply.attachmentId ?? null);
      return toCanned(q.cannedOne.get(reply.shortcut, reply.lang)!);
    },
    async deleteCannedReply(id) {
      return q.cannedDelete.run(id).changes > 0;
    },
  };
}

function toCanned(r: CannedRecord): CannedReply {
  const attachment = r.a_id === null ? null : { id: r.a_id, name: r.a_name ?? '', type: r.a_type!, size: r.a_size ?? 0 };
  return { id: r.id, shortcut: r.shortcut, lang: r.lang, body: r.body, attachment };
}

function toNote(r: NoteRecord): Note {
  return { id: r.id, conversationId: r.conversation_id, agentId: r.agent_id, agentName: r.agent_name, body: r.body, createdAt: r.created_at };
}
