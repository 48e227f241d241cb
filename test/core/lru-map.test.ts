// The shared LRU map: recently used entries survive, the least recently used goes first, capacity 0 keeps nothing.
import { describe, expect, it } from 'vitest';
import { createLruMap } from '../../core/lru-map.ts';

describe('createLruMap', () => {
  it('evicts the least recently used entry, counting reads as use', () => {
    const lru = createLruMap<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });

  it('keeps nothing with capacity 0, and clear empties it', () => {
    const none = createLruMap<number>(0);
    none.set('a', 1);
    expect(none.get('a')).toBeUndefined();
    const lru = createLruMap<number>(3);
    lru.set('a', 1);
    lru.clear();
    expect(lru.size).toBe(0);
  });
});
