// Storage of proactive prompts: a site's trigger rules in priority order, what shoppers did
// with them, and the page views the widget reports (migration 4). The SQLite store mixes
// these methods in (sqlite.ts); the contract is `TriggerStore`, part of `Store`.
import type Database from 'better-sqlite3';
import { deskbellError } from '../errors.js';
import type { Clock } from '../ids.js';
import type { TriggerOutcome, TriggerRule } from '../protocol.js';
import type { NewConversationEvent } from '../reports/events.js';

export interface StoredTrigger {
  rule: TriggerRule;
  position: number;
  createdAt: number;
  updatedAt: number;
}

/** Per trigger id: what its prompts led to. */
export interface TriggerStats {
  triggerId: string;
  shown: number;
  dismissed: number;
  clicked: number;
  replied: number;
  conversations: number;
  handoffs: number;
}

export interface PageViewRecord {
  url: string;
  title: string;
  at: number;
}

export interface TriggerStore {
  /** The site's rules, first (highest priority) first. */
  listTriggers(siteId: string): Promise<StoredTrigger[]>;
  getTrigger(siteId: string, id: string): Promise<StoredTrigger | null>;
  /** Adds (last) or replaces (in place) one rule. */
  saveTrigger(siteId: string, rule: TriggerRule): Promise<StoredTrigger>;
  deleteTrigger(siteId: string, id: string): Promise<boolean>;
  /** New priority order; `ids` must be exactly the site's rule ids (DESKBELL_VALIDATION otherwise). */
  reorderTriggers(siteId: string, ids: string[]): Promise<StoredTrigger[]>;
  /** An import: the site's rules become exactly `rules`, in their order, in one transaction. */
  replaceTriggers(siteId: string, rules: TriggerRule[]): Promise<StoredTrigger[]>;
  recordTriggerOutcome(siteId: string, triggerId: string, outcome: TriggerOutcome, anonId: string): Promise<void>;
  listTriggerStats(siteId: string): Promise<TriggerStats[]>;
  recordPageView(siteId: string, anonId: string, visit: number, page: { url: string; title: string }): Promise<void>;
  /**
   * Ties a browser's page views to the visitor who chats from it; with a trigger, marks the
   * visitor's open conversation as started from it (once: the first prompt keeps it).
   */
  linkVisit(siteId: string, anonId: string, visitorId: string, triggerId: string | null): Promise<void>;
  /** The pages of the visitor's latest visit (through their latest linked browser), oldest first. */
  listVisitPages(visitorId: string, limit: number): Promise<PageViewRecord[]>;
}

interface TriggerRecord { rule: string; position: number; created_at: number; updated_at: number }

const toStored = (r: TriggerRecord): StoredTrigger => ({ rule: JSON.parse(r.rule) as TriggerRule, position: r.position, createdAt: r.created_at, updatedAt: r.updated_at });

/**
 * `record` stores a report event in the caller's transaction (events-sqlite.ts): here the
 * start of a conversation by a trigger, when the widget links it.
 */
export function sqliteTriggerStore(db: Database.Database, clock: Clock, record: (event: NewConversationEvent) => void = () => undefined): TriggerStore {
  const q = {
    list: db.prepare<[string], TriggerRecord>('SELECT rule, position, created_at, updated_at FROM triggers WHERE site_id = ? ORDER BY position, id'),
    one: db.prepare<[string, string], TriggerRecord>('SELECT rule, position, created_at, updated_at FROM triggers WHERE site_id = ? AND id = ?'),
    last: db.prepare<[string], { last: number | null }>('SELECT max(position) AS last FROM triggers WHERE site_id = ?'),
    insert: db.prepare('INSERT INTO triggers (site_id, id, rule, enabled, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    update: db.prepare('UPDATE triggers SET rule = ?, enabled = ?, updated_at = ? WHERE site_id = ? AND id = ?'),
    move: db.prepare('UPDATE triggers SET position = ? WHERE site_id = ? AND id = ?'),
    delete: db.prepare('DELETE FROM triggers WHERE site_id = ? AND id = ?'),
    deleteAll: db.prepare('DELETE FROM triggers WHERE site_id = ?'),
    keepCreated: db.prepare('UPDATE triggers SET created_at = ? WHERE site_id = ? AND id = ?'),
    outcome: db.prepare('INSERT INTO trigger_events (site_id, trigger_id, outcome, anon_id, created_at) VALUES (?, ?, ?, ?, ?)'),
    outcomes: db.prepare<[string], { trigger_id: string; outcome: TriggerOutcome; n: number }>(
      'SELECT trigger_id, outcome, count(*) AS n FROM trigger_events WHERE site_id = ? GROUP BY trigger_id, outcome'),
    led: db.prepare<[string], { trigger_id: string; conversations: number; handoffs: number }>(
      `SELECT trigger_id, count(*) AS conversations, count(coalesce(handoff_at, queued_at)) AS handoffs FROM conversations
       WHERE site_id = ? AND trigger_id IS NOT NULL GROUP BY trigger_id`),
    pageView: db.prepare('INSERT INTO page_views (site_id, anon_id, visit, url, title, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    link: db.prepare(`INSERT INTO anon_visitors (site_id, anon_id, visitor_id, linked_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (site_id, anon_id) DO UPDATE SET visitor_id = excluded.visitor_id, linked_at = excluded.linked_at`),
    conversationTrigger: db.prepare<[string, string, string], { id: string }>(
      `UPDATE conversations SET trigger_id = ? WHERE visitor_id = ? AND site_id = ? AND status = 'open' AND trigger_id IS NULL RETURNING id`),
    latestAnon: db.prepare<[string], { site_id: string; anon_id: string }>('SELECT site_id, anon_id FROM anon_visitors WHERE visitor_id = ? ORDER BY linked_at DESC LIMIT 1'),
    visitPages: db.prepare<[string, string, string, string, number], { url: string; title: string; created_at: number }>(
      `SELECT url, title, created_at FROM (
         SELECT url, title, created_at, rowid FROM page_views WHERE site_id = ? AND anon_id = ?
           AND visit = (SELECT max(visit) FROM page_views WHERE site_id = ? AND anon_id = ?)
         ORDER BY created_at DESC, rowid DESC LIMIT ?) ORDER BY created_at, rowid`),
  };

  const fetchOne = (siteId: string, id: string): StoredTrigger | null => {
    const row = q.one.get(siteId, id);
    return row ? toStored(row) : null;
  };
  const insert = (siteId: string, rule: TriggerRule, position: number, now: number): void => {
    q.insert.run(siteId, rule.id, JSON.stringify(rule), rule.enabled ? 1 : 0, position, now, now);
  };

  const save = db.transaction((siteId: string, rule: TriggerRule): StoredTrigger => {
    const now = clock.now();
    if (q.one.get(siteId, rule.id)) q.update.run(JSON.stringify(rule), rule.enabled ? 1 : 0, now, siteId, rule.id);
    else insert(siteId, rule, (q.last.get(siteId)?.last ?? -1) + 1, now);
    return fetchOne(siteId, rule.id)!;
  });

  const reorder = db.transaction((siteId: string, ids: string[]): StoredTrigger[] => {
    const current = q.list.all(siteId).map((r) => (JSON.parse(r.rule) as TriggerRule).id);
    const same = ids.length === current.length && new Set(ids).size === ids.length && ids.every((id) => current.includes(id));
    if (!same) throw deskbellError('DESKBELL_VALIDATION', `the new order must list each of the site's rules once (${current.join(', ')})`);
    ids.forEach((id, position) => q.move.run(position, siteId, id));
    return q.list.all(siteId).map(toStored);
  });

  const replace = db.transaction((siteId: string, rules: TriggerRule[]): StoredTrigger[] => {
    const before = new Map(q.list.all(siteId).map((r) => [(JSON.parse(r.rule) as TriggerRule).id, r.created_at]));
    q.deleteAll.run(siteId);
    const now = clock.now();
    rules.forEach((rule, position) => {
      insert(siteId, rule, position, now);
      // A rule that was already there keeps its creation time.
      const created = before.get(rule.id);
      if (created !== undefined) q.keepCreated.run(created, siteId, rule.id);
    });
    return q.list.all(siteId).map(toStored);
  });

  const link = db.transaction((siteId: string, anonId: string, visitorId: string, triggerId: string | null) => {
    q.link.run(siteId, anonId, visitorId, clock.now());
    if (!triggerId) return;
    // Linked once (the first trigger stays): that is when the start's origin is known.
    for (const { id } of q.conversationTrigger.all(triggerId, visitorId, siteId)) {
      record({ type: 'trigger_linked', siteId, conversationId: id, data: { triggerId } });
    }
  });

  return {
    async listTriggers(siteId) {
      return q.list.all(siteId).map(toStored);
    },
    async getTrigger(siteId, id) {
      return fetchOne(siteId, id);
    },
    async saveTrigger(siteId, rule) {
      return save.immediate(siteId, rule);
    },
    async deleteTrigger(siteId, id) {
      return q.delete.run(siteId, id).changes > 0;
    },
    async reorderTriggers(siteId, ids) {
      return reorder.immediate(siteId, ids);
    },
    async replaceTriggers(siteId, rules) {
      return replace.immediate(siteId, rules);
    },
    async recordTriggerOutcome(siteId, triggerId, outcome, anonId) {
      q.outcome.run(siteId, triggerId, outcome, anonId, clock.now());
    },
    async listTriggerStats(siteId) {
      const stats = new Map<string, TriggerStats>();
      const of = (id: string): TriggerStats => {
        let s = stats.get(id);
        if (!s) stats.set(id, (s = { triggerId: id, shown: 0, dismissed: 0, clicked: 0, replied: 0, conversations: 0, handoffs: 0 }));
        return s;
      };
      for (const r of q.outcomes.all(siteId)) of(r.trigger_id)[r.outcome] = r.n;
      for (const r of q.led.all(siteId)) Object.assign(of(r.trigger_id), { conversations: r.conversations, handoffs: r.handoffs });
      return [...stats.values()];
    },
    async recordPageView(siteId, anonId, visit, page) {
      q.pageView.run(siteId, anonId, visit, page.url, page.title, clock.now());
    },
    async linkVisit(siteId, anonId, visitorId, triggerId) {
      link.immediate(siteId, anonId, visitorId, triggerId);
    },
    async listVisitPages(visitorId, limit) {
      const anon = q.latestAnon.get(visitorId);
      if (!anon) return [];
      return q.visitPages.all(anon.site_id, anon.anon_id, anon.site_id, anon.anon_id, limit).map((r) => ({ url: r.url, title: r.title, at: r.created_at }));
    },
  };
}
