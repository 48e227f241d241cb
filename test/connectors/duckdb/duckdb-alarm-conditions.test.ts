// The alarm journal's optional condition column: the mapping accepts it or leaves it out, describe() reads the
// conditions the journal records, and a mapped column the data does not have is a config error naming the key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { historianMappingSchema } from '../../../connectors/historian-mapping.ts';
import { ConfigError } from '../../../core/errors.ts';
import { testHistorianFile } from '../../helpers/sample-data.ts';

let dir: string;
let file: string;

/** A small journal with the condition in a column of its own, spelled as Ignition writes it. */
const JOURNAL_SQL = `
CREATE TABLE points(pid VARCHAR, pname VARCHAR);
INSERT INTO points VALUES ('x1', 'RES_LEVEL'), ('x2', 'MAIN_PRESSURE');
CREATE TABLE vals(pid VARCHAR, t TIMESTAMPTZ, v DOUBLE);
CREATE TABLE journal(t TIMESTAMPTZ, pid VARCHAR, kind VARCHAR, cond VARCHAR);
INSERT INTO journal VALUES ('2026-01-01 01:00:00+00', 'x1', 'ACTIVE', 'HiHi'), ('2026-01-01 02:00:00+00', 'x1', 'CLEAR', 'HiHi'),
  ('2026-01-01 03:00:00+00', 'x2', 'ACTIVE', 'Lo'), ('2026-01-01 04:00:00+00', 'x2', 'ACTIVE', NULL);
`;

const mappingWith = (alarms: Record<string, unknown>) =>
  historianMappingSchema.parse({
    samples: { table: 'vals', time: 't', tag: 'pid', value: 'v' },
    tags: { table: 'points', id: 'pid', name: 'pname' },
    alarms: { table: 'journal', time: 't', tag: 'pid', eventType: 'kind', activeValue: 'ACTIVE', clearValue: 'CLEAR', ...alarms },
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'otq-alarm-conditions-'));
  file = join(dir, 'journal.duckdb');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(JOURNAL_SQL);
  connection.closeSync();
  instance.closeSync();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('historian.alarms.condition', () => {
  it('is optional: a journal mapped without it parses, and so does one with it', () => {
    expect(mappingWith({}).alarms?.condition).toBeUndefined();
    expect(mappingWith({ condition: 'cond' }).alarms?.condition).toBe('cond');
    expect(() => mappingWith({ condition: '' })).toThrow();
  });

  it('describe() reads the conditions the journal records, in its own spelling, without NULLs', async () => {
    const source = await createDuckDbConnector('journal', { engine: 'duckdb', file, historian: mappingWith({ condition: 'cond' }) });
    try {
      expect((await source.describe()).alarmConditions).toEqual(['HiHi', 'Lo']);
    } finally {
      await source.close();
    }
  });

  it('without the column mapped, the description has no conditions', async () => {
    const source = await createDuckDbConnector('journal', { engine: 'duckdb', file, historian: mappingWith({}) });
    try {
      expect((await source.describe()).alarmConditions).toBeUndefined();
    } finally {
      await source.close();
    }
  });

  it('a mapped column the journal does not have is a config error naming historian.alarms.condition', async () => {
    const source = await createDuckDbConnector('journal', { engine: 'duckdb', file, historian: mappingWith({ condition: 'side' }) });
    try {
      const error = await source.describe().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/source "journal": historian\.alarms\.condition does not match the data/);
    } finally {
      await source.close();
    }
  });

  it('the embedded sample config maps it, and the sample journal records HIGH and LOW', async () => {
    const mapping = historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian);
    expect(mapping.alarms?.condition).toBe('condition');
    const source = await createDuckDbConnector('historian', { engine: 'duckdb', file: testHistorianFile, historian: mapping });
    try {
      expect((await source.describe()).alarmConditions).toEqual(['HIGH', 'LOW']);
    } finally {
      await source.close();
    }
  });
});
