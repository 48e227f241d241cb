// The Connector interface: one per source, read-only by construction, bounded results.
import type { HistorianMapping } from './historian-mapping.ts';

export type Dialect = 'duckdb' | 'postgres';

/** A JSON-safe cell: timestamps as ISO-8601 strings with offset; big integers/decimals as strings when a number would lose precision. */
export type Cell = string | number | boolean | null;

export interface QueryOptions {
  /** Row cap; rows beyond it are not fetched and the result says `truncated: true`. */
  maxRows?: number;
  /** Byte cap on the JSON size of the returned rows. */
  maxBytes?: number;
  /** Wall-clock limit for the statement, in milliseconds. */
  timeoutMs?: number;
  /** Aborting cancels the running statement on the engine. */
  signal?: AbortSignal;
  /**
   * Who the call is for (the principal id): calls of one principal share its concurrency limit on the source and
   * waiting calls are served round-robin across principals (connectors/fair-gate.ts). Absent: the system's own key.
   */
  principal?: string;
}

export interface ResultColumn {
  name: string;
  /** Engine type name, e.g. `TIMESTAMP WITH TIME ZONE`, `DOUBLE`, `int4`. */
  type: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: Cell[][];
  /** True when the row or byte cap stopped the fetch. Never silent. */
  truncated: boolean;
  truncatedBy?: 'rows' | 'bytes';
  /** Size of the returned rows as JSON, in bytes. */
  bytes: number;
  durationMs: number;
}

export interface ColumnDescription {
  name: string;
  type: string;
  nullable?: boolean;
  comment?: string;
}

export interface TableDescription {
  /** Schema (PostgreSQL) or `main`; used for qualification. */
  schema?: string;
  name: string;
  kind: 'table' | 'view';
  comment?: string;
  columns: ColumnDescription[];
  /**
   * For a view: the tables and views it reads, as the engine itself resolved them (DuckDB: the base tables in the
   * view's bound plan; PostgreSQL: pg_depend). A view shows whatever those show, so the guard grants a view only
   * when the principal may read all of them in full. Undefined when the engine could not tell (the guard then
   * refuses the view); empty for a view over files or generated rows.
   */
  reads?: RelationName[];
}

/** A table or view of a source, by schema and name as the engine spells them. */
export interface RelationName {
  schema: string;
  name: string;
}

/** One tag of the historian's tag catalog. */
export interface TagInfo {
  id: string | number;
  name: string;
  description?: string;
  unit?: string;
  asset?: string;
  /** Display name of the tag's asset (e.g. `Pump P02`), from the mapping's assets table when there is one. */
  assetName?: string;
  /** Kind of the tag's asset (e.g. `pump`, `tank`), from the mapping's assets table when it maps a kind column. */
  assetKind?: string;
  /** Code of the site the tag's asset belongs to (e.g. `BPS03`), from the mapping's assets table when it maps a site column. */
  site?: string;
  /** Display name of that site (e.g. `Booster station Sonnenhang`): the name of the asset whose id is the site code, if any. */
  siteName?: string;
  /** Description of the tag's asset (e.g. `Service reservoir Lindenau, 9,600 m3, fed by WTP01`), when the mapping maps one. */
  assetDescription?: string;
  /** Description of the tag's site (e.g. `District metered area Altstadt, fed from Tank T1 through PRV01`). */
  siteDescription?: string;
  /** Name of the asset's parent (e.g. `High-lift pumping`), when the mapping maps a parent column. */
  parentName?: string;
  measurement?: string;
  dataType?: string;
  /** Where `dataType` came from: the mapping's type column, the `types:` override of otq.yaml, or the tag's recent values. */
  dataTypeSource?: 'mapped' | 'configured' | 'inferred';
  /** Why an inferred type was chosen (e.g. `2 values (0..1) in 336 samples`). */
  dataTypeReason?: string;
  lowLimit?: number;
  highLimit?: number;
}

export interface SourceDescription {
  name: string;
  dialect: Dialect;
  tables: TableDescription[];
  historian?: HistorianMapping;
  /** The tag catalog, when a historian mapping exists. */
  tags?: TagInfo[];
  /**
   * The alarm conditions the journal records (the distinct values of `historian.alarms.condition`, as spelled there:
   * HIGH, LOW, HIHI, ...); absent when no condition column is mapped.
   */
  alarmConditions?: string[];
}

/**
 * How a source read the timestamps its files wrote without an offset in the zone of its `timestampZone` (folder
 * sources), and how many of them fall in an hour that zone repeats or skips. DuckDB's rule (ICU's): a repeated wall
 * time is the later instant (standard time), a skipped one is read with the offset before the change (one hour later).
 */
export interface LocalTimeReport {
  zone: string;
  columns: {
    /** `view.column` as the user sees it. */
    name: string;
    /** Rows with a wall time the zone repeats (the fall-back hour) or skips (the spring-forward hour). */
    repeated: number;
    skipped: number;
    /** The repeated and skipped spans within the data, as local wall times (`2024-11-03 01:00–02:00 repeated`). */
    spans: string[];
  }[];
}

/** A read-only data source. Optional capabilities are optional methods. */
export interface Connector {
  readonly name: string;
  readonly dialect: Dialect;
  /** Tables, columns, comments; the tag catalog when the source has a historian mapping. */
  describe(): Promise<SourceDescription>;
  /** Runs exactly one read-only statement and returns a bounded result. */
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /** The columns read as local time and the samples in repeated or skipped hours (trusted path: `otq connect --check`). */
  localTimes?(): Promise<LocalTimeReport | undefined>;
  close(): Promise<void>;
}
