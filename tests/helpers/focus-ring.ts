// Focus rings measured from computed styles, where axe does not look (WCAG 2.4.7 Focus Visible,
// 1.4.11 Non-text Contrast): every stop Tab reaches, as a keyboard user arrives (that is when
// :focus-visible shows). The widget's ring sits on white, on the shop's accent colour and on the
// shop's page, so it must be two colours at least 9:1 apart, each at least 2 px (technique C40);
// the console's is one colour on surfaces we know, so it must be 3:1 on what lies behind it.
import type { Page } from 'playwright-core';
import { colours, contrast } from './contrast.js';

export interface Ring {
  /** `tag.class` of the element that draws the ring (a file input's label). */
  what: string;
  style: string;
  width: number;
  colour: string;
  /** The widget's halo (its box-shadow's colour and spread); the console has none. */
  halo: string;
  spread: number;
  /** The first opaque background behind the ring: the element's own when drawn inside it (negative offset). */
  ground: string;
}

/** The ring of what has focus: in the widget's shadow root (`widget`) or the page (`page`); null when focus is elsewhere. */
export function ringOf(page: Page, where: 'widget' | 'page'): Promise<Ring | null> {
  return page.evaluate((inWidget) => {
    const active = inWidget ? document.querySelector('deskbell-widget')?.shadowRoot?.activeElement : document.activeElement;
    if (!active || active === document.body) return null;
    // A visually hidden file input shows its ring on the label around it.
    const el = active.closest('.db-attach, .attach-button') ?? active;
    const s = getComputedStyle(el);
    // No named functions in here: the test's TypeScript compiler would wrap them in a helper the page does not have.
    let node: Element | null = parseFloat(s.outlineOffset) < 0 ? el : el.parentElement;
    let ground = 'rgb(255, 255, 255)';
    for (; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
      const bg = getComputedStyle(node).backgroundColor;
      if (bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) {
        ground = bg;
        break;
      }
    }
    const lengths = s.boxShadow.replace(/rgba?\([^)]*\)/g, '').split(',')[0]?.trim().split(/\s+/) ?? [];
    return {
      what: `${el.tagName.toLowerCase()}.${typeof el.className === 'string' ? el.className.split(' ')[0] : ''}`,
      style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor,
      halo: s.boxShadow, spread: parseFloat(lengths[3] ?? '0'), ground,
    };
  }, where === 'widget');
}

/** What is wrong with a widget ring (C40: two colours 9:1 apart, each ≥ 2 px), or null. */
export function widgetRingProblem(r: Ring): string | null {
  const [halo = ''] = colours(r.halo);
  if (r.style !== 'solid') return `${r.what}: no outline (${r.style})`;
  if (r.width < 2 || r.spread < 2) return `${r.what}: a colour under 2 px (outline ${r.width}px, halo ${r.halo})`;
  if (!halo || contrast(r.colour, halo) < 9) return `${r.what}: outline ${r.colour} and halo ${halo || 'none'} are ${halo ? contrast(r.colour, halo).toFixed(2) : 0}:1 apart, under 9:1`;
  return null;
}

/** What is wrong with a console ring (≥ 2 px, 3:1 on what lies behind it), or null. */
export function consoleRingProblem(r: Ring): string | null {
  if (r.style === 'none' || r.width < 2) return `${r.what}: no visible outline (${r.style} ${r.width}px)`;
  const ratio = contrast(r.colour, r.ground);
  if (ratio < 3) return `${r.what}: ring ${r.colour} on ${r.ground} is ${ratio.toFixed(2)}:1, under 3:1`;
  return null;
}

/**
 * Presses `key` (Tab or Shift+Tab) until focus leaves `where`, comes back to where it began, or
 * `max` stops; returns each stop's ring. Focus must already be on the first stop.
 */
export async function walkRings(page: Page, where: 'widget' | 'page', key: 'Tab' | 'Shift+Tab', max = 60): Promise<Ring[]> {
  const first = await ringOf(page, where);
  const seen = first ? [first] : [];
  const start = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? '');
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const ring = await ringOf(page, where);
    if (!ring) break;
    if (where === 'page' && (await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? '')) === start) break;
    seen.push(ring);
  }
  return seen;
}

/** Every stop in the widget's open panel, backwards from the launcher (which comes after it), until focus leaves the widget. Desktop: a phone hides the launcher while the panel is open. */
export async function panelRings(page: Page): Promise<Ring[]> {
  await page.locator('deskbell-widget .db-launcher').focus();
  await page.keyboard.press('Shift+Tab');
  return walkRings(page, 'widget', 'Shift+Tab', 40);
}

/** Every stop in the page from its first, by Tab: focus is put on the first one by the keyboard (Tab there and back). */
export async function pageRings(page: Page, first: string, max = 150): Promise<Ring[]> {
  await page.locator(first).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  return walkRings(page, 'page', 'Tab', max);
}
