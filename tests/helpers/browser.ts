// Debian's Chromium driven by playwright-core (no browser download: see scripts/ensure-chromium.js).
import { chromium, type Browser } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { InProcessServer } from './server.js';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.DESKBELL_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A stand-in shop on its own origin, serving one HTML page: a cross-origin embed, as in real life. */
export async function startShop(html: string): Promise<{ url: string; origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/`, origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A stand-in shop page in `lang` with the widget's tag for the test server's site, its origin allowed. */
export async function startShopWithWidget(deskbell: InProcessServer, lang: string, title: string): Promise<Awaited<ReturnType<typeof startShop>>> {
  const shop = await startShop(`<!doctype html><html lang="${lang}"><head><title>${title}</title></head><body><h1>${title}</h1>
      <script src="${deskbell.url}/widget.js" data-site="${deskbell.site.key}" async></script></body></html>`);
  await deskbell.deskbell.store.updateSite(deskbell.site.id, { origins: [...deskbell.site.origins, shop.origin] });
  return shop;
}
