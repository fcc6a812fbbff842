// Whether a row that scrolls sideways has more past either edge. A phone shows no scrollbar
// until the row is touched, so a button cut at the screen's edge is the only hint there is;
// styles.css draws a fade at each edge that has more, from the attributes set here.
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/** Keeps `data-more-start` and `data-more-end` on `frame` while `row` can scroll that way. */
export function useScrollEdges(row: RefObject<HTMLElement>, frame: RefObject<HTMLElement>): void {
  // After every render: the buttons in the row come and go with the conversation's state.
  useLayoutEffect(() => {
    const el = row.current;
    const box = frame.current;
    if (!el || !box) return;
    const update = (): void => {
      // Math.abs: in a right-to-left page scrollLeft counts down from 0.
      const before = Math.abs(el.scrollLeft);
      box.toggleAttribute('data-more-start', before > 1);
      box.toggleAttribute('data-more-end', el.scrollWidth - el.clientWidth - before > 1);
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resized.disconnect();
    };
  });
}
