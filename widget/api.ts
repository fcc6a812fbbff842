// window.Deskbell, the page API. Calls made before the script loaded were queued by the
// snippet-style stub (`window.Deskbell = window.Deskbell || { q: [] }` with `q.push([name, args])`)
// and are replayed here. Only the names below exist: an allow-list, nothing else is exposed.
export type DeskbellEvent = 'open' | 'close' | 'message' | 'ready';
type Handler = (detail?: unknown) => void;

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
  open(): void;
  close(): void;
  identify(claim: IdentifyClaim): void;
  on(event: DeskbellEvent, fn: Handler): () => void;
  version: string;
}

export interface ApiHandlers {
  open(): void;
  close(): void;
}

export function installApi(version: string): {
  api: DeskbellApi;
  emit: (event: DeskbellEvent, detail?: unknown) => void;
  bind: (h: ApiHandlers) => void;
  bindIdentify: (fn: (claim: IdentifyClaim) => void) => void;
} {
  const listeners = new Map<DeskbellEvent, Set<Handler>>();
  let handlers: ApiHandlers | null = null;
  const pending: Array<keyof ApiHandlers> = [];
  const call = (name: keyof ApiHandlers): void => {
    if (handlers) handlers[name]();
    else pending.push(name);
  };
  // identify() has its own handler: only the latest claim counts, kept until the chat is ready.
  let identifyHandler: ((claim: IdentifyClaim) => void) | null = null;
  let identity: IdentifyClaim | null = null;
  const api: DeskbellApi = {
    identify(claim) {
      if (typeof claim?.id !== 'string' || !claim.id) return console.error('[Deskbell] identify() needs { id: string, hash or token }');
      if (identifyHandler) identifyHandler(claim);
      else identity = claim;
    },
    open: () => call('open'),
    close: () => call('close'),
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
  Object.defineProperty(window, 'Deskbell', { value: Object.freeze(api), configurable: true, writable: false });
  for (const item of queued) {
    if (!Array.isArray(item)) continue;
    const [name, ...args] = item as [unknown, ...unknown[]];
    if (name === 'open' || name === 'close') api[name]();
    else if (name === 'identify') api.identify(args[0] as IdentifyClaim);
    else if (name === 'on' && typeof args[0] === 'string' && typeof args[1] === 'function') api.on(args[0] as DeskbellEvent, args[1] as Handler);
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
    for (const name of pending.splice(0)) h[name]();
  };
  const bindIdentify = (fn: (claim: IdentifyClaim) => void): void => {
    identifyHandler = fn;
    if (identity) fn(identity);
  };
  return { api, emit, bind, bindIdentify };
}
