// Creates the long views of a folder source's wide exports: UNPIVOT over the wide view, and a tag view from its column names.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ConfigError } from '../../core/errors.ts';
import type { WideTableConfig } from '../source-config.ts';
import { wideColumns } from '../wide-columns.ts';
import { messageOf, sqlIdentifier, sqlString } from './duckdb-quote.ts';
import { instantOfWall, type FolderViewReads, type LocalTimeColumn } from './folder-layer.ts';

/** Time types DuckDB can use as they are; anything else is cast (or parsed with `timeFormat`). */
const TIME_TYPE = /^(timestamp|date)/i;
/** A time type that is an instant already. */
const INSTANT_TYPE = /^timestamp with time zone/i;
/** Text ending in an offset (`Z`, `+02`, `+0200`, `-05:00`) after a time of day: an instant, read as one. */
const OFFSET_TEXT = String.raw`\d:\d\d(:\d\d(\.\d+)?)?\s*(Z|[+-]\d\d(:?\d\d)?)$`;

/**
 * The long view's time from the wide view's time column, and (with `timestampZone`) the naive wall time it was
 * read from. Without a zone, naive times stay naive TIMESTAMPs (read as UTC), as before.
 */
function timeExpression(
  column: { name: string; type: string },
  config: WideTableConfig,
  timestampZone: string | undefined,
): { time: string; wall?: string } {
  const c = sqlIdentifier(column.name);
  if (config.timeFormat) {
    const parsed = `strptime(CAST(${c} AS VARCHAR), ${sqlString(config.timeFormat)})`;
    // %z / %Z parse an offset: the result is an instant already.
    if (!timestampZone || /%[zZ]/.test(config.timeFormat)) return { time: parsed };
    return { time: instantOfWall(parsed, timestampZone), wall: parsed };
  }
  if (INSTANT_TYPE.test(column.type)) return { time: c };
  if (TIME_TYPE.test(column.type)) {
    if (!timestampZone) return { time: c };
    const wall = `CAST(${c} AS TIMESTAMP)`;
    return { time: instantOfWall(wall, timestampZone), wall };
  }
  if (!timestampZone) return { time: `CAST(${c} AS TIMESTAMP)` };
  const hasOffset = `regexp_matches(CAST(${c} AS VARCHAR), ${sqlString(OFFSET_TEXT)})`;
  return {
    time: `CASE WHEN ${hasOffset} THEN CAST(${c} AS TIMESTAMPTZ) ELSE ${instantOfWall(`CAST(${c} AS TIMESTAMP)`, timestampZone)} END`,
    wall: `CASE WHEN ${hasOffset} THEN NULL ELSE CAST(${c} AS TIMESTAMP) END`,
  };
}

/**
 * For each entry of `wide` (long view name -> wide view), creates `<name>` (ts, tag, value DOUBLE; empty cells are no
 * sample) and `<name>_tags` (tag, unit), and records what they read: the long view reads the wide view; the tag view
 * reads nothing. Fails with the source, the view and what to change.
 */
export async function createWideViews(
  setup: DuckDBConnection,
  sourceName: string,
  wide: Record<string, WideTableConfig>,
  reads: FolderViewReads,
  timestampZone?: string,
  localTimes: LocalTimeColumn[] = [],
): Promise<void> {
  for (const [name, config] of Object.entries(wide)) {
    const where = `source "${sourceName}": wide.${name}`;
    const fail = (message: string, cause?: unknown): never => {
      throw new ConfigError(`${where}: ${message}`, cause === undefined ? undefined : { cause });
    };
    if (!reads.has(config.table.toLowerCase()))
      fail(`"${config.table}" is not a view of the folder (views: ${[...reads.keys()].join(', ')})`);
    if (reads.has(name.toLowerCase()) || reads.has(`${name}_tags`.toLowerCase()))
      fail(`"${name}" or "${name}_tags" is already a view; choose another name`);
    let described: { name: string; type: string }[] = [];
    try {
      const reader = await setup.runAndReadAll(`DESCRIBE SELECT * FROM ${sqlIdentifier(config.table)}`);
      described = reader.getRows().map((row) => ({ name: String(row[0]), type: String(row[1]) }));
    } catch (error) {
      fail(`cannot read "${config.table}": ${messageOf(error)}`, error);
    }
    const { columns, problems } = wideColumns(described, { time: config.time, include: config.columns, exclude: config.exclude });
    if (problems.length > 0) fail(`${problems.join('; ')} in "${config.table}"`);
    if (columns.some((c) => c.column.toLowerCase() === 'ts'))
      fail(`a value column is named "ts", which the long view uses for the time; exclude it`);
    const timeColumn = described.find((c) => c.name.toLowerCase() === config.time.toLowerCase())!;
    const { time, wall } = timeExpression(timeColumn, config, timestampZone);
    const values = columns.map((c) => `CAST(${sqlIdentifier(c.column)} AS DOUBLE) AS ${sqlIdentifier(c.column)}`);
    const long =
      `CREATE VIEW ${sqlIdentifier(name)} AS SELECT ts, tag, value FROM (UNPIVOT (SELECT ${time} AS ts, ${values.join(', ')} ` +
      `FROM ${sqlIdentifier(config.table)}) ON ${columns.map((c) => sqlIdentifier(c.column)).join(', ')} INTO NAME tag VALUE value)`;
    const tagRows = columns.map((c) => `(${sqlString(c.column)}, ${c.unit === undefined ? 'NULL' : sqlString(c.unit)})`);
    const tags = `CREATE VIEW ${sqlIdentifier(`${name}_tags`)} AS SELECT tag, unit FROM (VALUES ${tagRows.join(', ')}) AS t(tag, unit)`;
    try {
      await setup.run(long);
      await setup.run(tags);
      // Binds the time expression on a few rows, so a time column DuckDB cannot read fails at start, not at the first question.
      await setup.run(`SELECT ts FROM ${sqlIdentifier(name)} LIMIT 5`);
    } catch (error) {
      fail(`cannot unpivot "${config.table}": ${messageOf(error)}${config.timeFormat ? '' : ' (is the time text? set timeFormat)'}`, error);
    }
    if (wall) localTimes.push({ name: `${config.table}.${timeColumn.name}`, from: sqlIdentifier(config.table), wall });
    reads.set(name.toLowerCase(), [{ schema: 'main', name: config.table }]);
    reads.set(`${name}_tags`.toLowerCase(), []);
  }
}
