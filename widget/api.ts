// window.Deskbell, the page API (docs/widget-api.md). Calls made before the script loaded
// were queued by the snippet-style stub (`window.Deskbell = window.Deskbell || { q: [] }`
// with `q.push([name, args])`) and are replayed here. Only the names below exist: an
// allow-list, nothing else is exposed.
export type DeskbellEvent = 'open' | 'close' | 'message' | 'ready' | 'prompt';
type Handler = (detail?: unknown) => void;

export interface OpenOptions {
  /** Text to put in the composer, for the shopper to send (or change). */
  message?: string;
}

/** A logged-in customer, vouched for by the shop (docs/widget-api.md, identify()). */
export interface IdentifyClaim {
  id: string;
  name?: string;
  email?: string;
  hash?: string;
  token?: string;
  attributes?: Record<string, string>;
}

export interface DeskbellApi {
  open(options?: OpenOptions): void;
  close(): void;
  /** Show / hide the launcher button (the chat keeps working; `open()` still opens it). */
  show(): void;
  hide(): void;
  /** A custom event for trigger rules, e.g. track('cart_updated', { value: 1250, items: 3 }). */
  track(name: string, data?: Record<string, unknown>): void;
  identify(claim: IdentifyClaim): void;
  on(event: DeskbellEvent, fn: Handler): () => void;
  version: string;
}

export interface ApiHandlers {
  open(options: OpenOptions): void;
  close(): void;
  show(): void;
  hide(): void;
  track(name: string, data: Record<string, unknown>): void;
  identify(claim: IdentifyClaim): void;
}

const MAX_PREFILL = 4000;

/**
 * A plain copy of an object from the page, at most `max` characters as JSON: a shop's object
 * can't carry getters or cycles into us. Null when it is not one.
 */
function plain(data: unknown, max: number): Record<string, unknown> | null {
  try {
    const json = JSON.stringify(data);
    const copy = JSON.parse(json) as unknown;
    return copy && typeof copy === 'object' && !Array.isArray(copy) && json.length <= max ? (copy as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function installApi(version: string): { api: DeskbellApi; emit: (event: DeskbellEvent, detail?: unknown) => void; bind: (h: ApiHandlers) => void } {
  const listeners = new Map<DeskbellEvent, Set<Handler>>();
  let handlers: ApiHandlers | null = null;
  const pending: Array<(h: ApiHandlers) => void> = [];
  const call = (fn: (h: ApiHandlers) => void): void => {
    if (handlers) fn(handlers);
    else pending.push(fn);
  };
  const api: DeskbellApi = {
    open: (options) => {
      const request = typeof options?.message === 'string' ? { message: options.message.slice(0, MAX_PREFILL) } : {};
      call((h) => h.open(request));
    },
    close: () => call((h) => h.close()),
    show: () => call((h) => h.show()),
    hide: () => call((h) => h.hide()),
    track: (name, data) => {
      if (typeof name !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(name)) return console.warn('[Deskbell] track(name, data): name must be 1-64 letters, digits, _ . : -');
      const copy = plain(data, 4096) ?? {};
      call((h) => h.track(name, copy));
    },
    identify(claim) {
      // A plain copy (the server checks every field; a claim is at most ~20 KB): a page object's getters never reach us.
      const copy = plain(claim, 32_768) as IdentifyClaim | null;
      if (typeof copy?.id !== 'string' || !copy.id) return console.error('[Deskbell] identify() needs plain data: { id: string, hash or token }');
      call((h) => h.identify(copy));
    },
    on(event, fn) {
      if (typeof fn !== 'function') return () => undefined;
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => set.delete(fn);
    },
    version,
  };
  const w = window as unknown as { Deskbell?: { q?: unknown[] } };
  const queued = Array.isArray(w.Deskbell?.q) ? w.Deskbell.q : [];
  // Read-only (defineProperty's default: not writable), but a later copy of the script may replace it.
  Object.defineProperty(window, 'Deskbell', { value: Object.freeze(api), configurable: true });
  for (const item of queued) {
    // The api's own names only (not Object.prototype's): the allow-list above, replayed as called.
    const [name, ...args] = Array.isArray(item) ? (item as [unknown, ...unknown[]]) : [];
    if (typeof name === 'string' && name !== 'version' && Object.prototype.hasOwnProperty.call(api, name)) (api[name as keyof DeskbellApi] as (...a: unknown[]) => void)(...args);
  }
  const emit = (event: DeskbellEvent, detail?: unknown): void => {
    for (const fn of listeners.get(event) ?? []) {
      try {
        fn(detail);
      } catch (err) {
        console.error('[Deskbell] a listener threw', err);
      }
    }
  };
  const bind = (h: ApiHandlers): void => {
    handlers = h;
    for (const fn of pending.splice(0)) fn(h);
  };
  return { api, emit, bind };
}
