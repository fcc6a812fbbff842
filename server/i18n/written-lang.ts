// The language a shopper's own message shows they write in, when it shows it clearly. The
// widget starts in the page's (or the browser's) language, but a Thai shopper on an English
// shop page writes Thai: from then on the chat speaks Thai to them, and the conversation goes
// to an agent who reads Thai. A message changes the language only when its script leaves no
// doubt, so "ok", an order number, an emoji or a product name ("iPhone 15") never switch it.
import { isTraditional } from '../faq/chinese.js';
import { scriptLetters } from '../faq/language.js';
import type { Lang } from '../protocol.js';

/** A Latin word of two letters or more. */
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;

/** Thai letters or Chinese characters it takes to say so (one could be a quoted name or a symbol). */
const MIN_LETTERS = 2;
/** English words it takes: fewer are as likely a product name or "ok thx" in any language. */
const MIN_ENGLISH_WORDS = 3;

/**
 * The language `text` is clearly written in, or null when it does not say. `current` is the
 * language the chat speaks now: it decides between Traditional and Simplified Chinese when the
 * characters are the same in both (most short messages), and is kept for English text that
 * is too short to tell.
 */
export function writtenLang(current: Lang | null, text: string): Lang | null {
  const { thai, han } = scriptLetters(text);
  if (thai >= MIN_LETTERS && thai >= han) return 'th';
  if (han >= MIN_LETTERS) {
    if (isTraditional(text)) return 'zh-TW';
    // Same characters in both scripts: a Chinese chat stays in its script.
    return current === 'zh-TW' || current === 'zh-CN' ? current : 'zh-CN';
  }
  if (thai > 0 || han > 0) return null;
  return (text.match(LATIN_WORD)?.length ?? 0) >= MIN_ENGLISH_WORDS ? 'en' : null;
}
