// One screen on what the planner will understand of each mapped source: tags, types, units, time range, sampling and gaps.
import type { Cell, Connector, SourceDescription, TagInfo } from '../../connectors/connector.ts';
import { storedOnChangeOf, type HistorianMapping } from '../../connectors/historian-mapping.ts';
import { TAG_SAMPLE_MAX_HOURS } from '../../connectors/tag-types.ts';
import { signalSettingsOf, tagSignal } from '../../agent/planner/signal-model.ts';
import { unitOfColumn } from '../../connectors/wide-columns.ts';

/** Tags listed by name before "… N more". */
const LISTED_TAGS = 12;
/** Newest data older than this is "old": relative windows ("yesterday") find nothing there. */
const OLD_AFTER_MS = 2 * 86_400_000;

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function samplesRelation(description: SourceDescription): string {
  const table = description.historian!.samples.table;
  const dot = table.indexOf('.');
  if (dot > 0) return `${quote(table.slice(0, dot))}.${quote(table.slice(dot + 1))}`;
  const found = description.tables.find((t) =>
    description.dialect === 'duckdb' ? t.name.toLowerCase() === table.toLowerCase() : t.name === table,
  );
  return found?.schema ? `${quote(found.schema)}.${quote(found.name)}` : quote(table);
}

/** `3 h`, `15 min`, `2 d`, `40 s`. */
export function formatSeconds(seconds: number): string {
  if (seconds >= 86_400 && seconds % 3600 === 0) return `${+(seconds / 86_400).toFixed(1)} d`;
  if (seconds >= 3600) return `${+(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${+(seconds / 60).toFixed(1)} min`;
  return `${+seconds.toFixed(1)} s`;
}

function instant(cell: Cell | undefined): Date | undefined {
  if (cell === null || cell === undefined) return undefined;
  const text = String(cell);
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** How often tags are stored: one figure when every tag is alike, else the median tag and the range. */
function samplingText(typical: number, fastest: number, slowest: number): string {
  if (formatSeconds(fastest) === formatSeconds(slowest)) return `every tag typically every ${formatSeconds(typical)}`;
  return `typically every ${formatSeconds(typical)} per tag (${formatSeconds(fastest)} .. ${formatSeconds(slowest)} across tags)`;
}

const shortTime = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([value, n]) => `${n} ${value}`)
    .join(', ');
}

/** A tag's name, its unit unless the name already ends with it in brackets (a wide export's column), and its type. */
function tagLine(tag: TagInfo): string {
  const unit = tag.unit && unitOfColumn(tag.name) !== tag.unit ? ` [${tag.unit}]` : '';
  return `${tag.name}${unit}${tag.dataType ? ` ${tag.dataType}` : ''}`;
}

/** The names of the tags found stored on change whose samples hold until the next one (no rule gives them a max age). */
function heldToNextSample(mapping: HistorianMapping, tags: readonly TagInfo[]): string[] {
  const onChange = storedOnChangeOf(mapping);
  const settings = signalSettingsOf(mapping);
  return tags.filter((t) => onChange.has(String(t.id)) && tagSignal(settings, t, true).maxAgeMs === null).map((t) => t.name);
}

/**
 * The summary lines of one source (read on the connector's trusted path: `otq connect --check` and `otq serve` print
 * them for the operator). A source without a historian mapping gets one line saying free SQL works and how to map it.
 */
export async function summarizeSource(connector: Connector, description: SourceDescription, now: Date = new Date()): Promise<string[]> {
  const lines = [`source ${description.name} (${description.dialect}): ${description.tables.length} tables and views`];
  const mapping = description.historian;
  if (!mapping) {
    lines.push('  no historian mapping: free SQL only; `otq connect` proposes one');
    return lines;
  }
  const tags = description.tags ?? [];
  lines.push(
    `  samples ${mapping.samples.table} (${mapping.samples.time}, ${mapping.samples.tag}, ${mapping.samples.value}); ${tags.length} tags from ${mapping.tags.table}`,
  );
  const sources = countBy(tags.map((t) => t.dataTypeSource ?? 'untyped'));
  lines.push(`  types: ${countBy(tags.map((t) => t.dataType ?? 'untyped'))} (${sources}; override under historian.types)`);
  lines.push(`  units: ${countBy(tags.map((t) => t.unit ?? 'none'))}`);
  const held = heldToNextSample(mapping, tags);
  if (held.length > 0)
    lines.push(
      `  ${held.length} status tag${held.length === 1 ? '' : 's'} stored on change: held until ${held.length === 1 ? 'its' : 'their'} next sample ` +
        `(${held.slice(0, LISTED_TAGS).join(', ')}${held.length > LISTED_TAGS ? `, … ${held.length - LISTED_TAGS} more` : ''}; ` +
        'a rule with maxAgeMinutes under historian.signal.rules overrides)',
    );
  const relation = samplesRelation(description);
  const time = quote(mapping.samples.time);
  try {
    const range = await connector.query(`SELECT min(${time}), max(${time}), count(*) FROM ${relation}`, { maxRows: 1 });
    const [first, last, count] = range.rows[0] ?? [];
    const oldest = instant(first);
    const newest = instant(last);
    if (!oldest || !newest) lines.push('  time: no samples');
    else {
      lines.push(`  time: ${shortTime(oldest)} .. ${shortTime(newest)}, ${String(count)} samples`);
      lines.push(...(await localTimeLines(connector, description)));
      // Spacing per tag (a historian stores by exception: one fast tag makes the table look sampled every minute).
      const tag = quote(mapping.samples.tag);
      const gaps = await connector.query(
        `WITH recent AS (SELECT ${tag} AS tag, ${time} AS t FROM ${relation} WHERE ${time} > (SELECT max(${time}) FROM ${relation}) - INTERVAL '${TAG_SAMPLE_MAX_HOURS} hours'),
              gaps AS (SELECT tag, extract(epoch FROM t) - extract(epoch FROM lag(t) OVER (PARTITION BY tag ORDER BY t)) AS g FROM recent),
              per_tag AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY g) AS typical, max(g) AS longest FROM gaps WHERE g > 0 GROUP BY tag)
         SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY typical), min(typical), max(typical), max(longest) FROM per_tag`,
        { maxRows: 1 },
      );
      const [typical, fastest, slowest, longest] = (gaps.rows[0] ?? []).map((cell) =>
        cell === null || cell === undefined ? undefined : Number(cell),
      );
      if (typical !== undefined && fastest !== undefined && slowest !== undefined && longest !== undefined)
        lines.push(
          `  sampling: ${samplingText(typical, fastest, slowest)}; longest gap ${formatSeconds(longest)} (last ${TAG_SAMPLE_MAX_HOURS / 24} days of data)`,
        );
      const age = now.getTime() - newest.getTime();
      if (age > OLD_AFTER_MS)
        lines.push(
          `  the newest sample is ${formatSeconds(Math.round(age / 86_400_000) * 86_400)} old: "yesterday" or "last week" find nothing; ask with dates ("on ${newest.getUTCDate()} ${newest.toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${newest.getUTCFullYear()}")`,
        );
    }
  } catch (error) {
    lines.push(`  time range not read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const listed = tags.slice(0, LISTED_TAGS).map(tagLine).join(', ');
  lines.push(`  tags: ${listed}${tags.length > LISTED_TAGS ? `, … ${tags.length - LISTED_TAGS} more (otq catalog)` : ''}`);
  return lines;
}

/**
 * How times written without an offset are read: in the source's timestampZone (with the rows in an hour the zone
 * repeats or skips), or as UTC with how to change that.
 */
async function localTimeLines(connector: Connector, description: SourceDescription): Promise<string[]> {
  const report = await connector.localTimes?.();
  if (report && report.columns.length > 0) {
    const columns = report.columns.map((c) => c.name).join(', ');
    const repeated = report.columns.reduce((n, c) => n + c.repeated, 0);
    const skipped = report.columns.reduce((n, c) => n + c.skipped, 0);
    const spans = [...new Set(report.columns.flatMap((c) => c.spans))];
    const dst =
      spans.length === 0
        ? 'no clock change in the data'
        : `${repeated} rows in an hour the clock repeats (read as the later, standard-time instant), ${skipped} in an hour it skips (read one hour later): ${spans.join(', ')}`;
    const one = report.columns.length === 1;
    return [
      `  local time: ${columns} ${one ? 'carries' : 'carry'} no offset and ${one ? 'is' : 'are'} read as ${report.zone} time (timestampZone); ${dst}`,
    ];
  }
  const { table, time } = description.historian!.samples;
  const type = description.tables.find((t) => t.name.toLowerCase() === table.toLowerCase())?.columns.find((c) => c.name === time)?.type;
  if (!type || !/^timestamp/i.test(type) || /with time zone/i.test(type)) return [];
  return [
    `  local time: ${table}.${time} carries no offset and is read as UTC; if it holds local time, set timestampZone: ZONE (a folder source) or map a view that converts it`,
  ];
}
