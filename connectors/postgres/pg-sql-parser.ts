// PostgreSQL's own parser (libpg-query, WASM) as the guard's judge; rewrites splice text at parser/scanner positions.
import { loadModule, parseSync, scanSync } from 'libpg-query';
import { ConnectorError } from '../../core/errors.ts';
import type { SqlAnalysis, SqlCall, SqlConstant, SqlLowerBound, SqlParser, SqlRewritePlan, SqlTableRef } from '../sql-parser.ts';
import { selectLowerBounds } from './pg-lower-bounds.ts';

type JsonObject = Record<string, unknown>;

interface PgStatement {
  stmt: JsonObject;
  stmt_location?: number;
  stmt_len?: number;
}

interface Located {
  ref: SqlTableRef;
  /** Byte offset of the relation name in the SQL text. */
  location: number;
}

/** Creates the PostgreSQL parser. Pure parsing (no server); locations are UTF-8 byte offsets, as libpg_query reports them. */
export async function createPgSqlParser(): Promise<SqlParser> {
  await loadModule();
  return {
    dialect: 'postgres',
    // Parsing is synchronous here; the promise keeps errors as rejections, as the interface promises.
    analyze: (sql) => Promise.resolve().then(() => analyze(sql)),
    rewrite: (sql, plan) => Promise.resolve().then(() => rewrite(sql, plan)),
    async close() {},
  };
}

function parse(sql: string): PgStatement[] {
  return (parseSync(sql) as unknown as { stmts?: PgStatement[] }).stmts ?? [];
}

function analyze(sql: string): SqlAnalysis {
  let stmts: PgStatement[];
  try {
    stmts = parse(sql);
  } catch (error) {
    return { ok: false, error: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'syntax error' };
  }
  if (stmts.length === 0) return { ok: false, error: 'the text holds no SQL statement' };
  const first = stmts[0]!.stmt;
  const statementKind = Object.keys(first)[0] ?? 'unknown';
  const walked = walk(first);
  const isSelect = statementKind === 'SelectStmt' && !walked.selectInto && !walked.locking && !walked.dataModifyingCte;
  const select = first['SelectStmt'] as JsonObject | undefined;
  return {
    ok: true,
    statementCount: stmts.length,
    statementKind,
    isSelect,
    selectInto: walked.selectInto,
    locking: walked.locking,
    dataModifyingCte: walked.dataModifyingCte,
    tables: walked.tables.map((t) => t.ref),
    cteNames: walked.cteNames,
    tableFunctions: walked.tableFunctions,
    functions: walked.functions,
    calls: walked.calls,
    types: walked.types,
    columns: walked.columns,
    stars: walked.stars,
    unsupported: walked.unsupported,
    limit: select ? topLimit(select) : 'none',
  };
}

function walk(root: JsonObject) {
  const out = {
    tables: [] as Located[],
    cteNames: [] as string[],
    tableFunctions: [] as string[],
    functions: [] as string[],
    calls: [] as SqlCall[],
    types: [] as string[],
    columns: [] as { qualifier?: string; name: string }[],
    stars: [] as { qualifier?: string; pattern: boolean }[],
    unsupported: [] as string[],
    selectInto: false,
    locking: false,
    dataModifyingCte: false,
  };
  // Tables that are the only FROM item of a query, with the lower bounds its WHERE clause proves.
  const bounded = new Map<JsonObject, SqlLowerBound[]>();
  // Calls whose result an indirection indexes with one constant subscript (`(array_agg(v ORDER BY t))[1]`).
  const indexed = new Set<JsonObject>();
  const visit = (value: unknown, ctes: ReadonlySet<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, ctes);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [type, body] of Object.entries(value as JsonObject)) {
      if (Array.isArray(body)) visit(body, ctes);
      if (body === null || typeof body !== 'object' || Array.isArray(body)) continue;
      const node = body as JsonObject;
      const scope = ctes;
      switch (type) {
        case 'SelectStmt': {
          if (node['intoClause']) out.selectInto = true;
          if (node['lockingClause']) out.locking = true;
          for (const proven of selectLowerBounds(node)) bounded.set(proven.table, proven.bounds);
          const withClause = node['withClause'] as JsonObject | undefined;
          const ctesHere = (withClause?.['ctes'] as JsonObject[] | undefined) ?? [];
          if (ctesHere.length === 0) break;
          // PostgreSQL's scoping: without RECURSIVE a CTE's body sees only the CTEs before it (its own name or a later
          // one there is the table of that name); with RECURSIVE every name of the list is in scope everywhere.
          const all = new Set(ctes);
          for (const c of ctesHere) all.add(String((c['CommonTableExpr'] as JsonObject)['ctename']));
          const next = new Set(ctes);
          for (const c of ctesHere) {
            const cte = c['CommonTableExpr'] as JsonObject;
            const kind = Object.keys((cte['ctequery'] as JsonObject | undefined) ?? {})[0];
            if (kind !== 'SelectStmt') out.dataModifyingCte = true;
            visit(cte, withClause?.['recursive'] === true ? all : new Set(next));
            next.add(String(cte['ctename']));
            out.cteNames.push(String(cte['ctename']));
          }
          const { withClause: _visited, ...rest } = node;
          visit(rest, all);
          continue;
        }
        case 'TypeName':
        case 'typeName': {
          const names = ((node['names'] as JsonObject[] | undefined) ?? []).map(
            (n) => ((n['String'] as JsonObject | undefined)?.['sval'] as string | undefined) ?? '?',
          );
          out.types.push(names.join('.').toLowerCase());
          break;
        }
        case 'RangeVar': {
          const ref: SqlTableRef = { name: String(node['relname']) };
          if (node['schemaname']) ref.schema = nameText(node['schemaname']);
          if (node['catalogname']) ref.catalog = nameText(node['catalogname']);
          const alias = (node['alias'] as JsonObject | undefined)?.['aliasname'];
          if (alias) ref.alias = nameText(alias);
          const bounds = bounded.get(node);
          if (bounds) ref.lowerBounds = bounds;
          if (!ref.schema && !ref.catalog && ctes.has(ref.name)) continue;
          out.tables.push({ ref, location: Number(node['location'] ?? -1) });
          continue;
        }
        case 'RangeFunction': {
          for (const item of (node['functions'] as JsonObject[] | undefined) ?? []) {
            const items = ((item['List'] as JsonObject | undefined)?.['items'] as JsonObject[] | undefined) ?? [];
            for (const fn of items) {
              const call = fn['FuncCall'] as JsonObject | undefined;
              if (call) {
                out.tableFunctions.push(funcName(call));
                visit(call['args'], scope);
              } else if (Object.keys(fn).length > 0) out.unsupported.push('a table function that is not a plain function call');
            }
          }
          continue;
        }
        case 'FuncCall':
          out.functions.push(funcName(node));
          out.calls.push({
            name: funcName(node),
            args: ((node['args'] as JsonObject[] | undefined) ?? []).map(constantOf),
            indexed: indexed.has(node),
          });
          break;
        case 'A_Indirection': {
          const steps = (node['indirection'] as JsonObject[] | undefined) ?? [];
          const indices = steps.length === 1 ? (steps[0]!['A_Indices'] as JsonObject | undefined) : undefined;
          const target = (node['arg'] as JsonObject | undefined)?.['FuncCall'] as JsonObject | undefined;
          if (target && indices && indices['is_slice'] !== true && typeof constantOf(indices['uidx'] as JsonObject) === 'number')
            indexed.add(target);
          break;
        }
        case 'ColumnRef': {
          const fields = (node['fields'] as JsonObject[] | undefined) ?? [];
          const names = fields.map((f) => ((f['String'] as JsonObject | undefined)?.['sval'] as string | undefined) ?? null);
          const last = names[names.length - 1];
          const qualifier = names.length >= 2 ? names[names.length - 2] : undefined;
          if (last === null) out.stars.push({ ...(qualifier ? { qualifier } : {}), pattern: false });
          else if (last !== undefined) out.columns.push(qualifier ? { qualifier, name: last } : { name: last });
          continue;
        }
        case 'RangeTableFunc':
        case 'JsonTable':
          out.unsupported.push(type);
          continue;
      }
      visit(node, scope);
    }
  };
  visit(root, new Set());
  return out;
}

/** A name field of the parse tree as text (always a string in libpg_query's output; anything else becomes its JSON text). */
function nameText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** A literal's value (numbers as numbers, text as text), or null for anything that is not a plain constant. */
function constantOf(node: JsonObject | undefined): SqlConstant {
  const constant = node?.['A_Const'] as JsonObject | undefined;
  if (!constant || constant['isnull'] === true) return null;
  // libpg_query's JSON omits zero values: `0` is `{ival: {}}`.
  const ival = constant['ival'] as JsonObject | undefined;
  if (ival) return typeof ival['ival'] === 'number' ? ival['ival'] : 0;
  const fval = (constant['fval'] as JsonObject | undefined)?.['fval'];
  if (typeof fval === 'string') return Number.isFinite(Number(fval)) ? Number(fval) : null;
  const sval = constant['sval'] as JsonObject | undefined;
  if (sval) return typeof sval['sval'] === 'string' ? sval['sval'] : '';
  return null;
}

function funcName(call: JsonObject): string {
  const parts = ((call['funcname'] as JsonObject[] | undefined) ?? []).map((p) =>
    nameText((p['String'] as JsonObject | undefined)?.['sval'] ?? ''),
  );
  return parts.join('.');
}

function topLimit(select: JsonObject): number | 'none' | 'other' {
  const count = select['limitCount'] as JsonObject | undefined;
  if (!count) return 'none';
  const constant = count['A_Const'] as JsonObject | undefined;
  const ival = constant?.['ival'] as JsonObject | undefined;
  if (!constant || !ival) return 'other';
  // libpg_query's JSON omits zero values: `LIMIT 0` is `{ival: {}}`.
  const value = ival['ival'] ?? 0;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 'other';
}

function rewrite(sql: string, plan: SqlRewritePlan): string {
  const stmts = parse(sql);
  if (stmts.length !== 1 || !stmts[0]!.stmt['SelectStmt'])
    throw new ConnectorError('QUERY_REJECTED', 'cannot rewrite: not exactly one SELECT');
  const { stmt, stmt_location = 0, stmt_len = 0 } = stmts[0]!;
  const bytes = Buffer.from(sql, 'utf8');
  const end = stmt_len === 0 ? bytes.length : stmt_location + stmt_len;
  const tokens = scanSync(sql).tokens;
  const edits: { start: number; end: number; text: string }[] = [];
  for (const { ref, location } of walk(stmt).tables) {
    const replacement = plan.replace(ref);
    if (replacement === undefined) continue;
    const nameEnd = qualifiedNameEnd(tokens, location);
    if (nameEnd === undefined)
      throw new ConnectorError('QUERY_REJECTED', `cannot rewrite the reference to ${ref.name}: its position is unknown`);
    const text = ref.alias ? `(${replacement})` : `(${replacement}) AS ${quoteIdent(ref.name)}`;
    // `ONLY name` (no inheritance) becomes the subquery too: ONLY cannot precede a subquery.
    const at = tokens.findIndex((t) => t.start === location);
    const before = tokens[at - 1];
    const start = before && before.text.toUpperCase() === 'ONLY' && before.keywordName !== 'NO_KEYWORD' ? before.start : location;
    edits.push({ start, end: nameEnd, text });
  }
  const select = stmt['SelectStmt'] as JsonObject;
  let wrap = false;
  let append = '';
  if (plan.limit !== undefined) {
    const current = topLimit(select);
    if (current === 'none') append = `\nLIMIT ${plan.limit}`;
    else if (current === 'other') wrap = true;
    else if (current > plan.limit) {
      const location = Number(((select['limitCount'] as JsonObject)['A_Const'] as JsonObject)['location']);
      const token = tokens.find((t) => t.start === location);
      if (!token) throw new ConnectorError('QUERY_REJECTED', 'cannot rewrite the LIMIT: its position is unknown');
      edits.push({ start: token.start, end: token.end, text: String(plan.limit) });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let body = bytes.subarray(stmt_location, end);
  for (const edit of edits) {
    const s = edit.start - stmt_location;
    const e = edit.end - stmt_location;
    body = Buffer.concat([body.subarray(0, s), Buffer.from(edit.text, 'utf8'), body.subarray(e)]);
  }
  const text = body.toString('utf8') + append;
  return wrap ? `SELECT * FROM (\n${text}\n) AS otq_limited LIMIT ${plan.limit}` : text;
}

interface Token {
  start: number;
  end: number;
  text: string;
  tokenName: string;
  keywordName: string;
}

/** End byte of `name`, `schema.name` or `catalog.schema.name` starting at `start`; undefined unless the scanner agrees. */
function qualifiedNameEnd(tokens: readonly Token[], start: number): number | undefined {
  let index = tokens.findIndex((t) => t.start === start);
  if (index < 0) return undefined;
  const isName = (t: Token | undefined) =>
    t !== undefined && (t.tokenName === 'IDENT' || (t.keywordName !== 'NO_KEYWORD' && t.keywordName !== 'RESERVED_KEYWORD'));
  if (!isName(tokens[index])) return undefined;
  let end = tokens[index]!.end;
  while (tokens[index + 1]?.text === '.' && isName(tokens[index + 2])) {
    end = tokens[index + 2]!.end;
    index += 2;
  }
  return end;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
