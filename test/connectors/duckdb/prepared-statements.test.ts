// The kept prepared statements of one connection: bounded, least recently used first out, and what leaves is destroyed.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxKeptSqlLength, PreparedStatements } from '../../../connectors/duckdb/prepared-statements.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
});

const runs = async (statement: { runAndReadAll(): Promise<unknown> }): Promise<boolean> =>
  statement.runAndReadAll().then(
    () => true,
    () => false,
  );

describe('PreparedStatements', () => {
  it('keeps at most its capacity and destroys the least recently used statement', async () => {
    const kept = new PreparedStatements(2);
    const [a, b, c] = await Promise.all(['SELECT 1', 'SELECT 2', 'SELECT 3'].map((sql) => connection.prepare(sql)));
    expect(kept.keep('SELECT 1', a!)).toBe(true);
    expect(kept.keep('SELECT 2', b!)).toBe(true);
    expect(kept.get('SELECT 1')).toBe(a); // now the most recently used
    expect(kept.keep('SELECT 3', c!)).toBe(true);
    expect(kept.size).toBe(2);
    expect(kept.get('SELECT 2')).toBeUndefined();
    expect(await runs(b!)).toBe(false); // destroyed on the way out
    expect(await runs(a!)).toBe(true);
    expect(await runs(c!)).toBe(true);
  });

  it('drops and destroys a statement on request, and keeps neither long texts nor anything at capacity 0', async () => {
    const kept = new PreparedStatements(4);
    const statement = await connection.prepare('SELECT 4');
    kept.keep('SELECT 4', statement);
    kept.drop('SELECT 4');
    expect(kept.get('SELECT 4')).toBeUndefined();
    expect(await runs(statement)).toBe(false);
    const long = `SELECT 5 ${' '.repeat(maxKeptSqlLength)}`;
    expect(kept.keep(long, await connection.prepare(long))).toBe(false);
    expect(new PreparedStatements(0).keep('SELECT 6', await connection.prepare('SELECT 6'))).toBe(false);
    expect(kept.size).toBe(0);
  });
});
