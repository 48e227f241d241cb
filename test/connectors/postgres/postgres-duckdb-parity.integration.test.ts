// Same generated plant in DuckDB and PostgreSQL: the typical questions give the same numbers through both connectors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Cell, Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { createPostgresConnector } from '../../../connectors/postgres/postgres-connector.ts';
import { typicalQueries } from '../../../connectors/postgres/typical-queries.ts';
import { generateSamples } from '../../../data-samples/generate.ts';
import { createPgFixture, FIXTURE_END, FIXTURE_SEED, type PgFixture } from './pg-fixture.ts';

const DAYS = 3;
let fixture: PgFixture;
let dir: string;
let postgres: Connector;
let duckdb: Connector;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otq-parity-'));
  const [pgFixture, generated] = await Promise.all([
    createPgFixture(DAYS),
    generateSamples({ dir, seed: FIXTURE_SEED, days: DAYS, end: FIXTURE_END }),
  ]);
  fixture = pgFixture;
  postgres = await createPostgresConnector('pg', fixture.source, fixture.env);
  duckdb = await createDuckDbConnector('duck', { engine: 'duckdb', file: generated.historianFile });
});

afterAll(async () => {
  await postgres?.close();
  await duckdb?.close();
  await fixture?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Rounds doubles to 9 significant digits: sums in a different order may differ in the last bits. */
function normalise(rows: Cell[][]): Cell[][] {
  return rows.map((row) => row.map((cell) => (typeof cell === 'number' && !Number.isInteger(cell) ? Number(cell.toPrecision(9)) : cell)));
}

it('holds the same rows in both engines', async () => {
  const sql = 'SELECT count(*), count(DISTINCT tag_id), min(ts), max(ts), sum(quality) FROM samples';
  const [a, b] = await Promise.all([postgres.query(sql), duckdb.query(sql)]);
  expect(a.rows[0]![0]).toBeGreaterThan(50_000);
  expect(normalise(a.rows)).toEqual(normalise(b.rows));
});

it('answers the three typical questions with the same numbers on DuckDB and PostgreSQL', async () => {
  const tag = await postgres.query("SELECT tag_id FROM tags WHERE tag_path LIKE '%/DischargePressure' ORDER BY tag_id LIMIT 1");
  const tagId = tag.rows[0]![0] as number;
  for (const query of typicalQueries(tagId, '2026-10-30')) {
    const [a, b] = await Promise.all([postgres.query(query.sql), duckdb.query(query.sql)]);
    expect(a.rows.length, query.name).toBeGreaterThan(0);
    expect(normalise(a.rows), query.name).toEqual(normalise(b.rows));
  }
});
