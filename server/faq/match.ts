// Answers a shopper's question from a site's FAQ index: ranks the entries, calibrates
// their scores and decides whether to answer, suggest, hand off to a human or say nothing.

import { analyse } from './analyse.js';
import { confidence, decide, DEFAULT_THRESHOLDS } from './confidence.js';
import type { LangGroupIndex, RankedEntry } from './group.js';
import { wantsHuman } from './handoff.js';
import type { FaqIndex } from './index.js';
import { detectLang, langGroup, type LangGroup } from './language.js';
import type { FaqEntry, FaqLang, FaqMatch, MatchOptions, MatchResult, MatchThresholds } from './types.js';

const DEFAULT_LIMIT = 3;
// Candidates this unlikely are noise, not suggestions.
const MIN_SCORE = 0.05;
const ANY_ENTRY = (): boolean => true;

/** A ranked entry as shown, and the linked version whose wording scored when that is another. */
type Candidate = RankedEntry & { matchedId?: string };

export interface Scored {
  matches: FaqMatch[];
  /** The best candidate's coverage of the question (see group.ts). */
  coverage: number;
}

/**
 * What the matcher found for a question before the thresholds decide: the candidates among
 * entries in the shopper's own language (`own`, only when the group has several languages)
 * and among the whole group (`any`). The thresholds then pick one (`decideWeighed`), so a
 * threshold preview (preview.ts) can weigh a question once and try many thresholds on it.
 */
export interface Weighed {
  human: boolean;
  own?: Scored;
  /** Left out when `weigh` was given thresholds under which `own` already decides. */
  any?: Scored;
}

export function match(index: FaqIndex, question: string, options: MatchOptions = {}): MatchResult {
  const thresholds: MatchThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  return decideWeighed(weigh(index, question, options, thresholds), thresholds);
}

/** The decision and matches `match` gives for a weighed question under `thresholds`. */
export function decideWeighed(weighed: Weighed, thresholds: MatchThresholds): MatchResult {
  const { matches, coverage } = pick(weighed, thresholds);
  // An explicit request for a human wins over any FAQ match, but the matches are still
  // returned: the agent who picks up the conversation may want to see them.
  if (weighed.human) return { decision: 'escalate', matches };
  return { decision: decide(matches[0]?.score ?? 0, coverage, thresholds), matches };
}

/**
 * Ranks and calibrates the candidates for a question. With `thresholds`, the whole group is
 * not ranked when the shopper's own language already decides (the bot's path); without,
 * both are, for any thresholds later.
 */
export function weigh(index: FaqIndex, question: string, options: Omit<MatchOptions, 'thresholds'> = {}, thresholds?: MatchThresholds): Weighed {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const lang = options.lang ?? detectLang(question);
  const human = wantsHuman(question);
  const group = index.group(langGroup(lang)) ?? fallbackGroup(index, question);
  if (!group) return { human, any: nothing() };
  const analysed = analyse(question);
  // The best `limit` candidates, and at least two: the runner-up's score sets the leader's lead.
  const wanted = Math.max(limit, 2);
  const rank = (accept: (entry: FaqEntry) => boolean): Candidate[] => byTopic(index, group.rank(analysed, accept, wanted * 2), lang, wanted);
  // Prefer entries in the shopper's own language (a site with both zh-TW and zh-CN
  // versions of an entry should answer in the one the shopper writes), but fall back to
  // the whole group — Simplified finds Traditional — when those do not fit well enough.
  // An entry with a translation in the shopper's language counts as theirs.
  const languages = group.languages();
  let own: Scored | undefined;
  if (languages.size > 1 && languages.has(lang)) {
    own = calibrate(rank((entry) => index.translation(entry, lang) !== undefined), limit);
    if (thresholds && decides(own, thresholds)) return { human, own };
  }
  return own ? { human, own, any: calibrate(rank(ANY_ENTRY), limit) } : { human, any: calibrate(rank(ANY_ENTRY), limit) };
}

/** A fresh one each time: callers own the matches they are given. */
const nothing = (): Scored => ({ matches: [], coverage: 0 });

function decides(scored: Scored, thresholds: MatchThresholds): boolean {
  return decide(scored.matches[0]?.score ?? 0, scored.coverage, thresholds) !== 'none';
}

function pick({ own, any }: Weighed, thresholds: MatchThresholds): Scored {
  if (own && (any === undefined || decides(own, thresholds))) return own;
  return any ?? nothing();
}

/**
 * Translations of one entry (FaqEntry.topic) are one candidate, scored by its best-fitting
 * version and shown in the shopper's language when it has one: the shopper is not offered
 * the same question twice, and a Traditional entry found through its Simplified version's
 * wording is answered in Traditional. The zh group holds at most two versions of a topic,
 * so `ranked` (twice `wanted`) leaves `wanted` candidates.
 */
function byTopic(index: FaqIndex, ranked: RankedEntry[], lang: FaqLang, wanted: number): Candidate[] {
  const seen = new Set<string>();
  const kept: Candidate[] = [];
  for (const candidate of ranked) {
    const { entry } = candidate;
    const key = entry.topic === undefined ? `id:${entry.id}` : `topic:${entry.topic}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shown = index.translation(entry, lang) ?? entry;
    kept.push(shown === entry ? candidate : { ...candidate, entry: shown, matchedId: entry.id });
    if (kept.length === wanted) break;
  }
  return kept;
}

/** When the site has no entries in the question's language: whatever group it has, the detected one first. */
function fallbackGroup(index: FaqIndex, question: string): LangGroupIndex | undefined {
  const order: LangGroup[] = [langGroup(detectLang(question)), 'en', 'zh', 'th'];
  for (const key of order) {
    const group = index.group(key);
    if (group) return group;
  }
  return undefined;
}

function calibrate(ranked: Candidate[], limit: number): Scored {
  const first = ranked[0]?.raw ?? 0;
  const second = ranked[1]?.raw ?? 0;
  const matches: FaqMatch[] = [];
  for (const [i, candidate] of ranked.slice(0, limit).entries()) {
    const lead = candidate.raw - (i === 0 ? second : first);
    const score = confidence(candidate.raw, lead);
    if (i > 0 && score < MIN_SCORE) break;
    const found: FaqMatch = { id: candidate.entry.id, question: candidate.entry.question, score };
    if (candidate.matchedId !== undefined) found.matchedId = candidate.matchedId;
    matches.push(found);
  }
  return { matches, coverage: ranked[0]?.coverage ?? 0 };
}
