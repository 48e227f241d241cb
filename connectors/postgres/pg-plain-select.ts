// Decides, with PostgreSQL's own parser (libpg-query), whether a text may be executed without waiting for Describe first.
import { loadModule, parseSync } from 'libpg-query';

/** Loads the parser's WASM module; call once (awaited) before `isPlainSelect`. Idempotent. */
export async function loadPlainSelectCheck(): Promise<void> {
  await loadModule();
}

/**
 * True only when the text is exactly one `SelectStmt` (SELECT, VALUES, TABLE, WITH ... SELECT, set operations) with no
 * `INTO` anywhere: a statement PostgreSQL always answers with a row description, so running it before the Describe
 * reply arrives cannot run a non-query. Everything else (syntax errors, utility statements, `SELECT INTO`, several
 * statements) returns false and the connector waits for Describe, which refuses statements without rows before they run.
 * Costs one parse (about 20-40 µs for a typical historian query).
 */
export function isPlainSelect(sql: string): boolean {
  let stmts: unknown;
  try {
    stmts = (parseSync(sql) as { stmts?: unknown }).stmts;
  } catch {
    return false;
  }
  if (!Array.isArray(stmts) || stmts.length !== 1) return false;
  const stmt = (stmts[0] as { stmt?: Record<string, unknown> } | undefined)?.stmt;
  if (stmt === undefined || Object.keys(stmt).length !== 1 || typeof stmt['SelectStmt'] !== 'object') return false;
  return !hasKey(stmt, 'intoClause');
}

/** A memoised `isPlainSelect` for one connector: at most `maxEntries` texts of at most `maxTextLength` characters. */
export type PlainSelectCheck = (sql: string) => boolean;

/**
 * Wraps `isPlainSelect` in a small least-recently-used cache keyed by the exact text: dashboards and scheduled
 * reports send the same SQL again and again, and the verdict depends on nothing but the text. Longer texts are
 * parsed every time so the cache stays under about maxEntries × maxTextLength characters.
 */
export function createPlainSelectCheck(maxEntries = 512, maxTextLength = 8192): PlainSelectCheck {
  const verdicts = new Map<string, boolean>();
  return (sql) => {
    if (sql.length > maxTextLength) return isPlainSelect(sql);
    const known = verdicts.get(sql);
    if (known !== undefined) {
      verdicts.delete(sql);
      verdicts.set(sql, known);
      return known;
    }
    const verdict = isPlainSelect(sql);
    verdicts.set(sql, verdict);
    if (verdicts.size > maxEntries) verdicts.delete(verdicts.keys().next().value!);
    return verdict;
  };
}

/** Depth-first search of the parse tree (plain JSON) for an object key; for-in avoids allocating entry arrays. */
function hasKey(value: unknown, key: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasKey(item, key)) return true;
    return false;
  }
  const node = value as Record<string, unknown>;
  for (const name in node) {
    if (name === key || hasKey(node[name], key)) return true;
  }
  return false;
}
