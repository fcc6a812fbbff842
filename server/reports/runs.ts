// Percentiles over many sorted runs without merging them. A report's durations are kept per
// cached day, each day's sorted once when it is computed (metrics.ts, partOf); a year is 364
// runs of a few hundred values. The value at a rank of their union is found by narrowing a
// window in every run around a pivot (binary searches), not by copying ~200,000 values into
// one array and selecting there.

/** Runs of values, each sorted ascending. */
export type SortedRuns = ReadonlyArray<readonly number[]>;

export function runsLength(runs: SortedRuns): number {
  let n = 0;
  for (const run of runs) n += run.length;
  return n;
}

/** First index in run[lo, hi) whose value is >= v (strict: > v). */
function bound(run: readonly number[], v: number, lo: number, hi: number, strict: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? run[mid]! <= v : run[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The value at 0-based rank `k` of all the runs' values together, sorted ascending (what
 * `sorted[k]` of their merge would be). As quickselect, with the runs' order kept: a pivot
 * drawn from the values left, counted below and equal in every run by binary search, and
 * each run's window cut to the side holding rank k; runs left empty are dropped. The draws
 * come from a fixed sequence: they decide only how fast, never what is found.
 */
export function selectInRuns(runs: SortedRuns, k: number): number {
  let active = runs.map((_, i) => i).filter((i) => runs[i]!.length > 0);
  const lo = new Int32Array(runs.length);
  const hi = Int32Array.from(runs, (r) => r.length);
  const lower = new Int32Array(runs.length);
  const upper = new Int32Array(runs.length);
  let left = runsLength(runs);
  if (!(k >= 0 && k < left)) throw new RangeError(`rank ${k} outside ${left} values`);
  let seed = 0x9e3779b9;
  let guess = true;
  for (;;) {
    let pivot = 0;
    if (guess) {
      // The runs are mostly alike (a day's waits look like another's): the value at k's share
      // of the way through the longest window is usually close to the answer.
      let longest = active[0]!;
      for (const i of active) if (hi[i]! - lo[i]! > hi[longest]! - lo[longest]!) longest = i;
      const size = hi[longest]! - lo[longest]!;
      pivot = runs[longest]![lo[longest]! + Math.min(size - 1, Math.floor(((k + 0.5) / left) * size))]!;
    } else {
      // When a guess cut little, a value drawn at a pseudo-random position among those left.
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      let at = Math.floor((seed / 2 ** 32) * left);
      for (const i of active) {
        const size = hi[i]! - lo[i]!;
        if (at < size) {
          pivot = runs[i]![lo[i]! + at]!;
          break;
        }
        at -= size;
      }
    }
    let below = 0;
    let equal = 0;
    for (const i of active) {
      const run = runs[i]!;
      lower[i] = bound(run, pivot, lo[i]!, hi[i]!, false);
      upper[i] = bound(run, pivot, lower[i]!, hi[i]!, true);
      below += lower[i]! - lo[i]!;
      equal += upper[i]! - lower[i]!;
    }
    const before = left;
    if (k < below) {
      for (const i of active) hi[i] = lower[i]!;
      left = below;
    } else if (k < below + equal) {
      return pivot;
    } else {
      for (const i of active) lo[i] = upper[i]!;
      k -= below + equal;
      left -= below + equal;
    }
    guess = left <= before * 0.75;
    active = active.filter((i) => hi[i]! > lo[i]!);
  }
}
