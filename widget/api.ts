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
  identify(claim: IdentifyClaim): void;
}

export function installApi(version: string): { api: DeskbellApi; emit: (event: DeskbellEvent, detail?: unknown) => void; bind: (h: ApiHandlers) => void } {
  const listeners = new Map<DeskbellEvent, Set<Handler>>();
  let handlers: ApiHandlers | null = null;
  const pending: Array<(h: ApiHandlers) => void> = [];
  const call = (run: (h: ApiHandlers) => void): void => {
    if (handlers) run(handlers);
    else pending.push(run);
  };
  const api: DeskbellApi = {
    open: () => call((h) => h.open()),
    close: () => call((h) => h.close()),
    identify(claim) {
      if (typeof claim?.id !== 'string' || !claim.id) return console.error('[Deskbell] identify() needs { id: string, hash or token }');
      call((h) => h.identify(claim));
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
    for (const run of pending.splice(0)) run(h);
  };
  return { api, emit, bind };
}
