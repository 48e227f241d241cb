// DuckDB's own parser as the guard's judge: a private, locked-down in-memory instance that never sees data.
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { ConnectorError } from '../../core/errors.ts';
import { createLruMap, type LruMap } from '../../core/lru-map.ts';
import type { SqlAnalysis, SqlParser, SqlRewritePlan, SqlTableRef } from '../sql-parser.ts';

type JsonObject = Record<string, unknown>;

interface Collected {
  tables: SqlTableRef[];
  cteNames: string[];
  tableFunctions: string[];
  functions: string[];
  columns: { qualifier?: string; name: string }[];
  stars: { qualifier?: string; pattern: boolean }[];
  unsupported: string[];
}

const tableRefTypes = new Set(['BASE_TABLE', 'JOIN', 'SUBQUERY', 'TABLE_FUNCTION', 'EMPTY', 'EXPRESSION_LIST']);
const queryNodeTypes = new Set(['SELECT_NODE', 'SET_OPERATION_NODE', 'RECURSIVE_CTE_NODE', 'CTE_NODE']);

/**
 * Creates a DuckDB parser on its own in-memory instance: external access, extensions and configuration changes off,
 * one thread. It only parses (extractStatements, json_serialize_sql, getTableNames) and never executes user SQL.
 * Two connections: statements are counted on one while the other serialises, so a new text costs one wait on the
 * engine for analyze and one for rewrite (each wait is a thread hand-off, slow on a busy machine).
 */
export async function createDuckDbSqlParser(): Promise<SqlParser> {
  const instance = await DuckDBInstance.create(':memory:', {
    enable_external_access: 'false',
    autoload_known_extensions: 'false',
    autoinstall_known_extensions: 'false',
    allow_community_extensions: 'false',
    threads: '1',
    memory_limit: '64MB',
  });
  const connection = await instance.connect();
  const counter = await instance.connect();
  await connection.run('SET lock_configuration = true');
  const engine: Engine = {
    connection,
    serialize: cachedText(await connection.prepare('SELECT json_serialize_sql($1::VARCHAR)')),
    count: createLru<number | { error: string }>(),
    counter,
  };
  const deserialize = await connection.prepare('SELECT json_deserialize_sql($1::JSON)');
  let queue: Promise<unknown> = Promise.resolve();
  // One caller at a time: DuckDB prepared statements are not re-entrant.
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  let closed = false;

  return {
    dialect: 'duckdb',
    analyze: (sql) => exclusive(() => analyze(engine, sql)),
    rewrite: (sql, plan) => exclusive(() => rewrite(engine.serialize, deserialize, sql, plan)),
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      engine.serialize.prepared.destroySync();
      deserialize.destroySync();
      counter.closeSync();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

interface Engine {
  connection: DuckDBConnection;
  serialize: Serializer;
  /** Statement counts (or extractStatements' error) per text. */
  count: TextCache<number | { error: string }>;
  /** Second connection, for extractStatements while `connection` serialises. */
  counter: DuckDBConnection;
}

/** Longest text (characters) whose parse results are kept; longer ones are parsed every time. */
const maxCachedTextLength = 16_384;

/** A least-recently-used map that never keeps texts longer than maxCachedTextLength. */
type TextCache<T> = Pick<LruMap<T>, 'get' | 'set'>;

function createLru<T>(size = 256): TextCache<T> {
  const entries = createLruMap<T>(size);
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      if (key.length <= maxCachedTextLength) entries.set(key, value);
    },
  };
}

/** json_serialize_sql is a pure function of the text: its output is cached (LRU), so analyze + rewrite parse once. */
interface Serializer {
  prepared: DuckDBPreparedStatement;
  text(sql: string): Promise<string>;
}

function cachedText(prepared: DuckDBPreparedStatement): Serializer {
  const cache = createLru<string>();
  return {
    prepared,
    async text(sql) {
      const hit = cache.get(sql);
      if (hit !== undefined) return hit;
      const text = await runPrepared(prepared, sql);
      cache.set(sql, text);
      return text;
    },
  };
}

async function countStatements(engine: Engine, sql: string): Promise<number | { error: string }> {
  const hit = engine.count.get(sql);
  if (hit !== undefined) return hit;
  let count: number | { error: string };
  try {
    count = (await engine.counter.extractStatements(sql)).count;
  } catch (error) {
    count = { error: firstLine(error) };
  }
  engine.count.set(sql, count);
  return count;
}

async function analyze(engine: Engine, sql: string): Promise<SqlAnalysis> {
  // Both only parse; serialising a text that turns out not to be one statement costs nothing but the parse.
  const [statementCount, parsed] = await Promise.all([countStatements(engine, sql), serializeSql(engine.serialize, sql)]);
  if (typeof statementCount !== 'number') return { ok: false, error: statementCount.error };
  if (statementCount === 0) return { ok: false, error: 'the text holds no SQL statement' };
  const base = { ok: true as const, statementCount, selectInto: false, locking: false, dataModifyingCte: false };
  const empty = {
    tables: [],
    cteNames: [],
    tableFunctions: [],
    functions: [],
    columns: [],
    stars: [],
    unsupported: [],
    limit: 'none' as const,
  };
  if ('error' in parsed) {
    // json_serialize_sql serialises SELECT only: anything it refuses is not a plain query.
    const kind = /only select/i.test(parsed.error) ? 'not a SELECT' : parsed.error;
    return { ...base, ...empty, statementKind: kind, isSelect: false };
  }
  const out = collect(parsed.statements);
  if (parsed.unsafeNumbers) out.unsupported.push('an integer literal too large to handle exactly');
  let tablesSecondOpinion: SqlTableRef[] | undefined;
  try {
    tablesSecondOpinion = engine.connection.getTableNames(sql, true).map(parseQualifiedName);
  } catch (error) {
    out.unsupported.push(`table names could not be listed (${firstLine(error)})`);
  }
  return {
    ...base,
    ...out,
    ...(tablesSecondOpinion ? { tablesSecondOpinion } : {}),
    statementKind: 'SELECT',
    isSelect: parsed.statements.length === 1,
    limit: topLimit(parsed.statements[0]),
  };
}

async function rewrite(serialize: Serializer, deserialize: DuckDBPreparedStatement, sql: string, plan: SqlRewritePlan): Promise<string> {
  const parsed = await serializeSql(serialize, sql);
  if ('error' in parsed) throw new ConnectorError('QUERY_REJECTED', `cannot rewrite: ${parsed.error}`);
  if (parsed.unsafeNumbers)
    throw new ConnectorError('QUERY_REJECTED', 'cannot rewrite a statement with an integer literal beyond 2^53 exactly');
  if (parsed.statements.length !== 1) throw new ConnectorError('QUERY_REJECTED', 'cannot rewrite more than one statement');
  const replacements: { target: JsonObject; ref: SqlTableRef; text: string }[] = [];
  collect(parsed.statements, (target, ref) => {
    const text = plan.replace(ref);
    if (text !== undefined) replacements.push({ target, ref, text });
  });
  for (const { target, ref, text } of replacements) {
    const sub = await serializeSql(serialize, text);
    if ('error' in sub || sub.statements.length !== 1)
      throw new ConnectorError('QUERY_REJECTED', `cannot rewrite ${ref.name}: the replacement is not one SELECT`);
    const { sample, query_location, column_name_alias } = target;
    for (const key of Object.keys(target)) delete target[key];
    Object.assign(target, {
      type: 'SUBQUERY',
      alias: ref.alias ?? ref.name,
      sample,
      query_location,
      subquery: sub.statements[0],
      column_name_alias,
    });
  }
  const statement = parsed.statements[0] as JsonObject;
  if (plan.limit !== undefined) {
    const current = topLimit(statement);
    if (current === 'other') {
      const wrapper = await serializeSql(serialize, `SELECT * FROM (SELECT 1) AS otq_limited LIMIT ${plan.limit}`);
      if ('error' in wrapper) throw new ConnectorError('INTERNAL', wrapper.error);
      const outer = wrapper.statements[0] as JsonObject;
      ((outer['node'] as JsonObject)['from_table'] as JsonObject)['subquery'] = statement;
      parsed.statements[0] = outer;
    } else if (current === 'none' || current > plan.limit) {
      setLimit(statement['node'] as JsonObject, plan.limit);
    }
  }
  const reader = await runPrepared(deserialize, JSON.stringify({ error: false, statements: parsed.statements }));
  return reader;
}

/** One value from a one-row statement: run() materialises it in one engine call (runAndReadAll would add two fetches). */
async function runPrepared(prepared: DuckDBPreparedStatement, text: string): Promise<string> {
  prepared.bindVarchar(1, text);
  const result = await prepared.run();
  if (result.chunkCount === 0) return '';
  const chunk = result.getChunk(0);
  return chunk.rowCount === 0 ? '' : String(chunk.getRowValues(0)[0] ?? '');
}

async function serializeSql(
  serialize: Serializer,
  sql: string,
): Promise<{ statements: unknown[]; unsafeNumbers: boolean } | { error: string }> {
  const text = await serialize.text(sql);
  let unsafeNumbers = false;
  const json = JSON.parse(text, (key, value: unknown) => {
    if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
      // query_location is uint64 max when unknown; it only feeds error messages.
      if (key === 'query_location') return 0;
      unsafeNumbers = true;
    }
    return value;
  }) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (json.error) return { error: json.error_message ?? 'unparseable' };
  return { statements: json.statements ?? [], unsafeNumbers };
}

/** Walks the AST: base tables (minus CTE references, scope-aware), functions, columns, stars, unknown constructs. */
function collect(statements: unknown[], onTable?: (target: JsonObject, ref: SqlTableRef) => void): Collected {
  const out: Collected = { tables: [], cteNames: [], tableFunctions: [], functions: [], columns: [], stars: [], unsupported: [] };
  const visit = (value: unknown, ctes: ReadonlySet<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, ctes);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const obj = value as JsonObject;
    let scope = ctes;
    const cteMap = (obj['cte_map'] as { map?: { key: string }[] } | undefined)?.map;
    if (cteMap && cteMap.length > 0) {
      const next = new Set(ctes);
      for (const entry of cteMap) {
        next.add(entry.key.toLowerCase());
        out.cteNames.push(entry.key);
      }
      scope = next;
    }
    const type = typeof obj['type'] === 'string' ? obj['type'] : '';
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
    if (cls === 'FUNCTION' || cls === 'WINDOW') out.functions.push(functionName(obj));
    else if (cls === 'COLUMN_REF') {
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
    if (cteMap) visit(cteMap, scope);
  };
  visit(statements, new Set());
  return out;
}

/**
 * A name field of DuckDB's serialized parse tree as text. DuckDB writes names as strings; a value of any other kind
 * becomes its JSON text (not `[object Object]`), which names no table or function a policy allows.
 */
function nameText(value: unknown): string {
  return typeof value === 'string' ? value : String(JSON.stringify(value));
}

function functionName(fn: JsonObject | undefined): string {
  const name = nameText(fn?.['function_name'] ?? '').toLowerCase();
  const schema = fn?.['schema'] ? nameText(fn['schema']).toLowerCase() : '';
  const catalog = fn?.['catalog'] ? nameText(fn['catalog']).toLowerCase() : '';
  return [catalog, schema, name].filter((part) => part !== '').join('.');
}

function topLimit(statement: unknown): number | 'none' | 'other' {
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

function setLimit(node: JsonObject, limit: number): void {
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
function parseQualifiedName(entry: string): SqlTableRef {
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

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error';
}
