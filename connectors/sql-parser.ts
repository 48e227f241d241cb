// The SqlParser interface: what the policy guard learns about one SQL text from an engine's own parser, and how it rewrites it.
import type { Dialect } from './connector.ts';

/** A reference to a base table (CTE references removed), as the engine's parser sees it. */
export interface SqlTableRef {
  /** Catalog (DuckDB database) qualifier, if written. */
  catalog?: string;
  /** Schema qualifier, if written. */
  schema?: string;
  /** Table name after the engine's own case folding (DuckDB: as written, compare case-insensitively; PostgreSQL: folded unless quoted). */
  name: string;
  /** Alias given in the statement, if any. */
  alias?: string;
  /**
   * Lower bounds the statement itself puts on columns of this reference, where the parser can prove them: conjuncts
   * `column >= literal`, `column > literal` or `column BETWEEN literal AND ...` in the WHERE clause of the query whose
   * FROM holds this reference alone or in inner/outer joins (qualified by its alias there; no column aliases, no
   * sampling). Every row of the table that reaches the result satisfies them. Absent when none is proven.
   */
  lowerBounds?: SqlLowerBound[];
}

/** A lower bound on a column, with its literal as written (the guard decides what the literal means). */
export interface SqlLowerBound {
  column: string;
  literal: string;
  /** How the literal is typed: cast to a timestamp with or without time zone, or a bare string cast by the engine. */
  type: 'timestamptz' | 'timestamp' | 'string';
}

/** A column reference: `qualifier.name` or bare `name`. */
export interface SqlColumnRef {
  /** Table or alias qualifier (last part before the column name), if written. */
  qualifier?: string;
  name: string;
}

/** A star expression: `*`, `t.*`, or a pattern form such as DuckDB's `COLUMNS('re')`. */
export interface SqlStarRef {
  qualifier?: string;
  /** True when the columns are chosen by a pattern or expression (DuckDB `COLUMNS(...)`). */
  pattern: boolean;
}

/** An argument of a call as the parser sees it: a number or string literal, or null for anything else (an expression). */
export type SqlConstant = number | string | null;

/** One call of a scalar, aggregate or window function, with what the guard needs to bound the size of its output. */
export interface SqlCall {
  /** Lower case, `schema.name` when qualified (as in `functions`). */
  name: string;
  /** Its arguments in order, constants only (null where an argument is an expression). */
  args: SqlConstant[];
  /** True when the call's result is indexed by one constant subscript (`(array_agg(v ORDER BY t))[1]`). */
  indexed: boolean;
}

/** What the engine's parser says about one SQL text. Anything it cannot parse is `ok: false`. */
export type SqlAnalysis =
  | { ok: false; error: string }
  | {
      ok: true;
      /** Number of statements in the text (a trailing `;` or comments do not count). */
      statementCount: number;
      /** Statement kind in the engine's words (`SELECT`, `DROP`, `EXPLAIN`, `SelectStmt`, ...). */
      statementKind: string;
      /** True only for a plain query: SELECT, set operations, VALUES; never for SELECT INTO, locking or data-modifying CTEs. */
      isSelect: boolean;
      selectInto: boolean;
      locking: boolean;
      dataModifyingCte: boolean;
      /** Base tables read, CTE references removed. */
      tables: SqlTableRef[];
      /** Base tables according to a second, independent method (DuckDB `getTableNames`), when the engine offers one. */
      tablesSecondOpinion?: SqlTableRef[];
      /** Names of the common table expressions the statement defines. */
      cteNames: string[];
      /** Table functions in FROM, lower case, schema-qualified as `schema.name` when written so. */
      tableFunctions: string[];
      /** Scalar, aggregate and window functions and operators called, lower case, `schema.name` when qualified. */
      functions: string[];
      /** Every function call (not operators) with its constant arguments, for the guard's output-size bounds. */
      calls: SqlCall[];
      /**
       * Type names the statement writes (casts, typed literals, column definitions), lower case, `schema.name` when
       * qualified; the engine's built-in types that its parser resolves itself (DuckDB) are not listed.
       */
      types: string[];
      columns: SqlColumnRef[];
      stars: SqlStarRef[];
      /** Parts of the statement the parser wrapper does not understand (the guard denies them: fail closed). */
      unsupported: string[];
      /** The outermost row limit: a constant, `none`, or `other` (an expression, a percentage, ALL). */
      limit: number | 'none' | 'other';
    };

/** How to rewrite a statement: replacements for base-table references, and the row limit to impose. */
export interface SqlRewritePlan {
  /**
   * Returns the text of a SELECT that replaces this base-table reference (it becomes a subquery with the reference's
   * alias, or its name when unaliased), or undefined to keep the reference. Called once per reference, CTEs excluded.
   */
  replace(ref: SqlTableRef): string | undefined;
  /** Outermost LIMIT to impose when the statement has none or a larger one; undefined keeps the statement's own. */
  limit?: number;
}

/** One engine's parser, used by the guard. Implementations live beside their connector (the only place the engine library is imported). */
export interface SqlParser {
  readonly dialect: Dialect;
  analyze(sql: string): Promise<SqlAnalysis>;
  /** Applies the plan to one SELECT statement and returns the new SQL text. Throws when the statement cannot be rewritten safely. */
  rewrite(sql: string, plan: SqlRewritePlan): Promise<string>;
  close(): Promise<void>;
}
