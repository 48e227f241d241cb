// The server-side result store behind CSV downloads: readable only by its principal, bounded per principal, in total and in time.
import { describe, expect, it } from 'vitest';
import { createResultStore } from '../../ui/result-store.ts';

const result = (principalId: string, value: number) => ({
  principalId,
  columns: [{ name: 'v', type: 'INTEGER' }],
  rows: [[value]],
  source: 'historian',
});

describe('result store', () => {
  it('gives a result only to the principal who asked', () => {
    const store = createResultStore({}, () => 0);
    const id = store.put(result('ana', 1));
    expect(store.get(id, 'ana')?.rows).toEqual([[1]]);
    expect(store.get(id, 'ben')).toBeUndefined();
  });

  it("drops a principal's oldest results beyond its quota and leaves other principals' results alone", () => {
    const store = createResultStore({ perPrincipal: 2, total: 100 }, () => 0);
    const ben = store.put(result('ben', 0));
    const ids = [1, 2, 3].map((v) => store.put(result('ana', v)));
    expect(ids.map((id) => store.get(id, 'ana')?.rows[0]?.[0])).toEqual([undefined, 2, 3]);
    expect(store.get(ben, 'ben')?.rows).toEqual([[0]]);
  });

  it('drops the least recently used result beyond the total; reading one keeps it', () => {
    const store = createResultStore({ perPrincipal: 10, total: 3 }, () => 0);
    const ids = [1, 2, 3].map((v) => store.put(result(`p${v}`, v)));
    expect(store.get(ids[0]!, 'p1')).toBeDefined();
    store.put(result('p4', 4));
    expect(store.get(ids[0]!, 'p1')?.rows).toEqual([[1]]);
    expect(store.get(ids[1]!, 'p2')).toBeUndefined();
    expect(store.get(ids[2]!, 'p3')?.rows).toEqual([[3]]);
  });

  it('forgets results older than the time limit, also across many answers', () => {
    let now = 0;
    const store = createResultStore({ perPrincipal: 1_000, total: 2_000, ttlMs: 1_000 }, () => now);
    const old = store.put(result('ana', 1));
    now = 600;
    const young = store.put(result('ana', 2));
    now = 1_200;
    expect(store.get(old, 'ana')).toBeUndefined();
    expect(store.get(young, 'ana')?.rows).toEqual([[2]]);
    const ids: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      now += 10;
      ids.push(store.put(result(`u${i % 7}`, i)));
    }
    expect(store.get(ids[999]!, 'u5')?.rows).toEqual([[999]]);
    expect(store.get(ids[898]!, 'u2')).toBeUndefined(); // 1,010 ms old: past the limit
    expect(store.get(ids[900]!, 'u4')?.rows).toEqual([[900]]); // 990 ms old
  });
});
