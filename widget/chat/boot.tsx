// The chat's entry: the module the loader imports when the shopper first needs the chat
// (opens it, a prompt opens it, or a conversation has unread replies). It renders the panel
// into the loader's shadow root and returns the handle the loader and the page API drive.
import { render } from 'preact';
import { FaqClient } from '../faq-client.js';
import { ChatConnection } from '../transport.js';
import { App, type ChatControl } from './app.js';
import type { BootChat } from './contract.js';
import { css } from './styles.js';

/**
 * On phones the panel fills the visible viewport, so the on-screen keyboard never covers the
 * composer. Here, not in the loader: reading the viewport forces a layout, which a page view
 * that never opens the chat should not pay for.
 */
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

export const boot: BootChat = (ctx) => {
  const style = document.createElement('style');
  style.textContent = css;
  // Last in the shadow root: the chat's rules come after the loader's and the bubble's.
  ctx.launcher.shadow.appendChild(style);
  const { server, config } = ctx;
  const connection = new ChatConnection(server, config.site.key, ctx.storage, config.lang);
  const faq = new FaqClient(server, config.site.key, config.lang);
  const control: ChatControl = {};
  render(<App ctx={ctx} connection={connection} faq={faq} control={control} />, ctx.launcher.mount);
  followViewport(ctx.launcher.shadow.host as HTMLElement);
  return {
    open: (request) => control.open?.(request),
    close: () => control.setOpen?.(false),
    toggle: () => control.toggle?.(),
    identify: (claim) => connection.identify(claim),
    blocked: () => control.blocked?.() ?? true,
    agentsOnline: () => (connection.state.status === 'online' ? connection.state.agentsOnline : null),
  };
};
