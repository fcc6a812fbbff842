// Business hours per site, in the site's time zone: outside them the widget says when people
// are back and offers leave-a-message (the bot keeps answering). Written as a short text a
// shop owner can type: "mon-fri 09:00-18:00, sat 10:00-14:00" (days mon..sun; several
// ranges per day allowed; a range may not cross midnight: write two).
import { deskbellError } from '../errors.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export interface BusinessHours {
  timeZone: string;
  /** Minutes from local midnight, [start, end), per day. */
  week: Record<Day, Array<[number, number]>>;
}

const RANGE = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

export function parseHours(text: string, timeZone: string): BusinessHours {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw deskbellError('DESKBELL_VALIDATION', `"${timeZone}" is not a time zone; write it like Asia/Taipei`);
  }
  const week = Object.fromEntries(DAYS.map((d) => [d, [] as Array<[number, number]>])) as BusinessHours['week'];
  for (const part of text.toLowerCase().split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = RANGE.exec(part);
    const from = DAYS.indexOf(m?.[1] as Day);
    const to = m?.[2] === undefined ? from : DAYS.indexOf(m[2] as Day);
    if (!m || from < 0 || to < from) throw deskbellError('DESKBELL_VALIDATION', `"${part}": write days and hours like "mon-fri 09:00-18:00"`);
    const start = Number(m[3]) * 60 + Number(m[4]);
    const end = Number(m[5]) * 60 + Number(m[6]);
    if (Number(m[4]) > 59 || Number(m[6]) > 59 || start >= end || end > 24 * 60) {
      throw deskbellError('DESKBELL_VALIDATION', `"${part}": the hours must be within one day, start before end`);
    }
    for (let d = from; d <= to; d++) week[DAYS[d]!].push([start, end]);
  }
  if (DAYS.every((d) => week[d].length === 0)) throw deskbellError('DESKBELL_VALIDATION', 'no opening hours given; write them like "mon-fri 09:00-18:00"');
  for (const d of DAYS) week[d].sort((a, b) => a[0] - b[0]);
  return { timeZone, week };
}

/** Back to the text form, for showing and editing. */
export function formatHours(hours: BusinessHours): string {
  const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return DAYS.flatMap((d) => hours.week[d].map(([a, b]) => `${d} ${hhmm(a)}-${hhmm(b)}`)).join(', ');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local weekday and minute of `at` in the time zone. */
function local(at: number, timeZone: string): { day: number; minute: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = DAYS.indexOf(get('weekday').toLowerCase().slice(0, 3) as Day);
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/**
 * Open now? And when it next opens (when closed), to the minute. Walks forward in steps
 * from local time, so time-zone offsets and daylight saving changes need no table.
 */
export function hoursState(hours: BusinessHours, now: number): { open: boolean; opensAt: number | null } {
  const isOpen = (at: number): boolean => {
    const { day, minute } = local(at, hours.timeZone);
    return (hours.week[DAYS[day]!] ?? []).some(([a, b]) => minute >= a && minute < b);
  };
  if (isOpen(now)) return { open: true, opensAt: null };
  // Every quarter hour up to 8 days ahead (ranges start on any minute: refine to the minute).
  const start = now - (now % 60_000);
  for (let t = start + 60_000; t <= now + 8 * 86_400_000; t += 15 * 60_000) {
    if (!isOpen(t)) continue;
    let at = t;
    while (at - 60_000 > now && isOpen(at - 60_000)) at -= 60_000;
    return { open: false, opensAt: at };
  }
  return { open: false, opensAt: null };
}
