// Typo tolerance for English words: a question word the FAQ never uses ("retrun") is
// replaced by the closest word it does use ("return"), within one edit for words up to
// seven letters and two from eight. Candidates come from a deletion index (SymSpell): every
// vocabulary word is stored under the strings made by deleting up to two of its letters,
// and two words within d edits (substitution, insertion, deletion, swap of neighbours)
// always share a string made by at most d deletions from each. So a lookup is a few dozen
// map reads, not a scan of the vocabulary, and no word within reach is missed; each
// candidate is then checked with a true edit distance. Only unknown words are looked up,
// so correctly spelt questions pay nothing; results are cached until the vocabulary changes.

// Short words have too many neighbours at one edit to guess safely ("rate" vs "date").
const MIN_LENGTH = 4;
const CORRECTABLE = /^[a-z]+$/;
const CACHE_LIMIT = 2000;
// Question words of LONG_WORD letters or more may be two edits away; shorter ones one.
const LONG_WORD = 8;

export function isCorrectable(word: string): boolean {
  return word.length >= MIN_LENGTH && CORRECTABLE.test(word);
}

export class TypoCorrector {
  /** Deletion variant → the vocabulary words it was made from. */
  readonly #variants = new Map<string, Set<string>>();
  readonly #cache = new Map<string, string | null>();

  /** Adds a word the FAQ uses; incremental, like the rest of the index. */
  add(word: string): void {
    if (!isCorrectable(word)) return;
    for (const variant of deletions(word, reachOf(word))) {
      let words = this.#variants.get(variant);
      if (!words) {
        words = new Set();
        this.#variants.set(variant, words);
      }
      words.add(word);
    }
    this.#cache.clear();
  }

  remove(word: string): void {
    if (!isCorrectable(word)) return;
    for (const variant of deletions(word, reachOf(word))) {
      const words = this.#variants.get(variant);
      if (!words) continue;
      words.delete(word);
      if (words.size === 0) this.#variants.delete(variant);
    }
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
    const seen = new Set<string>();
    let best: string | null = null;
    let bestDistance = limit + 1;
    for (const variant of deletions(word, limit)) {
      for (const known of this.#variants.get(variant) ?? []) {
        if (seen.has(known)) continue;
        seen.add(known);
        const distance = editDistance(word, known, limit);
        // Ties go to the alphabetically first word, so the answer does not depend on the
        // order words were added (an incrementally updated index equals a rebuilt one).
        if (distance < bestDistance || (distance === bestDistance && best !== null && known < best)) {
          best = known;
          bestDistance = distance;
        }
      }
    }
    return best;
  }
}

/**
 * How many deletions a vocabulary word is stored under: two if a question word two edits
 * away could be long enough to get two edits (LONG_WORD letters, i.e. this word has at
 * least LONG_WORD - 2), otherwise one.
 */
function reachOf(word: string): number {
  return word.length >= LONG_WORD - 2 ? 2 : 1;
}

/** The word itself and every string made by deleting up to `depth` of its letters. */
function deletions(word: string, depth: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** One typo in a short word, two in a long one: more would turn "card" into "cart". */
function maxEdits(word: string): number {
  return word.length >= LONG_WORD ? 2 : 1;
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
