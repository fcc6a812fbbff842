// Fetching the chat: its module and the shopper's language, side by side, once. Their names
// carry a content hash (the server caches them for a year); the build writes them into the
// loader, which is cached only briefly, so an update reaches shops within minutes.
import type { Lang } from '../../server/protocol.js';
import type { BootChat } from '../chat/contract.js';
import type { Strings } from '../i18n/en.js';

declare const __DESKBELL_CHAT__: { chat: string; langs: Record<Lang, string> };

export interface ChatFiles {
  boot: BootChat;
  strings: Strings;
}

let fetching: Promise<ChatFiles> | null = null;

export function fetchChat(server: string, lang: Lang): Promise<ChatFiles> {
  if (!fetching) {
    const load = (path: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ server + path) as Promise<Record<string, unknown>>;
    fetching = Promise.all([load(__DESKBELL_CHAT__.chat), load(__DESKBELL_CHAT__.langs[lang])]).then(
      ([chat, words]) => ({ boot: chat.boot as BootChat, strings: words.default as Strings }),
      (err: unknown) => {
        fetching = null; // a network blip: the next click tries again
        throw err;
      },
    );
  }
  return fetching;
}

/** When the browser is idle: the shopper is about to open the chat (hover or focus on the launcher). */
export function prefetchChat(server: string, lang: Lang): void {
  const go = (): void => void fetchChat(server, lang).catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(go, { timeout: 2000 });
  else setTimeout(go, 200);
}
