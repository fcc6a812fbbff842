// Whether a trigger's condition holds, as a wait: 0 = it holds now, n = it will hold in n ms
// if nothing else changes (time on page, idle), Infinity = not until some signal changes.
// Pure: everything it reads is passed in, so rules are unit-tested with a fake clock.
// No Preact, no socket.io: this runs in the loader, before the chat is loaded.
import type { TriggerCondition } from '../../server/protocol.js';

export interface Visit {
  /** 1 for the browser's first visit. */
  n: number;
  start: number;
  last: number;
  /** Pages viewed this visit, this one included. */
  pages: number;
  /** utm_source of the visit's landing page. */
  utm: string;
  /** Triggers already shown this visit. */
  shown: string[];
}

export interface Signals {
  pageStart: number;
  lastActivity: number;
  /** Deepest scroll this page, in percent of the page. */
  scroll: number;
  exit: boolean;
  /** The latest data of each custom event tracked on this page. */
  events: Map<string, Record<string, unknown>>;
}

export interface Env {
  url: string;
  referrer: string;
  lang: string;
  mobile: boolean;
  agentsOnline(): boolean;
}

const yes = (b: boolean): number => (b ? 0 : Infinity);
const has = (text: string, part: string): boolean => text.toLowerCase().includes(part.toLowerCase());
const left = (seconds: number, since: number, now: number): number => Math.max(0, seconds * 1000 - (now - since));

/** "/cart*" is a path glob (`*` = anything); any other pattern matches URLs containing it. `url` is the page's (absolute). */
export function pageMatches(url: string, include: string[], exclude: string[] = []): boolean {
  const path = new URL(url).pathname;
  const one = (p: string): boolean => {
    if (!p.startsWith('/')) return has(url, p);
    const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return re.test(path);
  };
  return include.some(one) && !exclude.some(one);
}

type Comparison = NonNullable<Extract<TriggerCondition, { type: 'event' }>['where']>[number];

export function compare(data: Record<string, unknown>, { field, op, value }: Comparison): boolean {
  const got = field.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
  if (got === undefined || got === null) return false;
  if (op === 'contains') return has(String(got), String(value));
  if (op === '=' || op === '!=') return (typeof value === 'number' ? Number(got) === value : String(got) === String(value)) === (op === '=');
  const n = Number(got);
  if (!Number.isFinite(n) || typeof value !== 'number') return false;
  return op === '>' ? n > value : op === '>=' ? n >= value : op === '<' ? n < value : n <= value;
}

export function waitFor(c: TriggerCondition, now: number, env: Env, visit: Visit, s: Signals): number {
  switch (c.type) {
    case 'page': return yes(pageMatches(env.url, c.include, c.exclude));
    case 'timeOnPage': return left(c.seconds, s.pageStart, now);
    case 'timeOnSite': return left(c.seconds, visit.start, now);
    case 'idle': return left(c.seconds, s.lastActivity, now);
    case 'scroll': return yes(s.scroll >= c.percent);
    case 'exitIntent': return yes(s.exit);
    case 'visitor': return yes((visit.n === 1) === (c.is === 'new'));
    case 'pagesViewed': return yes(visit.pages >= c.min);
    case 'referrer': return yes(has(env.referrer, c.contains));
    case 'utmSource': return yes(has(visit.utm, c.contains));
    case 'device': return yes(env.mobile === (c.is === 'mobile'));
    case 'language': return yes((c.in as string[]).includes(env.lang));
    case 'event': {
      const data = s.events.get(c.name);
      return yes(data !== undefined && (c.where ?? []).every((w) => compare(data, w)));
    }
    case 'agentsOnline': return yes(env.agentsOnline() === c.online);
  }
}

/** Conditions that only change with a new page view: a rule failing one needs no watcher. */
export const STATIC = new Set<TriggerCondition['type']>(['page', 'visitor', 'pagesViewed', 'referrer', 'utmSource', 'device', 'language']);
