// Text normalisation shared by FAQ entries and shoppers' questions, so both sides of a
// comparison are spelled the same way: compatibility forms, case, width, punctuation.

// NFKC decomposes Thai SARA AM (U+0E33) into NIKHAHIT + SARA AA, which ICU's Thai
// dictionary does not know: "ทำ" would no longer segment as a word. Put it back.
const SPLIT_SARA_AM = /\u0E4D([\u0E48-\u0E4B]?)\u0E32/g;
// Apostrophes join ("don't" → "dont") rather than split, matching how shoppers type
// them without the apostrophe.
const APOSTROPHES = /['’ʼ`]/g;
// Accents on Latin letters only: Thai vowels and tone marks are combining marks too.
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
// Any run of digits is one token: order numbers and dates differ in every question and
// say nothing about which entry is meant.
const DIGITS = /\p{Nd}+/gu;
const PUNCTUATION = /[\p{P}\p{S}\p{Z}\s]+/gu;
// Thai and Chinese are written without spaces, and ICU does not break between a Latin
// word and a Thai one ("googleตั้ง"): add a space wherever the script changes.
const SCRIPT_CHANGE = /(?<=[\p{Script=Latin}0-9])(?=[\p{Script=Thai}\p{Script=Han}])|(?<=[\p{Script=Thai}\p{Script=Han}])(?=[\p{Script=Latin}0-9])/gu;

export function normalise(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  if (s.includes('\u0E4D')) s = s.replace(SPLIT_SARA_AM, '$1\u0E33');
  if (/[^\u0000-\u007F]/.test(s)) s = s.normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFC');
  return s
    .replace(APOSTROPHES, '')
    .replace(DIGITS, ' 0 ')
    .replace(PUNCTUATION, ' ')
    .replace(SCRIPT_CHANGE, ' ')
    .trim();
}
