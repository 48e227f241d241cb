// Row and batch types of the sample plant dataset, shared by the DuckDB writer and the PostgreSQL loader.

/** One node of the asset tree (site -> area -> equipment). Column names in SQL are snake_case. */
export interface AssetRow {
  assetId: string;
  /** null for a site (the root of its subtree). */
  parentId: string | null;
  name: string;
  kind: AssetKind;
  /** Site code the asset belongs to, e.g. `BPS03`. */
  site: string;
  description: string;
}

/** Kind of asset; sites and areas group equipment. */
export type AssetKind =
  'site' | 'area' | 'pump' | 'tank' | 'filter' | 'valve' | 'analyser' | 'meter' | 'dosing' | 'header' | 'intake' | 'clearwell' | 'rtu';

/** How a tag's values are to be read: analog (continuous), status (0/1 pump running), counter (monotonic total). */
export type TagDataType = 'analog' | 'status' | 'counter';

/** One historian tag. */
export interface TagRow {
  tagId: number;
  /** `SITE/EQUIPMENT/Measurement`, e.g. `BPS03/P02/DischargePressure`. */
  tagPath: string;
  assetId: string;
  measurement: string;
  description: string;
  /** Engineering unit (bar, m3/h, m, mg/L, NTU, kW, A, %, ...); empty for status tags. */
  unit: string;
  dataType: TagDataType;
  /** Alarm limits in the tag's unit; null when the tag has no such alarm. */
  lowLimit: number | null;
  highLimit: number | null;
}

/** Alarm journal event type. */
export type AlarmEventType = 'active' | 'clear' | 'ack';

/** One row of the alarm journal, derived from limit crossings of good-quality samples. */
/** The alarm conditions the sample journal records (a real journal may add HIHI, LOLO, DEVIATION, ...). */
export type AlarmCondition = 'HIGH' | 'LOW';

export interface AlarmEventRow {
  eventId: number;
  tagId: number;
  /** Epoch milliseconds, UTC. */
  tsMs: number;
  eventType: AlarmEventType;
  /** 1 = critical, 2 = high, 3 = medium, 4 = low. */
  priority: number;
  /** The alarm condition (ISA-18.2): HIGH above the high limit, LOW below the low limit; the same on the ack and clear rows. */
  condition: AlarmCondition;
  message: string;
}

/** One operator shift-log entry. `operatorName` is personal data. */
export interface ShiftLogRow {
  /** Epoch milliseconds, UTC. */
  tsMs: number;
  site: string;
  operatorName: string;
  note: string;
}

/** Generation parameters and facts, as key/value strings. */
export interface DatasetInfoRow {
  key: string;
  value: string;
}

/** A columnar batch of historian samples (row i = tagId[i], tsMs[i], value[i], quality[i]). */
export interface SampleBatch {
  tagId: Int32Array;
  /** Epoch milliseconds, UTC, whole minutes. */
  tsMs: Float64Array;
  value: Float64Array;
  /** OPC quality: 192 good, 64 uncertain, 0 bad. */
  quality: Int16Array;
  length: number;
}

/** A columnar batch of 10 s pump drive telemetry. */
export interface TelemetryBatch {
  /** Epoch milliseconds, UTC, multiples of 10 s. */
  tsMs: Float64Array;
  /** Pump path, e.g. `BPS03/P01`. */
  pump: string[];
  speedRpm: Float64Array;
  motorCurrentA: Float64Array;
  powerKw: Float64Array;
  vibrationMmS: Float64Array;
  running: Uint8Array;
  length: number;
}

/** Everything the generator produces; big tables are streamed as batches so loaders never hold all rows. */
export interface PlantDataset {
  seed: number;
  days: number;
  /** Window start and end (end exclusive), UTC. */
  start: Date;
  end: Date;
  assets: AssetRow[];
  tags: TagRow[];
  alarmEvents: AlarmEventRow[];
  shiftLog: ShiftLogRow[];
  datasetInfo: DatasetInfoRow[];
  /** Historian samples, ordered by tag then time, in batches of at most 65,536 rows. */
  samples(): Iterable<SampleBatch>;
  /** Pump drive telemetry, ordered by time then pump, in batches of at most 65,536 rows. */
  telemetry(): Iterable<TelemetryBatch>;
  /** Window of the telemetry (end exclusive), UTC. */
  telemetryStart: Date;
  /**
   * The true signal of a tag before the historian compressed it: one value per minute of the window (index 0 = start).
   * Tests compare answers with it; nothing is stored from it. Throws on an unknown tag path.
   */
  truth(tagPath: string): Float64Array;
}
