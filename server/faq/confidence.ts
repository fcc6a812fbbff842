// Turns raw similarities into a calibrated confidence (the probability that an entry is
// the right answer) and the confidence of the best entry into the bot's decision.
//
// The model is a logistic regression on two features of each candidate: its raw
// similarity, and its lead over the best *other* candidate (negative for all but the
// first). A high similarity alone is not enough — two entries that both fit equally well
// mean the question is ambiguous — and a lead alone is not either: the best of many poor
// fits is still a poor fit. The coefficients were fitted on the development questions of
// the evaluation sets in ../shared/eval/faq (their unused training phrasings and half of
// their questions, 0 and 5 phrasings; the other half is held out: `node --import tsx
// bench/faq-eval.ts --calibrate` refits and prints them), see docs/faq-matcher.md.

import type { MatchDecision, MatchThresholds } from './types.js';

export const CALIBRATION = { bias: -1.3, raw: 1.68, lead: 7.46 } as const;

/**
 * Defaults chosen on the evaluation sets (docs/faq-matcher.md has the trade-off table):
 * `answer` is right about nine times in ten and almost never given to out-of-scope
 * questions; `suggest` still offers the right entry for most in-scope questions, and the
 * coverage floor turns most out-of-scope questions into `none`.
 */
export const DEFAULT_THRESHOLDS: Readonly<MatchThresholds> = Object.freeze({ answer: 0.8, suggest: 0.3, coverage: 0.25 });

/** Probability that a candidate is the right entry, from its raw similarity and its lead over the best other candidate. */
export function confidence(raw: number, lead: number): number {
  const z = CALIBRATION.bias + CALIBRATION.raw * raw + CALIBRATION.lead * lead;
  return 1 / (1 + Math.exp(-z));
}

export function decide(score: number, coverage: number, thresholds: MatchThresholds): MatchDecision {
  if (coverage < thresholds.coverage) return 'none';
  if (score >= thresholds.answer) return 'answer';
  if (score >= thresholds.suggest) return 'suggest';
  return 'none';
}
