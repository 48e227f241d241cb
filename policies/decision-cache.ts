// A bounded LRU of run_sql judgments, keyed by everything a judgment depends on; the rate limit stays outside it.
import { createLruMap } from '../core/lru-map.ts';
import type { SqlJudgment } from './sql-check.ts';

/** Longest SQL text (characters) whose judgment is kept: longer texts are judged every time and cost no memory. */
export const maxCachedSqlLength = 16_384;

/** What a cached judgment depends on. Anything else (the principal's id, the clock within a day) must not change it. */
export interface JudgmentKey {
  /** sha256 of the policy bundle the judgment was made under. */
  bundleHash: string;
  /** The principal's roles in order (the effective scope is a function of them and the bundle). */
  roles: readonly string[];
  source: string;
  /** lookBackStart of the role's window (a UTC midnight), or undefined without a window. */
  windowStartMs: number | undefined;
  sql: string;
}

export interface JudgmentCache {
  get(key: JudgmentKey): SqlJudgment | undefined;
  set(key: JudgmentKey, judgment: SqlJudgment): void;
  /** Drops every entry (policy reload). */
  clear(): void;
  readonly size: number;
}

/**
 * Creates an LRU of at most `capacity` judgments. Entries are copied in and out, so a caller that edits a returned
 * decision cannot change what the next caller gets.
 */
export function createJudgmentCache(capacity = 512): JudgmentCache {
  const entries = createLruMap<SqlJudgment>(capacity);
  const keyOf = (k: JudgmentKey): string | undefined =>
    k.sql.length > maxCachedSqlLength ? undefined : JSON.stringify([k.bundleHash, k.roles, k.source, k.windowStartMs ?? null, k.sql]);
  return {
    get(key) {
      const id = keyOf(key);
      const hit = id === undefined ? undefined : entries.get(id);
      return hit === undefined ? undefined : structuredClone(hit);
    },
    set(key, judgment) {
      const id = keyOf(key);
      if (id !== undefined) entries.set(id, structuredClone(judgment));
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
