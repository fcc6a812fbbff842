// The script a shop pastes: <script src="https://HOST/widget.js" data-site="KEY" async></script>.
// It finds its own tag, fetches the site's config, and mounts the chat in a shadow root
// once the page has loaded, so it never competes with the shop's own first paint.
import { render } from 'preact';
import type { WidgetConfig } from '../server/protocol.js';
import { installApi } from './api.js';
import { App, type ChatControl } from './chat/app.js';
import { textIn } from './chat/prompt.js';
import { pickLang } from './i18n/index.js';
import { browserStorage } from './storage.js';
import { css } from './styles.js';
import { FaqClient } from './faq-client.js';
import { ChatConnection } from './transport.js';
import { startTriggers } from './triggers/start.js';

const VERSION = '0.1.0';
const TAG = 'deskbell-widget';

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.site) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]');
}

// document.currentScript is only set while this script first runs: read it now.
const script = ownScript();

async function boot(): Promise<void> {
  if (document.querySelector(TAG)) return; // pasted twice: one widget
  const siteKey = script?.dataset.site;
  if (!script || !siteKey) {
    console.error('[Deskbell] The script tag needs data-site="YOUR_SITE_KEY". See `deskbell site list`.');
    return;
  }
  const server = new URL(script.src, location.href).origin;
  const { emit, bind } = installApi(VERSION);

  let config: WidgetConfig;
  try {
    const res = await fetch(`${server}/api/widget/config?site=${encodeURIComponent(siteKey)}`, { credentials: 'omit' });
    const body = (await res.json()) as WidgetConfig | { error: { code: string; message: string } };
    if (!res.ok || 'error' in body) {
      const message = 'error' in body ? body.error.message : `HTTP ${res.status}`;
      console.error(`[Deskbell] The chat is not shown: ${message}`);
      return;
    }
    config = body;
  } catch (err) {
    console.error('[Deskbell] Could not reach the chat server; the chat is not shown.', err);
    return;
  }

  const lang = pickLang(config.theme.defaultLang, document.documentElement.lang || null, navigator.languages ?? [navigator.language]);
  const storage = browserStorage(`deskbell:${siteKey}:`);
  const connection = new ChatConnection(server, siteKey, storage, lang);
  const faq = new FaqClient(server, siteKey, lang);

  const host = document.createElement(TAG);
  host.setAttribute('style', 'all:initial!important;position:static!important;display:block!important');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  shadow.appendChild(style);
  const mount = document.createElement('div');
  shadow.appendChild(mount);
  document.body.appendChild(host);
  followViewport(host);

  const control: ChatControl = {};
  const triggers = startTriggers({
    server, siteKey, rules: config.triggers, lang, storage,
    agentsOnline: () => connection.state.status === 'online' ? connection.state.agentsOnline : config.agentsOnline,
    show(rule) {
      control.showPrompt?.(rule);
      emit('prompt', { id: rule.id, text: textIn(rule.action.text, lang) });
    },
    blocked: () => control.blocked?.() ?? true,
  });
  const prompts = {
    anon: triggers.anon,
    outcome: triggers.outcome,
    dismissed: () => triggers.engine?.dismissed(),
    changed: () => triggers.engine?.check(),
  };
  render(
    <App config={config} lang={lang} connection={connection} faq={faq} control={control} prompts={prompts}
      onOpenChange={(open) => emit(open ? 'open' : 'close')} onMessage={(m) => emit('message', { author: m.author, body: m.body })} />,
    mount,
  );
  bind({
    open: ({ message }) => (message ? control.prefill?.(message) : control.setOpen?.(true)),
    close: () => control.setOpen?.(false),
    show: () => control.setLauncher?.(true),
    hide: () => control.setLauncher?.(false),
    track: (name, data) => triggers.engine?.track(name, data),
    identify: (claim) => connection.identify(claim),
  });
  emit('ready');
}

/** On phones the panel fills the visible viewport, so the on-screen keyboard never covers the composer. */
function followViewport(host: HTMLElement): void {
  const vv = window.visualViewport;
  if (!vv) return;
  const update = (): void => {
    host.style.setProperty('--db-vh', `${vv.height}px`);
    host.style.setProperty('--db-top', `${vv.offsetTop}px`);
  };
  vv.addEventListener('resize', update, { passive: true });
  vv.addEventListener('scroll', update, { passive: true });
  update();
}

function start(): void {
  boot().catch((err: unknown) => console.error('[Deskbell] failed to start', err));
}

// After the page's load event: the shop's content comes first.
if (document.readyState === 'complete') start();
else window.addEventListener('load', start, { once: true });
