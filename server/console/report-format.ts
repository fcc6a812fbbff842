// How the dashboard writes its figures: counts and shares in the agent's language, durations
// in the largest sensible unit, and each headline's change against the previous period —
// relative for counts and times, in percentage points for shares, plain for the 1-5 score.
import type { Lang } from '../protocol.js';
import type { Translate } from './i18n/index.js';

export type FigureKind = 'count' | 'share' | 'seconds' | 'score';

export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang).format(n);
}

export function formatShare(rate: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function formatSeconds(seconds: number, lang: Lang, t: Translate): string {
  const n = (v: number, digits: number): string => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
  if (seconds < 60) return t('repSeconds', { n: n(Math.round(seconds), 0) });
  if (seconds < 3600) return t('repMinutes', { n: n(seconds / 60, 1) });
  return t('repHours', { n: n(seconds / 3600, 1) });
}

export function formatFigure(value: number | null, kind: FigureKind, lang: Lang, t: Translate): string {
  if (value === null) return t('repNoData');
  if (kind === 'count') return formatCount(value, lang);
  if (kind === 'share') return formatShare(value, lang);
  if (kind === 'seconds') return formatSeconds(value, lang, t);
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** The change from `previous` to `current`, in words; which way is better is the reader's call. */
export function formatChange(current: number | null, previous: number | null, kind: FigureKind, lang: Lang, t: Translate): { text: string; direction: 'up' | 'down' | 'same' | 'none' } {
  if (current === null || previous === null) return { text: t('repNoPrevious'), direction: 'none' };
  let amount: string;
  let diff: number;
  if (kind === 'share') {
    diff = Math.round((current - previous) * 1000) / 10;
    amount = t('repPoints', { n: new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(Math.abs(diff)) });
  } else if (kind === 'score') {
    diff = Math.round((current - previous) * 100) / 100;
    amount = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(diff));
  } else {
    if (previous === 0) return current === 0 ? { text: t('repSame'), direction: 'same' } : { text: t('repNoPrevious'), direction: 'none' };
    const ratio = (current - previous) / previous;
    diff = Math.round(ratio * 1000) / 10;
    amount = formatShare(Math.abs(ratio), lang);
  }
  if (diff === 0) return { text: t('repSame'), direction: 'same' };
  return diff > 0 ? { text: t('repUp', { change: amount }), direction: 'up' } : { text: t('repDown', { change: amount }), direction: 'down' };
}
