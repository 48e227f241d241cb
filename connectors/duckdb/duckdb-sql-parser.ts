// DuckDB's own parser as the guard's judge: a private, locked-down in-memory instance that never sees data.
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { ConnectorError } from '../../core/errors.ts';
import { createLruMap, type LruMap } from '../../core/lru-map.ts';
import type { SqlAnalysis, SqlParser, SqlRewritePlan, SqlTableRef } from '../sql-parser.ts';
import { collect, parseQualifiedName, setLimit, topLimit, type JsonObject } from './duckdb-parse-tree.ts';
import { rewriteAsText } from './duckdb-text-rewrite.ts';

/**
 * Creates a DuckDB parser on its own in-memory instance: external access, extensions and configuration changes off,
 * one thread. It only parses (extractStatements, json_serialize_sql, getTableNames) and never executes user SQL.
 * Three connections, so a new text costs one wait on the engine (each wait is a thread hand-off, slow on a busy or
 * idle machine): statements are counted on one while another serialises, and getTableNames (synchronous) runs on the
 * third while both are in flight. A rewrite usually costs none (text around the statement, duckdb-text-rewrite.ts);
 * one more where it must go through json_deserialize_sql.
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
  const namer = await instance.connect();
  await connection.run('SET lock_configuration = true');
  const engine: Engine = {
    serialize: cachedText(await connection.prepare('SELECT json_serialize_sql($1::VARCHAR)')),
    count: createLru<number | { error: string }>(),
    counter,
    namer,
    handoff: undefined,
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
    rewrite: (sql, plan) => exclusive(() => rewrite(engine, deserialize, sql, plan)),
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      engine.serialize.prepared.destroySync();
      deserialize.destroySync();
      namer.closeSync();
      counter.closeSync();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

interface Engine {
  serialize: Serializer;
  /** Statement counts (or extractStatements' error) per text. */
  count: TextCache<number | { error: string }>;
  /** Second connection, for extractStatements while the first serialises. */
  counter: DuckDBConnection;
  /** Third connection, for getTableNames while the other two work. */
  namer: DuckDBConnection;
  /** The parse tree analyze just walked (collect does not change it), taken by a rewrite of the same text. */
  handoff: { sql: string; parsed: Parsed } | undefined;
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
  const counting = countStatements(engine, sql);
  const serializing = serializeSql(engine.serialize, sql);
  // getTableNames is synchronous: it runs on its own connection while the two calls above are in flight.
  let names: SqlTableRef[] | { error: string };
  try {
    names = engine.namer.getTableNames(sql, true).map(parseQualifiedName);
  } catch (error) {
    names = { error: firstLine(error) };
  }
  const [statementCount, parsed] = await Promise.all([counting, serializing]);
  if (typeof statementCount !== 'number') return { ok: false, error: statementCount.error };
  if (statementCount === 0) return { ok: false, error: 'the text holds no SQL statement' };
  const base = { ok: true as const, statementCount, selectInto: false, locking: false, dataModifyingCte: false };
  const empty = {
    tables: [],
    cteNames: [],
    tableFunctions: [],
    functions: [],
    calls: [],
    types: [],
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
  engine.handoff = { sql, parsed };
  if (parsed.unsafeNumbers) out.unsupported.push('an integer literal too large to handle exactly');
  if ('error' in names) out.unsupported.push(`table names could not be listed (${names.error})`);
  return {
    ...base,
    ...out,
    ...(Array.isArray(names) ? { tablesSecondOpinion: names } : {}),
    statementKind: 'SELECT',
    isSelect: parsed.statements.length === 1,
    limit: topLimit(parsed.statements[0]),
  };
}

async function rewrite(engine: Engine, deserialize: DuckDBPreparedStatement, sql: string, plan: SqlRewritePlan): Promise<string> {
  const handed = engine.handoff?.sql === sql ? engine.handoff.parsed : undefined;
  engine.handoff = undefined;
  const parsed = handed ?? (await serializeSql(engine.serialize, sql));
  if ('error' in parsed) throw new ConnectorError('QUERY_REJECTED', `cannot rewrite: ${parsed.error}`);
  if (parsed.unsafeNumbers)
    throw new ConnectorError('QUERY_REJECTED', 'cannot rewrite a statement with an integer literal beyond 2^53 exactly');
  if (parsed.statements.length !== 1) throw new ConnectorError('QUERY_REJECTED', 'cannot rewrite more than one statement');
  const found: { target: JsonObject; ref: SqlTableRef; text: string }[] = [];
  const { cteNames } = collect(parsed.statements, (target, ref) => {
    const text = plan.replace(ref);
    if (text !== undefined) found.push({ target, ref, text });
  });
  const replaced = new Map<string, { tree: unknown; unqualifiedReads: string[] }>();
  for (const { ref, text } of found) {
    if (replaced.has(text)) continue;
    const sub = await serializeSql(engine.serialize, text);
    if ('error' in sub || sub.statements.length !== 1)
      throw new ConnectorError('QUERY_REJECTED', `cannot rewrite ${ref.name}: the replacement is not one SELECT`);
    const reads = collect(sub.statements).tables.filter((t) => t.schema === undefined && t.catalog === undefined);
    replaced.set(text, { tree: sub.statements[0], unqualifiedReads: reads.map((t) => t.name.toLowerCase()) });
  }
  const replacements = found.map((r) => ({ ...r, unqualifiedReads: replaced.get(r.text)!.unqualifiedReads }));
  const statement = parsed.statements[0] as JsonObject;
  const asText = rewriteAsText(sql, statement, { replacements, cteNames, limit: plan.limit });
  if (asText !== undefined) return asText;
  for (const { target, ref, text } of replacements) {
    const { sample, query_location, column_name_alias } = target;
    for (const key of Object.keys(target)) delete target[key];
    Object.assign(target, {
      type: 'SUBQUERY',
      alias: ref.alias ?? ref.name,
      sample,
      query_location,
      subquery: replaced.get(text)!.tree,
      column_name_alias,
    });
  }
  if (plan.limit !== undefined) {
    const current = topLimit(statement);
    if (current === 'other') {
      const wrapper = await serializeSql(engine.serialize, `SELECT * FROM (SELECT 1) AS otq_limited LIMIT ${plan.limit}`);
      if ('error' in wrapper) throw new ConnectorError('INTERNAL', wrapper.error);
      const outer = wrapper.statements[0] as JsonObject;
      ((outer['node'] as JsonObject)['from_table'] as JsonObject)['subquery'] = statement;
      parsed.statements[0] = outer;
    } else if (current === 'none' || current > plan.limit) {
      setLimit(statement['node'] as JsonObject, plan.limit);
    }
  }
  return runPrepared(deserialize, JSON.stringify({ error: false, statements: parsed.statements }));
}

/** One value from a one-row statement: run() materialises it in one engine call (runAndReadAll would add two fetches). */
async function runPrepared(prepared: DuckDBPreparedStatement, text: string): Promise<string> {
  prepared.bindVarchar(1, text);
  const result = await prepared.run();
  if (result.chunkCount === 0) return '';
  const chunk = result.getChunk(0);
  return chunk.rowCount === 0 ? '' : String(chunk.getRowValues(0)[0] ?? '');
}

type Parsed = { statements: unknown[]; unsafeNumbers: boolean } | { error: string };

/** DuckDB writes an unknown query_location as uint64 max; it only feeds error messages. */
const unknownLocation = '"query_location":18446744073709551615';

/**
 * The parse tree of `sql` (each call returns a new object: rewrite edits it). `unsafeNumbers` is set when a number
 * in it is an integer beyond 2^53, which JSON.parse would round (re-serialising it would change the query). The
 * reviver that finds them is slow, so it only runs when the text holds a run of 16 digits outside a query_location.
 */
async function serializeSql(serialize: Serializer, sql: string): Promise<Parsed> {
  const text = (await serialize.text(sql)).replaceAll(unknownLocation, '"query_location":0');
  let unsafeNumbers = false;
  const json = (
    /\d{16}/.test(text)
      ? JSON.parse(text, (_key, value: unknown) => {
          if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) unsafeNumbers = true;
          return value;
        })
      : JSON.parse(text)
  ) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (json.error) return { error: json.error_message ?? 'unparseable' };
  return { statements: json.statements ?? [], unsafeNumbers };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error';
}
