// The sample historian's tables, columns and their documentation (units, meaning), shared by every loader.

/** One column: SQL name, portable SQL type (valid in DuckDB and PostgreSQL), and its comment. */
export interface ColumnSchema {
  name: string;
  type: 'VARCHAR' | 'INTEGER' | 'SMALLINT' | 'DOUBLE PRECISION' | 'TIMESTAMPTZ' | 'BOOLEAN';
  notNull?: boolean;
  comment: string;
}

/** One table with its comment. */
export interface TableSchema {
  name: string;
  comment: string;
  columns: ColumnSchema[];
}

/** Tables of the historian source (DuckDB file `historian.duckdb`, or the PostgreSQL load). */
export const HISTORIAN_TABLES: readonly TableSchema[] = [
  {
    name: 'assets',
    comment:
      'Asset tree of the water utility: site -> area -> equipment (treatment plant WTP01, booster stations BPS01-03, tanks T1-T3, district metered areas DMA01-05).',
    columns: [
      {
        name: 'asset_id',
        type: 'VARCHAR',
        notNull: true,
        comment: 'Asset id; for equipment it equals the tag path prefix, e.g. BPS03/P02',
      },
      { name: 'parent_id', type: 'VARCHAR', comment: 'Parent asset id (NULL for a site)' },
      { name: 'name', type: 'VARCHAR', notNull: true, comment: 'Display name, e.g. Tank T1, Pump P02' },
      {
        name: 'kind',
        type: 'VARCHAR',
        notNull: true,
        comment: 'site, area, pump, tank, filter, valve, analyser, meter, dosing, header, intake, clearwell, rtu',
      },
      { name: 'site', type: 'VARCHAR', notNull: true, comment: 'Site code: WTP01, BPS01, BPS02, BPS03, T1, T2, T3, DMA01..DMA05' },
      { name: 'description', type: 'VARCHAR', comment: 'What the asset is' },
    ],
  },
  {
    name: 'tags',
    comment: 'Historian tag catalog: one row per measured signal, with engineering unit and alarm limits.',
    columns: [
      { name: 'tag_id', type: 'INTEGER', notNull: true, comment: 'Tag id, referenced by samples.tag_id and alarm_events.tag_id' },
      { name: 'tag_path', type: 'VARCHAR', notNull: true, comment: 'SITE/EQUIPMENT/Measurement, e.g. BPS03/P02/DischargePressure' },
      { name: 'asset_id', type: 'VARCHAR', notNull: true, comment: 'Equipment the tag belongs to (assets.asset_id)' },
      { name: 'measurement', type: 'VARCHAR', notNull: true, comment: 'Measured quantity, e.g. DischargePressure, Level, Flow, Running' },
      { name: 'description', type: 'VARCHAR', comment: 'Human description of the signal' },
      {
        name: 'unit',
        type: 'VARCHAR',
        comment: 'Engineering unit: bar, m3/h, m, m3, mg/L, NTU, kW, kWh, A, %, rpm, mm/s, L/h, h, °C, pH; empty for status tags',
      },
      {
        name: 'data_type',
        type: 'VARCHAR',
        notNull: true,
        comment: 'analog (continuous), status (0/1, 1 = pump running), counter (monotonic totaliser: use differences)',
      },
      { name: 'low_limit', type: 'DOUBLE PRECISION', comment: 'Low alarm limit in the tag unit (NULL = none)' },
      { name: 'high_limit', type: 'DOUBLE PRECISION', comment: 'High alarm limit in the tag unit (NULL = none)' },
    ],
  },
  {
    name: 'samples',
    comment:
      'Historian samples: 1-minute base rate with deadband compression (a value is stored when it changes by more than the deadband, at least every 15 min; status tags on change and hourly). Use only quality 192 for calculations.',
    columns: [
      { name: 'tag_id', type: 'INTEGER', notNull: true, comment: 'Tag id (tags.tag_id)' },
      {
        name: 'ts',
        type: 'TIMESTAMPTZ',
        notNull: true,
        comment: 'Sample time (UTC instant, whole minutes); the plant is in Europe/Berlin',
      },
      { name: 'value', type: 'DOUBLE PRECISION', comment: 'Value in the tag unit (tags.unit); 0 or held value when quality is bad' },
      {
        name: 'quality',
        type: 'SMALLINT',
        notNull: true,
        comment: 'OPC quality: 192 good, 64 uncertain (analyser cleaning, sensor doubt), 0 bad (sensor fault, communication failure)',
      },
    ],
  },
  {
    name: 'alarm_events',
    comment:
      'Alarm journal derived from limit crossings of good samples: an active row when a limit is crossed, clear when back inside (with hysteresis), ack when an operator acknowledged.',
    columns: [
      { name: 'event_id', type: 'INTEGER', notNull: true, comment: 'Event id, increasing with time' },
      { name: 'tag_id', type: 'INTEGER', notNull: true, comment: 'Tag in alarm (tags.tag_id)' },
      { name: 'ts', type: 'TIMESTAMPTZ', notNull: true, comment: 'Event time (UTC)' },
      { name: 'event_type', type: 'VARCHAR', notNull: true, comment: 'active, clear or ack' },
      { name: 'priority', type: 'SMALLINT', notNull: true, comment: '1 critical, 2 high, 3 medium, 4 low' },
      {
        name: 'condition',
        type: 'VARCHAR',
        notNull: true,
        comment: 'Alarm condition: HIGH (above the high limit) or LOW (below the low limit), on the active, ack and clear rows',
      },
      { name: 'message', type: 'VARCHAR', comment: 'Alarm text with value and limit' },
    ],
  },
  {
    name: 'shift_log',
    comment: 'Operator shift log (contains personal data: operator names; restricted to supervisors).',
    columns: [
      { name: 'ts', type: 'TIMESTAMPTZ', notNull: true, comment: 'Entry time (UTC)' },
      { name: 'site', type: 'VARCHAR', notNull: true, comment: 'Site the entry is about' },
      { name: 'operator_name', type: 'VARCHAR', notNull: true, comment: 'Person who wrote the entry (personal data)' },
      { name: 'note', type: 'VARCHAR', notNull: true, comment: 'Free text' },
    ],
  },
  {
    name: 'dataset_info',
    comment: 'How this sample dataset was generated (seed, window) and when the injected incidents happen.',
    columns: [
      { name: 'key', type: 'VARCHAR', notNull: true, comment: 'Fact name, e.g. seed, start, end, incident.dma02Break.from' },
      { name: 'value', type: 'VARCHAR', notNull: true, comment: 'Fact value (timestamps in ISO-8601 UTC)' },
    ],
  },
];

/** Columns of the Parquet telemetry files (`telemetry/pump_drive/*.parquet`). */
export const TELEMETRY_COLUMNS: readonly ColumnSchema[] = [
  { name: 'ts', type: 'TIMESTAMPTZ', notNull: true, comment: 'Sample time (UTC), every 10 s' },
  { name: 'pump', type: 'VARCHAR', notNull: true, comment: 'Pump, e.g. BPS03/P01' },
  { name: 'speed_rpm', type: 'DOUBLE PRECISION', notNull: true, comment: 'Drive speed, rpm (0 when stopped)' },
  { name: 'motor_current_a', type: 'DOUBLE PRECISION', notNull: true, comment: 'Motor current, A' },
  { name: 'power_kw', type: 'DOUBLE PRECISION', notNull: true, comment: 'Electrical power, kW' },
  {
    name: 'vibration_mm_s',
    type: 'DOUBLE PRECISION',
    notNull: true,
    comment: 'Bearing vibration velocity RMS, mm/s (ISO 10816 alarm at 7.1)',
  },
  { name: 'running', type: 'BOOLEAN', notNull: true, comment: 'Pump running' },
];

/** SQL literal for a comment string. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** CREATE TABLE plus COMMENT ON statements for one table (DuckDB and PostgreSQL accept both). */
export function tableDdl(table: TableSchema): string[] {
  const cols = table.columns.map((c) => `${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}`).join(', ');
  return [
    `CREATE TABLE ${table.name} (${cols})`,
    `COMMENT ON TABLE ${table.name} IS ${sqlString(table.comment)}`,
    ...table.columns.map((c) => `COMMENT ON COLUMN ${table.name}.${c.name} IS ${sqlString(c.comment)}`),
  ];
}
