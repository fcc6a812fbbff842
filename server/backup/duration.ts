// `--backup-every 6h`: a whole number and one unit. Seconds are allowed so tests (and the
// curious) can watch a schedule run; anything else is refused with what to write instead.

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A year: longer is certainly a typo, and keeps the arithmetic far from overflow. */
const MAX_MS = 365 * UNIT_MS.d;

export const DURATION_HINT = 'a whole number and a unit: 30s, 15m, 6h or 1d';

/** Milliseconds, or null when `text` is not a duration like 30s, 15m, 6h, 1d. */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,9})([smhd])$/.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  return ms > 0 && ms <= MAX_MS ? ms : null;
}


/** The largest whole unit: 86400000 → "1d", 90000 → "90s". */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${ms}ms`;
}
