// The page signals triggers watch, as passive listeners attached only while a live rule
// needs them (the engine asks; it removes them once a prompt is shown or no rule is left).
// Scroll is measured at most every SAMPLE_MS, never in the scroll event itself: the event
// only arms a timer. (Not requestAnimationFrame: asking for a frame from a scroll event cost
// 0.2-0.5 ms per event in Chromium, a timer 5 µs; bench/triggers-scroll.ts, docs/benchmarks.md.)
// Exit intent: on desktop the pointer leaving through the top of the window; on touch, a
// quick scroll back up or the tab being hidden.
// A part the loader fetches only on pages where a live rule waits for one of these signals
// (widget/triggers/start.ts), so the loader doesn't carry it.
import type { Signals } from './conditions.js';
import { touchDevice } from './device.js';
import type { Need } from './engine.js';

type Change = Partial<Pick<Signals, 'scroll' | 'exit' | 'lastActivity'>>;

/** A quick scroll up on touch: this share of the viewport within UP_MS. */
const UP_SHARE = 0.3;
const UP_MS = 400;
const SAMPLE_MS = 100;

export function watchPage(needs: Set<Need>, signal: (change: Change) => void, now: () => number = Date.now): () => void {
  const off: Array<() => void> = [];
  const on = <K extends keyof WindowEventMap | keyof DocumentEventMap>(target: Window | Document, type: K, fn: (e: Event) => void): void => {
    target.addEventListener(type, fn, { passive: true });
    off.push(() => target.removeEventListener(type, fn));
  };
  const touch = touchDevice();

  if (needs.has('scroll') || (needs.has('exit') && touch)) {
    let timer: ReturnType<typeof setTimeout> | 0 = 0;
    let upFrom = { y: scrollY, at: now() };
    const measure = (): void => {
      timer = 0;
      const root = document.documentElement;
      const height = Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0);
      const y = scrollY;
      if (needs.has('scroll')) signal({ scroll: height <= innerHeight ? 100 : Math.min(100, ((y + innerHeight) / height) * 100) });
      if (needs.has('exit') && touch) {
        const t = now();
        if (y > upFrom.y || t - upFrom.at > UP_MS) upFrom = { y, at: t };
        else if (upFrom.y - y > innerHeight * UP_SHARE) signal({ exit: true });
      }
    };
    on(window, 'scroll', () => {
      if (!timer) timer = setTimeout(measure, SAMPLE_MS);
    });
    off.push(() => clearTimeout(timer));
    // A page shorter than the window is read in full already: measured on the next sample,
    // not now (reading the layout now would force one in the middle of the page's start).
    if (needs.has('scroll')) timer = setTimeout(measure, SAMPLE_MS);
  }
  if (needs.has('exit')) {
    if (touch) on(document, 'visibilitychange', () => document.visibilityState === 'hidden' && signal({ exit: true }));
    else on(document, 'mouseout', (e) => {
      const m = e as MouseEvent;
      if (!m.relatedTarget && m.clientY <= 0) signal({ exit: true });
    });
  }
  if (needs.has('idle')) {
    const active = (): void => signal({ lastActivity: now() });
    for (const type of ['pointermove', 'keydown', 'scroll', 'touchstart'] as const) on(type === 'keydown' ? document : window, type, active);
  }
  return () => off.splice(0).forEach((f) => f());
}
