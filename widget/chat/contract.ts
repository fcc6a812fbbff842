// The seam between the loader (widget/loader/, always on the page) and the chat
// (widget/chat/, fetched when the shopper first needs it). Types only: the loader hands the
// chat what it already has (config, language, storage, the launcher) so nothing is fetched
// or drawn twice.
import type { Lang, TriggerOutcome, WidgetConfig, WidgetTrigger, WidgetWords } from '../../server/protocol.js';
import type { DeskbellEvent, IdentifyClaim } from '../api.js';
import type { Strings } from '../i18n/en.js';
import type { BrowserStorage } from '../storage.js';

/** How the launcher looks while the panel is open (it closes the panel then). */
export interface LauncherClose {
  /** Our own fixed SVG markup. */
  icon: string;
  label: string;
}

export interface LauncherState {
  /**
   * The panel is open: the button closes it, drawn as the chat says. The chat's, not the
   * loader's: only an open chat shows it, so page views that never chat don't download it.
   */
  open: LauncherClose | false;
  /** Unread replies, shown as a badge while the panel is closed. */
  unread: number;
  /** Deskbell.show() / hide(); an open panel keeps its close button. */
  visible: boolean;
  /** The launcher's name and unread count: the config's, until the chat switches language. */
  words: Pick<WidgetWords, 'open' | 'unread'>;
}

/** The launcher button the loader drew; the chat keeps it in step with the panel. */
export interface LauncherHandle {
  /** The widget's shadow root, and the element in it the chat renders into. */
  shadow: ShadowRoot;
  mount: HTMLElement;
  set(change: Partial<LauncherState>): void;
  focus(): void;
}

/**
 * Where a prompt's outcome goes (the loader's beacon and trigger engine): the loader's
 * triggers (widget/triggers/start.ts) as they are, no wrapper, because every name the loader
 * spells is downloaded on every page view.
 */
export interface PromptHooks {
  outcome(trigger: string, outcome: TriggerOutcome): void;
  /** The rules' engine (none when the site has no rules): `check()` when the chat's state changed in a way that may unblock a prompt. */
  engine: { check(): void } | null;
  anon: string;
}

/** What the loader hands the chat. The site's key and the shopper's language are the config's (`config.site.key`, `config.lang`). */
export interface ChatContext {
  server: string;
  config: WidgetConfig;
  strings: Strings;
  /** Another language's words, for when the shopper writes in it (the server's `visitor:lang`). */
  words(lang: Lang): Promise<Strings>;
  /** Writes stay in memory until consent() in the site's consent mode (widget/storage.ts). */
  storage: BrowserStorage;
  launcher: LauncherHandle;
  prompts: PromptHooks;
  onOpenChange(open: boolean): void;
  /** The page API's events (Deskbell.on): the chat emits 'message' with `{ author, body }`. */
  emit(event: DeskbellEvent, detail?: unknown): void;
}

export interface OpenRequest {
  /** Text put in the composer for the shopper to send (Deskbell.open({ message })). */
  message?: string;
  /** The prompt the shopper took up (or that opened the chat): its text greets them. */
  prompt?: WidgetTrigger;
  /** A quick reply chosen on the prompt: sent at once. */
  send?: string;
  /** The prompt opened the chat by itself: the shopper's focus stays in the shop. */
  byPrompt?: boolean;
}

export interface ChatHandle {
  open(request: OpenRequest): void;
  close(): void;
  toggle(): void;
  identify(claim: IdentifyClaim): void;
  /** No prompt now: the panel is open, the shopper is typing, or talking to a person. */
  blocked(): boolean;
  agentsOnline(): boolean | null;
}

export type BootChat = (ctx: ChatContext) => ChatHandle;
