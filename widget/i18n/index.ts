// Picks the widget's language: the site's setting, then the page's `lang`, then the browser.
import type { Lang } from '../../server/protocol.js';
import { en, type Strings } from './en.js';
import { toLang } from './lang.js';
import { th } from './th.js';
import { zhCN } from './zh-CN.js';
import { zhTW } from './zh-TW.js';

export { toLang };

export const STRINGS: Record<Lang, Strings> = { en, 'zh-TW': zhTW, 'zh-CN': zhCN, th };

export function pickLang(siteDefault: Lang | null, pageLang: string | null, browser: readonly string[]): Lang {
  if (siteDefault) return siteDefault;
  const fromPage = toLang(pageLang);
  if (fromPage) return fromPage;
  for (const tag of browser) {
    const l = toLang(tag);
    if (l) return l;
  }
  return 'en';
}

/** `t('unread', { n: 3 })` */
export function translator(lang: Lang): (key: keyof Strings, vars?: Record<string, string | number>) => string {
  const table = STRINGS[lang];
  return (key, vars) => {
    let s = table[key];
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
    return s;
  };
}
