// FAQ matcher latency with a large FAQ: index build time and per-question p50/p99 for
// 2,000 entries, ours against plain fuse.js on the same entries and the same questions,
// in the same run. Prints Markdown (docs/faq-matcher.md keeps the last run).
//
//   node --import tsx bench/faq-latency.ts
//
// The entries are put together in memory, deterministically, from the texts of the
// evaluation sets in ../shared/eval/faq (every FAQ question and example phrasing, in all
// four languages): entry i gets one text as its question and five others as phrasings.
// Nothing is written anywhere. Without the evaluation sets, made-up English entries from a
// small built-in vocabulary are used instead (the table says which).
// `bench/run.ts` can import `faqLatencyMarkdown()`.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { createFaqIndex } from '../server/faq/index.js';
import { match } from '../server/faq/match.js';
import type { FaqEntry, FaqLang } from '../server/faq/types.js';
import { seeded as random } from '../tests/helpers/seeded.js';

const ENTRIES = 2000;
const PHRASINGS = 5;
/** Questions timed per row with ours; fuse.js (~50-1,000 ms a question here) gets the first FUSE_QUESTIONS of them. */
const QUESTIONS = 1000;
const FUSE_QUESTIONS = 100;
const WARM_UP = 50;
const BUILDS = 3;
/** Each question is also timed this many times more and the fastest kept: other processes on the machine then barely show. */
const REPEATS = 5;

const here = path.dirname(fileURLToPath(import.meta.url));
const evalDir = path.resolve(here, '..', '..', 'shared', 'eval', 'faq');

interface Source {
  lang: FaqLang;
  texts: string[];
  questions: string[];
}

interface Scenario {
  label: string;
  entries: FaqEntry[];
  questions: string[];
  /** Asked before timing (JIT, caches), never timed. */
  warmUp: string[];
}

function pick<T>(items: T[], next: () => number): T {
  return items[Math.floor(next() * items.length)]!;
}

function toLang(tag: string): FaqLang {
  if (tag.startsWith('th')) return 'th';
  if (tag === 'zh-TW' || tag === 'zh-CN') return tag;
  return 'en';
}

function loadSources(): Source[] | undefined {
  if (!existsSync(evalDir)) return undefined;
  const sources: Source[] = [];
  for (const file of readdirSync(evalDir).filter((f) => f.endsWith('.json')).sort()) {
    const set = JSON.parse(readFileSync(path.join(evalDir, file), 'utf8')) as {
      faqs: { question: string; examples: string[] }[];
      queries: { text: string }[];
    };
    sources.push({
      lang: toLang(file.split('.')[1] ?? 'en'),
      texts: set.faqs.flatMap((faq) => [faq.question, ...faq.examples]),
      questions: set.queries.map((q) => q.text),
    });
  }
  return sources.length > 0 ? sources : undefined;
}

// Fallback when ../shared/eval/faq is not there: shop-like English made of a few hundred words.
const WORDS = (
  'order orders parcel package delivery shipping ship courier tracking track return returns refund exchange ' +
  'cancel cancellation change address invoice receipt payment pay card credit paypal transfer voucher coupon ' +
  'discount price cost fee free express international country customs tax size sizes fit colour color stock ' +
  'available restock account password login email newsletter subscribe review warranty repair broken damaged ' +
  'missing wrong item product gift wrap wrapping store shop pickup opening hours phone contact complaint ' +
  'battery charger cable screen shoes shirt jacket dress bag watch lamp chair table sofa bed mattress pillow'
).split(' ');
const FRAMES = ['how do i', 'can i', 'where is my', 'when will my', 'what is the', 'do you offer', 'why is my', 'is it possible to', 'i want to', 'help with'];

function syntheticSources(): Source[] {
  const next = random(7);
  const sentence = (): string => `${pick(FRAMES, next)} ${Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(WORDS, next)).join(' ')}`;
  return [{ lang: 'en', texts: Array.from({ length: 3000 }, sentence), questions: Array.from({ length: 2000 }, sentence) }];
}

function entriesFrom(sources: Source[], count: number, seed: number): FaqEntry[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const source = sources[i % sources.length]!;
    return {
      id: `e${i}`,
      lang: source.lang,
      question: pick(source.texts, next),
      phrasings: Array.from({ length: PHRASINGS }, () => pick(source.texts, next)),
      answer: '',
      tags: [],
      enabled: true,
    };
  });
}

function questionsFrom(sources: Source[], count: number, seed: number): string[] {
  const next = random(seed);
  const all = sources.flatMap((s) => s.questions);
  return Array.from({ length: count }, () => pick(all, next));
}

function scenarios(): { scenarios: Scenario[]; data: string } {
  const sources = loadSources();
  if (!sources) {
    const synthetic = syntheticSources();
    return {
      scenarios: [{ label: 'en (synthetic)', entries: entriesFrom(synthetic, ENTRIES, 1), questions: questionsFrom(synthetic, QUESTIONS, 2), warmUp: questionsFrom(synthetic, WARM_UP, 3) }],
      data: `made-up English entries (${evalDir} not found)`,
    };
  }
  const ofGroup = (test: (lang: FaqLang) => boolean) => sources.filter((s) => test(s.lang));
  const groups: [string, Source[]][] = [
    ['en', ofGroup((l) => l === 'en')],
    ['zh-CN + zh-TW', ofGroup((l) => l === 'zh-CN' || l === 'zh-TW')],
    ['th', ofGroup((l) => l === 'th')],
    ['mixed (all four)', sources],
  ];
  const list: Scenario[] = groups.map(([label, group], i) => ({
    label,
    entries: entriesFrom(group, ENTRIES, 10 + i),
    questions: questionsFrom(group, QUESTIONS, 20 + i),
    warmUp: questionsFrom(group, WARM_UP, 30 + i),
  }));
  // The same Chinese FAQ with entries linked in zh-CN/zh-TW pairs (FaqEntry.topic): what
  // ranking one candidate per topic, in the shopper's script, costs.
  const zh = list[1]!;
  list.push({ ...zh, label: 'zh-CN + zh-TW, linked in pairs', entries: zh.entries.map((e, i) => ({ ...e, topic: `t${Math.floor(i / 2)}` })) });
  return {
    scenarios: list,
    data: 'texts of the evaluation sets in ../shared/eval/faq, recombined in memory',
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

function timeQuestions(warmUp: string[], questions: string[], ask: (question: string) => unknown): number[] {
  for (const question of warmUp) ask(question);
  return questions.map((question) => time(() => ask(question))[1]).sort((a, b) => a - b);
}

/** The fastest of REPEATS timings of each question, sorted: what the matcher costs when it has a core to itself. */
function fastestTimes(questions: string[], ask: (question: string) => unknown): number[] {
  return questions
    .map((question) => Math.min(...Array.from({ length: REPEATS }, () => time(() => ask(question))[1])))
    .sort((a, b) => a - b);
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

interface Row {
  label: string;
  firstBuild: number;
  build: number;
  fuseBuild: number;
  ours: number[];
  oursFastest: number[];
  fuse: number[];
}

function measure(scenario: Scenario): Row {
  // The first build also loads what is built on first use (the Chinese converter, ICU's
  // dictionaries); later ones are what a site pays when its index is rebuilt.
  const builds: number[] = [];
  let index = createFaqIndex();
  for (let i = 0; i < BUILDS; i++) [index, builds[i]] = time(() => createFaqIndex(scenario.entries));
  const ours = timeQuestions(scenario.warmUp, scenario.questions, (q) => match(index, q));
  const oursFastest = fastestTimes(scenario.questions, (q) => match(index, q));
  const fuseBuilds: number[] = [];
  let fuse = new Fuse<FaqEntry>([]);
  for (let i = 0; i < BUILDS; i++) [fuse, fuseBuilds[i]] = time(() => new Fuse(scenario.entries, { keys: ['question', 'phrasings'], includeScore: true }));
  const fuseTimes = timeQuestions(scenario.warmUp.slice(0, 5), scenario.questions.slice(0, FUSE_QUESTIONS), (q) => fuse.search(q, { limit: 3 }));
  return { label: scenario.label, firstBuild: builds[0]!, build: median(builds), fuseBuild: median(fuseBuilds), ours, oursFastest, fuse: fuseTimes };
}

/** Runs the benchmark and returns it as Markdown. */
export function faqLatencyMarkdown(): string {
  const { scenarios: list, data } = scenarios();
  // Other processes on the machine show in the tail: say how busy it was.
  const load = os.loadavg()[0] ?? 0;
  const rows = list.map(measure);
  const ms = (x: number, digits = 3): string => x.toFixed(digits);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `FAQ matcher latency — ${cpu} × ${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${load.toFixed(1)} before / ${(os.loadavg()[0] ?? 0).toFixed(1)} after`,
    '',
    `${ENTRIES.toLocaleString('en')} entries of one question + ${PHRASINGS} phrasings each (${data}); ${QUESTIONS} questions per row (the first ${FUSE_QUESTIONS} of them for fuse.js, which is slow), ` +
      `timed one by one after ${WARM_UP} other questions to warm up. Ours is \`match(index, question)\`; the baseline is plain fuse.js (default options, keys question + phrasings, limit 3). ` +
      `"Fastest of ${REPEATS}": each question timed ${REPEATS} more times and the fastest kept, which a busy machine barely moves. Build: the first build (cold) and the median of ${BUILDS}.`,
    '',
    `| FAQ language | ours p50 ms | ours p99 ms | ours max ms | ours p99 ms, fastest of ${REPEATS} | fuse.js p50 ms | fuse.js p99 ms | ours build ms (first / median) | fuse.js build ms |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${ms(percentile(r.ours, 50))} | **${ms(percentile(r.ours, 99))}** | ${ms(r.ours.at(-1) ?? Number.NaN)} | ${ms(percentile(r.oursFastest, 99))} | ${ms(percentile(r.fuse, 50), 2)} | ${ms(percentile(r.fuse, 99), 2)} | ${ms(r.firstBuild, 0)} / ${ms(r.build, 0)} | ${ms(r.fuseBuild, 1)} |`,
    ),
  ];
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(faqLatencyMarkdown());
}
