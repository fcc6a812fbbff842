// BCP 47 tag → one of our four languages, and the widget's choice of language. The server
// makes the choice when the loader asks for the site's config (server/http/widget-config.ts),
// so a page view downloads the words of one language, not the code and words of four. The
// console uses toLang for its own language.
import type { Lang } from '../protocol.js';

export function toLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
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

/**
 * The browser's languages from an Accept-Language header, most wanted first: what
 * navigator.languages says in the page (browsers build the header from it, in its order,
 * with falling q-values). Tags with q=0 are refused, so left out.
 */
export function acceptLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header.split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag);
}
