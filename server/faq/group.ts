// The inverted index of one language group (en, zh, th) of one site, and its ranking.
// Statistics (document frequencies, average lengths) are kept as integer counts and
// updated exactly on every add/remove, and derived values (IDF) are computed at query
// time, so an index edited one entry at a time ranks exactly like one built from scratch.

import { analyse, type AnalysedText } from './analyse.js';
import { TypoCorrector } from './typo.js';
import type { FaqEntry } from './types.js';

/** One searchable text (the question or a phrasing), or the pool of all of an entry's texts. */
interface Doc {
  /** The entry's id. */
  owner: string;
  words: Map<string, number>;
  grams: Map<string, number>;
  wordCount: number;
  gramCount: number;
}

interface IndexedEntry {
  entry: FaqEntry;
  texts: Doc[];
  pooled: Doc;
}

/** Postings and total length of one field (words or grams) over one kind of document. */
class Field {
  constructor(readonly lengthOf: 'wordCount' | 'gramCount') {}

  readonly postings = new Map<string, Map<Doc, number>>();
  totalLength = 0;
  docCount = 0;

  add(doc: Doc, terms: Map<string, number>, length: number, onNewTerm?: (term: string) => void): void {
    for (const [term, tf] of terms) {
      let docs = this.postings.get(term);
      if (!docs) {
        docs = new Map();
        this.postings.set(term, docs);
        onNewTerm?.(term);
      }
      docs.set(doc, tf);
    }
    this.totalLength += length;
    this.docCount += 1;
  }

  remove(doc: Doc, terms: Map<string, number>, length: number, onGoneTerm?: (term: string) => void): void {
    for (const term of terms.keys()) {
      const docs = this.postings.get(term);
      if (!docs) continue;
      docs.delete(doc);
      if (docs.size === 0) {
        this.postings.delete(term);
        onGoneTerm?.(term);
      }
    }
    this.totalLength -= length;
    this.docCount -= 1;
  }

  averageLength(): number {
    return this.docCount > 0 ? this.totalLength / this.docCount : 1;
  }
}

// BM25 parameters (Robertson's usual values); sweeping them on the evaluation sets
// (k1 0.5..1.5, b 0.3..0.75) moved accuracy by under a point.
const K1 = 1.2;
const B = 0.75;
// A question word that appears in a corrected form counts for less than an exact one.
const CORRECTED_WEIGHT = 0.8;
// How much a weak word (stopwords.ts) of the question counts, relative to other words.
const WEAK_WEIGHT = 0.7;

export interface RankedEntry {
  entry: FaqEntry;
  /** Raw similarity: BM25 divided by the question's total IDF weight (0..~2; grows with phrasings). */
  raw: number;
  /** IDF-weighted share of the question's terms that the entry uses at all (0..1), whatever its phrasing count. */
  coverage: number;
}

export class LangGroupIndex {
  readonly #entries = new Map<string, IndexedEntry>();
  readonly #textWords = new Field('wordCount');
  readonly #textGrams = new Field('gramCount');
  readonly #pooledWords = new Field('wordCount');
  readonly #pooledGrams = new Field('gramCount');
  readonly #typos = new TypoCorrector();

  get size(): number {
    return this.#entries.size;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  languages(): Set<FaqEntry['lang']> {
    return new Set([...this.#entries.values()].map((e) => e.entry.lang));
  }

  add(entry: FaqEntry): void {
    const indexed = indexEntry(entry);
    this.#entries.set(entry.id, indexed);
    for (const doc of indexed.texts) {
      this.#textWords.add(doc, doc.words, doc.wordCount);
      this.#textGrams.add(doc, doc.grams, doc.gramCount);
    }
    const pooled = indexed.pooled;
    this.#pooledWords.add(pooled, pooled.words, pooled.wordCount, (term) => this.#typos.add(term));
    this.#pooledGrams.add(pooled, pooled.grams, pooled.gramCount);
  }

  remove(id: string): void {
    const indexed = this.#entries.get(id);
    if (!indexed) return;
    this.#entries.delete(id);
    for (const doc of indexed.texts) {
      this.#textWords.remove(doc, doc.words, doc.wordCount);
      this.#textGrams.remove(doc, doc.grams, doc.gramCount);
    }
    const pooled = indexed.pooled;
    this.#pooledWords.remove(pooled, pooled.words, pooled.wordCount, (term) => this.#typos.remove(term));
    this.#pooledGrams.remove(pooled, pooled.grams, pooled.gramCount);
  }

  /**
   * Ranks the entries `accept` lets through, best first. An entry's similarity is the mean
   * of its best single text (a phrasing worded like the question wins outright) and of all
   * its texts pooled (words spread over several phrasings still add up); each is the mean
   * of a word score and a character n-gram score.
   */
  rank(question: AnalysedText, accept: (entry: FaqEntry) => boolean): RankedEntry[] {
    const words = this.#queryWords(question.words, question.weak);
    const grams = weightsOf(question.grams);
    const wordIdf = this.#idfs(words);
    const gramIdf = this.#idfs(grams, this.#pooledGrams);
    const best = new Map<string, number>();
    const textScores = this.#accumulate(
      [[this.#textWords, words, wordIdf], [this.#textGrams, grams, gramIdf]],
    );
    for (const [doc, { score }] of textScores) {
      if (score > (best.get(doc.owner) ?? 0)) best.set(doc.owner, score);
    }
    const pooledScores = this.#accumulate(
      [[this.#pooledWords, words, wordIdf], [this.#pooledGrams, grams, gramIdf]],
    );
    const ranked: RankedEntry[] = [];
    for (const [doc, { score, coverage }] of pooledScores) {
      const owner = this.#entries.get(doc.owner);
      if (!owner || !accept(owner.entry)) continue;
      ranked.push({ entry: owner.entry, raw: ((best.get(doc.owner) ?? 0) + score) / 2, coverage });
    }
    // Ties are broken by id so the order never depends on insertion order.
    ranked.sort((a, b) => b.raw - a.raw || (a.entry.id < b.entry.id ? -1 : 1));
    return ranked;
  }

  /** Query word weights, with unknown English words replaced by their closest known spelling. */
  #queryWords(terms: string[], weak: Set<string>): Map<string, number> {
    const weights = new Map<string, number>();
    for (const term of terms) {
      if (weights.has(term)) continue;
      if (weak.has(term)) {
        weights.set(term, WEAK_WEIGHT);
        continue;
      }
      if (this.#pooledWords.postings.has(term)) {
        weights.set(term, 1);
        continue;
      }
      const corrected = this.#typos.correct(term);
      if (corrected !== undefined && !weights.has(corrected)) weights.set(corrected, CORRECTED_WEIGHT);
      else weights.set(term, 1);
    }
    return weights;
  }

  /** BM25 IDF of each query term over the group's entries (not texts: an entry's many phrasings do not make its words common). */
  #idfs(terms: Map<string, number>, field: Field = this.#pooledWords): Map<string, number> {
    const n = this.#entries.size;
    const idfs = new Map<string, number>();
    for (const term of terms.keys()) {
      // A word no entry uses still counts against every entry (it is part of the question
      // nobody answers), as much as a rare word: that is what keeps off-topic questions low.
      const df = Math.max(1, field.postings.get(term)?.size ?? 0);
      idfs.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    }
    return idfs;
  }

  /**
   * Per document, the mean over the fields of BM25 score / the question's total IDF weight
   * (score), and of the IDF-weighted share of question terms present (coverage).
   */
  #accumulate(fields: [Field, Map<string, number>, Map<string, number>][]): Map<Doc, { score: number; coverage: number }> {
    const scores = new Map<Doc, { score: number; coverage: number }>();
    const share = 1 / fields.length;
    for (const [field, terms, idfs] of fields) {
      let total = 0;
      for (const [term, weight] of terms) total += weight * (idfs.get(term) ?? 0);
      if (total === 0) continue;
      const avg = field.averageLength();
      for (const [term, weight] of terms) {
        const docs = field.postings.get(term);
        if (!docs) continue;
        const w = (share * weight * (idfs.get(term) ?? 0)) / total;
        for (const [doc, tf] of docs) {
          const length = doc[field.lengthOf];
          const saturation = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avg));
          const sum = scores.get(doc);
          if (sum) {
            sum.score += w * saturation;
            sum.coverage += w;
          } else {
            scores.set(doc, { score: w * saturation, coverage: w });
          }
        }
      }
    }
    return scores;
  }
}

function indexEntry(entry: FaqEntry): IndexedEntry {
  const texts: Doc[] = [];
  const allWords: string[] = [];
  const allGrams: string[] = [];
  for (const text of [entry.question, ...entry.phrasings]) {
    const analysed = analyse(text);
    if (analysed.words.length === 0 && analysed.grams.length === 0) continue;
    texts.push(makeDoc(entry.id, analysed));
    allWords.push(...analysed.words);
    allGrams.push(...analysed.grams);
  }
  return { entry, texts, pooled: makeDoc(entry.id, { words: allWords, grams: allGrams, weak: new Set() }) };
}

function makeDoc(owner: string, text: AnalysedText): Doc {
  return {
    owner,
    words: countsOf(text.words),
    grams: countsOf(text.grams),
    wordCount: text.words.length,
    gramCount: text.grams.length,
  };
}

function countsOf(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function weightsOf(terms: string[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of terms) weights.set(term, 1);
  return weights;
}
