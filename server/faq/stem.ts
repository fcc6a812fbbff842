// Light English suffix stripping, so "cancelling", "cancelled" and "cancel" (or "change",
// "changing", "changed") become one term. Deliberately crude: stems only need to be the
// same for related forms, not to be words, and character n-grams (analyse.ts) catch what
// this misses. Not worth a Porter/Snowball dependency: adding more of Porter's suffixes
// (-ation, -ment, -ly) moved accuracy on the evaluation sets by under a tenth of a point.

const ASCII_WORD = /^[a-z]+$/;
const VOWEL = /[aeiouy]/;
const DOUBLE_CONSONANT = /([^aeiousz])\1$/;

export function stem(word: string): string {
  if (word.length < 4 || !ASCII_WORD.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') || w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (/(ss|x|ch|sh|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  w = stripVerbEnding(w);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (DOUBLE_CONSONANT.test(w)) w = w.slice(0, -1);
  return w;
}

function stripVerbEnding(w: string): string {
  for (const suffix of ['ing', 'ed']) {
    const base = w.slice(0, -suffix.length);
    // "bring" and "red" keep their endings: the rest must be a plausible stem.
    if (w.endsWith(suffix) && base.length >= 3 && VOWEL.test(base)) return base;
  }
  return w;
}
