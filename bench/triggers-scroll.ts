// `npm run bench:triggers` (and `npm run bench`): what the trigger watchers cost the shop's main thread during a long
// page scroll in Chromium. Two sites on the same long page: one with no rules (no watchers),
// one whose rules keep every watcher attached for the whole scroll (scroll depth, exit intent,
// idle, none of which can fire). The page scrolls 40 px a frame for SCROLL_FRAMES frames, then
// the pointer moves POINTER_MOVES times; the time spent in the page's listeners and animation
// frame callbacks is measured in the page (INSTRUMENT below).
// Prints Markdown for docs/benchmarks.md.
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { createSite } from '../server/sites.js';
import type { TriggerRule } from '../server/protocol.js';
import { launchBrowser, startShop } from '../tests/helpers/browser.js';
import { startServer } from '../tests/helpers/server.js';

const RUNS = 7;
const SCROLL_FRAMES = 600;
const POINTER_MOVES = 200;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const WATCH_ALL: TriggerRule[] = [
  { id: 'deep', name: 'deep', enabled: true, conditions: [{ type: 'scroll', percent: 100 }, { type: 'event', name: 'never' }], action: { kind: 'bubble', text: { en: 'x' } }, cap: { oncePerVisit: true, days: 0 } },
  { id: 'leave', name: 'leave', enabled: true, conditions: [{ type: 'exitIntent' }, { type: 'event', name: 'never' }], action: { kind: 'bubble', text: { en: 'x' } }, cap: { oncePerVisit: true, days: 0 } },
  { id: 'idle', name: 'idle', enabled: true, conditions: [{ type: 'idle', seconds: 3600 }], action: { kind: 'bubble', text: { en: 'x' } }, cap: { oncePerVisit: true, days: 0 } },
];

/**
 * Installed before any page script: every listener for the event types the watchers use, and
 * every requestAnimationFrame and setTimeout callback, is timed (performance.now around the call) into
 * window.__cost. The scroll driver uses the untimed originals, so only the page's (here: the
 * widget's) own work is counted.
 */
const INSTRUMENT = `(() => {
  const cost = { ms: 0, calls: 0, max: 0, by: {} };
  window.__cost = cost;
  const timed = (fn, kind) => function (...args) {
    const t = performance.now();
    try { return fn.apply(this, args); } finally {
      const d = performance.now() - t; cost.ms += d; cost.calls++; if (d > cost.max) cost.max = d;
      cost.by[kind] = (cost.by[kind] ?? 0) + d;
    }
  };
  const TYPES = new Set(['scroll', 'mouseout', 'pointermove', 'keydown', 'touchstart', 'visibilitychange', 'resize']);
  const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  window.__add = add; window.__remove = remove; window.__raf = requestAnimationFrame.bind(window);
  const wrapped = new WeakMap();
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    if (typeof fn !== 'function' || !TYPES.has(type)) return add.call(this, type, fn, opts);
    let w = wrapped.get(fn); if (!w) wrapped.set(fn, (w = timed(fn, type)));
    return add.call(this, type, w, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) { return remove.call(this, type, wrapped.get(fn) ?? fn, opts); };
  const raf = window.requestAnimationFrame;
  window.requestAnimationFrame = (fn) => raf.call(window, timed(fn, 'frame'));
  const st = window.setTimeout;
  window.setTimeout = (fn, ms, ...rest) => st.call(window, typeof fn === 'function' ? timed(fn, 'timer') : fn, ms, ...rest);
})()`;

interface Cost { ms: number; calls: number; max: number; by: Record<string, number> }

async function scrollCost(page: Page): Promise<{ cost: Cost; scrollEvents: number }> {
  await page.evaluate('window.scrollTo(0, 0); window.__cost.ms = 0; window.__cost.calls = 0; window.__cost.max = 0; window.__cost.by = {};');
  // A string, not a function: tsx's name helpers do not exist in the page.
  const scrollEvents = await page.evaluate<number>(`new Promise((resolve) => {
    let n = 0, events = 0;
    const count = () => void events++;
    window.__add.call(window, 'scroll', count, { passive: true });
    const step = () => {
      scrollBy(0, 40);
      if (++n < ${SCROLL_FRAMES}) window.__raf(step);
      else window.__raf(() => window.__raf(() => { window.__remove.call(window, 'scroll', count); resolve(events); }));
    };
    window.__raf(step);
  })`);
  // And the pointer moving about meanwhile (the idle watcher listens to it).
  for (let i = 0; i < POINTER_MOVES; i++) await page.mouse.move(200 + (i % 50) * 10, 300 + (i % 7) * 20);
  return { cost: await page.evaluate<Cost>('window.__cost'), scrollEvents };
}

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const paragraphs = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i}: Lantern &amp; Leaf sells tea, tins and linen. ${'Long text. '.repeat(20)}</p>`).join('');
  const rows: string[] = [];
  const results: Record<string, { scriptMs: number[]; events: number }> = {};
  for (const [label, rules] of [['no rules (no watchers)', []], ['scroll + exit + idle watchers', WATCH_ALL]] as const) {
    // One shop server per site: the page carries that site's tag (served from a real loopback
    // origin, as Chromium's local-network rules expect of a page calling a loopback server).
    const key = `site_bench${Object.keys(results).length}`;
    const shop = await startShop(`<!doctype html><html lang="en"><body><h1>A long page</h1>${paragraphs}<script src="${server.url}/widget.js" data-site="${key}" async></script></body></html>`);
    const site = await createSite(server.deskbell.store, { key, name: label, origins: [shop.origin] });
    if (rules.length) await server.deskbell.store.replaceTriggers(site.id, [...rules]);
    const scriptMs: number[] = [];
    let events = 0;
    let maxMs = 0;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.on('console', (m) => process.env.BENCH_DEBUG && console.error(m.text()));
      await page.addInitScript(INSTRUMENT);
      await page.goto(shop.url);
      await page.locator('deskbell-widget').waitFor({ state: 'attached' });
      await page.waitForFunction("!!document.querySelector('deskbell-widget')?.shadowRoot?.querySelector('.db-launcher')");
      const r = await scrollCost(page);
      scriptMs.push(r.cost.ms);
      maxMs = Math.max(maxMs, r.cost.max);
      if (process.env.BENCH_DEBUG) console.error(label, r.cost);
      events = r.scrollEvents;
      await context.close();
    }
    await shop.close();
    results[label] = { scriptMs, events };
    rows.push(`| ${label} | ${events} + ${POINTER_MOVES} pointer moves | ${median(scriptMs).toFixed(2)} ms | ${Math.min(...scriptMs).toFixed(2)}–${Math.max(...scriptMs).toFixed(2)} ms | ${maxMs.toFixed(2)} ms |`);
  }
  const none = median(results['no rules (no watchers)']!.scriptMs);
  const all = median(results['scroll + exit + idle watchers']!.scriptMs);
  const events = results['scroll + exit + idle watchers']!.events;
  console.log(`Trigger watchers during a long scroll (${SCROLL_FRAMES} frames × 40 px, Chromium headless, ${cpus()[0]?.model.trim()}, ${cpus().length} cores, Node ${process.versions.node}; median of ${RUNS} page loads):\n`);
  console.log('| widget on the page | events | time in the widget\'s listeners, timers and frame callbacks (median) | range | longest single call |\n|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\nAdded by the watchers: ${(all - none).toFixed(1)} ms over ${events} scroll events and ${POINTER_MOVES} pointer moves ≈ ${(((all - none) * 1000) / Math.max(1, events + POINTER_MOVES)).toFixed(1)} µs per event.`);
  await browser.close();
  await server.close();
}

await main();
