// Rough language detection from the script of a question, for when the widget does not
// know the shopper's language, and the language groups that share one index.

import { isTraditional } from './chinese.js';
import type { FaqLang } from './types.js';

/** zh-TW and zh-CN share an index: both are folded to one script before indexing. */
export type LangGroup = 'en' | 'zh' | 'th';

export function langGroup(lang: FaqLang): LangGroup {
  if (lang === 'zh-TW' || lang === 'zh-CN') return 'zh';
  return lang;
}

const THAI = /\p{Script=Thai}/gu;
const HAN = /\p{Script=Han}/gu;

/**
 * The language to answer someone in, from the widget's language (`ui`, null when unknown) and
 * what they wrote. What they wrote decides (a Thai question on an English page is answered in
 * Thai); the widget's language only picks between Traditional and Simplified Chinese, which a
 * short text can't tell apart, and speaks for a click that has no text.
 */
export function readerLang(ui: FaqLang | null, text: string): FaqLang {
  if (!text.trim()) return ui ?? 'en';
  const written = detectLang(text);
  if (written.startsWith('zh') && ui?.startsWith('zh')) return ui;
  return written;
}

/** How many Thai letters (marks included) and Chinese characters a text has. */
export function scriptLetters(text: string): { thai: number; han: number } {
  return { thai: text.match(THAI)?.length ?? 0, han: text.match(HAN)?.length ?? 0 };
}

/** Thai if any Thai letters outnumber Han ones, Chinese if there are Han characters, else English. */
export function detectLang(text: string): FaqLang {
  const { thai, han } = scriptLetters(text);
  if (thai > 0 && thai >= han) return 'th';
  if (han > 0) return isTraditional(text) ? 'zh-TW' : 'zh-CN';
  return 'en';
}
