// Smoke test: the global setup produced the reference dataset with the advertised tables.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { testHistorianFile } from '../helpers/sample-data.ts';

describe('reference sample dataset', () => {
  it('has the historian tables', async () => {
    const db = await DuckDBInstance.create(testHistorianFile, { access_mode: 'READ_ONLY' });
    const conn = await db.connect();
    const reader = await conn.runAndReadAll('SELECT table_name FROM information_schema.tables ORDER BY 1');
    expect(reader.getRows().map((r) => r[0])).toEqual(['alarm_events', 'assets', 'dataset_info', 'samples', 'shift_log', 'tags']);
    conn.closeSync();
    db.closeSync();
  });
});
