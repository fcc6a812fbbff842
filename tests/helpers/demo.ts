// A demo server (`deskbell start --demo`) and Chromium for one browser test file, and the
// console login as the demo agent.
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { spawnServer, tempDir, type ChildServer } from './server.js';

export interface DemoSuite {
  server: () => ChildServer;
  browser: () => Browser;
  dbPath: string;
}

/**
 * Registers before/after hooks in the calling describe(); `setup` runs once the server is up.
 * `args` are more `deskbell start` flags.
 */
export function demoSuite(setup?: (dbPath: string) => Promise<void>, args: string[] = []): DemoSuite {
  const tmp = tempDir();
  let server: ChildServer | null = null;
  let browser: Browser | null = null;
  before(async () => {
    server = await spawnServer(tmp.dbPath, { demo: true, args });
    browser = await launchBrowser();
    await setup?.(tmp.dbPath);
  });
  after(async () => {
    await browser?.close();
    await server?.kill();
    tmp.cleanup();
  });
  return {
    server: () => server ?? failed('server'),
    browser: () => browser ?? failed('browser'),
    dbPath: tmp.dbPath,
  };
}

function failed(what: string): never {
  throw new Error(`the demo ${what} did not start`);
}

/** The demo agent's credentials, as `deskbell start --demo` prints them. */
export function demoLogin(server: ChildServer): { email: string; password: string } {
  const m = /Log in as:\s+(\S+) \/ (\S+)/.exec(server.output());
  if (!m?.[1] || !m[2]) throw new Error(`no demo credentials in:\n${server.output()}`);
  return { email: m[1], password: m[2] };
}

/** Logs the page in to the console as the demo agent, or as `who`; `url`: the server's, or a proxy's in front of it. */
export async function consoleLogin(page: Page, server: ChildServer, who?: { email: string; password: string }, url = server.url): Promise<void> {
  const { email, password } = who ?? demoLogin(server);
  await page.goto(`${url}/console/`);
  await page.locator('[data-testid=login-email]').fill(email);
  await page.locator('[data-testid=login-password]').fill(password);
  await page.locator('[data-testid=login-submit]').click();
  // The availability picker: in sight at every width (log out is behind a toggle on a phone).
  await page.locator('[data-testid=status]').waitFor();
}

/** Picks the console's language as an agent does: on a phone the picker is behind the top bar's toggle, opened and closed again. */
export async function chooseConsoleLanguage(page: Page, lang: string): Promise<void> {
  const toggle = page.locator('[data-testid=account-toggle]');
  const behindToggle = (await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true';
  if (behindToggle) await toggle.click();
  await page.locator('[data-testid=language]').selectOption(lang);
  if (behindToggle) await toggle.click();
}
