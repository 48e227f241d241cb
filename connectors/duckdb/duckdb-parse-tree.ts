// DuckDB's serialized parse tree (json_serialize_sql): the walk that finds tables, functions and columns, and LIMIT edits.
import type { SqlCall, SqlConstant, SqlLowerBound, SqlTableRef } from '../sql-parser.ts';

export type JsonObject = Record<string, unknown>;

export interface Collected {
  tables: SqlTableRef[];
  cteNames: string[];
  tableFunctions: string[];
  functions: string[];
  calls: SqlCall[];
  types: string[];
  columns: { qualifier?: string; name: string }[];
  stars: { qualifier?: string; pattern: boolean }[];
  unsupported: string[];
}

const tableRefTypes = new Set(['BASE_TABLE', 'JOIN', 'SUBQUERY', 'TABLE_FUNCTION', 'EMPTY', 'EXPRESSION_LIST']);
const queryNodeTypes = new Set(['SELECT_NODE', 'SET_OPERATION_NODE', 'RECURSIVE_CTE_NODE', 'CTE_NODE']);

/** Walks the AST: base tables (minus CTE references, scope-aware), functions, columns, stars, unknown constructs. */
export function collect(statements: unknown[], onTable?: (target: JsonObject, ref: SqlTableRef) => void): Collected {
  const out: Collected = {
    tables: [],
    cteNames: [],
    tableFunctions: [],
    functions: [],
    calls: [],
    types: [],
    columns: [],
    stars: [],
    unsupported: [],
  };
  // Base tables that are the only FROM item of a query, with the lower bounds its WHERE clause proves.
  const bounded = new Map<JsonObject, SqlLowerBound[]>();
  // Calls whose result an ARRAY_EXTRACT operator indexes with one constant (`(array_agg(v))[1]`).
  const indexed = new Set<JsonObject>();
  const visit = (value: unknown, ctes: ReadonlySet<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, ctes);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const obj = value as JsonObject;
    let scope = ctes;
    const cteMap = (obj['cte_map'] as { map?: { key: string; value?: unknown }[] } | undefined)?.map;
    if (cteMap && cteMap.length > 0) {
      // DuckDB's scoping: a CTE's body sees the CTEs before it in the list, never itself or later ones (a name there
      // is the table of that name, even under WITH RECURSIVE; a recursive CTE's own name is in scope only inside its
      // RECURSIVE_CTE_NODE). The statement's body sees them all.
      const next = new Set(ctes);
      for (const entry of cteMap) {
        visit(entry.value, new Set(next));
        next.add(entry.key.toLowerCase());
        out.cteNames.push(entry.key);
      }
      scope = next;
    }
    const type = typeof obj['type'] === 'string' ? obj['type'] : '';
    if (type === 'RECURSIVE_CTE_NODE' && typeof obj['cte_name'] === 'string') scope = new Set([...scope, obj['cte_name'].toLowerCase()]);
    // A type name the parser did not resolve to a built-in: a catalog object (a table's row type, a user type).
    const typeInfo = obj['id'] === 'UNBOUND' ? (obj['type_info'] as JsonObject | null | undefined) : undefined;
    if (typeInfo && typeof typeInfo['name'] === 'string') {
      const qualifier = [typeInfo['catalog'], typeInfo['schema']].filter((q) => typeof q === 'string' && q !== '').join('.');
      out.types.push(`${qualifier ? `${qualifier}.` : ''}${typeInfo['name']}`.toLowerCase());
    }
    // USING SAMPLE is taken before WHERE: the rows it picks depend on rows the bounds exclude.
    if (type === 'SELECT_NODE' && (obj['sample'] === null || obj['sample'] === undefined)) {
      const from = obj['from_table'] as JsonObject | null | undefined;
      const sole = from?.['type'] === 'BASE_TABLE';
      for (const table of joinedBaseTables(from)) {
        const aliases = table['column_name_alias'];
        if (!Array.isArray(aliases) || aliases.length > 0 || (table['sample'] !== null && table['sample'] !== undefined)) continue;
        const bounds = lowerBounds(obj['where_clause'], nameText(table['alias'] || table['table_name']), sole);
        if (bounds.length > 0) bounded.set(table, bounds);
      }
    }
    if ('modifiers' in obj && 'cte_map' in obj && !queryNodeTypes.has(type)) out.unsupported.push(`query node ${type}`);
    if (Array.isArray(obj['modifiers'])) {
      for (const m of obj['modifiers'] as JsonObject[])
        if (m['type'] === 'LIMIT_PERCENT_MODIFIER') out.unsupported.push('LIMIT with a percentage');
    }
    if (!('class' in obj) && 'sample' in obj && 'alias' in obj) {
      if (!tableRefTypes.has(type)) {
        out.unsupported.push(`table reference ${type}`);
        return;
      }
      if (type === 'BASE_TABLE') {
        if (obj['at_clause'] !== null && obj['at_clause'] !== undefined) out.unsupported.push('AT (time travel) clause');
        const ref: SqlTableRef = { name: nameText(obj['table_name']) };
        if (obj['schema_name']) ref.schema = nameText(obj['schema_name']);
        if (obj['catalog_name']) ref.catalog = nameText(obj['catalog_name']);
        if (obj['alias']) ref.alias = nameText(obj['alias']);
        const bounds = bounded.get(obj);
        if (bounds) ref.lowerBounds = bounds;
        if (!ref.schema && !ref.catalog && scope.has(ref.name.toLowerCase())) return;
        out.tables.push(ref);
        onTable?.(obj, ref);
        return;
      }
      if (type === 'TABLE_FUNCTION') {
        const fn = obj['function'] as JsonObject | undefined;
        out.tableFunctions.push(functionName(fn));
        visit(fn?.['children'], scope);
        visit(obj['sample'], scope);
        return;
      }
    }
    const cls = obj['class'];
    if (cls === 'FUNCTION' || cls === 'WINDOW') {
      out.functions.push(functionName(obj));
      const children = Array.isArray(obj['children']) ? (obj['children'] as JsonObject[]) : [];
      out.calls.push({ name: functionName(obj), args: children.map(constantOf), indexed: indexed.has(obj) });
    } else if (cls === 'OPERATOR' && type === 'ARRAY_EXTRACT') {
      const [target, index] = (obj['children'] as JsonObject[] | undefined) ?? [];
      if (target && index && typeof constantOf(index) === 'number') indexed.add(target);
    } else if (cls === 'COLUMN_REF') {
      const names = (obj['column_names'] as string[] | undefined) ?? [];
      const name = names[names.length - 1];
      if (name !== undefined) out.columns.push(names.length >= 2 ? { qualifier: names[names.length - 2]!, name } : { name });
    } else if (cls === 'STAR') {
      const relation = obj['relation_name'] ? nameText(obj['relation_name']) : undefined;
      out.stars.push({
        ...(relation ? { qualifier: relation } : {}),
        pattern: obj['columns'] === true || (obj['expr'] !== null && obj['expr'] !== undefined),
      });
    }
    for (const [key, child] of Object.entries(obj)) if (key !== 'cte_map') visit(child, scope);
  };
  visit(statements, new Set());
  return out;
}

/**
 * Joins whose WHERE filters every output row of both sides: inner and outer joins, plain, NATURAL or CROSS. Not
 * POSITIONAL (pairs rows by position, so excluded rows would shift the pairs), ASOF, SEMI, ANTI or LATERAL.
 */
const filteringJoinTypes = new Set(['INNER', 'LEFT', 'RIGHT', 'OUTER']);
const filteringJoinRefs = new Set(['REGULAR', 'NATURAL', 'CROSS']);

/**
 * The base tables of a FROM clause whose rows all pass the query's WHERE: the table itself, or the base tables of a
 * tree of filtering joins. A WHERE conjunct on `alias.column` then holds for every row of that table that reaches
 * the result (an outer join's missing side is NULL and fails it). Any other join in the tree: none.
 */
function joinedBaseTables(from: JsonObject | null | undefined): JsonObject[] {
  const tables: JsonObject[] = [];
  const walk = (ref: JsonObject | null | undefined): boolean => {
    if (!ref) return true;
    if (ref['type'] === 'BASE_TABLE') tables.push(ref);
    if (ref['type'] !== 'JOIN') return true;
    if (!filteringJoinTypes.has(String(ref['join_type'])) || !filteringJoinRefs.has(String(ref['ref_type']))) return false;
    return walk(ref['left'] as JsonObject | null | undefined) && walk(ref['right'] as JsonObject | null | undefined);
  };
  return walk(from) ? tables : [];
}

/**
 * The lower bounds a WHERE clause puts on columns of one table of its FROM clause (`binding`: its alias, else its
 * name): conjuncts of the top-level AND chain that compare a column of it with a string literal (bare or cast to a
 * timestamp type) as `column >= literal`, `column > literal`, `literal <= column`, `literal < column` or `column
 * BETWEEN literal AND ...`. The column must be qualified by the binding unless the table is the only FROM item
 * (`bareColumns`); a bare column in WHERE binds to the table's column before any select-list alias of the same name.
 * Anything else (OR, functions, other literals) proves nothing.
 */
function lowerBounds(where: unknown, binding: string, bareColumns: boolean): SqlLowerBound[] {
  const bounds: SqlLowerBound[] = [];
  const column = (e: unknown): string | undefined => {
    const expr = e as JsonObject | null | undefined;
    if (expr?.['class'] !== 'COLUMN_REF') return undefined;
    const names = expr['column_names'];
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) return undefined;
    if (names.length === 1) return bareColumns ? names[0] : undefined;
    return names.length === 2 && (names[0] as string).toLowerCase() === binding.toLowerCase() ? names[1] : undefined;
  };
  const add = (col: unknown, lit: unknown): void => {
    const name = column(col);
    const value = literal(lit);
    if (name !== undefined && value !== undefined) bounds.push({ column: name, ...value });
  };
  const walk = (e: unknown): void => {
    const expr = e as JsonObject | null | undefined;
    if (!expr) return;
    if (expr['class'] === 'CONJUNCTION' && expr['type'] === 'CONJUNCTION_AND' && Array.isArray(expr['children'])) {
      for (const child of expr['children']) walk(child);
    } else if (expr['class'] === 'COMPARISON') {
      const type = expr['type'];
      if (type === 'COMPARE_GREATERTHANOREQUALTO' || type === 'COMPARE_GREATERTHAN') add(expr['left'], expr['right']);
      else if (type === 'COMPARE_LESSTHANOREQUALTO' || type === 'COMPARE_LESSTHAN') add(expr['right'], expr['left']);
    } else if (expr['class'] === 'BETWEEN' && expr['type'] === 'COMPARE_BETWEEN') {
      add(expr['input'], expr['lower']);
    }
  };
  walk(where);
  return bounds;
}

/** A string literal, bare or cast (not TRY_CAST) to a timestamp type, as written. */
function literal(e: unknown): Omit<SqlLowerBound, 'column'> | undefined {
  const expr = e as JsonObject | null | undefined;
  const text = (constant: unknown): string | undefined => {
    const c = constant as JsonObject | null | undefined;
    const value = c?.['value'] as JsonObject | undefined;
    const type = (value?.['type'] as JsonObject | undefined)?.['id'];
    return c?.['class'] === 'CONSTANT' && type === 'VARCHAR' && value?.['is_null'] === false && typeof value['value'] === 'string'
      ? value['value']
      : undefined;
  };
  if (expr?.['class'] === 'CONSTANT') {
    const value = text(expr);
    return value === undefined ? undefined : { literal: value, type: 'string' };
  }
  if (expr?.['class'] !== 'CAST' || expr['try_cast'] !== false) return undefined;
  const value = text(expr['child']);
  const target = (expr['cast_type'] as JsonObject | undefined)?.['id'];
  if (value === undefined) return undefined;
  if (target === 'TIMESTAMP WITH TIME ZONE') return { literal: value, type: 'timestamptz' };
  if (target === 'TIMESTAMP') return { literal: value, type: 'timestamp' };
  return undefined;
}

/**
 * A name field of DuckDB's serialized parse tree as text. DuckDB writes names as strings; a value of any other kind
 * becomes its JSON text (not `[object Object]`), which names no table or function a policy allows.
 */
function nameText(value: unknown): string {
  return typeof value === 'string' ? value : String(JSON.stringify(value));
}

/** A literal's value (numbers as numbers, text as text), or null for anything that is not a plain constant. */
function constantOf(node: JsonObject): SqlConstant {
  if (node['class'] !== 'CONSTANT') return null;
  const value = node['value'] as JsonObject | undefined;
  if (!value || value['is_null'] === true) return null;
  const raw = value['value'];
  if (typeof raw === 'number' || typeof raw === 'string') {
    const id = (value['type'] as JsonObject | undefined)?.['id'];
    if (id === 'VARCHAR') return String(raw);
    const n = Number(raw);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function functionName(fn: JsonObject | undefined): string {
  const name = nameText(fn?.['function_name'] ?? '').toLowerCase();
  const schema = fn?.['schema'] ? nameText(fn['schema']).toLowerCase() : '';
  const catalog = fn?.['catalog'] ? nameText(fn['catalog']).toLowerCase() : '';
  return [catalog, schema, name].filter((part) => part !== '').join('.');
}

export function topLimit(statement: unknown): number | 'none' | 'other' {
  const node = (statement as JsonObject | undefined)?.['node'] as JsonObject | undefined;
  const modifiers = (node?.['modifiers'] as JsonObject[] | undefined) ?? [];
  const percent = modifiers.find((m) => m['type'] === 'LIMIT_PERCENT_MODIFIER');
  if (percent) return 'other';
  const limit = modifiers.find((m) => m['type'] === 'LIMIT_MODIFIER');
  if (!limit || limit['limit'] === null) return 'none';
  const expr = limit['limit'] as JsonObject;
  const value = (expr['value'] as JsonObject | undefined)?.['value'];
  if (expr['class'] === 'CONSTANT' && typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  return 'other';
}

export function setLimit(node: JsonObject, limit: number): void {
  const modifiers = (node['modifiers'] as JsonObject[] | undefined) ?? [];
  const constant = {
    class: 'CONSTANT',
    type: 'VALUE_CONSTANT',
    alias: '',
    query_location: 0,
    value: { type: { id: 'BIGINT', type_info: null }, is_null: false, value: limit },
  };
  const existing = modifiers.find((m) => m['type'] === 'LIMIT_MODIFIER');
  if (existing) existing['limit'] = constant;
  else modifiers.push({ type: 'LIMIT_MODIFIER', limit: constant, offset: null });
  node['modifiers'] = modifiers;
}

/** Parses one `getTableNames` entry (`cat.schema."Name" AS alias`) into its parts; quoted parts keep their case. */
export function parseQualifiedName(entry: string): SqlTableRef {
  const parts: string[] = [];
  let i = 0;
  let alias: string | undefined;
  while (i < entry.length) {
    let part = '';
    if (entry[i] === '"') {
      i++;
      while (i < entry.length && !(entry[i] === '"' && entry[i + 1] !== '"')) {
        part += entry[i];
        i += entry[i] === '"' ? 2 : 1;
      }
      i++;
    } else {
      while (i < entry.length && entry[i] !== '.' && entry[i] !== ' ') part += entry[i++];
    }
    parts.push(part);
    if (entry[i] === '.') {
      i++;
      continue;
    }
    if (entry.startsWith(' AS ', i)) alias = entry.slice(i + 4);
    break;
  }
  const name = parts.pop() ?? entry;
  const ref: SqlTableRef = { name };
  const schema = parts.pop();
  const catalog = parts.pop();
  if (schema) ref.schema = schema;
  if (catalog) ref.catalog = catalog;
  if (alias) ref.alias = alias;
  return ref;
}
