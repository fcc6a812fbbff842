// The language a shopper writes in, as the console shows it: a short tag in the conversation
// list, so an agent picks the chats they can read, and a full name in the console's language.
import type { JSX } from 'preact';
import type { Lang } from '../protocol.js';
import { toLang } from '../i18n/lang.js';
import { useI18n, type StringKey, type Translate } from './i18n/index.js';

/**
 * Each tag in its own language and script, whatever the console's language: an agent who reads
 * Thai knows "ไทย" at a glance, one who reads Chinese tells 繁中 from 简中. The full name, in
 * the console's language, is what a screen reader says and what the tag's tooltip shows.
 */
const SHORT: Record<Lang, string> = { en: 'EN', 'zh-TW': '繁中', 'zh-CN': '简中', th: 'ไทย' };
const NAME: Record<Lang, StringKey> = { en: 'langNameEn', 'zh-TW': 'langNameZhTW', 'zh-CN': 'langNameZhCN', th: 'langNameTh' };

export interface ShopperLang {
  /** "ไทย", "繁中", "EN"; another language's code in capitals ("JA"). */
  short: string;
  /** "Thai", "泰文", "ไทย"…: in the console's language. */
  name: string;
  /** The tag's own language, for its `lang` attribute (and so the right CJK glyphs). */
  lang: string;
}

/** Null when the language is not known (or not a language tag at all: the field comes from a socket). */
export function shopperLang(tag: string | null, t: Translate, uiLang: Lang): ShopperLang | null {
  if (!tag) return null;
  const ours = toLang(tag);
  if (ours) return { short: SHORT[ours], name: t(NAME[ours]), lang: ours };
  const primary = /^([a-z]{2,3})(?:-[a-z0-9]{1,8})*$/i.exec(tag)?.[1];
  if (!primary) return null;
  return { short: primary.toUpperCase(), name: displayName(tag, uiLang), lang: tag };
}

/** "ja" → "Japanese" in the console's language, when the browser can say it. */
function displayName(tag: string, uiLang: Lang): string {
  try {
    return new Intl.DisplayNames([uiLang], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The list row's tag: the short form for the eye, "Writes in Thai" for a screen reader. */
export function ShopperLangTag({ tag }: { tag: string | null }): JSX.Element | null {
  const { t, lang } = useI18n();
  const l = shopperLang(tag, t, lang);
  if (!l) return null;
  return (
    <span class="tag tag-lang" data-testid="lang-tag" title={l.name}>
      <span aria-hidden="true" lang={l.lang}>{l.short}</span>
      <span class="visually-hidden">{t('shopperWrites', { language: l.name })}</span>
    </span>
  );
}
