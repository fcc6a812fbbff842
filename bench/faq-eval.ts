// Measures the FAQ matcher on the public evaluation sets in ../shared/eval/faq against a
// baseline of plain fuse.js, and prints a Markdown table (docs/faq-matcher.md keeps the
// last run). `--calibrate` also refits the confidence model (server/faq/confidence.ts)
// and prints how each `answer` threshold would perform.
//
// Development and held-out questions: choices (scoring constants, the confidence model,
// thresholds) are made on development questions only — each entry's unused training
// phrasings (`examples` 6-10, never in the FAQ and never asked in the main table) and the
// evaluation questions whose SHA-1 starts with an even byte (half A). The other half (B)
// is held out; its top-1 is printed beside the full figure.
//
// `--learn` simulates the console's "Add to an entry…": half A's shoppers ask first, and their
// questions become phrasings of the entries they meant (only where the product would learn
// them: a shopper's pick among "Did you mean…", or, in the second scenario, also every
// question the unanswered list shows an owner); half B's shoppers are then asked of the FAQ
// that learned. Nothing learned comes from half B.
//
//   node --import tsx bench/faq-eval.ts [--calibrate] [--learn]   (npm run eval:faq)
//
// The evaluation data may be read and measured but not shipped: nothing here copies it.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { analyse } from '../server/faq/analyse.js';
import { createFaqIndex, type FaqIndex } from '../server/faq/index.js';
import { langGroup } from '../server/faq/language.js';
import { match } from '../server/faq/match.js';
import { DEFAULT_THRESHOLDS } from '../server/faq/confidence.js';
import type { FaqEntry, FaqLang } from '../server/faq/types.js';
import { demoPlainMarkdown } from './faq-demo.js';
import { linkedScriptsMarkdown } from './faq-linked.js';

interface EvalSet {
  name: string;
  faqs: { id: string; question: string; examples: string[] }[];
  queries: { text: string; faqId: string | null; lang: string }[];
}

interface Run {
  label: string;
  faqs: EvalSet['faqs'];
  faqLang: FaqLang;
  queries: EvalSet['queries'];
  queryLang: FaqLang;
  phrasings: number;
}

interface Outcome {
  heldOut: boolean;
  correct1: boolean;
  correct3: boolean;
  inScope: boolean;
  answered: boolean;
  /** Got `none` (for out-of-scope questions, the right outcome). */
  none: boolean;
  ms: number;
}

interface Summary {
  top1: number;
  /** Top-1 on the held-out half B only. */
  heldOutTop1: number;
  top3: number;
  answerPrecision: number;
  answered: number;
  oosAnswered: number | null;
  oosNone: number | null;
  meanMs: number;
  p95Ms: number;
}

// Baseline: what the issue measured, fuse.js with its defaults over question + phrasings.
// It has no decision of its own; we count a Fuse score ≤ 0.3 (0 = exact) as "answer".
const BASELINE_ANSWER_SCORE = 0.3;
const PHRASING_COUNTS = [0, 5];

const here = path.dirname(fileURLToPath(import.meta.url));
const evalDir = path.resolve(here, '..', '..', 'shared', 'eval', 'faq');

function toLang(tag: string): FaqLang {
  if (tag.startsWith('th')) return 'th';
  if (tag === 'zh-TW' || tag === 'zh-CN') return tag;
  return 'en';
}

function loadSets(): { file: string; set: EvalSet; lang: FaqLang }[] {
  return readdirSync(evalDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const set = JSON.parse(readFileSync(path.join(evalDir, file), 'utf8')) as EvalSet;
      return { file, set, lang: toLang(file.split('.')[1] ?? 'en') };
    });
}

function runsOf(sets: ReturnType<typeof loadSets>): Run[] {
  const runs: Run[] = [];
  for (const { file, set, lang } of sets) {
    for (const phrasings of PHRASING_COUNTS) {
      runs.push({ label: file.replace(/\.json$/, ''), faqs: set.faqs, faqLang: lang, queries: set.queries, queryLang: lang, phrasings });
    }
  }
  // MASSIVE has the same sentences in both scripts: ask one script's questions of the other's FAQ.
  const tw = sets.find((s) => s.file === 'massive.zh-TW.json');
  const cn = sets.find((s) => s.file === 'massive.zh-CN.json');
  if (tw && cn) {
    for (const phrasings of PHRASING_COUNTS) {
      runs.push({ label: 'zh-CN questions → zh-TW FAQ', faqs: tw.set.faqs, faqLang: 'zh-TW', queries: cn.set.queries, queryLang: 'zh-CN', phrasings });
      runs.push({ label: 'zh-TW questions → zh-CN FAQ', faqs: cn.set.faqs, faqLang: 'zh-CN', queries: tw.set.queries, queryLang: 'zh-TW', phrasings });
    }
  }
  return runs;
}

function entriesOf(run: Run): FaqEntry[] {
  return run.faqs.map((faq) => ({
    id: faq.id,
    lang: run.faqLang,
    question: faq.question,
    phrasings: faq.examples.slice(0, run.phrasings),
    answer: '',
    tags: [],
    enabled: true,
  }));
}

function measureOurs(run: Run, index: FaqIndex): Outcome[] {
  // Warm up (the Chinese converter and ICU's dictionaries load on first use).
  for (const query of run.queries.slice(0, 20)) match(index, query.text, { lang: run.queryLang });
  return run.queries.map((query) => {
    const start = performance.now();
    const result = match(index, query.text, { lang: run.queryLang });
    const ms = performance.now() - start;
    const ids = result.matches.map((m) => m.id);
    return outcome(query, ids, result.decision === 'answer', result.decision === 'none', ms);
  });
}

function measureBaseline(run: Run): Outcome[] {
  const docs = entriesOf(run);
  const fuse = new Fuse(docs, { keys: ['question', 'phrasings'], includeScore: true });
  for (const query of run.queries.slice(0, 20)) fuse.search(query.text, { limit: 3 });
  return run.queries.map((query) => {
    const start = performance.now();
    const hits = fuse.search(query.text, { limit: 3 });
    const ms = performance.now() - start;
    const answered = (hits[0]?.score ?? 1) <= BASELINE_ANSWER_SCORE;
    return outcome(query, hits.map((h) => h.item.id), answered, hits.length === 0, ms);
  });
}

/** Half A (development) or B (held out) of the evaluation questions, fixed by the text's SHA-1. */
function isHeldOut(text: string): boolean {
  return (createHash('sha1').update(text).digest()[0]! & 1) === 1;
}

function outcome(query: EvalSet['queries'][number], ids: string[], answered: boolean, none: boolean, ms: number): Outcome {
  const expected = query.faqId;
  return {
    heldOut: isHeldOut(query.text),
    correct1: expected !== null && ids[0] === expected,
    correct3: expected !== null && ids.slice(0, 3).includes(expected),
    inScope: expected !== null,
    answered,
    none,
    ms,
  };
}

function summarise(outcomes: Outcome[]): Summary {
  const inScope = outcomes.filter((o) => o.inScope);
  const outOfScope = outcomes.filter((o) => !o.inScope);
  const answered = outcomes.filter((o) => o.answered);
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    top1: share(inScope, (o) => o.correct1),
    heldOutTop1: share(inScope.filter((o) => o.heldOut), (o) => o.correct1),
    top3: share(inScope, (o) => o.correct3),
    answerPrecision: share(answered, (o) => o.correct1),
    answered: share(inScope, (o) => o.answered),
    oosAnswered: outOfScope.length > 0 ? share(outOfScope, (o) => o.answered) : null,
    oosNone: outOfScope.length > 0 ? share(outOfScope, (o) => o.none) : null,
    meanMs: times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length),
    p95Ms: times[Math.floor(times.length * 0.95)] ?? 0,
  };
}

function share<T>(items: T[], test: (item: T) => boolean): number {
  return items.length > 0 ? items.filter(test).length / items.length : Number.NaN;
}

const pct = (x: number): string => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}`);
const ms = (x: number): string => x.toFixed(3);

function row(run: Run, ours: Summary, base: Summary, buildMs: number): string {
  const maybe = (x: number | null): string => (x === null ? '–' : pct(x));
  return `| ${run.label} | ${run.phrasings} | **${pct(ours.top1)}** / ${pct(base.top1)} | **${pct(ours.heldOutTop1)}** / ${pct(base.heldOutTop1)} | **${pct(ours.top3)}** / ${pct(base.top3)} | **${pct(ours.answerPrecision)}** / ${pct(base.answerPrecision)} | ${pct(ours.answered)} / ${pct(base.answered)} | ${maybe(ours.oosAnswered)} / ${maybe(base.oosAnswered)} | ${maybe(ours.oosNone)} / ${maybe(base.oosNone)} | ${ms(ours.meanMs)} / ${ms(base.meanMs)} | ${ms(ours.p95Ms)} / ${ms(base.p95Ms)} | ${buildMs.toFixed(1)} |`;
}

// --- calibration -------------------------------------------------------------------

interface Sample {
  raw: number;
  lead: number;
  coverage: number;
  correct: boolean;
  correct3: boolean;
  inScope: boolean;
}

/** The development questions of a run: unused training phrasings and half A (see the top). */
function developmentQuestions(run: Run): EvalSet['queries'] {
  const unused = run.faqs.flatMap((faq) => faq.examples.slice(5, 10).map((text) => ({ text, faqId: faq.id, lang: run.queryLang })));
  return [...unused, ...run.queries.filter((query) => !isHeldOut(query.text))];
}

function samplesOf(run: Run, index: FaqIndex): Sample[] {
  const group = index.group(langGroup(run.faqLang));
  if (!group) return [];
  return developmentQuestions(run).map((query) => {
    const ranked = group.rank(analyse(query.text), () => true);
    const raw = ranked[0]?.raw ?? 0;
    return {
      raw,
      lead: raw - (ranked[1]?.raw ?? 0),
      coverage: ranked[0]?.coverage ?? 0,
      correct: query.faqId !== null && ranked[0]?.entry.id === query.faqId,
      correct3: query.faqId !== null && ranked.slice(0, 3).some((r) => r.entry.id === query.faqId),
      inScope: query.faqId !== null,
    };
  });
}

/** Logistic regression P(correct) = σ(bias + a·raw + b·lead), fitted by Newton's method. */
function fitLogistic(samples: Sample[]): [number, number, number] {
  let w: [number, number, number] = [0, 0, 0];
  for (let iteration = 0; iteration < 50; iteration++) {
    const g = [0, 0, 0];
    const h = [[0, 0, 0], [0, 0, 0], [0, 0, 0]] as number[][];
    for (const s of samples) {
      const x = [1, s.raw, s.lead];
      const p = 1 / (1 + Math.exp(-(w[0] + w[1] * s.raw + w[2] * s.lead)));
      const y = s.correct ? 1 : 0;
      for (let i = 0; i < 3; i++) {
        g[i]! += (p - y) * x[i]!;
        for (let j = 0; j < 3; j++) h[i]![j]! += p * (1 - p) * x[i]! * x[j]! + (i === j ? 1e-9 : 0);
      }
    }
    const step = solve3(h, g);
    w = [w[0] - step[0], w[1] - step[1], w[2] - step[2]];
    if (Math.hypot(...step) < 1e-9) break;
  }
  return w;
}

function solve3(a: number[][], b: number[]): [number, number, number] {
  const m = a.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < 3; c++) {
    const pivot = m[c]![c]!;
    for (let k = c; k < 4; k++) m[c]![k]! /= pivot;
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      for (let k = c; k < 4; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return [m[0]![3]!, m[1]![3]!, m[2]![3]!];
}

function calibrate(samplesByRun: { run: Run; samples: Sample[] }[]): void {
  const all = samplesByRun.flatMap((s) => s.samples);
  const [bias, raw, lead] = fitLogistic(all);
  console.log(`\nCalibration (development questions of every run, ${all.length} questions): bias ${bias.toFixed(2)}, raw ${raw.toFixed(2)}, lead ${lead.toFixed(2)}`);
  const conf = (s: Sample): number => 1 / (1 + Math.exp(-(bias + raw * s.raw + lead * s.lead)));
  const inScope = all.filter((s) => s.inScope);
  const oos = all.filter((s) => !s.inScope);
  const { coverage: minCoverage, suggest } = DEFAULT_THRESHOLDS;
  console.log(`\n\`answer\` threshold (with coverage ≥ ${minCoverage}):\n`);
  console.log('| answer ≥ | precision | in-scope answered | out-of-scope answered |\n|---|---|---|---|');
  for (const t of [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
    const answers = (s: Sample): boolean => conf(s) >= t && s.coverage >= minCoverage;
    console.log(`| ${t} | ${pct(share(all.filter(answers), (s) => s.correct))} | ${pct(share(inScope, answers))} | ${pct(share(oos, answers))} |`);
  }
  console.log(`\n\`suggest\` threshold and coverage floor: in-scope questions offered the right entry (answer or suggest, top 3) / out-of-scope questions offered anything:\n`);
  const coverages = [0, 0.2, 0.25, 0.3, 0.4];
  console.log(`| suggest ≥ | ${coverages.map((c) => `coverage ≥ ${c}`).join(' | ')} |\n|---|${coverages.map(() => '---|').join('')}`);
  for (const t of [0.2, 0.25, 0.3, 0.35, 0.4]) {
    const cells = coverages.map((c) => {
      const offered = (s: Sample): boolean => conf(s) >= t && s.coverage >= c;
      return `${pct(share(inScope, (s) => offered(s) && s.correct3))} / ${pct(share(oos, offered))}`;
    });
    console.log(`| ${t}${t === suggest ? ' (default)' : ''} | ${cells.join(' | ')} |`);
  }
}

// --- learning from shoppers ---------------------------------------------------------

/**
 * Half A asks, in file order, of a FAQ that learns as it goes; returns top-1 on half B before
 * and after, and how many phrasings were added. `owner`: the owner also teaches every
 * question the unanswered list would show (no match, a declined suggestion, a wrong answer
 * the shopper said No to), not only the shoppers' picks among suggestions.
 */
function learn(run: Run, owner: boolean): { before: number; after: number; taught: number } {
  const entries = new Map(entriesOf(run).map((e) => [e.id, e]));
  const index = createFaqIndex([...entries.values()]);
  const heldOut = run.queries.filter((q) => q.faqId !== null && isHeldOut(q.text));
  const top1 = (): number => share(heldOut, (q) => match(index, q.text, { lang: run.queryLang }).matches[0]?.id === q.faqId);
  const before = top1();
  let taught = 0;
  for (const q of run.queries) {
    if (q.faqId === null || isHeldOut(q.text)) continue;
    const result = match(index, q.text, { lang: run.queryLang });
    const answeredRight = result.decision === 'answer' && result.matches[0]?.id === q.faqId;
    const picked = result.decision === 'suggest' && result.matches.some((m) => m.id === q.faqId);
    if (answeredRight || !(picked || owner)) continue;
    const entry = entries.get(q.faqId);
    if (!entry) continue;
    entry.phrasings = [...entry.phrasings, q.text];
    index.upsert(entry);
    taught++;
  }
  return { before, after: top1(), taught };
}

function learning(sets: ReturnType<typeof loadSets>): void {
  console.log('\nLearning from shoppers (5 phrasings to start; half A teaches, half B is measured): top-1 on half B, %\n');
  console.log('| set | before | shoppers\' picks among suggestions | phrasings added | + every question of the unanswered list | phrasings added |\n|---|---|---|---|---|---|');
  for (const run of runsOf(sets).filter((r) => r.phrasings === 5 && !r.label.includes('→'))) {
    const picks = learn(run, false);
    const all = learn(run, true);
    console.log(`| ${run.label} | ${pct(picks.before)} | ${pct(picks.after)} | ${picks.taught} | ${pct(all.after)} | ${all.taught} |`);
  }
}

// --- main --------------------------------------------------------------------------

function main(): void {
  const calibrating = process.argv.includes('--calibrate');
  const sets = loadSets();
  if (sets.length === 0) throw new Error(`No evaluation sets in ${evalDir}`);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`FAQ matcher evaluation — ${cpu}, Node ${process.version}, thresholds answer ${DEFAULT_THRESHOLDS.answer} / suggest ${DEFAULT_THRESHOLDS.suggest}\n`);
  console.log('Each cell: **ours** / baseline (plain fuse.js). Accuracy and rates in %, latency in ms per question.\n');
  console.log('| set | phrasings | top-1 | top-1 held-out half | top-3 | answer precision | in-scope answered | out-of-scope answered | out-of-scope none | mean ms | p95 ms | index build ms |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const samples: { run: Run; samples: Sample[] }[] = [];
  const development: string[] = [];
  for (const run of runsOf(sets)) {
    const start = performance.now();
    const index = createFaqIndex(entriesOf(run));
    const buildMs = performance.now() - start;
    console.log(row(run, summarise(measureOurs(run, index)), summarise(measureBaseline(run)), buildMs));
    if (!run.label.includes('→')) {
      if (calibrating) samples.push({ run, samples: samplesOf(run, index) });
      development.push(`${run.label} ${run.phrasings}: ${pct(summarise(measureOurs({ ...run, queries: developmentQuestions(run) }, index)).top1)}`);
    }
  }
  // What scoring choices are made on: compare these, not the table above, when trying a change.
  console.log(`\n${demoPlainMarkdown()}`);
  console.log(`\n${linkedScriptsMarkdown(evalDir, PHRASING_COUNTS)}`);
  console.log(`\nTop-1 on the development questions (unused training phrasings + half A): ${development.join(', ')}`);
  if (calibrating) calibrate(samples);
  if (process.argv.includes('--learn')) learning(sets);
}

main();
