// Lower bounds a PostgreSQL WHERE clause proves on the columns of its query's only table (see SqlTableRef.lowerBounds).
import type { SqlLowerBound } from '../sql-parser.ts';

type JsonObject = Record<string, unknown>;

/**
 * The bounds of a SelectStmt on the plain tables of its FROM clause (RangeVars without column aliases, alone, in a
 * comma list or in inner/outer JoinExprs; a sampled table is a RangeTableSample and is not one): conjuncts of the
 * top-level AND that compare a column of one of them with a string literal, bare or cast to timestamp/timestamptz
 * (`pg_catalog` or unqualified), as `>=`, `>`, reversed `<=`/`<`, or `BETWEEN literal AND ...`. The column must be
 * qualified by the table's alias (or name) unless the table is the only FROM item. Every row of such a table that
 * reaches the result passes the WHERE clause (an outer join's missing side is NULL and fails it).
 */
export function selectLowerBounds(select: JsonObject): { table: JsonObject; bounds: SqlLowerBound[] }[] {
  const from = (select['fromClause'] as JsonObject[] | undefined) ?? [];
  const tables: JsonObject[] = [];
  const walk = (item: JsonObject | undefined): void => {
    const table = item?.['RangeVar'] as JsonObject | undefined;
    const join = item?.['JoinExpr'] as JsonObject | undefined;
    if (table) tables.push(table);
    else if (join && ['JOIN_INNER', 'JOIN_LEFT', 'JOIN_RIGHT', 'JOIN_FULL'].includes(String(join['jointype']))) {
      walk(join['larg'] as JsonObject | undefined);
      walk(join['rarg'] as JsonObject | undefined);
    }
  };
  for (const item of from) walk(item);
  const sole = from.length === 1 && from[0]?.['RangeVar'] !== undefined;
  return tables.flatMap((table) => {
    const alias = table['alias'] as JsonObject | undefined;
    if (((alias?.['colnames'] as unknown[] | undefined) ?? []).length > 0) return [];
    const binding = typeof alias?.['aliasname'] === 'string' ? alias['aliasname'] : String(table['relname']);
    const bounds = whereBounds(select['whereClause'], binding, sole);
    return bounds.length > 0 ? [{ table, bounds }] : [];
  });
}

function whereBounds(where: unknown, binding: string, bareColumns: boolean): SqlLowerBound[] {
  const bounds: SqlLowerBound[] = [];
  const add = (col: unknown, lit: unknown): void => {
    const name = column(col, binding, bareColumns);
    const value = literal(lit);
    if (name !== undefined && value !== undefined) bounds.push({ column: name, ...value });
  };
  const walk = (e: unknown): void => {
    const node = e as JsonObject | undefined;
    const bool = node?.['BoolExpr'] as JsonObject | undefined;
    const expr = node?.['A_Expr'] as JsonObject | undefined;
    if (bool?.['boolop'] === 'AND_EXPR' && Array.isArray(bool['args'])) {
      for (const arg of bool['args']) walk(arg);
    } else if (expr?.['kind'] === 'AEXPR_OP') {
      const op = operator(expr);
      if (op === '>=' || op === '>') add(expr['lexpr'], expr['rexpr']);
      else if (op === '<=' || op === '<') add(expr['rexpr'], expr['lexpr']);
    } else if (expr?.['kind'] === 'AEXPR_BETWEEN') {
      const items = ((expr['rexpr'] as JsonObject | undefined)?.['List'] as JsonObject | undefined)?.['items'] as unknown[] | undefined;
      add(expr['lexpr'], items?.[0]);
    }
  };
  walk(where);
  return bounds;
}

const svalOf = (node: unknown): unknown => ((node as JsonObject | undefined)?.['String'] as JsonObject | undefined)?.['sval'];

/** The operator of an A_Expr when it is unqualified (`OPERATOR(schema.>=)` proves nothing). */
function operator(expr: JsonObject): string | undefined {
  const name = expr['name'] as unknown[] | undefined;
  const op = name?.length === 1 ? svalOf(name[0]) : undefined;
  return typeof op === 'string' ? op : undefined;
}

function column(e: unknown, binding: string, bareColumns: boolean): string | undefined {
  const fields = ((e as JsonObject | undefined)?.['ColumnRef'] as JsonObject | undefined)?.['fields'] as unknown[] | undefined;
  const names = (fields ?? []).map(svalOf);
  if (!names.every((n): n is string => typeof n === 'string')) return undefined;
  if (names.length === 1) return bareColumns ? names[0] : undefined;
  return names.length === 2 && names[0] === binding ? names[1] : undefined;
}

function literal(e: unknown): Omit<SqlLowerBound, 'column'> | undefined {
  const node = e as JsonObject | undefined;
  const text = (c: unknown): string | undefined => {
    const sval = ((c as JsonObject | undefined)?.['A_Const'] as JsonObject | undefined)?.['sval'] as JsonObject | undefined;
    return typeof sval?.['sval'] === 'string' ? sval['sval'] : undefined;
  };
  const bare = text(node);
  if (bare !== undefined) return { literal: bare, type: 'string' };
  const cast = node?.['TypeCast'] as JsonObject | undefined;
  const value = text(cast?.['arg']);
  const names = (((cast?.['typeName'] as JsonObject | undefined)?.['names'] as unknown[] | undefined) ?? []).map(svalOf);
  if (value === undefined || names.length === 0 || names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) return undefined;
  const type = names[names.length - 1];
  if (type === 'timestamptz') return { literal: value, type: 'timestamptz' };
  if (type === 'timestamp') return { literal: value, type: 'timestamp' };
  return undefined;
}
