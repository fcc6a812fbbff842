// The launcher: the round button in the corner with its unread badge, the widget's shadow
// root it lives in, and a polite live region. Drawn by the loader with plain DOM (no
// framework: a page view that never opens the chat downloads only this). Fixed in place,
// so it shifts nothing on the shop's page.
import type { WidgetConfig, WidgetWords } from '../../server/protocol.js';
import type { LauncherHandle, LauncherState } from '../chat/contract.js';
import { el } from './dom.js';
import { css } from './styles.js';

const TAG = 'deskbell-widget';
// Our own fixed markup (never data from the shop or the server), so innerHTML is safe here.
// The close icon it shows while the panel is open comes from the chat (LauncherState.open).
const CHAT_ICON = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.6.5-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z"/></svg>';

export interface Launcher extends LauncherHandle {
  root: HTMLElement;
  button: HTMLButtonElement;
  announce(text: string): void;
}

export function alreadyOnPage(): boolean {
  return document.querySelector(TAG) !== null;
}

export function drawLauncher(config: WidgetConfig, words: WidgetWords): Launcher {
  const host = document.createElement(TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  // Everything in the widget is in its language, not the shop page's (which may be one the
  // widget doesn't speak): the launcher's name, what the live region announces, the prompt
  // bubble, the chat (WCAG 3.1.2, Language of Parts).
  const root = el('div', { class: config.theme.position === 'left' ? 'db-root db-left' : 'db-root', lang: config.lang });
  // The server sends only #rgb / #rrggbb here, and derives the two readable colours from the
  // accent (server/http/widget-config.ts): one string, the fewest bytes for the loader.
  const { theme } = config;
  root.style.cssText = `--db-accent:${theme.accentColor};--db-on-accent:${theme.textOnAccent};--db-accent-text:${theme.accentOnWhite}`;
  const live = el('div', { class: 'db-live', 'aria-live': 'polite', role: 'status' });
  // Where the chat renders: before the launcher, so the tab order reads panel → launcher.
  const mount = el('div');
  const button = el('button', { type: 'button', class: 'db-launcher' });
  root.append(live, mount, button);
  shadow.append(el('style', {}, css), root);

  const state: LauncherState = { open: false, unread: 0, visible: true, words };
  const draw = (): void => {
    const { open, unread, visible, words } = state;
    button.innerHTML = open ? open.icon : CHAT_ICON;
    // No test id on the badge: tests find it by its class (every attribute is downloaded on every page view).
    if (!open && unread > 0) button.append(el('span', { class: 'db-badge', 'aria-hidden': 'true' }, unread > 9 ? '9+' : String(unread)));
    button.setAttribute('aria-expanded', String(!!open));
    button.setAttribute('aria-label', open ? open.label : unread > 0 ? `${words.open} (${words.unread.replace('{n}', String(unread))})` : words.open);
    // Hidden by the page (Deskbell.hide()) only while closed: an open panel keeps its close button.
    button.hidden = !visible && !open;
    root.classList.toggle('db-open', !!open);
  };
  draw();
  document.body.appendChild(host);
  return {
    shadow, root, mount, button,
    set(change) {
      Object.assign(state, change);
      draw();
    },
    focus: () => button.focus(),
    announce(text) {
      live.textContent = text;
    },
  };
}
