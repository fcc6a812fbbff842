// axe-core in a real page: injected from node_modules (no network, no CDN), run against the
// WCAG 2.1 A and AA rules, its findings returned in a shape a test can print and compare; and
// what the audit's tests share: the two widths, a page to audit, the demo shop in another
// language, the language an element is in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AxeResults, ElementContext, ImpactValue, Result, RunOptions } from 'axe-core';
import type { Browser, Locator, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** The minified build, read once: `require.resolve` finds the package, whatever its entry file is. */
const AXE_SOURCE = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

/** WCAG 2.0 and 2.1, levels A and AA: what the product promises, no best-practice extras. */
const WCAG_21_AA: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } };

export interface Finding {
  id: string;
  impact: ImpactValue | undefined;
  help: string;
  /** Every element it was found on, as axe's selectors (a shadow-DOM path joined by " >>> "). */
  targets: string[];
  why: string;
}

/**
 * Runs axe in the page (injecting it first if this document doesn't have it yet). `context`
 * scopes the run, e.g. `'deskbell-widget'`: axe follows the element into its open shadow root.
 * Needs a page whose browser context was made with `bypassCSP: true`, since axe arrives as an
 * inline script and our pages (rightly) allow none.
 */
export async function audit(page: Page, context?: string): Promise<Audited> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(
    // A string, not the context object: axe must build it inside the page.
    async ([ctx, options]) => {
      const axe = (window as unknown as { axe: { run: (c: ElementContext, o: RunOptions) => Promise<AxeResults> } }).axe;
      return axe.run(ctx ?? document, options);
    },
    [context ?? null, WCAG_21_AA] as const,
  );
  return { violations: results.violations.map(finding), review: results.incomplete.map(finding), passed: results.passes.length };
}

export interface Audited {
  violations: Finding[];
  /** What axe could not decide (e.g. contrast over an image): not failures, printed for a person to look at. */
  review: Finding[];
  /** How many rules found something to check and passed: a run that checked nothing shows 0. */
  passed: number;
}

function finding(v: Result): Finding {
  return {
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' >>> ')),
    // Why, for the first element: for "review" results this is what stopped axe deciding.
    why: [...v.nodes[0]?.any ?? [], ...v.nodes[0]?.all ?? [], ...v.nodes[0]?.none ?? []].map((c) => c.message).filter(Boolean).join('; '),
  };
}

/** One line per finding, with the first few elements: what a failing test prints. */
export function describeFindings(where: string, findings: Finding[], label = 'violation(s)'): string {
  if (findings.length === 0) return `${where}: no ${label}`;
  return [
    `${where}: ${findings.length} ${label}`,
    ...findings.map((f) => `  [${f.impact ?? 'unknown'}] ${f.id}: ${f.help} — ${f.targets.length} element(s): ${f.targets.slice(0, 4).join(' | ')}${f.targets.length > 4 ? ' | …' : ''}\n      ${f.why}`),
  ].join('\n');
}

export const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;
export type Width = keyof typeof WIDTHS;

/** Every state audited in one test, printed as it goes; the test fails at the end with all of them. */
export class Audit {
  private readonly failures: string[] = [];

  async check(page: Page, where: string, context?: string): Promise<Finding[]> {
    const { violations, review, passed } = await audit(page, context);
    console.log(`${describeFindings(where, violations)} (${passed} rules passed)`);
    if (review.length > 0) console.log(describeFindings(`  ${where}`, review, 'to review by hand (axe could not decide)'));
    // A run that found nothing to check audited an empty page, not an accessible one.
    if (passed === 0) this.failures.push(`${where}: axe found nothing to check`);
    // Every impact fails, not only serious and critical: the audit's first run found only
    // serious ones, all fixed, so anything axe reports now is new.
    if (violations.length > 0) this.failures.push(describeFindings(where, violations));
    return violations;
  }

  assertClean(): void {
    assert.equal(this.failures.length, 0, `WCAG 2.1 A/AA violations:\n${this.failures.join('\n')}`);
  }
}

/** A fresh context per width: no stored chat or language from an earlier state. `locale`: the browser's language. */
export async function pageAt(browser: Browser, width: Width, locale?: string): Promise<Page> {
  // axe is injected as an inline script, which our pages' Content-Security-Policy forbids.
  const context = await browser.newContext({ viewport: WIDTHS[width], bypassCSP: true, ...(locale ? { locale } : {}) });
  return context.newPage();
}

/** The language an element is in as its own tree says: the nearest `lang` in the widget's shadow root, not the page's. */
export const langOf = (element: Locator): Promise<string | null> => element.evaluate((el) => el.closest('[lang]')?.getAttribute('lang') ?? null);

/** The demo page at `path`, with `<html lang="en">` served as `lang` instead (the widget follows the page's language). */
export async function pageIn(page: Page, path: string, lang: string): Promise<void> {
  await page.route(`**/demo/${path}`, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: (await res.text()).replace('<html lang="en">', `<html lang="${lang}">`) });
  });
}

/** Asks the open widget a question, as a shopper types it. */
export async function ask(page: Page, question: string): Promise<void> {
  await page.locator('[data-testid=composer]').fill(question);
  await page.keyboard.press('Enter');
}
