// Picks the console's language (the agent's choice, else the browser's) and hands components
// a translate function through context. The choice is kept in localStorage per browser.
import { createContext, type JSX } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from '../../protocol.js';
import { en, type StringKey, type Strings } from './en.js';
import { th } from './th.js';
import { zhCN } from './zh-CN.js';
import { zhTW } from './zh-TW.js';
import { toLang } from '../../i18n/lang.js';

export type { StringKey, Strings };

export const STRINGS: Record<Lang, Strings> = { en, 'zh-TW': zhTW, 'zh-CN': zhCN, th };

/** The order and the names of the language picker: each language in its own words. */
export const LANG_NAMES: ReadonlyArray<readonly [Lang, string]> = [
  ['en', 'English'],
  ['zh-TW', '繁體中文'],
  ['zh-CN', '简体中文'],
  ['th', 'ไทย'],
];

const STORAGE_KEY = 'deskbell-console:lang';

export function browserLang(tags: readonly string[]): Lang {
  for (const tag of tags) {
    const lang = toLang(tag);
    if (lang) return lang;
  }
  return 'en';
}

export function savedLang(): Lang | null {
  try {
    return toLang(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null; // storage disabled: fall back to the browser's languages
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage disabled: the choice lasts for this page view */
  }
}

export function initialLang(): Lang {
  return savedLang() ?? browserLang(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = STRINGS[lang];
  return (key, vars) => {
    const text = table[key];
    if (!vars) return text;
    // A function replacer, so a "$&" typed by a shopper is not read as a replacement pattern.
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

/** A translation with elements in its places (a time, a path, the server's words): "{at}" takes `parts.at`. */
export function fillParts(text: string, parts: Record<string, JSX.Element | string>): Array<JSX.Element | string> {
  return text.split(/(\{\w+\})/).map((piece) => (/^\{\w+\}$/.test(piece) ? parts[piece.slice(1, -1)] ?? piece : piece));
}

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'en', t: translator('en'), setLang: () => undefined });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
