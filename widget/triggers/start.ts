// Starts what triggers need on a page view: counts the visit, reports the page view, and —
// when the site has rules — runs the engine with the page's watchers. Kept apart from the
// chat (no Preact, no socket.io): it runs in the loader (widget/loader/), before any chat is fetched.
import type { Lang, TriggerOutcome, WidgetTrigger } from '../../server/protocol.js';
import type { KeyValue } from '../storage.js';
import { createEngine, startVisit, type Engine } from './engine.js';
import { touchDevice } from './device.js';
import { anonId, beacon, outcome, pageView } from './journey.js';
import type { watchPage } from './watchers.js';

export interface TriggerStart {
  server: string;
  siteKey: string;
  rules: WidgetTrigger[];
  lang: Lang;
  storage: KeyValue;
  agentsOnline(): boolean;
  show(rule: WidgetTrigger): void;
  blocked(): boolean;
  /** The page watchers (widget/triggers/watchers.ts), fetched the first time a rule needs one. */
  watchers(): Promise<typeof watchPage>;
}

export interface Triggers {
  anon: string;
  engine: Engine | null;
  outcome(trigger: string, what: TriggerOutcome): void;
}

const timers = { now: () => Date.now(), setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as number) };

export function startTriggers(o: TriggerStart): Triggers {
  const visit = startVisit(o.storage, Date.now(), location.href);
  const anon = anonId(o.storage);
  const base = { site: o.siteKey, anon, visit: visit.n };
  const send = beacon(o.server, base);
  pageView(send);
  const engine = o.rules.length === 0 ? null : createEngine({
    rules: o.rules,
    env: { url: location.href, referrer: document.referrer, lang: o.lang, mobile: touchDevice() || innerWidth < 768, agentsOnline: o.agentsOnline },
    storage: o.storage,
    clock: timers,
    watch(needs, signal) {
      // Attached once the watchers have arrived, unless the engine no longer wants them by then.
      let off: (() => void) | null = null;
      let wanted = true;
      o.watchers().then((watchPage) => wanted && (off = watchPage(needs, signal)), (err: unknown) => console.error('[Deskbell] Could not load the prompt watchers.', err));
      return () => {
        wanted = false;
        off?.();
      };
    },
    show(rule) {
      outcome(send, rule.id, 'shown');
      o.show(rule);
    },
    blocked: o.blocked,
  }, visit);
  // A single-page shop shows another page by changing the URL (history.pushState): that is a
  // page view too, for the agent's view of the journey and for the rules. Read once a second
  // (no patching of the shop's history API); a change of the #fragment alone is not a page.
  const page = (): string => location.href.split('#')[0] ?? '';
  let shown = page();
  setInterval(() => {
    if (page() === shown) return;
    shown = page();
    const next = startVisit(o.storage, Date.now(), location.href);
    base.visit = next.n;
    pageView(send);
    engine?.navigated(location.href, next);
  }, 1000);
  return { anon, engine, outcome: (trigger, what) => outcome(send, trigger, what) };
}
