// A small least-recently-used map: the parser caches and the guard's judgment cache share it.

export interface LruMap<T> {
  /** The value, marked as most recently used. */
  get(key: string): T | undefined;
  /** Stores the value, evicting the least recently used entry when full; a capacity of 0 keeps nothing. */
  set(key: string, value: T): void;
  clear(): void;
  readonly size: number;
}

export function createLruMap<T>(capacity: number): LruMap<T> {
  const entries = new Map<string, T>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    set(key, value) {
      if (capacity <= 0) return;
      entries.delete(key);
      if (entries.size >= capacity) entries.delete(entries.keys().next().value as string);
      entries.set(key, value);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
