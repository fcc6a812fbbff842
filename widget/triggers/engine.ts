// The trigger scheduler: decides when a proactive prompt is shown, and makes sure it never
// nags. It owns the one timer, remembers what already fired (in the widget's storage), and
// asks for exactly the watchers the live rules need. Caps:
// - at most one prompt per page view;
// - a rule at most once per visit (if set) and once per N days (if set);
// - nothing for QUIET_MS after the shopper dismisses any prompt;
// - nothing while `blocked()` (typing, panel open, talking to an agent): checked again when
//   the chat calls `check()`.
// No Preact, no socket.io, no DOM: the clock, storage and watchers are injected.
import type { WidgetTrigger } from '../../server/protocol.js';
import type { KeyValue } from '../storage.js';
import { STATIC, waitFor, type Env, type Signals, type Visit } from './conditions.js';

/** A visit ends after this long without a page view. */
export const VISIT_GAP_MS = 30 * 60_000;
/** After a dismissal, no prompt at all for this long. */
export const QUIET_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

export type Need = 'scroll' | 'exit' | 'idle';

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EngineDeps {
  rules: WidgetTrigger[];
  env: Env;
  storage: KeyValue;
  clock: Timers;
  /** Attaches the DOM watchers for `needs`, reporting through `signal`; returns their removal. */
  watch(needs: Set<Need>, signal: (change: Partial<Pick<Signals, 'scroll' | 'exit' | 'lastActivity'>>) => void): () => void;
  show(rule: WidgetTrigger): void;
  blocked(): boolean;
}

const read = <T>(storage: KeyValue, key: string, fallback: T): T => {
  try {
    return (JSON.parse(storage.get(key) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
};

/** Counts this page view (`url`: the page's, absolute) into the visit (a new visit after VISIT_GAP_MS), and stores it. */
export function startVisit(storage: KeyValue, now: number, url: string): Visit {
  const old = read<Visit | null>(storage, 'visit', null);
  const visit: Visit = old && now - old.last < VISIT_GAP_MS
    ? { ...old, last: now, pages: old.pages + 1 }
    : { n: (old?.n ?? 0) + 1, start: now, last: now, pages: 1, utm: new URL(url).searchParams.get('utm_source') ?? '', shown: [] };
  storage.set('visit', JSON.stringify(visit));
  return visit;
}

export interface Engine {
  /** A custom event from the page (`Deskbell.track`). */
  track(name: string, data: Record<string, unknown>): void;
  /** Re-evaluate now (the chat's state changed: panel closed, typing stopped…). */
  check(): void;
  /** The shopper dismissed the prompt: the quiet period starts. */
  dismissed(): void;
  /**
   * A single-page shop showed another page without loading one (`visit`: this view counted
   * in, by startVisit): a page view of its own, with its own rules, timers and one prompt.
   */
  navigated(url: string, visit: Visit): void;
  /** Watchers attached now (for tests and the benchmark). */
  readonly needs: ReadonlySet<Need>;
}

export function createEngine(deps: EngineDeps, visit: Visit): Engine {
  // `visit` is replaced when a single-page shop navigates (navigated()).
  const { rules, env, storage, clock } = deps;
  const now0 = clock.now();
  const signals: Signals = { pageStart: now0, lastActivity: now0, scroll: 0, exit: false, events: new Map() };
  let shownThisPage = false;
  let timer: unknown = null;
  let needs = new Set<Need>();
  /** The smallest scroll depth a live rule still waits for: shallower scrolling checks nothing. */
  let nextScroll = Infinity;
  let unwatch: (() => void) | null = null;

  const allowed = (rule: WidgetTrigger, now: number): boolean => {
    if (rule.cap.oncePerVisit && visit.shown.includes(rule.id)) return false;
    const last = read<Record<string, number>>(storage, 'shown', {})[rule.id];
    return !(rule.cap.days > 0 && last !== undefined && now - last < rule.cap.days * DAY_MS);
  };

  const setNeeds = (next: Set<Need>): void => {
    if (next.size === needs.size && [...next].every((n) => needs.has(n))) return;
    unwatch?.();
    unwatch = null;
    needs = next;
    if (next.size > 0) unwatch = deps.watch(next, signal);
  };

  const fire = (rule: WidgetTrigger, now: number): void => {
    shownThisPage = true;
    visit.shown.push(rule.id);
    storage.set('visit', JSON.stringify(visit));
    storage.set('shown', JSON.stringify({ ...read<Record<string, number>>(storage, 'shown', {}), [rule.id]: now }));
    deps.show(rule);
  };

  function check(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const now = clock.now();
    const quietUntil = read<number>(storage, 'quiet', 0);
    if (shownThisPage || now < quietUntil) {
      setNeeds(new Set());
      // A quiet period can end during this page view: look again then.
      if (!shownThisPage) timer = clock.setTimeout(check, quietUntil - now);
      return;
    }
    const blocked = deps.blocked();
    const next = new Set<Need>();
    let soonest = Infinity;
    nextScroll = Infinity;
    for (const rule of rules) {
      if (!allowed(rule, now)) continue;
      const waits = rule.conditions.map((c) => waitFor(c, now, env, visit, signals));
      // Fails a condition no watcher or timer can change: this rule is out for the page.
      if (rule.conditions.some((c, i) => STATIC.has(c.type) && waits[i] !== 0)) continue;
      const wait = Math.max(...waits);
      if (wait === 0 && !blocked) {
        setNeeds(new Set());
        return fire(rule, now);
      }
      if (wait > 0 && wait < Infinity) soonest = Math.min(soonest, wait);
      for (const c of rule.conditions) {
        if (c.type === 'scroll') {
          next.add('scroll');
          if (c.percent > signals.scroll) nextScroll = Math.min(nextScroll, c.percent);
        }
        else if (c.type === 'exitIntent') next.add('exit');
        else if (c.type === 'idle') next.add('idle');
      }
    }
    setNeeds(next);
    if (soonest < Infinity) timer = clock.setTimeout(check, soonest);
  }

  // Called on every scroll frame and pointer move: cheap unless a rule may now hold.
  function signal(change: Partial<Pick<Signals, 'scroll' | 'exit' | 'lastActivity'>>): void {
    if (change.lastActivity !== undefined) signals.lastActivity = change.lastActivity;
    if (change.scroll !== undefined && change.scroll > signals.scroll) {
      signals.scroll = change.scroll;
      if (change.scroll >= nextScroll) return check();
    }
    if (change.exit && !signals.exit) {
      signals.exit = true;
      return check();
    }
    // Activity only pushes idle timers back; the timer's check reads the new time.
  }

  check();
  return {
    track(name, data) {
      signals.events.set(name, data);
      check();
    },
    check,
    dismissed() {
      storage.set('quiet', String(clock.now() + QUIET_MS));
      check();
    },
    navigated(url, next) {
      const now = clock.now();
      env.url = url;
      visit = next;
      // The page's own signals start again; the page's custom events stay (an SPA tracks its cart once, not on every view).
      Object.assign(signals, { pageStart: now, scroll: 0, exit: false });
      shownThisPage = false;
      check();
    },
    get needs() {
      return needs;
    },
  };
}
