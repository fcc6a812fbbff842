// Thai spelling variants of the same word, folded after segmentation.
//
// The thanthakhat (์, U+0E4C) marks a letter that is written but not pronounced, mostly at
// the end of loanwords, and which letter is written there varies: ไซส์ / ไซซ์ / ไซด์ (size).
// Dropping the silent letter with its mark (and a vowel ิ or ุ written on it, as in พันธุ์)
// leaves what is said, the same for every variant. A mark left out (อีเมล for อีเมล์) is a
// one-letter difference that the typo correction (typo.ts) already finds. This runs on
// segmented words and on the text the n-grams are taken from, not before segmentation: ICU's
// Thai dictionary knows the written forms.

const SILENT = /[\u0e01-\u0e2e][\u0e34\u0e38]?\u0e4c/g;

export function foldThaiSilent(text: string): string {
  return text.includes('\u0e4c') ? text.replace(SILENT, '') : text;
}
