// Questions an owner dismissed from the FAQ manager's to-do lists (migration 12): an
// unanswered question that needs no entry ("hello", a test, spam), or a shopper's pick among
// "Did you mean…" that was the wrong entry. A dismissal hides the askings up to its time;
// the question comes back if shoppers ask it again later, counted from then. Nothing the
// shoppers wrote is deleted, and the reports still count every asking.
import type Database from 'better-sqlite3';

/** Which list: the unanswered questions, or the shoppers' own words for an entry. */
export type FaqDismissalList = 'unanswered' | 'learned';

export interface FaqDismissal {
  siteId: string;
  list: FaqDismissalList;
  /** The question's grouping key (server/faq-insights.ts questionKey). */
  key: string;
  /** The entry the shopper picked ('learned'); '' for an unanswered question. */
  faqId: string;
}

export interface FaqDismissalStore {
  /** Dismisses at `at`; returns the dismissal it replaced (its time), null if none, for an undo. */
  dismissFaqQuestion(d: FaqDismissal, at: number, agentId: string): Promise<number | null>;
  /** Undoes a dismissal: back to the `previous` one (null: none). */
  restoreFaqQuestion(d: FaqDismissal, previous: number | null): Promise<void>;
  /** A list's dismissals: time by `faqId + '\0' + key`. */
  listFaqDismissals(siteId: string, list: FaqDismissalList): Promise<Map<string, number>>;
}

export const dismissalKey = (faqId: string, key: string): string => `${faqId}\u0000${key}`;

export function faqDismissalStore(db: Database.Database): FaqDismissalStore {
  const q = {
    get: db.prepare<[string, string, string, string], { dismissed_at: number }>(
      'SELECT dismissed_at FROM faq_dismissals WHERE site_id = ? AND list = ? AND question_key = ? AND faq_id = ?',
    ),
    put: db.prepare(`INSERT INTO faq_dismissals (site_id, list, question_key, faq_id, dismissed_at, agent_id) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (site_id, list, question_key, faq_id) DO UPDATE SET dismissed_at = excluded.dismissed_at, agent_id = excluded.agent_id`),
    remove: db.prepare('DELETE FROM faq_dismissals WHERE site_id = ? AND list = ? AND question_key = ? AND faq_id = ?'),
    list: db.prepare<[string, string], { question_key: string; faq_id: string; dismissed_at: number }>(
      'SELECT question_key, faq_id, dismissed_at FROM faq_dismissals WHERE site_id = ? AND list = ?',
    ),
  };
  const dismiss = db.transaction((d: FaqDismissal, at: number, agentId: string): number | null => {
    const before = q.get.get(d.siteId, d.list, d.key, d.faqId)?.dismissed_at ?? null;
    q.put.run(d.siteId, d.list, d.key, d.faqId, Math.max(at, before ?? 0), agentId);
    return before;
  });
  return {
    async dismissFaqQuestion(d, at, agentId) {
      return dismiss.immediate(d, at, agentId);
    },
    async restoreFaqQuestion(d, previous) {
      if (previous === null) q.remove.run(d.siteId, d.list, d.key, d.faqId);
      else q.put.run(d.siteId, d.list, d.key, d.faqId, previous, null);
    },
    async listFaqDismissals(siteId, list) {
      return new Map(q.list.all(siteId, list).map((r) => [dismissalKey(r.faq_id, r.question_key), r.dismissed_at]));
    },
  };
}
