// localStorage that never throws: Safari private mode, storage disabled, or quota full
// fall back to memory for this page view (the message still sends; it just can't survive a reload).
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function browserStorage(prefix: string): KeyValue {
  const memory = new Map<string, string>();
  let ls: Storage | null = null;
  try {
    ls = window.localStorage;
    const probe = `${prefix}probe`;
    ls.setItem(probe, '1');
    ls.removeItem(probe);
  } catch {
    ls = null;
  }
  return {
    get(key) {
      try {
        return ls ? ls.getItem(prefix + key) : (memory.get(key) ?? null);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        ls?.setItem(prefix + key, value);
      } catch {
        /* quota or disabled: memory keeps it for this page */
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        ls?.removeItem(prefix + key);
      } catch {
        /* see set */
      }
    },
  };
}
