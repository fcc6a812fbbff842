// The files the loader fetches on demand: the chat and its language, and the two parts only
// some page views need (the prompt bubble, the page watchers of trigger rules). Their names
// carry a content hash (the server caches them for a year); the build writes them into the
// loader, which is cached only briefly, so an update reaches shops within minutes.
import type { Lang } from '../../server/protocol.js';
import type { BootChat } from '../chat/contract.js';
import type { Strings } from '../i18n/en.js';
import type { DrawBubble } from '../parts/bubble.js';
import type { watchPage } from '../triggers/watchers.js';

declare const __DESKBELL_FILES__: { chat: string; langs: Record<Lang, string>; bubble: string; watchers: string };

export interface ChatFiles {
  boot: BootChat;
  strings: Strings;
}

export interface Parts {
  bubble: { drawBubble: DrawBubble };
  watchers: { watchPage: typeof watchPage };
}

const loading = new Map<string, Promise<Record<string, unknown>>>();

/** One import per file and page; a failed one (a network blip) is tried again next time. */
function load(server: string, path: string): Promise<Record<string, unknown>> {
  let p = loading.get(path);
  if (!p) {
    p = import(/* @vite-ignore */ server + path) as Promise<Record<string, unknown>>;
    p.catch(() => loading.delete(path));
    loading.set(path, p);
  }
  return p;
}

/** One language's words for the chat: the shopper's, and another if they write in it. */
export function fetchStrings(server: string, lang: Lang): Promise<Strings> {
  return load(server, __DESKBELL_FILES__.langs[lang]).then((words) => words.default as Strings);
}

export function fetchChat(server: string, lang: Lang): Promise<ChatFiles> {
  return Promise.all([load(server, __DESKBELL_FILES__.chat), fetchStrings(server, lang)])
    .then(([chat, strings]) => ({ boot: chat.boot as BootChat, strings }));
}

export function fetchPart<K extends keyof Parts>(server: string, name: K): Promise<Parts[K]> {
  return load(server, __DESKBELL_FILES__[name]) as Promise<unknown> as Promise<Parts[K]>;
}

/** When the browser is idle: the shopper is about to open the chat (hover or focus on the launcher). */
export function prefetchChat(server: string, lang: Lang): void {
  const go = (): void => void fetchChat(server, lang).catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(go, { timeout: 2000 });
  else setTimeout(go, 200);
}
