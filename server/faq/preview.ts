// What a site's thresholds would mean for its own FAQ: each entry's own wordings (its
// question and phrasings) are questions whose right answer is known, so the FAQ is asked
// each of them and the bot's decisions counted. Leave-one-out: while a wording is asked it is
// taken out of its entry (and the index), or it would find itself and every threshold would
// look perfect. The matcher's scores do not depend on the thresholds, so a FAQ is weighed
// once (`weighFaq`, slow, in slices) and any thresholds are then counted at once
// (`previewThresholds`). See docs/faq-matcher.md, "Choosing the thresholds".

import { FaqIndex } from './index.js';
import { decideWeighed, weigh, type Weighed } from './match.js';
import type { FaqEntry, MatchThresholds } from './types.js';

/** An entry as indexed, and the wordings of it a shopper could have typed (not its keyword line). */
export interface PreviewEntry {
  entry: FaqEntry;
  asks: string[];
}

/** One wording asked: the entry it belongs to, and what the matcher found without it. */
interface Asked {
  faqId: string;
  weighed: Weighed;
}

export interface FaqWeighing {
  asked: Asked[];
  /** Wordings that could be asked (each enabled entry's, when it keeps another without it). */
  available: number;
}

/** `POST /api/sites/:key/bot-settings/preview` */
export interface BotPreview {
  /** Wordings asked: all of `available`, or an evenly spread sample of MAX_ASKED. */
  asked: number;
  available: number;
  /** Fewer than MIN_ASKED wordings say nothing worth a number: the counts are then 0. */
  enough: boolean;
  minimum: number;
  answered: number;
  /** Answered with the entry the wording belongs to. */
  answeredRight: number;
  suggested: number;
  /** "Did you mean…" offered the wording's own entry among its choices. */
  suggestedRight: number;
  /** No fit (or asked for a person): the bot hands the shopper to a person. */
  handedOver: number;
}

/** Below this a share moves by 5 points or more with one wording: no numbers. */
export const MIN_ASKED = 20;
/**
 * Each asked wording costs an upsert of its entry without it, a match and an upsert back
 * (~0.6 ms), so 2,000 entries × 6 wordings would take ~7 s of a core. A sample of 1,000,
 * spread evenly over the entries, takes about half a second and puts a share within ±3
 * points (95%) of the whole FAQ's.
 */
export const MAX_ASKED = 1000;

export interface WeighOptions {
  maxAsked?: number;
  /** Work at most this long before letting the event loop run (default 8 ms). */
  sliceMs?: number;
  /** How to let it run (default: setImmediate). */
  pause?: () => Promise<void>;
  now?: () => number;
}

const key = (text: string): string => text.trim().toLowerCase();

/** The entry with every copy of `text` taken out of its wordings; null when nothing would be left. */
function without(entry: FaqEntry, text: string): FaqEntry | null {
  const rest = [entry.question, ...entry.phrasings].filter((t) => key(t) !== key(text));
  const [question, ...phrasings] = rest;
  return question === undefined ? null : { ...entry, question, phrasings };
}

/** Every wording that can be asked, as [entry, wording], in FAQ order. */
function askable(entries: PreviewEntry[]): Array<[FaqEntry, string]> {
  const all: Array<[FaqEntry, string]> = [];
  for (const { entry, asks } of entries) {
    if (!entry.enabled) continue;
    const seen = new Set<string>();
    for (const text of asks) {
      if (text.trim() === '' || seen.has(key(text)) || !without(entry, text)) continue;
      seen.add(key(text));
      all.push([entry, text]);
    }
  }
  return all;
}

/** `max` of `all`, evenly spread (deterministic: the same FAQ always gives the same numbers). */
function spread<T>(all: T[], max: number): T[] {
  if (all.length <= max) return all;
  return Array.from({ length: max }, (_, i) => all[Math.floor((i * all.length) / max)]!);
}

/**
 * Weighs every askable wording of a FAQ (or MAX_ASKED of them) on a copy of its index,
 * yielding to the event loop every `sliceMs`: building the copy and asking 1,000 wordings
 * is ~1 s of work for a 2,000-entry FAQ, which must not stall shoppers' chats.
 */
export async function weighFaq(entries: PreviewEntry[], options: WeighOptions = {}): Promise<FaqWeighing> {
  const now = options.now ?? (() => performance.now());
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const sliceMs = options.sliceMs ?? 8;
  let sliceStart = now();
  const breathe = async (): Promise<void> => {
    if (now() - sliceStart < sliceMs) return;
    await pause();
    sliceStart = now();
  };

  const index = new FaqIndex();
  for (const { entry } of entries) {
    index.upsert(entry);
    await breathe();
  }
  const all = askable(entries);
  const asked: Asked[] = [];
  for (const [entry, text] of spread(all, options.maxAsked ?? MAX_ASKED)) {
    index.upsert(without(entry, text)!);
    asked.push({ faqId: entry.id, weighed: weigh(index, text, { lang: entry.lang }) });
    index.upsert(entry);
    await breathe();
  }
  return { asked, available: all.length };
}

/** What the bot would do with the weighed wordings under `thresholds` (see bot.ts). */
export function previewThresholds({ asked, available }: FaqWeighing, thresholds: MatchThresholds): BotPreview {
  const preview: BotPreview = { asked: asked.length, available, enough: asked.length >= MIN_ASKED, minimum: MIN_ASKED, answered: 0, answeredRight: 0, suggested: 0, suggestedRight: 0, handedOver: 0 };
  if (!preview.enough) return preview;
  for (const { faqId, weighed } of asked) {
    const { decision, matches } = decideWeighed(weighed, thresholds);
    if (decision === 'answer') {
      preview.answered += 1;
      if (matches[0]?.id === faqId) preview.answeredRight += 1;
    } else if (decision === 'suggest') {
      preview.suggested += 1;
      // As bot.ts offers them: only candidates themselves worth suggesting.
      if (matches.some((m) => m.id === faqId && m.score >= thresholds.suggest)) preview.suggestedRight += 1;
    } else {
      preview.handedOver += 1;
    }
  }
  return preview;
}
