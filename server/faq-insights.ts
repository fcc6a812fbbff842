// Learning from shoppers: how each FAQ entry's answers fared (shown, helpful, not helpful),
// and the questions the bot could not answer well, grouped by their normalised text and
// counted, so a shop owner sees what to add next.
import { detectLang } from './faq/language.js';
import { normalise } from './faq/normalise.js';
import type { FaqRegistry } from './faq/registry.js';
import type { FaqLang } from './faq/types.js';
import { dismissalKey } from './store/faq-dismissals-sqlite.js';
import type { ChosenSuggestion, FaqEntryStats, StoredFaqEntry, Store, UnansweredQuestion, UnansweredReason } from './store/types.js';

export type EntryStats = Omit<FaqEntryStats, 'faqId'>;

export interface FaqEntryWithStats {
  entry: StoredFaqEntry;
  stats: EntryStats;
}

/** The same question asked (in any spelling that normalises alike) by one or more shoppers. */
export interface UnansweredGroup {
  /** The newest asking, as the shopper wrote it. */
  text: string;
  count: number;
  lastAskedAt: number;
  /** The conversation of the newest asking. */
  conversationId: string;
  /** The language the text is written in, for a new entry made from it. */
  lang: FaqLang;
  reasons: Record<UnansweredReason, number>;
  /**
   * The entry the bot would answer it with today, when that is not one whose answer these
   * shoppers found unhelpful (an entry was added or improved since); else null.
   */
  answeredBy: { id: string; question: string } | null;
}

/** A group before it is checked against today's FAQ. */
export type GroupedQuestions = Omit<UnansweredGroup, 'answeredBy'> & { unhelpfulEntries: string[] };

/**
 * Shoppers' own words for an entry: a question whose askers picked this entry among the
 * bot's "Did you mean…" offers (and did not then say its answer was no help), that the entry
 * does not have as a phrasing yet. Adding it lets the bot answer the next asker at once.
 */
export interface LearnedPhrasing {
  /** The newest asking, as the shopper wrote it. */
  text: string;
  faqId: string;
  /** The entry's question, to show. */
  question: string;
  lang: FaqLang;
  /** Shoppers who asked it so and picked this entry. */
  count: number;
  lastAskedAt: number;
  conversationId: string;
}

export interface UnansweredReport {
  /** How many questions were grouped: of the newest SCANNED, those not dismissed. */
  questions: number;
  groups: UnansweredGroup[];
}

/** Grouping reads this many of the newest unanswered questions: enough to rank, bounded in time. */
export const SCANNED = 10_000;

const NO_STATS: EntryStats = Object.freeze({ shown: 0, helpful: 0, notHelpful: 0 });

/** The grouping key: NFKC, case, width, punctuation and whitespace folded (server/faq/normalise.ts). */
export function questionKey(text: string): string {
  return normalise(text) || text.trim().toLowerCase();
}

/**
 * Groups questions (newest first, as the store lists them) by their key: most asked first,
 * then most recently asked.
 */
export function groupUnanswered(questions: readonly UnansweredQuestion[]): GroupedQuestions[] {
  const groups = new Map<string, GroupedQuestions>();
  for (const q of questions) {
    const key = questionKey(q.body);
    let group = groups.get(key);
    if (!group) {
      const text = q.body.trim();
      const reasons: Record<UnansweredReason, number> = { no_match: 0, declined: 0, not_helpful: 0 };
      group = { text, count: 0, lastAskedAt: q.askedAt, conversationId: q.conversationId, lang: detectLang(text), reasons, unhelpfulEntries: [] };
      groups.set(key, group);
    } else if (q.askedAt > group.lastAskedAt) {
      Object.assign(group, { text: q.body.trim(), lastAskedAt: q.askedAt, conversationId: q.conversationId });
    }
    group.count += 1;
    group.reasons[q.reason] += 1;
    if (q.faqId !== null && !group.unhelpfulEntries.includes(q.faqId)) group.unhelpfulEntries.push(q.faqId);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt);
}

export class FaqInsights {
  constructor(
    private readonly store: Store,
    private readonly registry: FaqRegistry,
  ) {}

  /** The site's FAQ in its order, each entry with how its answers fared. */
  async entries(siteId: string): Promise<FaqEntryWithStats[]> {
    const [entries, stats] = await Promise.all([this.registry.entries(siteId), this.store.listFaqEntryStats(siteId)]);
    const byId = new Map(stats.map((s) => [s.faqId, s]));
    return entries.map((entry) => {
      const s = byId.get(entry.id);
      return { entry, stats: s ? { shown: s.shown, helpful: s.helpful, notHelpful: s.notHelpful } : NO_STATS };
    });
  }

  /** The `limit` most picked (question, entry) pairs the entry does not have as a phrasing yet. */
  async learned(siteId: string, limit: number): Promise<LearnedPhrasing[]> {
    const [picks, dismissed] = await Promise.all([this.store.listChosenSuggestions(siteId, SCANNED), this.store.listFaqDismissals(siteId, 'learned')]);
    const groups = groupChosen(picks.filter((p) => !hidden(dismissed, p.faqId, p.body, p.askedAt)));
    const out: LearnedPhrasing[] = [];
    for (const g of groups) {
      if (out.length >= limit) break;
      const entry = await this.registry.entry(siteId, g.faqId);
      if (!entry?.enabled) continue;
      const key = questionKey(g.text);
      if ([entry.question, ...entry.phrasings].some((t) => questionKey(t) === key)) continue;
      out.push({ ...g, question: entry.question, lang: entry.lang });
    }
    return out;
  }

  /** The `limit` most asked unanswered questions, each checked against today's FAQ. */
  async unanswered(siteId: string, limit: number): Promise<UnansweredReport> {
    const [asked, dismissed] = await Promise.all([this.store.listUnansweredQuestions(siteId, SCANNED), this.store.listFaqDismissals(siteId, 'unanswered')]);
    const questions = asked.filter((q) => !hidden(dismissed, '', q.body, q.askedAt));
    const groups = groupUnanswered(questions).slice(0, limit);
    const checked: UnansweredGroup[] = [];
    for (const { unhelpfulEntries, ...group } of groups) {
      const result = await this.registry.match(siteId, group.text);
      const best = result.decision === 'answer' ? result.matches[0] : undefined;
      const answeredBy = best && !unhelpfulEntries.includes(best.id) ? { id: best.id, question: best.question } : null;
      checked.push({ ...group, answeredBy });
    }
    return { questions: questions.length, groups: checked };
  }
}

/** An asking the owner dismissed: at or before the dismissal of its question (for that entry). */
function hidden(dismissed: ReadonlyMap<string, number>, faqId: string, text: string, askedAt: number): boolean {
  if (dismissed.size === 0) return false; // the usual case: no second normalising of 10,000 questions
  const at = dismissed.get(dismissalKey(faqId, questionKey(text)));
  return at !== undefined && askedAt <= at;
}

/** Picks grouped by the question's key and the entry picked: most picked first, then most recent. */
export function groupChosen(picks: readonly ChosenSuggestion[]): Array<Omit<LearnedPhrasing, 'question' | 'lang'>> {
  const groups = new Map<string, Omit<LearnedPhrasing, 'question' | 'lang'>>();
  for (const p of picks) {
    const key = `${p.faqId}\u0000${questionKey(p.body)}`;
    const group = groups.get(key);
    if (!group) groups.set(key, { text: p.body.trim(), faqId: p.faqId, count: 1, lastAskedAt: p.askedAt, conversationId: p.conversationId });
    else {
      group.count += 1;
      if (p.askedAt > group.lastAskedAt) Object.assign(group, { text: p.body.trim(), lastAskedAt: p.askedAt, conversationId: p.conversationId });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt);
}
