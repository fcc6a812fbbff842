// The script a shop pastes: <script src="https://HOST/widget.js" data-site="KEY" async></script>.
// This loader is all a page view downloads until the shopper needs the chat: it reads the
// site's config, draws the launcher, runs the prompts (triggers) and shows their bubbles.
// The chat (Preact, socket.io) is fetched when the shopper opens it, a prompt opens it, or a
// conversation has unread replies or a person on it; hovering or focusing the launcher
// prefetches it. It starts after the page's load event: the shop's content comes first.
import type { WidgetConfig, WidgetTrigger } from '../../server/protocol.js';
import { installApi, type IdentifyClaim } from '../api.js';
import type { ChatHandle, OpenRequest } from '../chat/contract.js';
import { browserStorage } from '../storage.js';
import { startTriggers } from '../triggers/start.js';
import { textIn } from '../triggers/text.js';
import { fetchChat, fetchPart, fetchStrings, prefetchChat, type ChatFiles } from './files.js';
import { alreadyOnPage, drawLauncher, type Launcher } from './launcher.js';
import { needsChat } from './returning.js';

// Deskbell.version: the release, as package.json and the server's /health say.
const VERSION = '0.1.0';

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript as HTMLScriptElement | null;
  if (current?.dataset.site) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]');
}

// document.currentScript is only set while this script first runs: read it now.
const script = ownScript();

async function fetchConfig(server: string, siteKey: string): Promise<WidgetConfig | null> {
  try {
    // The server picks the shopper's language from the site's setting, the page's lang and the
    // browser's (Accept-Language), and sends that language's words: the loader carries none.
    // It answers with an ETag and `no-cache`: the browser revalidates (304) instead of downloading again.
    // An empty lang (the page has none) counts as none.
    // `writes`: the language the shopper showed they write in on an earlier page (the chat kept it).
    const query = new URLSearchParams({ site: siteKey, lang: document.documentElement.lang.slice(0, 35), writes: browserStorage(`deskbell:${siteKey}:`).get('writes') ?? '' });
    const res = await fetch(`${server}/api/widget/config?${query}`, { credentials: 'omit' });
    const body = (await res.json()) as WidgetConfig | { error: { code: string; message: string } };
    if (res.ok && !('error' in body)) return body;
    console.error(`[Deskbell] The chat is not shown: ${'error' in body ? body.error.message : `HTTP ${res.status}`}`);
  } catch (err) {
    console.error('[Deskbell] Could not reach the chat server; the chat is not shown.', err);
  }
  return null;
}

async function boot(): Promise<void> {
  if (alreadyOnPage()) return; // pasted twice: one widget
  const siteKey = script?.dataset.site;
  if (!script || !siteKey) {
    console.error('[Deskbell] The script tag needs data-site="YOUR_SITE_KEY". See `deskbell site list`.');
    return;
  }
  const server = new URL(script.src, location.href).origin;
  const { emit, bind } = installApi(VERSION);
  const config = await fetchConfig(server, siteKey);
  if (!config || alreadyOnPage()) return;
  const { lang, words } = config;
  const storage = browserStorage(`deskbell:${siteKey}:`, config.theme.consent);
  const launcher: Launcher = drawLauncher(config, words);

  let chat: ChatHandle | null = null;
  /** The page's Deskbell.identify() claim: handed to the chat when (if) it starts. */
  let claim: IdentifyClaim | null = null;
  let starting: Promise<ChatHandle> | null = null;
  let bubble: HTMLElement | null = null;
  /** The prompt being drawn (its part may still be on the way): only the latest is drawn. */
  let bubbleFor: Promise<void> | null = null;
  const removeBubble = (): void => {
    bubble?.remove();
    bubble = bubbleFor = null;
  };
  const bootChat = ({ boot: bootFn, strings }: ChatFiles): ChatHandle => {
    const handle = bootFn({
      server, config, strings, storage, launcher, emit,
      words: (l) => fetchStrings(server, l),
      prompts: triggers,
      onOpenChange(isOpen) {
        if (isOpen) removeBubble();
        emit(isOpen ? 'open' : 'close');
      },
    });
    if (claim) handle.identify(claim);
    return (chat = handle);
  };
  const startChat = (): Promise<ChatHandle> => (starting ??= fetchChat(server, lang).then(bootChat, (err: unknown) => {
    starting = null;
    throw err;
  }));
  const open = (request: OpenRequest): void => {
    // Opening the chat is the shopper's consent to keep the conversation in this browser.
    if (!request.byPrompt) storage.consent();
    launcher.button.setAttribute('aria-busy', 'true');
    startChat().then((c) => c.open(request), (err: unknown) => console.error('[Deskbell] Could not load the chat.', err))
      .finally(() => launcher.button.removeAttribute('aria-busy'));
  };

  // The bubble's code and CSS are a part of their own, fetched when a prompt first shows.
  const showBubble = (rule: WidgetTrigger): void => {
    removeBubble();
    const takeUp = (request: OpenRequest): void => {
      triggers.outcome(rule.id, 'clicked');
      removeBubble();
      open(request);
    };
    const shown = fetchPart(server, 'bubble').then(({ drawBubble }) => {
      // The shopper opened the chat meanwhile (removeBubble), or another prompt replaced this one.
      if (bubbleFor !== shown) return;
      bubble = drawBubble(launcher.shadow, rule, lang, words, {
        open: () => takeUp({ prompt: rule }),
        reply: (text) => takeUp({ prompt: rule, send: text }),
        faq: () => triggers.outcome(rule.id, 'clicked'),
        dismiss() {
          triggers.outcome(rule.id, 'dismissed');
          removeBubble();
          triggers.engine?.dismissed();
          launcher.focus();
        },
      });
      launcher.root.insertBefore(bubble, launcher.button);
    }, (err: unknown) => console.error('[Deskbell] Could not load the prompt.', err));
    bubbleFor = shown;
  };

  const triggers = startTriggers({
    server, siteKey, rules: config.triggers, lang, storage,
    agentsOnline: () => chat?.agentsOnline() ?? config.agentsOnline,
    show(rule) {
      const text = textIn(rule.action.text, lang);
      launcher.announce(text);
      emit('prompt', { id: rule.id, text });
      if (rule.action.kind === 'bubble') showBubble(rule);
      else open({ prompt: rule, byPrompt: true });
    },
    // While the chat loads it is about to open: no prompt in between.
    blocked: () => (chat ? chat.blocked() : starting !== null),
    watchers: () => fetchPart(server, 'watchers').then((part) => part.watchPage),
  });

  launcher.button.addEventListener('click', () => (chat ? chat.toggle() : open({})));
  const prefetch = (): void => prefetchChat(server, lang);
  launcher.button.addEventListener('pointerenter', prefetch, { once: true });
  launcher.button.addEventListener('focus', prefetch, { once: true });

  bind({
    open,
    close: () => chat?.close(),
    show: () => launcher.set({ visible: true }),
    hide: () => launcher.set({ visible: false }),
    track: (name, data) => triggers.engine?.track(name, data),
    identify(next) {
      claim = next;
      chat?.identify(next);
    },
  });
  emit('ready');

  const returning = await needsChat(server, siteKey, storage);
  if (returning === 'outbox' || (returning && (returning.unread > 0 || returning.live))) {
    if (returning !== 'outbox') launcher.set({ unread: returning.unread });
    void startChat().catch((err: unknown) => console.error('[Deskbell] Could not load the chat.', err));
  }
}

function start(): void {
  boot().catch((err: unknown) => console.error('[Deskbell] failed to start', err));
}

// After the load event, not inside it: work done in a load listener counts toward the page's
// loadEventEnd, so the loader starts in a task of its own once the shop's handlers are done.
if (document.readyState === 'complete') start();
else window.addEventListener('load', () => setTimeout(start), { once: true });
