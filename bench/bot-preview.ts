// The threshold preview's cost (server/faq/preview.ts): how long weighing a 2,000-entry FAQ
// takes, and the longest the event loop is held by it, sampled (MAX_ASKED) and whole; then
// what the preview says about a real FAQ (CLINC150's banking intents, question + 5 phrasings).
//
//   node --import tsx bench/bot-preview.ts
//
// Entries are put together as in bench/faq-latency.ts from ../shared/eval/faq (English texts);
// without it, made-up ones. docs/faq-matcher.md keeps the last run.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THRESHOLDS } from '../server/faq/confidence.js';
import { previewThresholds, weighFaq, type PreviewEntry } from '../server/faq/preview.js';
import type { FaqEntry } from '../server/faq/types.js';
import { seeded as random } from '../tests/helpers/seeded.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const evalDir = path.resolve(here, '..', '..', 'shared', 'eval', 'faq');

interface EvalSet {
  faqs: { id: string; question: string; examples: string[] }[];
}

function read(file: string): EvalSet {
  return JSON.parse(readFileSync(path.join(evalDir, file), 'utf8')) as EvalSet;
}

function englishTexts(): string[] {
  if (!existsSync(evalDir)) {
    const next = random(7);
    const words = 'order parcel delivery shipping return refund exchange size colour payment card invoice account password coupon gift wrap store open hours stock price discount'.split(' ');
    return Array.from({ length: 3000 }, () => Array.from({ length: 3 + Math.floor(next() * 5) }, () => words[Math.floor(next() * words.length)]).join(' '));
  }
  return readdirSync(evalDir).filter((f) => f.endsWith('.en.json')).flatMap((f) => read(f).faqs.flatMap((faq) => [faq.question, ...faq.examples]));
}

function entry(id: string, question: string, phrasings: string[]): PreviewEntry {
  const e: FaqEntry = { id, lang: 'en', question, phrasings, answer: '', tags: [], enabled: true };
  return { entry: e, asks: [question, ...phrasings] };
}

async function cost(label: string, entries: PreviewEntry[], maxAsked: number): Promise<string> {
  let longest = 0;
  let sliceStart = performance.now();
  const pause = async (): Promise<void> => {
    longest = Math.max(longest, performance.now() - sliceStart);
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const weighing = await weighFaq(entries, { maxAsked, pause });
  const total = performance.now() - started;
  delay.disable();
  longest = Math.max(longest, performance.now() - sliceStart);
  const counted = performance.now();
  previewThresholds(weighing, DEFAULT_THRESHOLDS);
  const count = performance.now() - counted;
  return `| ${label} | ${weighing.asked.length} of ${weighing.available} | ${Math.round(total)} | ${longest.toFixed(1)} | ${(delay.max / 1e6).toFixed(1)} | ${count.toFixed(2)} |`;
}

async function main(): Promise<void> {
  const texts = englishTexts();
  const next = random(1);
  const pick = (): string => texts[Math.floor(next() * texts.length)]!;
  const big = Array.from({ length: 2000 }, (_, i) => entry(`e${i}`, pick(), Array.from({ length: 5 }, pick)));
  console.log(`${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}\n`);
  console.log('| FAQ (2,000 entries × question + 5 phrasings) | wordings asked | weighing ms | longest slice ms | event-loop delay max ms | counting one set of thresholds ms |');
  console.log('|---|---|---|---|---|---|');
  console.log(await cost('sampled (MAX_ASKED)', big, 1000));
  console.log(await cost('every wording', big, Number.POSITIVE_INFINITY));
  if (!existsSync(evalDir)) return;
  const clinc = read('clinc150.en.json').faqs.map((faq) => entry(faq.id, faq.question, faq.examples.slice(0, 5)));
  const weighing = await weighFaq(clinc);
  console.log(`\nCLINC150 banking intents as a FAQ (${clinc.length} entries, question + 5 phrasings, ${weighing.asked.length} wordings):\n`);
  console.log('| answer / suggest / coverage | answered | of them right | suggested | right one offered | handed to a person |');
  console.log('|---|---|---|---|---|---|');
  for (const [answer, suggest, coverage] of [[0.8, 0.3, 0.25], [0.7, 0.3, 0.25], [0.9, 0.3, 0.25], [0.8, 0.3, 0.4]] as const) {
    const p = previewThresholds(weighing, { answer, suggest, coverage });
    const pct = (n: number, of: number): string => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)}%`);
    console.log(`| ${answer} / ${suggest} / ${coverage} | ${pct(p.answered, p.asked)} | ${pct(p.answeredRight, p.answered)} | ${pct(p.suggested, p.asked)} | ${pct(p.suggestedRight, p.suggested)} | ${pct(p.handedOver, p.asked)} |`);
  }
}

await main();
