// Reads a DuckDB source's own catalog (tables, views, columns, comments) and its tag catalog, on the trusted path.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ConfigError } from '../../core/errors.ts';
import type { Cell, RelationName, TableDescription, TagInfo } from '../connector.ts';
import { ASSET_CONTEXT_COLUMNS, type HistorianMapping } from '../historian-mapping.ts';
import { messageOf, sqlIdentifier, sqlString } from './duckdb-quote.ts';
import { toCell } from './duckdb-values.ts';
import { optionalText, tagColumns, tagFromRow } from '../tag-catalog-row.ts';
import { alarmConditionsOf, alarmConditionsSql } from '../alarm-conditions.ts';

async function readRows(connection: DuckDBConnection, sql: string): Promise<Cell[][]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows().map((row) => row.map(toCell));
}

/**
 * User tables and views of the source's own database (temporary and internal objects excluded), with columns.
 * `knownReads` (lower-case view name -> relations) says what views read when otq wrote them itself (a folder
 * source); other views are resolved from DuckDB's own plan.
 */
export async function describeTables(
  connection: DuckDBConnection,
  knownReads?: ReadonlyMap<string, RelationName[]>,
): Promise<TableDescription[]> {
  const relations = await readRows(
    connection,
    `SELECT schema_name, table_name, 'table' AS kind, comment FROM duckdb_tables()
       WHERE database_name = current_database() AND NOT internal AND NOT temporary
     UNION ALL
     SELECT schema_name, view_name, 'view', comment FROM duckdb_views()
       WHERE database_name = current_database() AND NOT internal AND NOT temporary
     ORDER BY 1, 2`,
  );
  const columns = await readRows(
    connection,
    `SELECT schema_name, table_name, column_name, data_type, is_nullable, comment FROM duckdb_columns()
       WHERE database_name = current_database() AND NOT internal
     ORDER BY schema_name, table_name, column_index`,
  );
  const byTable = new Map<string, TableDescription>();
  const tables: TableDescription[] = [];
  for (const [schema, name, kind, comment] of relations) {
    const table: TableDescription = { schema: String(schema), name: String(name), kind: kind === 'view' ? 'view' : 'table', columns: [] };
    const tableComment = optionalText(comment);
    if (tableComment) table.comment = tableComment;
    byTable.set(`${String(schema)}.${String(name)}`, table);
    tables.push(table);
  }
  for (const [schema, tableName, name, type, nullable, comment] of columns) {
    const table = byTable.get(`${String(schema)}.${String(tableName)}`);
    if (!table) continue;
    const columnComment = optionalText(comment);
    table.columns.push({
      name: String(name),
      type: String(type),
      nullable: nullable === true,
      ...(columnComment ? { comment: columnComment } : {}),
    });
  }
  for (const table of tables) {
    if (table.kind !== 'view') continue;
    const known = table.schema === 'main' ? knownReads?.get(table.name.toLowerCase()) : undefined;
    const reads = known ? structuredClone(known) : await viewReads(connection, table.schema ?? 'main', table.name);
    if (reads) table.reads = reads;
  }
  return tables;
}

/**
 * The base tables a view reads, from DuckDB's own bound plan of `SELECT * FROM view` (json_serialize_plan): views
 * inside it are expanded, so the list is complete however deep they nest. Scans of files or generated rows are not
 * tables and are left out. Undefined when the plan cannot be made (the guard then refuses the view).
 */
async function viewReads(connection: DuckDBConnection, schema: string, name: string): Promise<RelationName[] | undefined> {
  let plan: unknown;
  try {
    const rows = await readRows(
      connection,
      `SELECT json_serialize_plan(${sqlString(`SELECT * FROM ${sqlIdentifier(schema)}.${sqlIdentifier(name)}`)})`,
    );
    plan = JSON.parse(String(rows[0]?.[0] ?? '{"error":true}'));
  } catch {
    return undefined;
  }
  if ((plan as { error?: unknown }).error !== false) return undefined;
  const reads = new Map<string, RelationName>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const entry = node as Record<string, unknown>;
    const data = entry['function_data'] as Record<string, unknown> | undefined;
    if (entry['type'] === 'LOGICAL_GET' && entry['name'] === 'seq_scan' && typeof data?.['table'] === 'string') {
      const read = { schema: typeof data['schema'] === 'string' ? data['schema'] : 'main', name: data['table'] };
      reads.set(`${read.schema}.${read.name}`, read);
    }
    Object.values(entry).forEach(visit);
  };
  visit((plan as { plans?: unknown }).plans);
  return [...reads.values()];
}

/**
 * The SELECT list and FROM clause of the tag catalog, with the asset's name, kind, site and site name when the mapping
 * has assets. DISTINCT, so a long export without a tag table (tags mapped onto the samples table) lists each tag once.
 */
function tagCatalogSql(mapping: HistorianMapping): string {
  const tags = mapping.tags;
  const columns = tagColumns(tags).map((column) => (column ? `t.${sqlIdentifier(column)}` : 'NULL'));
  const assets = mapping.assets;
  if (!assets || !tags.asset) {
    return `SELECT DISTINCT ${[...columns, ...ASSET_CONTEXT_COLUMNS.map(() => 'NULL')].join(', ')} FROM ${sqlIdentifier(tags.table)} AS t ORDER BY 2`;
  }
  // One row per asset id (DISTINCT ON), so a duplicated asset id cannot duplicate tags; ids compared as text.
  const asset = (column: string | undefined): string => (column ? sqlIdentifier(column) : 'NULL');
  const table = sqlIdentifier(assets.table);
  const byId = `(SELECT DISTINCT ON (CAST(${asset(assets.id)} AS VARCHAR)) CAST(${asset(assets.id)} AS VARCHAR) AS asset_key, ${asset(assets.name)} AS asset_name, ${asset(assets.kind)} AS asset_kind, CAST(${asset(assets.site)} AS VARCHAR) AS site_code, CAST(${asset(assets.description)} AS VARCHAR) AS asset_description, CAST(${asset(assets.parent)} AS VARCHAR) AS parent_key FROM ${table} ORDER BY 1)`;
  return (
    `SELECT DISTINCT ${[...columns, ...ASSET_CONTEXT_COLUMNS].join(', ')} FROM ${sqlIdentifier(tags.table)} AS t ` +
    `LEFT JOIN ${byId} AS a ON a.asset_key = CAST(t.${sqlIdentifier(tags.asset)} AS VARCHAR) ` +
    `LEFT JOIN ${byId} AS s ON s.asset_key = a.site_code LEFT JOIN ${byId} AS p ON p.asset_key = a.parent_key ORDER BY 2`
  );
}

/** The tag catalog read through the historian mapping; a mapping naming a missing table or column is a config error. */
export async function describeTags(connection: DuckDBConnection, sourceName: string, mapping: HistorianMapping): Promise<TagInfo[]> {
  let rows: Cell[][];
  try {
    rows = await readRows(connection, tagCatalogSql(mapping));
  } catch (error) {
    const part = mapping.assets ? 'historian.tags or historian.assets' : 'historian.tags';
    throw new ConfigError(`source "${sourceName}": ${part} does not match the data: ${messageOf(error)}`, { cause: error });
  }
  return rows.map(tagFromRow);
}

/** The alarm conditions the journal records, or undefined without a mapped condition column; a missing column is a config error. */
export async function describeAlarmConditions(
  connection: DuckDBConnection,
  sourceName: string,
  mapping: HistorianMapping,
): Promise<string[] | undefined> {
  const sql = alarmConditionsSql(mapping, sqlIdentifier(mapping.alarms?.table ?? ''), sqlIdentifier);
  if (sql === undefined) return undefined;
  try {
    return alarmConditionsOf(await readRows(connection, sql));
  } catch (error) {
    throw new ConfigError(`source "${sourceName}": historian.alarms.condition does not match the data: ${messageOf(error)}`, {
      cause: error,
    });
  }
}
