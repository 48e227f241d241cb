// Loads the generated sample plant into PostgreSQL: monthly range partitions for samples, (tag_id, ts) index, keys and comments.
import pg from 'pg';
import type { PlantDataset, SampleBatch, TelemetryBatch } from './dataset-types.ts';
import { simulatePlant } from './simulate-plant.ts';
import { toConnectorError } from '../connectors/postgres/pg-errors.ts';
import { OtqError } from '../core/errors.ts';

const dayMs = 86_400_000;

/** Rows written and time taken per table, for the command's report. */
export interface LoadReport {
  schema: string;
  rows: Record<string, number>;
  partitions: number;
  durationMs: number;
}

export interface LoadTarget {
  /** Admin URL (table owner); its password comes from PGPASSWORD, never from the URL on a command line. */
  url: string;
  /** Target schema, default `historian`. */
  schema?: string;
  /** Drop an existing schema of that name first; without it an existing schema is an error (nothing is touched). */
  replace?: boolean;
}

const monthMs = (year: number, month: number): number => Date.UTC(year, month, 1);

/**
 * Writes `dataset` into `schema` in one transaction (all or nothing). Samples and telemetry go in as
 * `unnest` of typed arrays, one statement per generator batch; indexes are built after the rows, then ANALYZE.
 */
export async function loadDatasetToPostgres(
  target: LoadTarget,
  dataset: PlantDataset,
  now: () => number = () => performance.now(),
): Promise<LoadReport> {
  const schema = target.schema ?? 'historian';
  const s = pg.escapeIdentifier(schema);
  const started = now();
  const client = new pg.Client({ connectionString: target.url, application_name: 'otq:samples' });
  client.on('error', () => {});
  const rows: Record<string, number> = {};
  let partitions = 0;
  try {
    await client.connect();
    await client.query('BEGIN');
    const exists = await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount && !target.replace) {
      throw new OtqError(
        'USAGE',
        `schema ${schema} already exists in ${client.database ?? 'the database'}; pass --replace to drop and reload it, or choose --schema`,
      );
    }
    await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE; CREATE SCHEMA ${s};\n${tableDdl(s)}`);
    for (const [start, end] of monthsBetween(dataset.start.getTime(), dataset.end.getTime())) {
      const name = pg.escapeIdentifier(`samples_${new Date(start).toISOString().slice(0, 7).replace('-', '_')}`);
      await client.query(
        `CREATE TABLE ${s}.${name} PARTITION OF ${s}.samples FOR VALUES FROM ('${new Date(start).toISOString()}') TO ('${new Date(end).toISOString()}')`,
      );
      partitions++;
    }
    rows.dataset_info = await insertRows(
      client,
      `${s}.dataset_info`,
      ['key', 'value'],
      ['text', 'text'],
      dataset.datasetInfo.map((r) => [r.key, r.value]),
    );
    rows.assets = await insertRows(
      client,
      `${s}.assets`,
      ['asset_id', 'parent_id', 'name', 'kind', 'site', 'description'],
      ['text', 'text', 'text', 'text', 'text', 'text'],
      dataset.assets.map((a) => [a.assetId, a.parentId, a.name, a.kind, a.site, a.description]),
    );
    rows.tags = await insertRows(
      client,
      `${s}.tags`,
      ['tag_id', 'tag_path', 'asset_id', 'measurement', 'description', 'unit', 'data_type', 'low_limit', 'high_limit'],
      ['int4', 'text', 'text', 'text', 'text', 'text', 'text', 'float8', 'float8'],
      dataset.tags.map((t) => [t.tagId, t.tagPath, t.assetId, t.measurement, t.description, t.unit, t.dataType, t.lowLimit, t.highLimit]),
    );
    rows.alarm_events = await insertRows(
      client,
      `${s}.alarm_events`,
      ['event_id', 'tag_id', 'ts', 'event_type', 'priority', 'condition', 'message'],
      ['int4', 'int4', 'timestamptz', 'text', 'int2', 'text', 'text'],
      dataset.alarmEvents.map((e) => [e.eventId, e.tagId, new Date(e.tsMs).toISOString(), e.eventType, e.priority, e.condition, e.message]),
    );
    rows.shift_log = await insertRows(
      client,
      `${s}.shift_log`,
      ['ts', 'site', 'operator_name', 'note'],
      ['timestamptz', 'text', 'text', 'text'],
      dataset.shiftLog.map((e) => [new Date(e.tsMs).toISOString(), e.site, e.operatorName, e.note]),
    );
    rows.samples = 0;
    for (const batch of dataset.samples()) rows.samples += await insertSamples(client, s, batch);
    rows.telemetry = 0;
    for (const batch of dataset.telemetry()) rows.telemetry += await insertTelemetry(client, s, batch);
    await client.query(
      `CREATE INDEX samples_tag_ts ON ${s}.samples (tag_id, ts); CREATE INDEX alarm_events_tag_ts ON ${s}.alarm_events (tag_id, ts); CREATE INDEX telemetry_pump_ts ON ${s}.telemetry (pump, ts);\n${commentsDdl(s)}`,
    );
    await client.query('COMMIT');
    await client.query(`ANALYZE ${s}.samples, ${s}.tags, ${s}.assets, ${s}.alarm_events, ${s}.telemetry`);
    return { schema, rows, partitions, durationMs: now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if (error instanceof OtqError) throw error;
    throw toConnectorError(error, `samples load (${schema})`);
  } finally {
    await client.end().catch(() => {});
  }
}

function tableDdl(s: string): string {
  return `
CREATE TABLE ${s}.dataset_info (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE ${s}.assets (asset_id text PRIMARY KEY, parent_id text REFERENCES ${s}.assets, name text NOT NULL, kind text NOT NULL, site text NOT NULL, description text);
CREATE TABLE ${s}.tags (tag_id integer PRIMARY KEY, tag_path text NOT NULL UNIQUE, asset_id text REFERENCES ${s}.assets, measurement text,
  description text, unit text, data_type text NOT NULL, low_limit double precision, high_limit double precision);
CREATE TABLE ${s}.samples (tag_id integer NOT NULL, ts timestamptz NOT NULL, value double precision, quality smallint NOT NULL) PARTITION BY RANGE (ts);
CREATE TABLE ${s}.alarm_events (event_id integer PRIMARY KEY, tag_id integer NOT NULL, ts timestamptz NOT NULL, event_type text NOT NULL, priority smallint, condition text NOT NULL, message text);
CREATE TABLE ${s}.shift_log (ts timestamptz NOT NULL, site text NOT NULL, operator_name text NOT NULL, note text);
CREATE TABLE ${s}.telemetry (ts timestamptz NOT NULL, pump text NOT NULL, speed_rpm double precision, motor_current_a double precision,
  power_kw double precision, vibration_mm_s double precision, running boolean, PRIMARY KEY (pump, ts));`;
}

function commentsDdl(s: string): string {
  const comments: [string, string][] = [
    ['TABLE dataset_info', 'Generation parameters of the sample data (seed, days, window)'],
    ['TABLE assets', 'Asset hierarchy: site -> area -> equipment'],
    ['TABLE tags', 'Tag catalog: one row per historian tag'],
    ['COLUMN tags.tag_path', 'Tag path SITE/EQUIPMENT/Measurement, e.g. BPS03/P02/DischargePressure'],
    ['COLUMN tags.unit', 'Engineering unit (bar, m3/h, m, mg/L, NTU, kW, A, %); empty for status tags'],
    ['COLUMN tags.data_type', 'analog, status (0/1) or counter (monotonic total)'],
    ['TABLE samples', 'Historian samples, 1-minute base rate with deadband compression, UTC; monthly partitions'],
    ['COLUMN samples.quality', 'OPC quality: 192 good, 64 uncertain, 0 bad'],
    ['TABLE alarm_events', 'Alarm journal: active / clear / ack rows from limit crossings'],
    ['COLUMN alarm_events.priority', '1 critical, 2 high, 3 medium, 4 low'],
    ['COLUMN alarm_events.condition', 'HIGH (above the high limit) or LOW (below the low limit)'],
    ['TABLE shift_log', 'Operator shift log; operator_name is personal data'],
    ['TABLE telemetry', 'High-rate (10 s) pump drive telemetry of one booster station'],
  ];
  return comments
    .map(([what, text]) => `COMMENT ON ${what.replace(/^(TABLE|COLUMN) /, `$1 ${s}.`)} IS ${pg.escapeLiteral(text)};`)
    .join('\n');
}

/** [start, end) of each calendar month (UTC) that overlaps [fromMs, toMs). */
export function monthsBetween(fromMs: number, toMs: number): [number, number][] {
  const from = new Date(fromMs);
  const out: [number, number][] = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  while (monthMs(year, month) < toMs) {
    out.push([monthMs(year, month), monthMs(year, month + 1)]);
    month++;
    if (month === 12) {
      month = 0;
      year++;
    }
  }
  return out;
}

type Value = string | number | boolean | null;

/** Small tables: one INSERT ... SELECT FROM unnest of text-array parameters, cast per column. */
async function insertRows(client: pg.Client, table: string, columns: string[], types: string[], rows: Value[][]): Promise<number> {
  if (rows.length === 0) return 0;
  const arrays = columns.map((_, i) => rows.map((r) => (r[i] === null || r[i] === undefined ? null : String(r[i]))));
  const select = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const casts = columns.map((_, i) => `u.c${i}::${types[i]}`).join(', ');
  await client.query(
    `INSERT INTO ${table} (${columns.map((c) => pg.escapeIdentifier(c)).join(', ')}) SELECT ${casts} FROM unnest(${select}) AS u(${columns.map((_, i) => `c${i}`).join(', ')})`,
    arrays,
  );
  return rows.length;
}

/** Array literal of numbers: shortest round-trip text, so doubles arrive exactly. */
function numbers(values: ArrayLike<number>, length: number): string {
  const parts = new Array<string>(length);
  for (let i = 0; i < length; i++) parts[i] = String(values[i]);
  return `{${parts.join(',')}}`;
}

async function insertSamples(client: pg.Client, s: string, b: SampleBatch): Promise<number> {
  if (b.length === 0) return 0;
  await client.query(
    `INSERT INTO ${s}.samples (tag_id, ts, value, quality)
     SELECT t, to_timestamp(ms / 1000.0), v, q FROM unnest($1::int4[], $2::float8[], $3::float8[], $4::int2[]) AS u(t, ms, v, q)`,
    [numbers(b.tagId, b.length), numbers(b.tsMs, b.length), numbers(b.value, b.length), numbers(b.quality, b.length)],
  );
  return b.length;
}

async function insertTelemetry(client: pg.Client, s: string, b: TelemetryBatch): Promise<number> {
  if (b.length === 0) return 0;
  const pumps = `{${b.pump
    .slice(0, b.length)
    .map((p) => `"${p.replace(/["\\]/g, '\\$&')}"`)
    .join(',')}}`;
  const running = `{${Array.from(b.running.subarray(0, b.length), (r) => (r ? 't' : 'f')).join(',')}}`;
  await client.query(
    `INSERT INTO ${s}.telemetry (ts, pump, speed_rpm, motor_current_a, power_kw, vibration_mm_s, running)
     SELECT to_timestamp(ms / 1000.0), p, a, b, c, d, r FROM unnest($1::float8[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::bool[]) AS u(ms, p, a, b, c, d, r)`,
    [
      numbers(b.tsMs, b.length),
      pumps,
      numbers(b.speedRpm, b.length),
      numbers(b.motorCurrentA, b.length),
      numbers(b.powerKw, b.length),
      numbers(b.vibrationMmS, b.length),
      running,
    ],
  );
  return b.length;
}

export interface LoadSamplesOptions {
  url: string;
  schema?: string;
  seed?: number;
  days?: number;
  /** Exclusive end of the window, midnight UTC; default: today's midnight UTC. */
  end?: Date;
  replace?: boolean;
}

/** Simulates the plant with the same generator as the DuckDB sample (same options, same rows) and loads it. */
export async function loadSamplesToPostgres(options: LoadSamplesOptions): Promise<LoadReport> {
  let dataset;
  try {
    dataset = simulatePlant({
      seed: options.seed ?? 42,
      days: options.days ?? 90,
      end: options.end ?? new Date(Math.floor(Date.now() / dayMs) * dayMs),
    });
  } catch (cause) {
    throw new OtqError('USAGE', (cause as Error).message, { cause });
  }
  return loadDatasetToPostgres({ url: options.url, schema: options.schema ?? 'historian', replace: options.replace ?? false }, dataset);
}
