// Calendar arithmetic in a site's time zone (an IANA name), with the platform's Intl data:
// report ranges are whole local days, and the busiest-hours map counts local hours. Local
// days are not 24 hours long across daylight-saving changes (23 or 25), so nothing here
// adds 86,400,000 ms to a local time.
import { deskbellError } from '../errors.js';

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws DESKBELL_VALIDATION for a name Intl does not know. */
export function checkTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw deskbellError('DESKBELL_VALIDATION', `unknown time zone "${timeZone}": use an IANA name such as Europe/London or Asia/Taipei`);
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at instant `ms`, in ms (local = UTC + offset). */
export function offsetAt(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - (Math.floor(ms / 1000) * 1000);
}

/** A calendar date as written in a report range. */
export interface LocalDate { year: number; month: number; day: number }

export function parseDate(text: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!date || formatDate(date) !== formatDate(fromUtcDay(Date.UTC(date.year, date.month - 1, date.day)))) {
    throw deskbellError('DESKBELL_VALIDATION', `"${text}" is not a date: write YYYY-MM-DD, e.g. 2026-03-08`);
  }
  return date;
}

export function formatDate(d: LocalDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function fromUtcDay(ms: number): LocalDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The instant a local day begins. Usually its midnight; where a daylight-saving jump skips
 * midnight (some zones change at 00:00), the first instant that falls on that day.
 */
export function startOfDay(date: LocalDate, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  // Two rounds settle the offset in effect at the answer, not at the guess.
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  if (t + offsetAt(t, timeZone) < wall) {
    // Midnight did not exist: the day starts when the clock jumped, within the next hours.
    let lo = t;
    let hi = t + 3 * 3_600_000;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (mid + offsetAt(mid, timeZone) < wall) lo = mid;
      else hi = mid;
    }
    t = hi;
  }
  return t;
}

/** The half-open instant range [start, end) of local days `from` to `to`, both included. */
export function dayRange(from: LocalDate, to: LocalDate, timeZone: string): { start: number; end: number } {
  const next = fromUtcDay(Date.UTC(to.year, to.month - 1, to.day) + DAY_MS);
  const start = startOfDay(from, timeZone);
  const end = startOfDay(next, timeZone);
  if (end <= start) throw deskbellError('DESKBELL_VALIDATION', `the range ends (${formatDate(to)}) before it starts (${formatDate(from)})`);
  return { start, end };
}

/** A UTC day's offsets: `before` until the instant `change`, `after` from it. */
interface DayOffsets { change: number; before: number; after: number }

const zoneDays = new Map<string, Map<number, DayOffsets>>();
/** Days remembered per zone (Intl's answers do not change while the server runs): ten years or so. */
const ZONE_DAYS_MAX = 4_000;

/**
 * Local weekday (0 = Monday … 6 = Sunday) and hour (0-23) of many instants in one zone,
 * without asking Intl for each: the offset is looked up at both ends of each UTC day, and
 * only a day whose ends differ (a daylight-saving change, at most one a day) is searched
 * for the instant it changes.
 */
export class ZoneCalendar {
  private readonly days: Map<number, DayOffsets>;
  constructor(readonly timeZone: string) {
    // Shared by every calendar of the zone: a year's report asks Intl ~730 times otherwise.
    this.days = zoneDays.get(timeZone) ?? zoneDays.set(timeZone, new Map()).get(timeZone)!;
    if (this.days.size > ZONE_DAYS_MAX) this.days.clear();
  }

  offset(ms: number): number {
    const day = Math.floor(ms / DAY_MS);
    let d = this.days.get(day);
    if (!d) {
      d = this.dayOffsets(day);
      this.days.set(day, d);
    }
    return ms < d.change ? d.before : d.after;
  }

  private dayOffsets(day: number): DayOffsets {
    const start = day * DAY_MS;
    const before = offsetAt(start, this.timeZone);
    const after = offsetAt(start + DAY_MS - 1, this.timeZone);
    if (before === after) return { change: start, before, after };
    // The first instant with the new offset; offsets change on whole seconds.
    let lo = start;
    let hi = start + DAY_MS - 1;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (offsetAt(mid, this.timeZone) === before) lo = mid;
      else hi = mid;
    }
    const change = Math.floor(hi / 1000) * 1000;
    return { change: offsetAt(change, this.timeZone) === before ? change + 1000 : change, before, after };
  }

  weekdayHour(ms: number): { weekday: number; hour: number } {
    const local = ms + this.offset(ms);
    const days = Math.floor(local / DAY_MS);
    // 1970-01-01 was a Thursday (weekday 3 counting from Monday).
    const weekday = (((days + 3) % 7) + 7) % 7;
    const hour = Math.floor((local - days * DAY_MS) / 3_600_000);
    return { weekday, hour };
  }
}
