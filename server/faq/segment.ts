// Splitting normalised text into words, and Chinese/Thai runs into character n-grams.
// Chinese and Thai are written without spaces; ICU's dictionary-based word breaker
// (Intl.Segmenter, Node 20 ships full ICU with zh and th dictionaries) finds the words,
// and character n-grams make up for its mistakes and for words it does not know.

// ICU picks the dictionary from the script of each run, not from the locale, so one
// segmenter handles mixed-language text; it is created once because construction costs
// far more than segmenting a question.
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const part of wordSegmenter.segment(text)) {
    if (part.isWordLike) words.push(part.segment);
  }
  return words;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const THAI_RUN = /\p{Script=Thai}+/gu;

/**
 * Character n-grams of every Chinese run (single characters and bigrams: one Chinese
 * character often carries the meaning, 退 "return", 钟 "clock") and every Thai run
 * (trigrams: Thai letters, vowels and tone marks are separate code points; bigrams
 * scored the same on the evaluation sets but made longer posting lists). `skip` drops single characters that are stop words.
 */
export function scriptNgrams(text: string, skip: ReadonlySet<string>): string[] {
  const grams: string[] = [];
  for (const run of text.matchAll(HAN_RUN)) {
    const chars = [...run[0]];
    for (const c of chars) if (!skip.has(c)) grams.push(c);
    pushNgrams(chars, 2, grams);
  }
  for (const run of text.matchAll(THAI_RUN)) pushNgrams([...run[0]], 3, grams);
  return grams;
}

/** Character trigrams of a Latin word with boundary marks: typos and inflections share most of them. */
export function wordNgrams(word: string): string[] {
  const grams: string[] = [];
  pushNgrams([...`<${word}>`], 3, grams);
  return grams;
}

function pushNgrams(chars: string[], n: number, out: string[]): void {
  if (chars.length <= n) {
    out.push(chars.join(''));
    return;
  }
  for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
}
