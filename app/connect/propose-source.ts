// `otq connect`'s inspection: from a source's tables, a historian mapping (long or wide samples, the tag table found by join).
import type { Cell, Connector, Dialect, TableDescription } from '../../connectors/connector.ts';
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import type { SourceConfig, WideTableConfig } from '../../connectors/source-config.ts';
import { isNumericType, wideColumns, type WideColumn } from '../../connectors/wide-columns.ts';

/** What `otq connect` proposes for one source. */
export interface SourceProposal {
  source: SourceConfig;
  /** What was found and chosen, one line each, for the user to read before trusting it. */
  notes: string[];
  /** PostgreSQL wide tables: the views a DBA creates so otq can read them long (otq itself never writes). */
  viewsSql?: string;
}

const TIME_TYPE = /timestamp|^date$|^datetime/i;
/** A time type that carries its instant (an offset or UTC); any other time type holds wall-clock time without one. */
const INSTANT_TYPE = /with time zone|timestamptz/i;
const TEXT_TYPE = /^(varchar|text|character varying|char|character|string|bpchar)/i;
const INTEGER_TYPE = /^(tinyint|smallint|integer|int|bigint|int2|int4|int8|hugeint)$/i;

/** Preference among candidate columns: a name that says the role, else the first of the right type. */
const TIME_NAME = /^(ts|t|time|timestamp|time_?stamp|date_?time|sample_?time|t_?stamp|zeit|zeitstempel|datum)$/i;
const VALUE_NAME = /^(value|val|v|pv|reading|measurement|wert|messwert)$/i;
const TAG_NAME = /^(tag|tag_?id|tag_?name|tagname|name|sensor|sensor_?id|point|point_?id|signal|item|channel|variable|tag_?path)$/i;
const DESCRIPTION_NAME = /desc|beschreibung|comment|text/i;
const UNIT_NAME = /^(unit|units|uom|eng_?units?|engineering_?units?|einheit)$/i;
const TYPE_NAME = /^(data_?type|tag_?type|signal_?type|value_?type)$/i;
const QUALITY_NAME = /^(quality|qual|q|qc|quality_?code|opc_?quality|qualit(ae|ä)t|status_?code)$/i;

/** Columns that hold people: names, contacts, who wrote or signed something (personal data under GDPR). */
const PERSON_NAME =
  /(operator|user_?name|person|employee|author|staff|e_?mail|phone|first_?name|last_?name|full_?name|surname|(signed|written|created|entered|logged)_?by|shift_?lead|technician)/i;

/** Tables with columns that name people: `otq connect` leaves them out of the engineer's grant and says so. */
export function personalTables(tables: readonly TableDescription[]): { name: string; columns: string[] }[] {
  return tables
    .map((t) => ({ name: t.name, columns: t.columns.filter((c) => PERSON_NAME.test(c.name)).map((c) => c.name) }))
    .filter((t) => t.columns.length > 0);
}

const byName = (columns: TableDescription['columns'], pattern: RegExp) => columns.find((c) => pattern.test(c.name));

/** A table read as long samples: its time, tag and value columns, or undefined. */
function longShape(table: TableDescription): { time: string; tag: string; value: string; quality?: string } | undefined {
  const times = table.columns.filter((c) => TIME_TYPE.test(c.type));
  const time = byName(times, TIME_NAME) ?? times[0];
  const numbers = table.columns.filter((c) => isNumericType(c.type) && c !== time);
  const value = byName(numbers, VALUE_NAME);
  const tag = table.columns.find((c) => TAG_NAME.test(c.name) && c !== value && (TEXT_TYPE.test(c.type) || INTEGER_TYPE.test(c.type)));
  const quality = table.columns.find((c) => QUALITY_NAME.test(c.name) && c !== value && c !== tag && INTEGER_TYPE.test(c.type));
  if (!time || !value || !tag) return undefined;
  return { time: time.name, tag: tag.name, value: value.name, ...(quality ? { quality: quality.name } : {}) };
}

/**
 * The good-quality codes of a quality column, read from its values: the OPC good range (192-255) when any such code
 * occurs, else the most frequent code (most stored samples are good); the note says which and what is left out.
 */
async function goodQualityOf(connector: Connector, table: TableDescription, column: string): Promise<{ codes: number[]; note: string }> {
  const q = quoteIdentifier(column);
  const result = await connector.query(
    `SELECT ${q} AS code, count(*) AS n FROM ${relation(table)} WHERE ${q} IS NOT NULL GROUP BY ${q} ORDER BY n DESC LIMIT 50`,
    { maxRows: 50 },
  );
  const counts = result.rows.map(([code, n]: Cell[]) => ({ code: Number(code), n: Number(n) })).filter((c) => Number.isInteger(c.code));
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const opcGood = counts.filter((c) => c.code >= 192 && c.code <= 255);
  const good = opcGood.length > 0 ? opcGood : counts.slice(0, 1);
  const codes = good.map((c) => c.code).sort((a, b) => a - b);
  const goodCount = good.reduce((sum, c) => sum + c.n, 0);
  const others = counts.filter((c) => !codes.includes(c.code));
  const left = total - goodCount;
  const why = opcGood.length > 0 ? 'OPC good range' : 'the most frequent code; check it is the good one';
  return {
    codes,
    note:
      `quality: ${column}, good = ${codes.join(', ')} (${why}; ${shareText(goodCount, total)} of samples)` +
      (others.length > 0
        ? `; ${left.toLocaleString('en')} sample${left === 1 ? '' : 's'} with ${others.map((c) => c.code).join(', ')} ${left === 1 ? 'is' : 'are'} left out of every number`
        : ''),
  };
}

/** A share in per cent that never rounds a part to all or nothing: 3 bad rows in 600,000 are "> 99.9 %", not "100.0 %". */
export function shareText(part: number, total: number): string {
  if (total <= 0) return '0 %';
  if (part === total) return '100 %';
  if (part === 0) return '0 %';
  const percent = (part / total) * 100;
  if (percent > 99.9) return '> 99.9 %';
  if (percent < 0.1) return '< 0.1 %';
  return `${percent.toFixed(1)} %`;
}

/** A table read as a wide export: a time column and at least two numeric columns. */
function wideShape(table: TableDescription): { time: string; columns: WideColumn[] } | undefined {
  const times = table.columns.filter((c) => TIME_TYPE.test(c.type));
  const time = byName(times, TIME_NAME) ?? times[0];
  if (!time) return undefined;
  const { columns } = wideColumns(table.columns, { time: time.name, include: ['*'], exclude: [] });
  return columns.length >= 2 ? { time: time.name, columns } : undefined;
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function relation(table: TableDescription): string {
  return table.schema ? `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}` : quoteIdentifier(table.name);
}

/** The name a mapping uses for a table: bare in DuckDB and in PostgreSQL's first schema, else `schema.table`. */
function mappedName(table: TableDescription, dialect: Dialect, firstSchema: string): string {
  return dialect === 'postgres' && table.schema && table.schema !== firstSchema ? `${table.schema}.${table.name}` : table.name;
}

async function distinctTexts(connector: Connector, sql: string): Promise<Set<string>> {
  const result = await connector.query(sql, { maxRows: 20_000 });
  return new Set(result.rows.map((row: Cell[]) => String(row[0])));
}

/**
 * Finds the tag table: another table with a column holding most of the tag names (read, not guessed from names), and
 * its name, description, unit and type columns by name. Undefined when none holds half of them.
 */
async function findTagTable(
  connector: Connector,
  tables: TableDescription[],
  exclude: TableDescription,
  tagNames: Set<string>,
): Promise<{ table: TableDescription; id: string; coverage: number } | undefined> {
  let best: { table: TableDescription; id: string; coverage: number } | undefined;
  for (const table of tables) {
    if (table === exclude) continue;
    for (const column of table.columns.filter((c) => TEXT_TYPE.test(c.type) || INTEGER_TYPE.test(c.type))) {
      let values: Set<string>;
      try {
        values = await distinctTexts(connector, `SELECT DISTINCT CAST(${quoteIdentifier(column.name)} AS VARCHAR) FROM ${relation(table)}`);
      } catch {
        continue;
      }
      const covered = [...tagNames].filter((name) => values.has(name)).length / Math.max(1, tagNames.size);
      if (covered >= 0.5 && (!best || covered > best.coverage)) best = { table, id: column.name, coverage: covered };
    }
  }
  return best;
}

/** The tags part of the mapping for a found tag table: name, description, unit, and a type column only when its values are types. */
async function tagsMapping(
  connector: Connector,
  found: { table: TableDescription; id: string },
  name: string,
): Promise<HistorianMapping['tags']> {
  const columns = found.table.columns;
  const idColumn = columns.find((c) => c.name === found.id)!;
  const nameColumn = TEXT_TYPE.test(idColumn.type)
    ? idColumn
    : (columns.find((c) => /name|path|tag/i.test(c.name) && TEXT_TYPE.test(c.type) && c !== idColumn) ?? idColumn);
  const description = columns.find((c) => DESCRIPTION_NAME.test(c.name) && TEXT_TYPE.test(c.type));
  const unit = columns.find((c) => UNIT_NAME.test(c.name));
  const mapping: HistorianMapping['tags'] = { table: name, id: found.id, name: nameColumn.name };
  if (description) mapping.description = description.name;
  if (unit) mapping.unit = unit.name;
  const type = columns.find((c) => TYPE_NAME.test(c.name) && TEXT_TYPE.test(c.type));
  if (type) {
    const values = await distinctTexts(
      connector,
      `SELECT DISTINCT lower(${quoteIdentifier(type.name)}) FROM ${relation(found.table)}`,
    ).catch(() => new Set(['?']));
    if ([...values].every((v) => ['analog', 'status', 'counter', 'null'].includes(v))) mapping.dataType = type.name;
  }
  return mapping;
}

/**
 * What the source config says about a time column written without an offset: with `--timezone` on a folder, read it
 * in that zone (`timestampZone`); otherwise it is read as UTC, and the note says how to change that.
 */
function localTimeOf(
  base: SourceConfig,
  table: TableDescription,
  time: string,
  timezone: string | undefined,
): { timestampZone?: string; note?: string } {
  const type = table.columns.find((c) => c.name === time)?.type ?? '';
  if (!TIME_TYPE.test(type) || INSTANT_TYPE.test(type)) return {};
  const where = `time: ${table.name}.${time} is ${type} without an offset`;
  if ('folder' in base && timezone && timezone !== 'UTC')
    return {
      timestampZone: timezone,
      note: `${where}: read as ${timezone} local time (timestampZone: ${timezone}, from --timezone); in the hour repeated when clocks go back, a time is read as the later (standard-time) instant`,
    };
  if ('folder' in base && timezone === 'UTC') return { note: `${where}: read as UTC (--timezone UTC)` };
  if ('folder' in base)
    return { note: `${where}: read as UTC; if the export wrote local time, rerun with --timezone ZONE (or set timestampZone: ZONE)` };
  const convert = 'url' in base ? `${time} AT TIME ZONE 'ZONE'` : `timezone('ZONE', ${time})`;
  return {
    note: `${where}: read as UTC; if it holds local time, create a view with ${convert} AS ${time} and map historian.samples to it`,
  };
}

/**
 * Proposes the historian mapping of an opened source without one. Long samples (a time, a tag and a value column)
 * win over a wide export (a time column and numeric columns); the tag table is the one whose column holds most of the
 * sample tags' names. A folder's wide export becomes a `wide:` entry; a PostgreSQL wide table needs views a DBA creates
 * (`viewsSql`); a DuckDB file's wide table is reported, not mapped.
 */
export async function proposeSource(
  connector: Connector,
  base: SourceConfig,
  tables: TableDescription[],
  timezone?: string,
): Promise<SourceProposal> {
  const notes: string[] = [];
  const dialect = connector.dialect;
  const firstSchema = 'schemas' in base ? (base.schemas[0] ?? 'public') : 'main';
  const long = tables.map((table) => ({ table, shape: longShape(table) })).find((c) => c.shape !== undefined);
  if (long?.shape) {
    const { table, shape } = long;
    notes.push(
      `samples: ${table.name} (time ${shape.time}, tag ${shape.tag}, value ${shape.value}${shape.quality ? `, quality ${shape.quality}` : ''})`,
    );
    const tagNames = await distinctTexts(
      connector,
      `SELECT DISTINCT CAST(${quoteIdentifier(shape.tag)} AS VARCHAR) FROM ${relation(table)}`,
    );
    const found = await findTagTable(connector, tables, table, tagNames);
    let goodQuality = [192];
    if (shape.quality) {
      const good = await goodQualityOf(connector, table, shape.quality);
      if (good.codes.length > 0) goodQuality = good.codes;
      notes.push(good.note);
    } else {
      notes.push(
        `quality: ${table.name} has no quality column: every sample counts as good; if the export has one, map it as historian.samples.quality with its goodQuality codes`,
      );
    }
    const samples = { table: mappedName(table, dialect, firstSchema), ...shape, goodQuality };
    const local = localTimeOf(base, table, shape.time, timezone);
    if (local.note) notes.push(local.note);
    let tags: HistorianMapping['tags'];
    if (found) {
      tags = await tagsMapping(connector, found, mappedName(found.table, dialect, firstSchema));
      notes.push(
        `tags: ${found.table.name}.${found.id} holds ${Math.round(found.coverage * 100)}% of the ${tagNames.size} tags in ${table.name}`,
      );
    } else {
      tags = { table: samples.table, id: shape.tag, name: shape.tag };
      notes.push(`tags: no table lists the tags of ${table.name}; tags are the names found in it`);
    }
    const zone = local.timestampZone ? { timestampZone: local.timestampZone } : {};
    return { source: { ...base, ...zone, historian: { samples, tags } }, notes };
  }
  const wide = tables
    .map((table) => ({ table, shape: wideShape(table) }))
    .filter((c) => c.shape !== undefined)
    .sort((a, b) => b.shape!.columns.length - a.shape!.columns.length)[0];
  if (!wide?.shape) {
    notes.push('no table with a time column and numbers: nothing to map; free SQL still works on this source');
    return { source: base, notes };
  }
  const { table, shape } = wide;
  notes.push(`wide export: ${table.name} (time ${shape.time}, ${shape.columns.length} value columns, one tag each)`);
  const local = localTimeOf(base, table, shape.time, timezone);
  if (local.note) notes.push(local.note);
  const zone = local.timestampZone ? { timestampZone: local.timestampZone } : {};
  const longName = tables.some((t) => t.name.toLowerCase() === 'samples') ? `${table.name}_long` : 'samples';
  const tagNames = new Set(shape.columns.map((c) => c.column));
  const found = await findTagTable(connector, tables, table, tagNames);
  const tagsFrom = async (fallback: string): Promise<HistorianMapping['tags']> => {
    if (!found) return { table: fallback, id: 'tag', name: 'tag', unit: 'unit' };
    notes.push(`tags: ${found.table.name}.${found.id} describes ${Math.round(found.coverage * 100)}% of the columns`);
    return tagsMapping(connector, found, mappedName(found.table, dialect, firstSchema));
  };
  if ('folder' in base) {
    const entry: WideTableConfig = { table: table.name, time: shape.time, columns: ['*'], exclude: [] };
    const tags = await tagsFrom(`${longName}_tags`);
    const samples = { table: longName, time: 'ts', tag: 'tag', value: 'value', goodQuality: [192] };
    return { source: { ...base, ...zone, wide: { [longName]: entry }, historian: { samples, tags } }, notes };
  }
  if ('url' in base) {
    const schema = table.schema ?? firstSchema;
    const view = `${table.name}_long`;
    const viewsSql = pgWideViews(table, shape, schema);
    notes.push(
      `PostgreSQL: otq only reads; a DBA creates the views ${schema}.${view} and ${schema}.${table.name}_tags (SQL below), then grants SELECT on them`,
    );
    const tags = await tagsFrom(mappedName({ ...table, name: `${table.name}_tags` }, dialect, firstSchema));
    const samples = {
      table: mappedName({ ...table, name: view }, dialect, firstSchema),
      time: 'ts',
      tag: 'tag',
      value: 'value',
      goodQuality: [192],
    };
    return { source: { ...base, historian: { samples, tags } }, notes, viewsSql };
  }
  notes.push(
    `a wide table in a DuckDB file is not mapped: create a long view in the file (UNPIVOT ${table.name}) or export it to a folder`,
  );
  return { source: base, notes };
}

/** The two views that read a PostgreSQL wide table long: one row per (time, tag) with a value; the tags with units. */
export function pgWideViews(table: TableDescription, shape: { time: string; columns: WideColumn[] }, schema: string): string {
  const q = quoteIdentifier;
  const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;
  const typeOf = (column: string): string => table.columns.find((c) => c.name === column)?.type ?? '';
  // A boolean has no cast to double precision; through integer it becomes 0/1.
  const value = (column: string): string =>
    /^bool/i.test(typeOf(column))
      ? `CAST(CAST(w.${q(column)} AS integer) AS double precision)`
      : `CAST(w.${q(column)} AS double precision)`;
  const pairs = shape.columns.map((c) => `(${literal(c.column)}, ${value(c.column)})`).join(',\n    ');
  const units = shape.columns.map((c) => `(${literal(c.column)}, ${c.unit === undefined ? 'NULL' : literal(c.unit)})`).join(', ');
  return [
    `CREATE VIEW ${q(schema)}.${q(`${table.name}_long`)} AS`,
    `  SELECT w.${q(shape.time)} AS ts, v.tag, v.value FROM ${q(schema)}.${q(table.name)} AS w`,
    `  CROSS JOIN LATERAL (VALUES\n    ${pairs}) AS v(tag, value)`,
    `  WHERE v.value IS NOT NULL;`,
    `CREATE VIEW ${q(schema)}.${q(`${table.name}_tags`)} AS`,
    `  SELECT tag, unit FROM (VALUES ${units}) AS t(tag, unit);`,
  ].join('\n');
}
