// Chinese entries a shop wrote in both scripts without linking them: a zh-TW and a zh-CN
// entry that are each other's confident match are offered to the owner as translations to
// link (FaqEntry.topic). Questions are folded to one script before matching (chinese.ts), so
// a version converted from the other matches word for word, and one written separately
// usually still does through its question and phrasings.
import type { FaqEntryInput } from '../store/types.js';
import { createFaqIndex } from './index.js';
import { match } from './match.js';
import { indexedEntry } from './registry.js';
import type { FaqLang } from './types.js';

export interface TranslationLink {
  /**
   * The topic to give both: the ids' common stem (shipping-zh-TW + shipping-zh-CN → shipping),
   * else the zh-TW id. A topic of that name with no Chinese version yet is joined (the pair is
   * most likely its translation); one that has a Chinese version gets a number.
   */
  topic: string;
  /** The zh-TW entry, then the zh-CN one. */
  entries: [LinkedEntry, LinkedEntry];
}

export interface LinkedEntry {
  id: string;
  lang: FaqLang;
  question: string;
}

const SCRIPT_SUFFIX = /[-_.:]?(?:zh[-_]?)?(?:tw|cn|hant|hans|trad|simp|traditional|simplified)$/i;

export function suggestTranslationLinks(entries: readonly FaqEntryInput[]): TranslationLink[] {
  const unlinked = (lang: FaqLang): FaqEntryInput[] => entries.filter((e) => e.lang === lang && e.topic === undefined);
  const tw = unlinked('zh-TW');
  const cn = unlinked('zh-CN');
  if (tw.length === 0 || cn.length === 0) return [];
  // Disabled entries are still the owner's content: they are linked too.
  const indexOf = (list: FaqEntryInput[]) => createFaqIndex(list.map((e) => indexedEntry({ ...e, enabled: true })));
  const twIndex = indexOf(tw);
  const cnIndex = indexOf(cn);
  const byId = new Map(entries.map((e) => [e.id, e]));
  // Topics a pair cannot join: those with a Chinese version already.
  const taken = new Set(entries.flatMap((e) => (e.topic !== undefined && e.lang.startsWith('zh') ? [e.topic] : [])));
  const links: TranslationLink[] = [];
  for (const t of tw) {
    const best = match(cnIndex, t.question, { lang: 'zh-CN' });
    const c = best.decision === 'answer' ? byId.get(best.matches[0]!.id) : undefined;
    if (!c) continue;
    const back = match(twIndex, c.question, { lang: 'zh-TW' });
    if (back.decision !== 'answer' || back.matches[0]?.id !== t.id) continue;
    const topic = freeName(stem(t.id, c.id), taken);
    taken.add(topic);
    links.push({ topic, entries: [brief(t), brief(c)] });
  }
  return links;
}

function brief({ id, lang, question }: FaqEntryInput): LinkedEntry {
  return { id, lang, question };
}

function stem(twId: string, cnId: string): string {
  const a = twId.replace(SCRIPT_SUFFIX, '');
  const b = cnId.replace(SCRIPT_SUFFIX, '');
  return a === b && a !== '' ? a : twId;
}

function freeName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name}-${n}`)) n++;
  return `${name}-${n}`;
}
