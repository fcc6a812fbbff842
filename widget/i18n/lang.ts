// BCP 47 tag → one of our four languages, and the widget's choice of language. Shared by the
// widget's loader and the console.
import type { Lang } from '../../server/protocol.js';

export function toLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.toLowerCase();
  // Taiwan, Hong Kong and Macau read Traditional characters; "zh" with no region reads Simplified.
  if (t.startsWith('zh')) return /-(tw|hk|mo|hant)(-|$)/.test(t) ? 'zh-TW' : 'zh-CN';
  if (t === 'th' || t.startsWith('th-')) return 'th';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/** The site's setting, then the page's `lang`, then the browser's languages, then English. */
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
