// Configuration slice for data sources: a DuckDB file, a folder of Parquet/CSV files, or a PostgreSQL server.
import { z } from 'zod';
import { timeZoneName } from '../core/time-zone.ts';
import { historianMappingSchema } from './historian-mapping.ts';

const limits = {
  timeoutMs: z.number().int().positive().max(3_600_000).optional().describe('statement timeout, ms (default 10000)'),
  maxRows: z.number().int().positive().max(10_000_000).optional().describe('row cap per result (default 10000)'),
  maxBytes: z.number().int().positive().optional().describe('byte cap per result (default 16 MiB)'),
  poolSize: z.number().int().min(1).max(64).optional().describe('connections per source (default 4)'),
  maxConcurrentPerPrincipal: z
    .number()
    .int()
    .min(1)
    .max(64)
    .optional()
    .describe('queries one principal may run at once on this source (default half the pool, at least 1); the rest wait their turn'),
  memoryLimitMb: z
    .number()
    .int()
    .min(16)
    .max(1_048_576)
    .optional()
    .describe(
      'memory bound, MiB: DuckDB memory_limit of the source (default 2048, shared by its connections, so no one query exceeds it); PostgreSQL work_mem of each connection (default: the server setting)',
    ),
  description: z.string().max(500).optional(),
  historian: historianMappingSchema.optional(),
};

/**
 * The zone in which an export wrote timestamps that carry no offset. Only folder sources read it: otq writes their
 * views, so it converts the columns there. A DuckDB file's or a PostgreSQL server's tables are queried as they are,
 * so there the key is refused with what to do instead (a view that converts the column, mapped in its place).
 */
const timestampZone = timeZoneName.describe(
  'IANA zone in which the files wrote timestamps without an offset (naive TIMESTAMP columns, e.g. a SCADA export in local wall-clock time such as America/Chicago); otq reads them as instants in that zone. Default UTC. Columns with an offset (TIMESTAMPTZ, text ending in Z or +hh:mm) are left alone',
);

/** `timestampZone` on a source whose tables otq does not write: refused, naming the key and what to do instead. */
function refusedTimestampZone(engine: string, convert: string) {
  return z
    .unknown()
    .refine(() => false, {
      error: `timestampZone is read by folder sources only; on ${engine} create a view that converts the column (${convert}) and map historian.samples to that view`,
    })
    .optional();
}

export const duckDbFileSourceSchema = z
  .object({
    engine: z.literal('duckdb'),
    file: z.string().min(1).describe('path of a DuckDB database file, opened READ_ONLY'),
    timestampZone: refusedTimestampZone('a DuckDB file', "timezone('America/Chicago', ts) AS ts"),
    ...limits,
  })
  .strict();

const viewName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain SQL name (letters, digits, _)');

/**
 * A wide export (one time column, one column per tag) read as the long shape the planner and the guard understand:
 * otq creates a view `<name>` (ts, tag, value) that unpivots the wide view, and `<name>_tags` (tag, unit) from the
 * column names. Nothing is copied; empty cells are no sample.
 */
export const wideTableSchema = z
  .object({
    table: viewName.describe('the folder view holding one row per time and one column per tag'),
    time: z.string().min(1).describe('its time column'),
    timeFormat: z.string().min(1).optional().describe('strptime format when the time is text, e.g. %d.%m.%Y %H:%M'),
    columns: z
      .array(z.string().min(1))
      .default(['*'])
      .describe('value columns by name pattern (* any characters); numeric and boolean only'),
    exclude: z.array(z.string().min(1)).default([]).describe('columns left out, by name pattern'),
  })
  .strict();

export const duckDbFolderSourceSchema = z
  .object({
    engine: z.literal('duckdb'),
    folder: z.string().min(1).describe('folder of Parquet/CSV files, each exposed as a view'),
    /** View name -> glob relative to the folder. Default: one view per file stem or sub-folder. */
    views: z.record(viewName, z.string().min(1)).optional(),
    /** Long view name -> the wide view it unpivots (see `wideTableSchema`). */
    wide: z.record(viewName, wideTableSchema).optional(),
    timestampZone: timestampZone.optional(),
    ...limits,
  })
  .strict();

export const postgresSourceSchema = z
  .object({
    engine: z.literal('postgres'),
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .describe('connection URL without password, e.g. postgres://otq_reader@db:5432/plant'),
    passwordEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .optional()
      .describe('name of the environment variable holding the password'),
    schemas: z.array(z.string().min(1)).default(['public']).describe('schemas otq may describe and query'),
    lockTimeoutMs: z.number().int().positive().optional(),
    timestampZone: refusedTimestampZone('PostgreSQL', "ts AT TIME ZONE 'America/Chicago' AS ts, for a timestamp without time zone"),
    ...limits,
  })
  .strict();

export const sourceConfigSchema = z.union([duckDbFileSourceSchema, duckDbFolderSourceSchema, postgresSourceSchema]);

export type DuckDbFileSourceConfig = z.infer<typeof duckDbFileSourceSchema>;
export type WideTableConfig = z.infer<typeof wideTableSchema>;
export type DuckDbFolderSourceConfig = z.infer<typeof duckDbFolderSourceSchema>;
export type PostgresSourceConfig = z.infer<typeof postgresSourceSchema>;
export type SourceConfig = z.infer<typeof sourceConfigSchema>;
