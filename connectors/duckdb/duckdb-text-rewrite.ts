// The guard's rewrite as text, without an engine round trip: replaced tables become CTEs in front, the row cap a LIMIT behind.
import type { SqlTableRef } from '../sql-parser.ts';
import { topLimit, type JsonObject } from './duckdb-parse-tree.ts';

/** One table reference the plan replaces, with the SELECT that replaces it. */
export interface TableReplacement {
  ref: SqlTableRef;
  text: string;
  /** Tables the replacement reads without a schema or catalog, lower case (a CTE of that name would capture them). */
  unqualifiedReads: readonly string[];
}

/**
 * Rewrites `sql` (one SELECT, already parsed into `statement`, whose CTEs anywhere are `cteNames`) by adding text
 * around it, never inside it:
 * `WITH "samples" AS NOT MATERIALIZED (<replacement>) <sql>` and, for the row cap, `<sql>\nLIMIT n`.
 *
 * Why this means what the parse-tree rewrite means: the added text closes every string and comment it opens, so
 * the statement's own text is read as the same tokens; a line comment at its end is ended by the newline before
 * LIMIT (and one at the end of a replacement by the newline before its closing parenthesis). A CTE shadows a table of the same name for every unqualified reference, in subqueries and nested CTEs
 * too, and DuckDB matches the names case-insensitively, quoted or not. The grammar allows a trailing LIMIT only
 * on the outermost query. NOT MATERIALIZED keeps filters pushed into the table scan.
 *
 * Returns undefined where that reasoning does not hold, and the caller rewrites the parse tree instead: a replaced
 * table referenced with a schema or catalog (a CTE would not shadow it), a statement with a WITH clause of its own
 * at the top or a CTE named like a replaced table, a replacement that reads a replaced table by its bare name (an
 * earlier CTE would capture that reference: a row filter must see the table itself, not its filtered form), a
 * LIMIT or OFFSET of its own while a cap is due (`LIMIT ALL` cannot be followed by another LIMIT), a `;` anywhere
 * but at the very end, and replacements for one name that differ.
 */
export function rewriteAsText(
  sql: string,
  statement: JsonObject,
  { replacements, cteNames, limit }: { replacements: readonly TableReplacement[]; cteNames: readonly string[]; limit: number | undefined },
): string | undefined {
  let body = sql.trimEnd();
  if (body.endsWith(';')) body = body.slice(0, -1);
  // A NUL ends the text for DuckDB: a LIMIT after it would be cut off.
  if (body.includes(';') || body.includes('\u0000')) return undefined;
  const node = statement['node'] as JsonObject | undefined;
  const topCtes = ((node?.['cte_map'] as { map?: unknown[] } | undefined)?.map ?? []).length;
  if (!node || topCtes > 0) return undefined;

  const ctes = new Map<string, string>();
  for (const { ref, text } of replacements) {
    if (ref.schema !== undefined || ref.catalog !== undefined) return undefined;
    const name = ref.name.toLowerCase();
    const known = ctes.get(name);
    if (known !== undefined && known !== text) return undefined;
    ctes.set(name, text);
  }
  if (replacements.some((r) => r.unqualifiedReads.some((name) => ctes.has(name)))) return undefined;
  if (cteNames.some((cte) => ctes.has(cte.toLowerCase()))) return undefined;

  let suffix = '';
  if (limit !== undefined) {
    const current = topLimit(statement);
    const modifiers = (node['modifiers'] as JsonObject[] | undefined) ?? [];
    if (current === 'none' && modifiers.every((m) => m['type'] !== 'LIMIT_MODIFIER' && m['type'] !== 'LIMIT_PERCENT_MODIFIER'))
      suffix = `\nLIMIT ${limit}`;
    else if (typeof current !== 'number' || current > limit) return undefined;
  }
  const prefix =
    ctes.size === 0
      ? ''
      : `WITH ${[...ctes].map(([name, text]) => `"${name.replaceAll('"', '""')}" AS NOT MATERIALIZED (${text}\n)`).join(', ')} `;
  return `${prefix}${body}${suffix}`;
}
