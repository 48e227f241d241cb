// The embedded default: sample plant data in DuckDB, shipped policies, audit log under .otq/audit. No external service.

/** Raw (unparsed) default, relative paths resolved against the project root. */
export const defaultConfigDocument = {
  timezone: 'Europe/Berlin',
  defaultUser: 'engineer',
  users: {
    engineer: { roles: ['engineer'], displayName: 'Engineer (local default)' },
    supervisor: { roles: ['supervisor'] },
    auditor: { roles: ['auditor'] },
    'operator-bps03': { roles: ['operator-bps03'] },
  },
  sources: {
    historian: {
      engine: 'duckdb',
      file: 'data-samples/generated/historian.duckdb',
      description: 'Sample water utility historian: assets, tags, 1-minute samples, alarms, shift log',
      historian: {
        samples: { table: 'samples', time: 'ts', tag: 'tag_id', value: 'value', quality: 'quality', goodQuality: [192] },
        tags: {
          table: 'tags',
          id: 'tag_id',
          name: 'tag_path',
          description: 'description',
          unit: 'unit',
          asset: 'asset_id',
          measurement: 'measurement',
          dataType: 'data_type',
          lowLimit: 'low_limit',
          highLimit: 'high_limit',
        },
        assets: {
          table: 'assets',
          id: 'asset_id',
          name: 'name',
          parent: 'parent_id',
          kind: 'kind',
          site: 'site',
          description: 'description',
        },
        alarms: {
          table: 'alarm_events',
          id: 'event_id',
          time: 'ts',
          tag: 'tag_id',
          eventType: 'event_type',
          priority: 'priority',
          condition: 'condition',
          message: 'message',
          activeValue: 'active',
          clearValue: 'clear',
          ackValue: 'ack',
        },
        shiftLog: { table: 'shift_log', time: 'ts', operator: 'operator_name', site: 'site', note: 'note' },
        // The sample plant's historian: deadband compression, a 15 min heartbeat (60 min for pump status).
        signal: {
          interpolation: 'step',
          heartbeatMinutes: 15,
          maxAgeMinutes: 180,
          rules: [{ dataType: 'status', interpolation: 'step', heartbeatMinutes: 60 }],
        },
      },
    },
    telemetry: {
      engine: 'duckdb',
      folder: 'data-samples/generated/telemetry',
      description: 'High-rate (10 s) pump drive telemetry of booster station BPS03, Parquet',
    },
  },
  samples: { dir: 'data-samples/generated', seed: 42, days: 90 },
  shifts: [
    { name: 'early', start: '06:00', end: '14:00' },
    { name: 'late', start: '14:00', end: '22:00' },
    { name: 'night', start: '22:00', end: '06:00' },
  ],
  synonyms: { PS3: 'BPS03', PS1: 'BPS01', PS2: 'BPS02', WTP: 'WTP01' },
} as const;
