// localStorage that never throws: Safari private mode, storage disabled, or quota full
// fall back to memory for this page view (the message still sends; it just can't survive a reload).
//
// Consent mode (a site setting): nothing is written to the browser until the shopper first
// opens the chat. Until then writes stay in memory, for this page view only; `consent()`
// copies them out and writes go through from then on. A browser that consented on an earlier
// page (the `consent` key is there) writes through from the start.
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface BrowserStorage extends KeyValue {
  /** The shopper opened the chat: storing is allowed from now on. */
  consent(): void;
}

function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function browserStorage(prefix: string, waitForConsent = false): BrowserStorage {
  const memory = new Map<string, string>();
  const ls = localStore();
  const read = (key: string): string | null => {
    try {
      return ls ? ls.getItem(prefix + key) : null;
    } catch {
      return null;
    }
  };
  /** A write failed (quota, disabled): from then on memory is the truth for this page. */
  let broken = !ls;
  const write = (key: string, value: string): void => {
    try {
      ls?.setItem(prefix + key, value);
    } catch {
      broken = true;
    }
  };
  let allowed = !waitForConsent || read('consent') === '1';
  return {
    // Once writing is allowed the browser's copy is the truth (another tab may have changed it).
    get: (key) => (allowed && !broken ? read(key) : (memory.get(key) ?? read(key))),
    set(key, value) {
      memory.set(key, value);
      if (allowed) write(key, value);
    },
    remove(key) {
      memory.delete(key);
      if (!allowed) return;
      try {
        ls?.removeItem(prefix + key);
      } catch {
        /* see write */
      }
    },
    consent() {
      if (allowed) return;
      allowed = true;
      write('consent', '1');
      for (const [key, value] of memory) write(key, value);
    },
  };
}
