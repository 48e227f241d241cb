// Gives every tag of a described source a type: the mapping's type column, else inferred from recent values (cached), then the otq.yaml override.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Connector, SourceDescription, TagInfo } from './connector.ts';
import { recordStoredOnChange } from './historian-mapping.ts';
import {
  inferTagType,
  looksStoredOnChange,
  lastDayCountSql,
  matchesTagPattern,
  statsFromRow,
  tagStatsSql,
  windowHoursFor,
  type InferredType,
  type SamplesColumns,
  type TagValueStats,
} from './tag-types.ts';

export interface TagTypeOptions {
  /** Where inferred types are kept between starts (one JSON file per source); none: inferred at every start. */
  cacheDir?: string;
  /** Identifies the data behind the source (file, folder or URL), so a cache of other data is never used. */
  location: string;
  /** How long a cached inference stays good, ms (default a day). */
  maxAgeMs?: number;
  now?: () => Date;
  /** Start-up lines: inference failures, cache use. */
  log?: (line: string) => void;
}

const DAY_MS = 86_400_000;

/** Bumped when what the cache holds changes, so an older cache is read again. */
const CACHE_VERSION = 2;

/** What one statistics query over the recent samples tells about the catalog. */
interface CatalogFacts {
  /** Inferred types of the tags without a mapped type, by tag id. */
  types: Record<string, InferredType>;
  /** Per tag id with recent samples: whether they look stored on change. */
  onChange: Record<string, boolean>;
}

interface CacheFile extends CatalogFacts {
  key: string;
  computedAt: string;
}

/**
 * Sets `dataType` (and `dataTypeSource`) on each tag of `description`, in place: a mapped type column wins over
 * inference; tags without one get a type inferred from a bounded sample of their recent values (the last day up to two
 * weeks before the newest sample, sized to about a million rows), read on the connector's trusted path and cached;
 * the mapping's `types:` patterns override both. When the statistics cannot be read (a time column DuckDB or
 * PostgreSQL cannot subtract an interval from, a timeout), the tags stay untyped and a start-up line says why.
 *
 * The same statistics (one grouped query, cached with the types) tell which status tags are stored on change: their
 * consecutive samples never repeat a value (see `looksStoredOnChange`); recorded beside the mapping
 * (`recordStoredOnChange`), so their samples hold until the next one rather than for the mapping's max age. A status
 * tag without a sample in the window read follows the majority of the source's status tags that have samples.
 */
export async function applyTagTypes(connector: Connector, description: SourceDescription, options: TagTypeOptions): Promise<void> {
  const mapping = description.historian;
  const tags = description.tags;
  if (!mapping || !tags || tags.length === 0) return;
  for (const tag of tags) if (tag.dataType !== undefined) tag.dataTypeSource = 'mapped';
  const untyped = tags.filter((tag) => tag.dataType === undefined);
  const facts = await catalogFacts(connector, description, tags, untyped, options);
  if (untyped.length > 0 && facts) {
    for (const tag of untyped) {
      const found = facts.types[String(tag.id)];
      if (!found) continue;
      tag.dataType = found.type;
      tag.dataTypeSource = 'inferred';
      tag.dataTypeReason = found.reason;
    }
  }
  for (const [pattern, type] of Object.entries(mapping.types ?? {})) {
    for (const tag of tags) {
      if (!matchesTagPattern(pattern, tag.name)) continue;
      tag.dataType = type;
      tag.dataTypeSource = 'configured';
      delete tag.dataTypeReason;
    }
  }
  recordStoredOnChange(mapping, facts ? storedOnChangeTags(tags, facts.onChange) : []);
}

/** The status tags stored on change, given what the recent samples of each tag said (absent: no samples). */
export function storedOnChangeTags(tags: readonly TagInfo[], onChange: Readonly<Record<string, boolean>>): string[] {
  const status = tags.filter((tag) => tag.dataType?.toLowerCase() === 'status').map((tag) => String(tag.id));
  const sampled = status.filter((id) => onChange[id] !== undefined);
  const silentOnChange = sampled.length > 0 && sampled.filter((id) => onChange[id]).length * 2 > sampled.length;
  return status.filter((id) => onChange[id] ?? silentOnChange);
}

async function catalogFacts(
  connector: Connector,
  description: SourceDescription,
  tags: TagInfo[],
  untyped: TagInfo[],
  options: TagTypeOptions,
): Promise<CatalogFacts | undefined> {
  const mapping = description.historian!;
  const now = options.now ?? (() => new Date());
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        CACHE_VERSION,
        description.name,
        options.location,
        mapping.samples,
        untyped.map((t) => [t.id, t.name, t.description, t.unit]),
        tags.length,
      ]),
    )
    .digest('hex');
  const cacheFile = options.cacheDir ? join(options.cacheDir, `tag-types-${description.name}.json`) : undefined;
  const cached = cacheFile ? await readCache(cacheFile) : undefined;
  if (cached && cached.key === key && now().getTime() - Date.parse(cached.computedAt) < (options.maxAgeMs ?? DAY_MS))
    return { types: cached.types, onChange: cached.onChange };
  const samples: SamplesColumns = {
    relation: qualified(description, mapping.samples.table),
    time: mapping.samples.time,
    tag: mapping.samples.tag,
    value: mapping.samples.value,
  };
  const stats = new Map<string, TagValueStats>();
  try {
    const lastDay = await connector.query(lastDayCountSql(description.dialect, samples), { maxRows: 1 });
    const hours = windowHoursFor(Number(lastDay.rows[0]?.[0] ?? 0));
    const result = await connector.query(tagStatsSql(description.dialect, samples, hours), { maxRows: tags.length * 4 + 1000 });
    for (const row of result.rows) {
      const [id, value] = statsFromRow(row);
      stats.set(id, value);
    }
  } catch (error) {
    options.log?.(
      `source "${description.name}": tag statistics not read (${error instanceof Error ? error.message : String(error)}); ` +
        (untyped.length > 0 ? 'map a type column (historian.tags.dataType) or list types under historian.types; ' : '') +
        'status tags are held for at most signal.maxAgeMinutes',
    );
    return undefined;
  }
  const types = Object.fromEntries(untyped.map((tag) => [String(tag.id), inferTagType(stats.get(String(tag.id)), tag)]));
  const onChange: Record<string, boolean> = {};
  for (const [id, value] of stats) {
    const found = looksStoredOnChange(value);
    if (found !== undefined) onChange[id] = found;
  }
  const facts = { types, onChange };
  if (cacheFile) await writeCache(cacheFile, { key, computedAt: now().toISOString(), ...facts }, options.log);
  return facts;
}

/** The samples relation as the engine should read it: `schema.table` as written, else the described table's schema, quoted. */
function qualified(description: SourceDescription, table: string): string {
  const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
  const dot = table.indexOf('.');
  if (dot > 0) return `${quote(table.slice(0, dot))}.${quote(table.slice(dot + 1))}`;
  const same = (name: string): boolean => (description.dialect === 'duckdb' ? name.toLowerCase() === table.toLowerCase() : name === table);
  const found = description.tables.find((t) => same(t.name));
  return found?.schema ? `${quote(found.schema)}.${quote(found.name)}` : quote(table);
}

async function readCache(file: string): Promise<CacheFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
    const types = parsed.types && typeof parsed.types === 'object' ? Object.values(parsed.types) : [];
    const wellFormed = types.every((t) => ['analog', 'status', 'counter'].includes(t?.type) && typeof t.reason === 'string');
    const onChange = parsed.onChange && typeof parsed.onChange === 'object' ? Object.values(parsed.onChange) : [undefined];
    const onChangeWellFormed = onChange.every((v) => typeof v === 'boolean');
    return typeof parsed.key === 'string' && typeof parsed.computedAt === 'string' && parsed.types && wellFormed && onChangeWellFormed
      ? (parsed as CacheFile)
      : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(file: string, content: CacheFile, log?: (line: string) => void): Promise<void> {
  try {
    await mkdir(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(content));
    await rename(temporary, file);
  } catch (error) {
    log?.(`tag types not cached in ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
