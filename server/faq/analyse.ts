// The one text pipeline for FAQ entries and shoppers' questions alike:
// normalise → fold Chinese → segment → fold Thai silent letters → drop stop words → stem →
// character n-grams, and a class term for a country named anywhere in the text.
// Matching compares the output of this function on both sides, so it must stay the
// same for both; any change here needs the index rebuilt.

import { foldChinese } from './chinese.js';
import { normalise } from './normalise.js';
import { scriptNgrams, segmentWords, wordNgrams } from './segment.js';
import { stem } from './stem.js';
import { COUNTRY_TERM, namesCountry } from './places.js';
import { foldThaiSilent } from './thai.js';
import { STOP_WORDS, WEAK_WORDS } from './stopwords.js';

export interface AnalysedText {
  /** Words (English stemmed, Chinese in Simplified), without stop words. */
  words: string[];
  /** Character n-grams: trigrams of Latin words, Chinese 1-2-grams, Thai trigrams. */
  grams: string[];
  /** The members of `words` that are weak words (question words, all-purpose verbs). */
  weak: Set<string>;
  /**
   * How many n-grams the weak English words would have had. They are left out of `grams`
   * (so "how" cannot match "show"); the index may still count them in a text's length.
   */
  unmatchedGrams: number;
}

const LATIN_OR_DIGIT = /^[\p{Script=Latin}0-9]+$/u;

export function analyse(text: string): AnalysedText {
  const folded = foldChinese(normalise(text));
  const words: string[] = [];
  const grams: string[] = [];
  const weak = new Set<string>();
  let unmatchedGrams = 0;
  for (const raw of segmentWords(folded)) {
    const word = foldThaiSilent(raw);
    if (!word || STOP_WORDS.has(word)) continue;
    const latin = LATIN_OR_DIGIT.test(word);
    const term = latin ? stem(word) : word;
    words.push(term);
    if (WEAK_WORDS.has(word)) {
      weak.add(term);
      if (latin) unmatchedGrams += wordNgrams(term).length;
      continue;
    }
    // Weak English words get no n-grams: "<ho", "how", "ow>" would bring them back in.
    if (latin) for (const gram of wordNgrams(term)) grams.push(gram);
  }
  for (const gram of scriptNgrams(foldThaiSilent(folded), STOP_WORDS)) grams.push(gram);
  // "Japan" finds the entry that says "Thailand and other countries" (places.ts).
  if (namesCountry(folded)) words.push(COUNTRY_TERM);
  return { words, grams, weak, unmatchedGrams };
}
