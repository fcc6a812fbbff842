// Typo tolerance for English words: a question word the FAQ never uses ("retrun") is
// replaced by the closest word it does use ("return"). fuse.js's Bitap search over the
// index vocabulary proposes candidates; because Bitap scores the best *substring* match
// ("mount" scores well against "country"), each candidate is then checked with a true
// edit distance. Only unknown words are looked up, so correctly spelt questions pay
// nothing; results are cached until the vocabulary changes.

import Fuse from 'fuse.js';

// Short words have too many neighbours at one edit to guess safely ("rate" vs "date").
const MIN_LENGTH = 4;
const CORRECTABLE = /^[a-z]+$/;
// Fuse scores 0 (exact) .. 1; generous, since the edit distance has the last word.
const MAX_SCORE = 0.4;
const CACHE_LIMIT = 2000;

export function isCorrectable(word: string): boolean {
  return word.length >= MIN_LENGTH && CORRECTABLE.test(word);
}

export class TypoCorrector {
  readonly #fuse = new Fuse<string>([], { includeScore: true, threshold: MAX_SCORE, ignoreLocation: true });
  readonly #cache = new Map<string, string | null>();

  /** Adds a word the FAQ uses; incremental, like the rest of the index. */
  add(word: string): void {
    if (!isCorrectable(word)) return;
    this.#fuse.add(word);
    this.#cache.clear();
  }

  remove(word: string): void {
    if (!isCorrectable(word)) return;
    this.#fuse.remove((known) => known === word);
    this.#cache.clear();
  }

  /** The known word closest to `word`, or undefined when none is close enough. */
  correct(word: string): string | undefined {
    if (!isCorrectable(word)) return undefined;
    let hit = this.#cache.get(word);
    if (hit === undefined) {
      hit = this.#lookup(word);
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(word, hit);
    }
    return hit ?? undefined;
  }

  #lookup(word: string): string | null {
    const limit = maxEdits(word);
    let best: string | null = null;
    let bestDistance = limit + 1;
    // Ties go to the alphabetically first word, so the answer does not depend on the
    // order words were added (an incrementally updated index equals a rebuilt one).
    for (const { item } of this.#fuse.search(word, { limit: 10 })) {
      const distance = editDistance(word, item, limit);
      if (distance < bestDistance || (distance === bestDistance && best !== null && item < best)) {
        best = item;
        bestDistance = distance;
      }
    }
    return best;
  }
}

/** One typo in a short word, two in a long one: more would turn "card" into "cart". */
function maxEdits(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

/**
 * Optimal string alignment distance (Levenshtein plus swapped neighbours, the commonest
 * typing slip), giving up early once every path exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
