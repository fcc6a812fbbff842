// `npm run bench:page`: what pasting the chat costs a shop's page, in Chromium, against an
// open-source peer installed from the npm registry in the same run. The demo store's product
// page is served three ways from one local "shop" origin: with no chat (the baseline), with
// Deskbell's script tag, with Deskbell's after-load snippet, and with Rocket.Chat Livechat's published snippet
// (@rocket.chat/livechat, its build served from a second origin, as a shop would embed it).
// Each variant is loaded RUNS times in a fresh browser context (cold cache), with the CPU
// slowed 4× and the network at 150 ms round trips and 1.6 Mbit/s (Lighthouse's mobile
// settings), and measured until IDLE_MS after load:
// - main-thread time (CDP Performance.getMetrics TaskDuration, minus the baseline's median);
// - long tasks over 50 ms (PerformanceObserver), the longest one, and the layout shift (CLS);
// - the load event (navigationStart → loadEventEnd) against the baseline's;
// - what the chat downloaded from its own origin (bytes on the wire, requests).
// The peer runs without its Rocket.Chat server (its API calls get 404), so its figures are a
// floor: a live server would add its configuration, session and socket on top.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { ensureDemo } from '../server/demo.js';
import { launchBrowser } from '../tests/helpers/browser.js';
import { ROOT, startServer } from '../tests/helpers/server.js';

const RUNS = Number(process.env.RUNS ?? 7);
const IDLE_MS = 6_000;
const CPU_SLOWDOWN = 4;
/** Lighthouse's mobile network ("slow 4G"): 150 ms round trips, 1.6 Mbit/s down, 750 kbit/s up. */
const NETWORK = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const PEER = '@rocket.chat/livechat@1.13.3';
const PEER_DIR = join(ROOT, 'bench/.peers/rocket.chat-livechat');

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** The peer's published files, fetched from the npm registry once into bench/.peers/ (git-ignored). */
function peerBuild(): string {
  const build = join(PEER_DIR, 'package/build');
  if (!existsSync(build)) {
    mkdirSync(PEER_DIR, { recursive: true });
    const tarball = execFileSync('npm', ['pack', PEER, '--silent', '--pack-destination', PEER_DIR], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
    execFileSync('tar', ['xzf', join(PEER_DIR, tarball), '-C', PEER_DIR]);
  }
  return build;
}

/** A static server that compresses like any production web server (gzip), so bytes on the wire compare fairly. */
function serve(handler: (path: string) => { body: Buffer | string; type: string } | null): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const found = handler(path);
    if (!found) {
      res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && !found.type.startsWith('image/');
    res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-cache', 'access-control-allow-origin': '*', ...(gzip ? { 'content-encoding': 'gzip' } : {}) })
      .end(gzip ? gzipSync(found.body) : found.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

function file(dir: string, path: string): { body: Buffer; type: string } | null {
  const full = normalize(join(dir, path));
  if (!full.startsWith(dir) || !existsSync(full) || !/\.\w+$/.test(full)) return null;
  return { body: readFileSync(full), type: TYPES[extname(full)] ?? 'application/octet-stream' };
}

interface Sample {
  taskMs: number;
  scriptMs: number;
  loadMs: number;
  longTasks: number;
  longestMs: number;
  /** The page's whole CLS (the demo shop shifts its own footer once as it renders, with or without a chat). */
  cls: number;
  /** The part of it from shifts of elements the chat added. */
  chatCls: number;
  chatBytes: number;
  chatRequests: number;
}

async function measure(browser: Browser, url: string, chatOrigin: string | null): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page: Page = await context.newPage();
  await page.addInitScript(() => {
    type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Array<{ node?: Node }> };
    const w = window as unknown as { __perf: { long: number[]; shifts: Shift[]; added: Node[] } };
    w.__perf = { long: [], shifts: [], added: [] };
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__perf.long.push(e.duration))).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (e as Shift).hadRecentInput || w.__perf.shifts.push(e as Shift))).observe({ type: 'layout-shift', buffered: true });
    // What a chat adds to the page: elements appended to <body> after the load event (the
    // demo shop renders into elements it already has).
    addEventListener('load', () => new MutationObserver((records) => records.forEach((r) => w.__perf.added.push(...r.addedNodes))).observe(document.body, { childList: true }));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORK });
  const urls = new Map<string, string>();
  let chatBytes = 0;
  let chatRequests = 0;
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    if (chatOrigin && urls.get(e.requestId)?.startsWith(chatOrigin)) {
      chatBytes += e.encodedDataLength;
      chatRequests++;
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(IDLE_MS);
  const metrics = new Map((await cdp.send('Performance.getMetrics')).metrics.map((m: { name: string; value: number }) => [m.name, m.value]));
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const perf = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const p = (window as unknown as { __perf: { long: number[]; shifts: Array<{ value: number; sources: Array<{ node?: Node }> }>; added: Node[] } }).__perf;
    let cls = 0;
    let chatCls = 0;
    for (const shift of p.shifts) {
      cls += shift.value;
      if (shift.sources.some((src) => src.node && p.added.some((n) => n === src.node || n.contains(src.node as Node)))) chatCls += shift.value;
    }
    return { loadMs: nav.loadEventEnd, long: p.long, cls, chatCls };
  });
  await context.close();
  return {
    taskMs: (metrics.get('TaskDuration') ?? 0) * 1000,
    scriptMs: (metrics.get('ScriptDuration') ?? 0) * 1000,
    loadMs: perf.loadMs,
    longTasks: perf.long.length,
    longestMs: Math.max(0, ...perf.long),
    cls: perf.cls,
    chatCls: perf.chatCls,
    chatBytes,
    chatRequests,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

const peer = peerBuild();
const deskbell = await startServer({ demo: true });
const peerHost = await serve((path) => {
  if (path === '/livechat' || path === '/livechat/') return file(peer, 'index.html');
  return path.startsWith('/livechat/') ? file(peer, path.slice('/livechat/'.length)) : null;
});
const page = readFileSync(join(ROOT, 'demo/product.html'), 'utf8');
const ourTag = /<script src="\/widget\.js"[^>]*><\/script>/;
if (!ourTag.test(page)) throw new Error('demo/product.html no longer has the widget tag this bench replaces');
const snippets = {
  none: '',
  deskbell: `<script src="${deskbell.url}/widget.js" data-site="demo" async></script>`,
  // docs/widget-api.md's variant for shops that allow an inline script: fetched after the load event.
  'deskbell-after-load': `<script>addEventListener('load',function(){var s=document.createElement('script');s.src='${deskbell.url}/widget.js';s.dataset.site='demo';document.body.appendChild(s)})</script>`,
  // Rocket.Chat's documented embed code, pointing at the peer's origin.
  rocketchat: `<script>(function(w,d,s,u){w.RocketChat=function(c){w.RocketChat._.push(c)};w.RocketChat._=[];w.RocketChat.url=u;var h=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src='${peerHost.origin}/livechat/rocketchat-livechat.min.js?_=201903270000';h.parentNode.insertBefore(j,h);})(window,document,'script','${peerHost.origin}/livechat');</script>`,
};
const shop = await serve((path) => {
  const variant = /^\/([\w-]+)\/product\.html$/.exec(path)?.[1];
  if (variant && variant in snippets) return { body: page.replace(ourTag, snippets[variant as keyof typeof snippets]), type: TYPES['.html']! };
  return file(join(ROOT, 'demo'), path.replace(/^\/[\w-]+\//, '/'));
});
// The demo site (its FAQ and prompts, as `npm start` has them), allowed on the bench's shop.
await ensureDemo(deskbell.deskbell.store, deskbell.deskbell.agents, [shop.origin]);

const browser = await launchBrowser();
const results: Record<keyof typeof snippets, Sample[]> = { none: [], deskbell: [], 'deskbell-after-load': [], rocketchat: [] };
// Interleaved, so a slow patch of the machine hits every variant alike; round 0 warms the
// browser and the servers up and is not counted.
for (let i = 0; i <= RUNS; i++) {
  for (const variant of Object.keys(snippets) as Array<keyof typeof snippets>) {
    const chatOrigin = variant.startsWith('deskbell') ? deskbell.url : variant === 'rocketchat' ? peerHost.origin : null;
    const sample = await measure(browser, `${shop.origin}/${variant}/product.html`, chatOrigin);
    if (i > 0) results[variant].push(sample);
  }
}
await browser.close();
shop.server.close();
peerHost.server.close();
await deskbell.close();

const base = (k: keyof Sample): number => median(results.none.map((s) => s[k]));
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Chromium ${execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim()}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`Demo product page, CPU slowed ${CPU_SLOWDOWN}×, network 150 ms RTT / 1.6 Mbit/s, cold cache, measured until ${IDLE_MS / 1000} s after load; medians of ${RUNS} runs.\n`);
console.log('| on the product page | no chat | Deskbell, script tag | Deskbell, after-load snippet | Rocket.Chat Livechat 1.13.3 |\n|---|---|---|---|---|');
const row = (label: string, k: keyof Sample, unit: string, digits = 0, delta = false): void => {
  const cell = (variant: keyof typeof snippets): string => {
    const v = median(results[variant].map((s) => s[k]));
    if (!delta || variant === 'none') return `${v.toFixed(digits)}${unit}`;
    const d = v - base(k);
    return `${v.toFixed(digits)}${unit} (${d >= 0 ? '+' : ''}${d.toFixed(digits)})`;
  };
  console.log(`| ${label} | ${cell('none')} | ${cell('deskbell')} | ${cell('deskbell-after-load')} | ${cell('rocketchat')} |`);
};
row('main-thread time (TaskDuration)', 'taskMs', ' ms', 0, true);
row('of which script', 'scriptMs', ' ms', 0, true);
row('load event (navigation start → loadEventEnd)', 'loadMs', ' ms', 0, true);
row('long tasks over 50 ms', 'longTasks', '', 0);
row('longest task', 'longestMs', ' ms', 0);
row('layout shift of the page (CLS, the shop\'s own included)', 'cls', '', 3);
row('layout shift of elements the chat added', 'chatCls', '', 3);
row('downloaded from the chat\'s origin (on the wire)', 'chatBytes', ' B', 0);
row('requests to the chat\'s origin', 'chatRequests', '', 0);
