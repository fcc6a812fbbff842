// A shop that writes its FAQ in both Chinese scripts, linking each entry to its translation
// (FaqEntry.topic): MASSIVE's zh-TW and zh-CN sets as one FAQ, each shopper asking in their
// script. "Own script" counts the right entry in the shopper's script first — what they are
// answered with; "either" also counts the other script's version. Without topics the two
// versions compete (the shopper may get the other script, and two near-equal candidates
// make a weak lead); with topics they are one candidate shown in the shopper's script.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFaqIndex } from '../server/faq/index.js';
import { match } from '../server/faq/match.js';
import type { FaqEntry } from '../server/faq/types.js';

interface EvalSet {
  faqs: { id: string; question: string; examples: string[] }[];
  queries: { text: string; faqId: string | null }[];
}

const LANGS = ['zh-TW', 'zh-CN'] as const;
const pct = (n: number, of: number): string => (of === 0 ? '–' : ((100 * n) / of).toFixed(1));

export function linkedScriptsMarkdown(evalDir: string, phrasingCounts: number[]): string {
  const sets = LANGS.map((lang) => ({ lang, set: JSON.parse(readFileSync(path.join(evalDir, `massive.${lang}.json`), 'utf8')) as EvalSet }));
  const rows: string[] = [];
  for (const phrasings of phrasingCounts) {
    for (const linked of [false, true]) {
      const entries: FaqEntry[] = sets.flatMap(({ lang, set }) =>
        set.faqs.map((faq) => ({
          id: `${lang}:${faq.id}`, lang, question: faq.question, phrasings: faq.examples.slice(0, phrasings), answer: '', tags: [], enabled: true,
          ...(linked ? { topic: faq.id } : {}),
        })),
      );
      const index = createFaqIndex(entries);
      const cells = sets.map(({ lang, set }) => {
        const asked = set.queries.filter((q) => q.faqId !== null);
        let own = 0;
        let either = 0;
        for (const query of asked) {
          const first = match(index, query.text, { lang }).matches[0]?.id;
          if (first === `${lang}:${query.faqId}`) own++;
          if (first?.slice(first.indexOf(':') + 1) === query.faqId) either++;
        }
        return `**${pct(own, asked.length)}** / ${pct(either, asked.length)}`;
      });
      rows.push(`| ${phrasings} | ${linked ? 'yes' : 'no'} | ${cells.join(' | ')} |`);
    }
  }
  return [
    'MASSIVE zh-TW + zh-CN as one FAQ, each entry linked (topic) to its other-script version or not; top-1 %, own script / either script:',
    '',
    '| phrasings | linked | zh-TW questions | zh-CN questions |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
