// Recent full results kept server-side for CSV download: a bounded LRU, each entry readable only by the principal who asked.
import { randomBytes } from 'node:crypto';
import type { Cell, ResultColumn } from '../connectors/connector.ts';

export interface StoredResult {
  principalId: string;
  columns: ResultColumn[];
  rows: Cell[][];
  /** Used for the download file name. */
  source: string | null;
  createdAtMs: number;
}

export interface ResultStore {
  /** Keeps a result and returns its unguessable id (128 bits, base64url). */
  put(result: Omit<StoredResult, 'createdAtMs'>): string;
  /** The result, only when `principalId` is the one who asked; otherwise undefined (no hint that it exists). */
  get(id: string, principalId: string): StoredResult | undefined;
}

export interface ResultStoreOptions {
  /** Results kept per principal (oldest dropped first). */
  perPrincipal?: number;
  /** Results kept in total. */
  total?: number;
  /** Entries older than this are dropped, in milliseconds. */
  ttlMs?: number;
}

export function createResultStore(options: ResultStoreOptions, nowMs: () => number): ResultStore {
  const perPrincipal = options.perPrincipal ?? 20;
  const total = options.total ?? 200;
  const ttlMs = options.ttlMs ?? 3_600_000;
  /** Least recently used first. */
  const entries = new Map<string, StoredResult>();
  /** Each principal's ids, oldest first. */
  const byPrincipal = new Map<string, Set<string>>();
  /** Ids in creation order, for the time limit; ids already removed are skipped and compacted away. */
  let created: string[] = [];
  let head = 0;

  const remove = (id: string): void => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    const mine = byPrincipal.get(entry.principalId);
    mine?.delete(id);
    if (mine?.size === 0) byPrincipal.delete(entry.principalId);
  };

  /** Drops expired entries, the principal's oldest beyond its quota, then the least recently used beyond the total: O(1) amortised per answer. */
  const evict = (principalId: string) => {
    const now = nowMs();
    for (; head < created.length; head++) {
      const entry = entries.get(created[head]!);
      if (entry && now - entry.createdAtMs <= ttlMs) break;
      remove(created[head]!);
    }
    if (created.length - head > 4 * Math.max(total, 16)) {
      created = created.slice(head).filter((id) => entries.has(id));
      head = 0;
    }
    const mine = byPrincipal.get(principalId);
    while (mine && mine.size > perPrincipal) remove(mine.values().next().value as string);
    while (entries.size > total) remove(entries.keys().next().value as string);
  };

  return {
    put(result) {
      const id = randomBytes(16).toString('base64url');
      entries.set(id, { ...result, createdAtMs: nowMs() });
      created.push(id);
      const mine = byPrincipal.get(result.principalId);
      if (mine) mine.add(id);
      else byPrincipal.set(result.principalId, new Set([id]));
      evict(result.principalId);
      return id;
    },
    get(id, principalId) {
      const entry = entries.get(id);
      if (!entry || entry.principalId !== principalId || nowMs() - entry.createdAtMs > ttlMs) return undefined;
      entries.delete(id);
      entries.set(id, entry);
      return entry;
    },
  };
}
