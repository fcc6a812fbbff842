// The shop's accent colour made readable: WCAG 2.1 contrast maths, and the two colours the
// widget derives from the accent (text drawn on it; the accent as text on white). Pure, with
// no Node imports: the server sends the result with the widget's config and the console
// imports it to tell the owner, while they choose, what the widget will do.

/** WCAG 2.1 AA for normal text. */
export const MIN_TEXT_CONTRAST = 4.5;
export const WHITE = '#ffffff';
/** The widget's own text colour (widget/shared-styles.ts): dark text on a light accent, first choice. */
export const NEAR_BLACK = '#111827';
const BLACK = '#000000';

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Only #rgb / #rrggbb: the widget sets it as a CSS custom property on the shop's page, where another value (a url(), say) could do more. */
export function isHexColour(value: string): boolean {
  return HEX.test(value);
}

/** `#abc` or `#aabbcc` → [r, g, b] in 0..255. Callers check isHexColour first. */
function channels(hex: string): [number, number, number] {
  const h = hex.slice(1);
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** `#0F766E` and `#0f766e` are one colour; `#abc` is `#aabbcc`. */
export function normaliseHex(hex: string): string {
  return toHex(channels(hex));
}

/** WCAG 2.1 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Text and icons on the accent: white while it reaches 4.5:1 (the shop's look as they know it),
 * else the widget's near-black; pure black when even that falls short (mid-greys around
 * #777 fail both white and #111827, never white and black both).
 */
export function textOnAccent(accent: string): string {
  return [WHITE, NEAR_BLACK].find((c) => contrastRatio(accent, c) >= MIN_TEXT_CONTRAST) ?? BLACK;
}

/**
 * The accent as text or a border on white (chips): unchanged when it already reaches 4.5:1,
 * else its channels scaled down towards black — the same hue — just far enough to reach it.
 */
export function accentOnWhite(accent: string): string {
  const hex = normaliseHex(accent);
  if (contrastRatio(hex, WHITE) >= MIN_TEXT_CONTRAST) return hex;
  const rgb = channels(hex);
  // Binary search for the largest scale that still reaches 4.5:1, on the rounded channels the
  // widget will really draw (rounding only ever darkens less as the scale grows: monotonic).
  let low = 0;
  let high = 1;
  for (let i = 0; i < 24; i++) {
    const mid = (low + high) / 2;
    if (contrastRatio(toHex(rgb.map((c) => c * mid)), WHITE) >= MIN_TEXT_CONTRAST) low = mid;
    else high = mid;
  }
  return toHex(rgb.map((c) => c * low));
}
