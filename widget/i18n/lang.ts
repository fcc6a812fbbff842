// BCP 47 tag → one of our four languages. Shared by the widget and the console.
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
