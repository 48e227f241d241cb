// describe() for PostgreSQL: tables, views, columns, types and comments of the configured schemas the role may read, plus the tag catalog.
import pg from 'pg';
import type { Cell, SourceDescription, TableDescription, TagInfo } from '../connector.ts';
import type { PostgresSourceConfig } from '../source-config.ts';
import { ASSET_CONTEXT_COLUMNS } from '../historian-mapping.ts';
import { tagColumns, tagFromRow } from '../tag-catalog-row.ts';
import { alarmConditionsOf, alarmConditionsSql } from '../alarm-conditions.ts';
import { ConfigError } from '../../core/errors.ts';

/** Runs one trusted catalog statement read-only and returns its rows. */
export type CatalogRunner = (sql: string) => Promise<{ rows: Cell[][] }>;

/**
 * Reads information_schema (which lists only what the role has privileges on) for `config.schemas`;
 * partitions are hidden behind their parent. With a historian mapping, also reads the tag catalog through it.
 */
export async function describePostgres(name: string, config: PostgresSourceConfig, run: CatalogRunner): Promise<SourceDescription> {
  const schemas = config.schemas.map((s) => pg.escapeLiteral(s)).join(', ');
  const { rows } = await run(`
    SELECT c.table_schema, c.table_name, t.table_type, c.column_name,
           CASE WHEN c.data_type IN ('USER-DEFINED', 'ARRAY') THEN c.udt_name ELSE c.data_type END,
           c.is_nullable = 'YES', obj_description(pc.oid, 'pg_class'), col_description(pc.oid, c.ordinal_position::int)
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      JOIN pg_catalog.pg_namespace pn ON pn.nspname = c.table_schema
      JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.oid AND pc.relname = c.table_name
     WHERE c.table_schema IN (${schemas}) AND NOT pc.relispartition
     ORDER BY c.table_schema, c.table_name, c.ordinal_position`);
  const tables = new Map<string, TableDescription>();
  for (const [schema, table, tableType, column, type, nullable, tableComment, columnComment] of rows) {
    const key = `${String(schema)}.${String(table)}`;
    let entry = tables.get(key);
    if (!entry) {
      entry = { schema: String(schema), name: String(table), kind: tableType === 'VIEW' ? 'view' : 'table', columns: [] };
      if (typeof tableComment === 'string') entry.comment = tableComment;
      tables.set(key, entry);
    }
    entry.columns.push({
      name: String(column),
      type: String(type),
      nullable: nullable === true,
      ...(typeof columnComment === 'string' ? { comment: columnComment } : {}),
    });
  }
  const views = [...tables.values()].filter((t) => t.kind === 'view');
  if (views.length > 0) await readViewDependencies(views, tables, schemas, run);
  const description: SourceDescription = { name, dialect: 'postgres', tables: [...tables.values()] };
  if (config.historian) {
    description.historian = config.historian;
    description.tags = await readTags(config, description.tables, run);
    const conditions = await readAlarmConditions(name, config, description.tables, run);
    if (conditions) description.alarmConditions = conditions;
  }
  return description;
}

/**
 * Sets `reads` on each view: what its rewrite rule depends on (tables, views, sequences, in any schema), from
 * pg_depend. When the catalogs cannot be read, `reads` stays unset and the guard refuses the views.
 */
async function readViewDependencies(
  views: TableDescription[],
  tables: Map<string, TableDescription>,
  schemas: string,
  run: CatalogRunner,
): Promise<void> {
  let deps: { rows: Cell[][] };
  try {
    deps = await run(`
      SELECT DISTINCT vn.nspname, v.relname, rn.nspname, r.relname
        FROM pg_catalog.pg_rewrite w
        JOIN pg_catalog.pg_class v ON v.oid = w.ev_class
        JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
        JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = w.oid
         AND d.refclassid = 'pg_catalog.pg_class'::regclass
        JOIN pg_catalog.pg_class r ON r.oid = d.refobjid AND r.oid <> v.oid
        JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
       WHERE vn.nspname IN (${schemas}) AND v.relkind = 'v'
       ORDER BY 1, 2, 3, 4`);
  } catch {
    return;
  }
  for (const view of views) view.reads = [];
  for (const [viewSchema, viewName, schema, relation] of deps.rows)
    tables.get(`${String(viewSchema)}.${String(viewName)}`)?.reads?.push({ schema: String(schema), name: String(relation) });
}

/** The tag catalog through the mapping; DISTINCT, so tags mapped onto the samples table are listed once each. */
async function readTags(config: PostgresSourceConfig, tables: TableDescription[], run: CatalogRunner): Promise<TagInfo[]> {
  const mapping = config.historian!.tags;
  const assets = config.historian!.assets;
  const table = qualify(mapping.table, tables);
  const columns = tagColumns(mapping).map((c) => (c === undefined ? 'NULL' : `t.${pg.escapeIdentifier(c)}`));
  let from = `${table} AS t`;
  let assetColumns: readonly string[] = ASSET_CONTEXT_COLUMNS.map(() => 'NULL');
  if (assets && mapping.asset) {
    // One row per asset id (DISTINCT ON) so a duplicated id cannot duplicate tags; ids compared as text; names from the mapping only.
    const col = (c: string | undefined): string => (c === undefined ? 'NULL' : pg.escapeIdentifier(c));
    const byId = `(SELECT DISTINCT ON (${col(assets.id)}::text) ${col(assets.id)}::text AS asset_key, ${col(assets.name)}::text AS asset_name, ${col(assets.kind)}::text AS asset_kind, ${col(assets.site)}::text AS site_code, ${col(assets.description)}::text AS asset_description, ${col(assets.parent)}::text AS parent_key FROM ${qualify(assets.table, tables)} ORDER BY 1)`;
    from += ` LEFT JOIN ${byId} AS a ON a.asset_key = t.${pg.escapeIdentifier(mapping.asset)}::text LEFT JOIN ${byId} AS s ON s.asset_key = a.site_code`;
    from += ` LEFT JOIN ${byId} AS p ON p.asset_key = a.parent_key`;
    assetColumns = ASSET_CONTEXT_COLUMNS;
  }
  const { rows } = await run(`SELECT DISTINCT ${[...columns, ...assetColumns].join(', ')} FROM ${from} ORDER BY 2`);
  return rows.map(tagFromRow);
}

/** The alarm conditions the journal records, or undefined without a mapped condition column; a missing column is a config error. */
async function readAlarmConditions(
  name: string,
  config: PostgresSourceConfig,
  tables: TableDescription[],
  run: CatalogRunner,
): Promise<string[] | undefined> {
  const mapping = config.historian!;
  const sql = alarmConditionsSql(mapping, qualify(mapping.alarms?.table ?? '', tables), (c) => pg.escapeIdentifier(c));
  if (sql === undefined) return undefined;
  try {
    return alarmConditionsOf((await run(sql)).rows);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`source "${name}": historian.alarms.condition does not match the data: ${detail}`, { cause: error });
  }
}

/** `schema.table` as written, else the first configured schema that holds the table (as described), quoted. */
function qualify(table: string, tables: TableDescription[]): string {
  const dot = table.indexOf('.');
  if (dot > 0) return `${pg.escapeIdentifier(table.slice(0, dot))}.${pg.escapeIdentifier(table.slice(dot + 1))}`;
  const found = tables.find((t) => t.name === table);
  return found?.schema ? `${pg.escapeIdentifier(found.schema)}.${pg.escapeIdentifier(table)}` : pg.escapeIdentifier(table);
}
