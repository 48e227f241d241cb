// A user-defined folder source over CSV and Parquet files: views work end to end, nothing outside the folder is readable or writable.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { ConfigError, ConnectorError, type OtqError } from '../../../core/errors.ts';

let root: string;
let folder: string;
let connector: Connector;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'otq-folder-'));
  folder = join(root, 'plant');
  mkdirSync(join(folder, 'drive/station=BPS03'), { recursive: true });
  mkdirSync(join(root, 'plant_evil'));
  writeFileSync(
    join(folder, 'readings.csv'),
    'ts,tag,value\n2026-08-01T00:00:00Z,BPS03/P01/Speed,1450.5\n2026-08-01T00:01:00Z,BPS03/P01/Speed,1451.0\n',
  );
  writeFileSync(join(folder, 'notes.txt'), 'not a table\n');
  writeFileSync(join(root, 'plant_evil', 'leak.csv'), 'secret\nneighbour-data\n');
  symlinkSync(join(root, 'plant_evil', 'leak.csv'), join(folder, 'link.csv'));
  const writer = await DuckDBInstance.create(':memory:');
  const connection = await writer.connect();
  await connection.run(
    `COPY (SELECT TIMESTAMPTZ '2026-08-01 00:00:00+00' + to_seconds(i * 10) AS ts, 1400 + i AS speed_rpm FROM range(6) r(i))
       TO '${join(folder, 'drive/station=BPS03/part-0.parquet')}' (FORMAT parquet)`,
  );
  connection.closeSync();
  writer.closeSync();
  connector = await createDuckDbConnector('files', {
    engine: 'duckdb',
    folder,
    timeoutMs: 2_000,
    historian: {
      samples: { table: 'readings', time: 'ts', tag: 'tag', value: 'value', goodQuality: [192] },
      tags: { table: 'readings', id: 'tag', name: 'tag' },
    },
  });
});

afterAll(async () => {
  await connector?.close();
  rmSync(root, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<OtqError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as OtqError;
}

describe('DuckDB folder source', () => {
  it('exposes one view per CSV file stem and per sub-folder, and nothing for other files; each tag once', async () => {
    const description = await connector.describe();
    expect(description.tables.map((table) => [table.name, table.kind])).toEqual([
      ['drive', 'view'],
      ['readings', 'view'],
    ]);
    const drive = description.tables.find((table) => table.name === 'drive');
    expect(drive?.columns.map((column) => `${column.name} ${column.type}`)).toEqual([
      'ts TIMESTAMP WITH TIME ZONE',
      'speed_rpm BIGINT',
      'station VARCHAR',
    ]);
    expect(description.tags?.map((tag) => tag.name)).toEqual(['BPS03/P01/Speed']);
  });

  it('queries a CSV view end to end with typed, JSON-safe values', async () => {
    const result = await connector.query('SELECT ts, tag, value FROM readings ORDER BY ts');
    expect(result.columns.map((column) => column.type)).toEqual(['TIMESTAMP WITH TIME ZONE', 'VARCHAR', 'DOUBLE']);
    expect(result.rows).toEqual([
      ['2026-08-01T00:00:00.000Z', 'BPS03/P01/Speed', 1450.5],
      ['2026-08-01T00:01:00.000Z', 'BPS03/P01/Speed', 1451],
    ]);
  });

  it('queries a partitioned Parquet sub-folder with the hive partition as a column', async () => {
    const result = await connector.query('SELECT station, count(*), max(speed_rpm) FROM drive GROUP BY station');
    expect(result.rows).toEqual([['BPS03', 6, 1405]]);
  });

  it.each([
    ['a system file', "SELECT * FROM read_csv('/etc/passwd')"],
    ['a replacement scan of a CSV file outside', "SELECT * FROM '$FOLDER_evil/leak.csv'"],
    ['a ../ path out of the folder', "SELECT * FROM read_csv('$FOLDER/../plant_evil/leak.csv')"],
    ['a sibling folder sharing the prefix', "SELECT * FROM read_csv('$FOLDER_evil/leak.csv')"],
    ['a glob of the parent', "SELECT * FROM glob('$FOLDER/../*')"],
    ['a symlink inside the folder pointing outside', "SELECT * FROM read_csv('$FOLDER/link.csv')"],
  ])('cannot read %s', async (_label, sql) => {
    const error = await rejection(connector.query(sql.replaceAll('$FOLDER', folder)));
    expect(error.code).toBe('QUERY_REJECTED');
    expect(error.message).toMatch(/sandbox/);
    expect(error.message).not.toContain('neighbour-data');
  });

  it.each([
    ['COPY TO into the folder', "COPY readings TO '$FOLDER/out.csv'"],
    ['ATTACH a new database in the folder', "ATTACH '$FOLDER/new.duckdb' AS n"],
    ['CREATE TABLE in memory', 'CREATE TABLE copy AS SELECT * FROM readings'],
    ['a new view', "CREATE VIEW v AS SELECT * FROM read_csv('$FOLDER/readings.csv')"],
    ['turning external access back on', 'SET enable_external_access = true'],
  ])('refuses %s with the SELECT-only check', async (_label, sql) => {
    const error = await rejection(connector.query(sql.replaceAll('$FOLDER', folder)));
    expect(error.code).toBe('QUERY_REJECTED');
    expect(error.message).toMatch(/only read-only SELECT/);
    expect(existsSync(join(folder, 'out.csv'))).toBe(false);
    expect(existsSync(join(folder, 'new.duckdb'))).toBe(false);
  });

  it('uses the views map of the config instead of discovery, relative to the folder', async () => {
    const mapped = await createDuckDbConnector('mapped', {
      engine: 'duckdb',
      folder,
      views: { speeds: 'drive/**/*.parquet' },
    });
    try {
      expect((await mapped.describe()).tables.map((table) => table.name)).toEqual(['speeds']);
      expect((await mapped.query('SELECT count(*) FROM speeds')).rows).toEqual([[6]]);
    } finally {
      await mapped.close();
    }
  });

  it('refuses a views map that escapes the folder, naming the key', async () => {
    const error = await createDuckDbConnector('bad', { engine: 'duckdb', folder, views: { leak: '../plant_evil/*.csv' } }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/views\.leak.*relative to the folder/);
  });

  it('refuses a folder that does not exist', async () => {
    const error = await createDuckDbConnector('gone', { engine: 'duckdb', folder: join(root, 'missing') }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('missing');
  });
});
