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
  const entries = new Map<string, StoredResult>();

  const evict = (principalId: string) => {
    const now = nowMs();
    for (const [id, entry] of entries) if (now - entry.createdAtMs > ttlMs) entries.delete(id);
    const mine = [...entries].filter(([, e]) => e.principalId === principalId);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - perPrincipal))) entries.delete(id);
    while (entries.size > total) entries.delete(entries.keys().next().value as string);
  };

  return {
    put(result) {
      const id = randomBytes(16).toString('base64url');
      entries.set(id, { ...result, createdAtMs: nowMs() });
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
