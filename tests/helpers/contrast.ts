// WCAG contrast between two CSS colours as getComputedStyle gives them (`rgb(r, g, b)` or
// `rgba(…)`, alpha ignored): for what axe leaves undecided (a symbol's colour, a focus ring),
// checked by a test instead of by eye.

/** The colours in a computed value, in order (a box-shadow lists its colour first). */
export function colours(value: string): string[] {
  return value.match(/rgba?\([^)]*\)/g) ?? [];
}

function luminance(colour: string): number {
  const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => Number(c) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio, 1 to 21 (WCAG 2.1, "contrast ratio"). */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
