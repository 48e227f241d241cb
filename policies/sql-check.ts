// The run_sql pipeline: parse with the source's engine parser, then statement, tables, functions, columns, rate, rewrites.
import type { SqlAnalysis, SqlParser, SqlTableRef } from '../connectors/sql-parser.ts';
import type { Dialect, TableDescription } from '../connectors/connector.ts';
import type { Decision } from './decision.ts';
import { isSamplesTable, protectionOf, tableKey, type EffectiveScope, type SourceScope, type TableScope } from './effective-scope.ts';
import { isAllowedFunction, isAllowedTableFunction, isAllowedType } from './function-allowlist.ts';
import { unboundedOutput } from './output-bounds.ts';
import { timestampLiteralMs } from './timestamp-literal.ts';
import type { PolicyBundle } from './load-policies.ts';

export interface SqlCheckInput {
  bundle: PolicyBundle;
  scope: EffectiveScope;
  source: SourceScope;
  parser: SqlParser;
  sql: string;
  /** Start of the samples look-back window, ms since the epoch (lookBackStart); undefined when the role has no window. */
  windowStartMs: number | undefined;
}

/**
 * The judgment of one run_sql call before the rate limit. `counted` decisions (the call passed every scope check) apply
 * only when the principal's rate limit admits one more query; uncounted ones are denials that cost no quota.
 * A judgment depends only on the SQL text, the source, the effective scope and the window start, so it can be cached.
 */
export interface SqlJudgment {
  decision: Decision;
  counted: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Start of the look-back window of `days` days at `nowMs`: now minus the window, rounded UP to a UTC midnight, so the
 * window never reaches further back than `days` days and stays the same all day (stable rewritten SQL, cacheable).
 */
export function lookBackStart(nowMs: number, days: number | undefined): number | undefined {
  return days === undefined ? undefined : Math.ceil((nowMs - days * DAY_MS) / DAY_MS) * DAY_MS;
}

type Deny = Extract<Decision, { kind: 'deny' }>;
const deny = (rule: string, reason: string): Deny => ({ kind: 'deny', rule, reason });
const final = (decision: Deny): SqlJudgment => ({ decision, counted: false });

/** Judges one run_sql call whose tool and source are already granted; the caller applies the rate limit to counted judgments. */
export async function checkSql(input: SqlCheckInput): Promise<SqlJudgment> {
  const judgment = await judgeScope(input);
  return 'kind' in judgment ? final(judgment) : { decision: await rewriteFor(input, judgment), counted: true };
}

interface Admitted {
  analysis: Extract<SqlAnalysis, { ok: true }>;
  read: Map<string, TableScope>;
  refs: { ref: SqlTableRef; scope: TableScope }[];
}

/** Every scope check: statement, tables, functions, columns. A denial, or what the rewrite needs. */
async function judgeScope(input: SqlCheckInput): Promise<Deny | Admitted> {
  const { source, parser, sql } = input;
  const dialect = source.source.dialect;
  // DuckDB reads a text only up to a NUL character; what follows it would be judged by no one.
  if (sql.includes('\u0000'))
    return deny('sql.unparseable', 'the SQL text contains a NUL character, which the engine reads as the end of the text; remove it');
  const analysis = await parser.analyze(sql);
  if (!analysis.ok)
    return deny('sql.unparseable', `the ${dialect} parser could not read this SQL (${analysis.error}); send one plain SELECT statement`);
  if (analysis.statementCount !== 1)
    return deny(
      'sql.single-statement',
      `only one statement per query is allowed, this text holds ${analysis.statementCount}; send a single SELECT`,
    );
  if (analysis.selectInto) return deny('sql.select-only', 'SELECT INTO creates a table; queries may only read data');
  if (analysis.locking) return deny('sql.select-only', 'FOR UPDATE/FOR SHARE locks rows; queries may only read data');
  if (analysis.dataModifyingCte)
    return deny('sql.select-only', 'a WITH clause here changes data (INSERT/UPDATE/DELETE); queries may only read data');
  if (!analysis.isSelect) return deny('sql.select-only', `only SELECT queries are allowed; this statement is ${analysis.statementKind}`);
  if (analysis.unsupported.length > 0)
    return deny(
      'sql.unsupported',
      `the query uses ${analysis.unsupported[0]}, which the policy guard cannot check; write it as a plain SELECT`,
    );

  const cteKeys = new Set(analysis.cteNames.map((n) => fold(dialect, n)));
  const shadow = source.source.tables.find((t) => cteKeys.has(fold(dialect, t.name)));
  if (shadow)
    return deny(
      'sql.cte-shadows-table',
      `the WITH clause defines a name that is also a table (${shadow.name}); rename the common table expression`,
    );

  const read = new Map<string, TableScope>();
  const refs: { ref: SqlTableRef; scope: TableScope }[] = [];
  const second = (analysis.tablesSecondOpinion ?? []).filter((r) => r.schema || r.catalog || !cteKeys.has(fold(dialect, r.name)));
  for (const [i, ref] of [...analysis.tables, ...second].entries()) {
    const result = resolveTable(input, ref);
    if ('kind' in result) return result;
    read.set(tableKey(dialect, result.table.schema, result.table.name), result);
    if (i < analysis.tables.length) refs.push({ ref, scope: result });
  }

  for (const fn of analysis.tableFunctions) {
    if (!isAllowedTableFunction(dialect, fn))
      return deny(
        'sql.function',
        `the table function ${fn}() is not allowed (only unnest and generate_series are); read the tables of the source directly`,
      );
  }
  for (const fn of analysis.functions) {
    if (!isAllowedFunction(dialect, fn))
      return deny(
        'sql.function',
        `the function ${fn}() is not on the list of allowed SQL functions; use ordinary aggregates, arithmetic, text and time functions`,
      );
  }
  const unbounded = unboundedOutput(dialect, analysis.calls);
  if (unbounded) return deny(unbounded.rule, unbounded.reason);
  for (const type of analysis.types) {
    if (!isAllowedType(dialect, type))
      return deny(
        'sql.type',
        `the type ${type} is not allowed in a query (catalog types such as regclass and table row types reveal what the role may not read); cast to a plain type such as integer, double precision, text, timestamp or date`,
      );
  }
  return hiddenColumn(input, analysis, refs) ?? { analysis, read, refs };
}

/** The allow or rewrite decision for an admitted query: row filters, hidden columns, the samples window, the row cap. */
async function rewriteFor(input: SqlCheckInput, { analysis, read, refs }: Admitted): Promise<Decision> {
  const { scope, source, parser, sql } = input;
  const dialect = source.source.dialect;
  const role = `your role ${scope.roleLabel}`;
  const tables = [...read.values()].map((t) => `${t.table.schema ?? defaultSchemaOf(dialect)}.${t.table.name}`);
  // A table only the second opinion saw cannot be rewritten (the rewrite works on the parse tree's references):
  // when it needs a filter, the query is refused rather than read unfiltered.
  const rewritable = new Set(refs.map((r) => tableKey(dialect, r.scope.table.schema, r.scope.table.name)));
  for (const [key, table] of read) {
    if (!rewritable.has(key) && replacementFor(input, table, { name: table.table.name }))
      return deny(
        'sql.unsupported',
        `the query reads ${table.table.name} in a way the policy guard cannot filter for ${role}; name ${table.table.name} directly in FROM`,
      );
  }
  const notes = new Set<string>();
  let replaced = false;
  let lookBackFromMs: number | undefined;
  for (const { ref, scope: table } of refs) {
    const replacement = replacementFor(input, table, ref);
    if (!replacement) continue;
    replaced = true;
    const name = table.table.name;
    if (table.rowFilters) notes.add(`only the rows of ${name} that ${role} may see were read (row filter)`);
    if (table.restrictedColumns) notes.add(`only the columns of ${name} that ${role} may see were read`);
    if (replacement.windowStartMs !== undefined) lookBackFromMs = replacement.windowStartMs;
    if (replacement.windowStartMs !== undefined)
      notes.add(
        `rows of ${name} before ${new Date(replacement.windowStartMs).toISOString().slice(0, 10)} are outside the ${scope.maxWindowDays}-day window of ${role}`,
      );
  }
  const limit = analysis.limit === 'none' || analysis.limit === 'other' || analysis.limit > scope.maxRows ? scope.maxRows : undefined;
  const scopeNotes = [...notes];
  if (limit !== undefined) notes.add(`the query was limited to ${limit.toLocaleString('en-US')} rows`);
  if (!replaced && limit === undefined) return { kind: 'allow', tables };
  let rewritten: string;
  try {
    rewritten = await parser.rewrite(sql, {
      replace: (ref) => {
        const resolved = resolveTable(input, ref);
        return 'kind' in resolved ? undefined : replacementFor(input, resolved, ref)?.text;
      },
      ...(limit !== undefined ? { limit } : {}),
    });
  } catch (error) {
    return deny(
      'sql.rewrite',
      `the query could not be rewritten to apply the limits of ${role} (${(error as Error).message}); simplify it`,
    );
  }
  return {
    kind: 'rewrite',
    rule: replaced ? 'scope.rewrite' : 'rows.limit',
    reason: [...notes].join('; '),
    call: { tool: 'run_sql', args: { source: source.source.name, sql: rewritten } },
    tables,
    ...(limit !== undefined ? { rowLimit: limit } : {}),
    ...(lookBackFromMs !== undefined ? { lookBackFrom: new Date(lookBackFromMs).toISOString() } : {}),
    scopeNotes,
    ...(refs.some((r) => r.scope.rowFilters || r.scope.restrictedColumns) ? { confidentialErrors: true } : {}),
  };
}

/**
 * The SELECT that replaces one reference to a table: the visible columns, the row filters and, unless the statement
 * already bounds this reference's time column inside the window, the window predicate. Undefined when the table
 * is read as it is. `windowStartMs` is set when the window predicate is part of it.
 */
function replacementFor(input: SqlCheckInput, table: TableScope, ref: SqlTableRef): { text: string; windowStartMs?: number } | undefined {
  const dialect = input.source.source.dialect;
  const predicates = table.rowFilters ? [table.rowFilters.map((f) => `(${f})`).join(' OR ')] : [];
  // PostgreSQL pushes a user's predicate into a plain subquery and may evaluate it before the row filter, so an error
  // (a failing cast, a division by zero) on a hidden row would leak through its text or its mere occurrence. OFFSET 0
  // keeps the subquery whole (no pull-up, no qual push-down): the user's predicates see only the rows the filter kept.
  // DuckDB's optimizer evaluated the shipped filters first in every case of test/policies/side-channels.integration.test.ts.
  const fenced = table.rowFilters !== null && dialect === 'postgres';
  const cutoffMs = input.windowStartMs;
  const time = windowColumn(input, table.table);
  const provenMs = time && provenStartMs(dialect, ref, time);
  const windowed = cutoffMs !== undefined && time !== undefined && !(provenMs !== undefined && provenMs >= cutoffMs);
  if (windowed) predicates.push(windowPredicate(time, new Date(cutoffMs)));
  // Inside a fence the statement's own start bound is copied in (our literal, a comparison that cannot fail on a row),
  // so the fenced scan stays as narrow as the statement asked for (index range, partition pruning).
  else if (fenced && time && provenMs !== undefined) predicates.push(windowPredicate(time, new Date(provenMs)));
  if (predicates.length === 0 && !table.restrictedColumns) return undefined;
  const columns = table.visibleColumns.map(quoteIdent).join(', ');
  const where = predicates.length > 0 ? ` WHERE ${predicates.map((p) => `(${p})`).join(' AND ')}` : '';
  const text = `SELECT ${columns} FROM ${quoteIdent(table.table.schema ?? defaultSchemaOf(dialect))}.${quoteIdent(table.table.name)}${where}${fenced ? ' OFFSET 0' : ''}`;
  return windowed ? { text, windowStartMs: cutoffMs } : { text };
}

/** Resolves a table reference to the principal's scope of it, or a denial. */
function resolveTable(input: SqlCheckInput, ref: SqlTableRef): TableScope | Deny {
  const { source, scope } = input;
  const dialect = source.source.dialect;
  const shown = [ref.catalog, ref.schema, ref.name].filter(Boolean).join('.');
  if (isSystemCatalog(dialect, ref)) {
    if (source.systemCatalogs)
      return { table: { name: ref.name, kind: 'view', columns: [] }, visibleColumns: [], restrictedColumns: false, rowFilters: null };
    return deny('scope.table', `${shown} is a system catalog; your role ${scope.roleLabel} may not read the database's own catalogs`);
  }
  const table = findTable(dialect, source.source.tables, ref);
  if (!table)
    return deny(
      'scope.table',
      `there is no table ${shown} in source ${source.source.name} that your role ${scope.roleLabel} may read; see the catalog for the tables you can query`,
    );
  const key = tableKey(dialect, table.schema, table.name);
  const granted = source.tables.get(key);
  if (granted) return granted;
  const refusedView = source.refusedViews.get(key);
  if (refusedView) return deny('scope.view', refusedView);
  const reason = protectionOf(input.bundle, source.source, table)?.reason;
  return deny(
    'scope.table',
    reason
      ? `${reason}; your role ${scope.roleLabel} may not read it`
      : `the table ${table.name} of source ${source.source.name} is not granted to your role ${scope.roleLabel}`,
  );
}

function findTable(dialect: Dialect, tables: readonly TableDescription[], ref: SqlTableRef): TableDescription | undefined {
  const eq = (a: string | undefined, b: string | undefined) =>
    a === undefined || b === undefined ? a === b : fold(dialect, a) === fold(dialect, b);
  const named = tables.filter((t) => eq(t.name, ref.name));
  const schemaOf = (t: TableDescription) => t.schema ?? defaultSchemaOf(dialect);
  if (ref.schema) {
    const exact = named.filter((t) => eq(schemaOf(t), ref.schema));
    if (exact.length > 0 || ref.catalog || dialect === 'postgres') return exact[0];
    // DuckDB reads `x.table` as catalog x when no schema x exists: then the default schema applies.
    if (tables.some((t) => eq(schemaOf(t), ref.schema))) return undefined;
    return named.find((t) => eq(schemaOf(t), defaultSchemaOf(dialect)));
  }
  return named.find((t) => eq(schemaOf(t), defaultSchemaOf(dialect))) ?? (named.length === 1 ? named[0] : undefined);
}

function isSystemCatalog(dialect: Dialect, ref: SqlTableRef): boolean {
  const schema = ref.schema ? fold(dialect, ref.schema) : '';
  const name = fold(dialect, ref.name);
  if (['pg_catalog', 'information_schema'].includes(schema)) return true;
  if (dialect === 'postgres') return !ref.schema && name.startsWith('pg_');
  return (
    (ref.catalog !== undefined && ['system', 'temp'].includes(fold(dialect, ref.catalog))) ||
    name.startsWith('duckdb_') ||
    name.startsWith('sqlite_') ||
    name.startsWith('pragma_')
  );
}

/** A column the query names that a referenced table hides from the principal (qualified refs checked against their table). */
function hiddenColumn(
  input: SqlCheckInput,
  analysis: Extract<SqlAnalysis, { ok: true }>,
  refs: { ref: SqlTableRef; scope: TableScope }[],
): Deny | undefined {
  const dialect = input.source.source.dialect;
  const restricted = refs.filter((r) => r.scope.restrictedColumns);
  if (restricted.length === 0) return undefined;
  for (const column of analysis.columns) {
    const candidates = column.qualifier
      ? restricted.filter((r) => fold(dialect, r.ref.alias ?? r.ref.name) === fold(dialect, column.qualifier!))
      : restricted;
    const pool =
      column.qualifier &&
      candidates.length === 0 &&
      !refs.some((r) => fold(dialect, r.ref.alias ?? r.ref.name) === fold(dialect, column.qualifier!))
        ? restricted
        : candidates;
    for (const { scope } of pool) {
      const all = scope.table.columns.map((c) => c.name);
      const match = all.find((c) => fold(dialect, c) === fold(dialect, column.name));
      if (match && !scope.visibleColumns.includes(match)) {
        const reason = protectionOf(input.bundle, input.source.source, scope.table)?.columns?.[match];
        const what = `${scope.table.name}.${match}`;
        return deny(
          'scope.column',
          reason
            ? `${reason}; your role ${input.scope.roleLabel} may not read ${what}`
            : `the column ${what} is not granted to your role ${input.scope.roleLabel}`,
        );
      }
    }
  }
  return undefined;
}

/** The time column of the historian's samples table, when `table` is that table. */
function windowColumn(input: SqlCheckInput, table: TableDescription): { name: string; zoned: boolean } | undefined {
  const mapping = input.source.source.historian?.samples;
  const dialect = input.source.source.dialect;
  if (!mapping || !isSamplesTable(input.source.source, table)) return undefined;
  const column = table.columns.find((c) => fold(dialect, c.name) === fold(dialect, mapping.time));
  return column && { name: column.name, zoned: /time zone|timestamptz/i.test(column.type) };
}

/** The latest start the statement itself proves on this reference's time column (see SqlTableRef.lowerBounds), ms. */
function provenStartMs(dialect: Dialect, ref: SqlTableRef, time: { name: string; zoned: boolean }): number | undefined {
  const starts = (ref.lowerBounds ?? []).flatMap((bound) => {
    if (fold(dialect, bound.column) !== fold(dialect, time.name)) return [];
    if (bound.type !== 'string' && bound.type !== (time.zoned ? 'timestamptz' : 'timestamp')) return [];
    const ms = timestampLiteralMs(bound.literal, time.zoned);
    return ms === undefined ? [] : [ms];
  });
  return starts.length > 0 ? Math.max(...starts) : undefined;
}

function windowPredicate(time: { name: string; zoned: boolean }, cutoff: Date): string {
  const iso = cutoff.toISOString().replace('T', ' ').replace('Z', '');
  return time.zoned
    ? `${quoteIdent(time.name)} >= CAST('${iso}+00' AS TIMESTAMP WITH TIME ZONE)`
    : `${quoteIdent(time.name)} >= CAST('${iso}' AS TIMESTAMP)`;
}

function fold(dialect: Dialect, name: string): string {
  return dialect === 'duckdb' ? name.toLowerCase() : name;
}

function defaultSchemaOf(dialect: Dialect): string {
  return dialect === 'duckdb' ? 'main' : 'public';
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
