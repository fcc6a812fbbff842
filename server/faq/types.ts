// The FAQ matcher's vocabulary: what a shop's FAQ entry is, and what a match returns.
// Shared by the index, the matcher and (with `import type`) the bot service.

/** The four languages Deskbell speaks (see widget/i18n). */
export type FaqLang = 'en' | 'zh-TW' | 'zh-CN' | 'th';

export interface FaqEntry {
  id: string;
  lang: FaqLang;
  /** The canonical question, shown to the shopper when the entry is suggested. */
  question: string;
  /** Other ways shoppers ask the same thing; each one is matched like the question. */
  phrasings: string[];
  answer: string;
  tags: string[];
  /** Disabled entries are kept by the store but never matched. */
  enabled: boolean;
  /**
   * Links an entry to its translations: the entries of a site that share a topic say the
   * same thing in different languages, at most one per language. The bot answers with the
   * version in the shopper's language (see match.ts).
   */
  topic?: string;
}

/**
 * What the bot should do with a shopper's question:
 * - `answer`: confident, reply with `matches[0]`'s answer;
 * - `suggest`: plausible, offer `matches` (up to three) as buttons;
 * - `escalate`: the shopper explicitly asked for a human (see handoff.ts);
 * - `none`: nothing in the FAQ fits.
 */
export type MatchDecision = 'answer' | 'suggest' | 'escalate' | 'none';

export interface FaqMatch {
  id: string;
  question: string;
  /** Calibrated confidence in 0..1 that this entry answers the question. */
  score: number;
  /**
   * The linked version (FaqEntry.topic) whose wording scored, when it is not this entry: a
   * Traditional entry found through its Simplified version's phrasings. For the console's
   * "Try a question"; `deskbell faq ask` prints id, question and score only.
   */
  matchedId?: string;
}

export interface MatchResult {
  decision: MatchDecision;
  /** Best first, at most `limit` (default 3). */
  matches: FaqMatch[];
}

/** Confidence cut-offs for the decision, configurable per site. */
export interface MatchThresholds {
  /** `answer` when the best match's score is at least this. */
  answer: number;
  /** `suggest` when the best match's score is at least this (and below `answer`). */
  suggest: number;
  /**
   * `none` whatever the score when the best entry shares less than this IDF-weighted
   * share (0..1) of the question's words: the best of poor fits is still a poor fit.
   */
  coverage: number;
}

export interface MatchOptions {
  /** The shopper's language if known; otherwise detected from the script of the question. */
  lang?: FaqLang;
  thresholds?: Partial<MatchThresholds>;
  /** How many candidates to return (default 3). */
  limit?: number;
}
