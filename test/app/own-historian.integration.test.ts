// Issue 16's done-when: a wide export of our own (not the sample plant), `otq connect` on it, and the planner's answers
// right on CSV, Parquet and PostgreSQL.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCommand } from '../../app/commands/connect-command.ts';
import type { AppRuntime } from '../../app/create-runtime.ts';
import type { Answer } from '../../agent/answer.ts';
import type { Principal } from '../../core/principal.ts';
import { adminQuery } from '../connectors/postgres/pg-fixture.ts';
import { copyOptions, openOwnRuntime, tempDir, withScratchDuckDb } from '../helpers/own-data.ts';

type Target = 'csv' | 'parquet' | 'postgres';
const targets: Target[] = ['csv', 'parquet', 'postgres'];
const engineer: Principal = { id: 'engineer', roles: ['engineer'] };
const START = '2023-06-01 00:00:00';
const HOURS = 7 * 24;
let root: string;
const database = `otq_own_${process.pid}_${Date.now().toString(36)}`;
const reader = `${database}_reader`;
const runtimes = new Map<Target, AppRuntime>();
const checks = new Map<Target, string[]>();

/**
 * A week of hourly rows from 2023-06-01 UTC, one column per signal: north pump 1 runs 00-08 h (8 h a day), pump 2
 * 08-20 h (12 h), their flows follow, the east reservoir level is 3 + hour/10 + day/100 m, the energy meter counts
 * 10 kWh an hour. A signal list (signal, description, unit) describes the columns.
 */
const exportSql = `CREATE TABLE export AS SELECT TIMESTAMP '${START}' + to_hours(h) AS "Timestamp",
    CASE WHEN h % 24 < 8 THEN 1 ELSE 0 END AS "NORTH_P1_RUN",
    CASE WHEN h % 24 >= 8 AND h % 24 < 20 THEN 1 ELSE 0 END AS "NORTH_P2_RUN",
    CASE WHEN h % 24 < 8 THEN 50.0 ELSE 0.0 END AS "NORTH_P1_FLOW",
    CASE WHEN h % 24 >= 8 AND h % 24 < 20 THEN 40.0 ELSE 0.0 END AS "NORTH_P2_FLOW",
    round(3 + (h % 24) / 10.0 + (h // 24) / 100.0, 2) AS "EAST_RES_LVL",
    10.0 * h AS "MAIN_ENERGY"
  FROM range(${HOURS}) r(h)`;
const signalsSql = `CREATE TABLE signals AS SELECT * FROM (VALUES
    ('NORTH_P1_RUN', 'North station pump 1 running', NULL),
    ('NORTH_P2_RUN', 'North station pump 2 running', NULL),
    ('NORTH_P1_FLOW', 'North station pump 1 flow', 'm3/h'),
    ('NORTH_P2_FLOW', 'North station pump 2 flow', 'm3/h'),
    ('EAST_RES_LVL', 'East reservoir level', 'm'),
    ('MAIN_ENERGY', 'Main supply energy meter', 'kWh')) t(signal, description, unit)`;

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await connectCommand(args, { out: (t) => out.push(...t.split('\n')), err: (t) => err.push(t) });
  return { code, out, err };
}

async function folderTarget(format: 'csv' | 'parquet'): Promise<void> {
  const dir = join(root, format);
  const folder = join(dir, 'export');
  await mkdir(folder, { recursive: true });
  await withScratchDuckDb([
    exportSql,
    signalsSql,
    `COPY export TO '${join(folder, `scada_export.${format}`)}' ${copyOptions(format)}`,
    `COPY signals TO '${join(folder, `signal_list.${format}`)}' ${copyOptions(format)}`,
  ]);
  const written = await run([folder, '--name', 'north', '--timezone', 'UTC', '--write', join(dir, 'otq.yaml'), '--check']);
  expect(written.code).toBe(0);
  checks.set(format, written.out);
}

async function postgresTarget(): Promise<void> {
  const dir = join(root, 'postgres');
  await mkdir(dir, { recursive: true });
  await adminQuery('postgres', `CREATE DATABASE ${database}`);
  // The same rows, as a wide table and a signal list, read as DuckDB computed them.
  const rows: string[] = [];
  for (let h = 0; h < HOURS; h += 1) {
    const hour = h % 24;
    const values = [
      `TIMESTAMPTZ '2023-06-01 00:00:00+00' + interval '${h} hours'`,
      hour < 8 ? 1 : 0,
      hour >= 8 && hour < 20 ? 1 : 0,
      hour < 8 ? 50 : 0,
      hour >= 8 && hour < 20 ? 40 : 0,
      Math.round((3 + hour / 10 + Math.floor(h / 24) / 100) * 100) / 100,
      10 * h,
    ];
    rows.push(`(${values.join(', ')})`);
  }
  for (const sql of [
    `CREATE TABLE scada_export ("Timestamp" timestamptz, "NORTH_P1_RUN" integer, "NORTH_P2_RUN" integer, "NORTH_P1_FLOW" double precision,
       "NORTH_P2_FLOW" double precision, "EAST_RES_LVL" numeric(6,2), "MAIN_ENERGY" double precision)`,
    `INSERT INTO scada_export VALUES ${rows.join(', ')}`,
    `CREATE TABLE signal_list (signal text, description text, unit text)`,
    `INSERT INTO signal_list VALUES ('NORTH_P1_RUN', 'North station pump 1 running', NULL), ('NORTH_P2_RUN', 'North station pump 2 running', NULL),
       ('NORTH_P1_FLOW', 'North station pump 1 flow', 'm3/h'), ('NORTH_P2_FLOW', 'North station pump 2 flow', 'm3/h'),
       ('EAST_RES_LVL', 'East reservoir level', 'm'), ('MAIN_ENERGY', 'Main supply energy meter', 'kWh')`,
    `CREATE ROLE ${reader} LOGIN PASSWORD 'not-in-the-file'`,
    `GRANT SELECT ON scada_export, signal_list TO ${reader}`,
  ])
    await adminQuery(database, sql);
  const url = `postgres://${reader}:not-in-the-file@127.0.0.1:5432/${database}`;
  const written = await run([url, '--name', 'north', '--timezone', 'UTC', '--write', join(dir, 'otq.yaml')]);
  expect(written.code).toBe(0);
  expect(await readFile(join(dir, 'otq.yaml'), 'utf8')).not.toContain('not-in-the-file');
  // The DBA's step: the views otq connect wrote, with the grant to the reader.
  await adminQuery(database, await readFile(join(dir, 'otq.views.sql'), 'utf8'));
  process.env['OTQ_PG_PASSWORD'] = 'not-in-the-file';
  const check = await run(['--check', '--config', join(dir, 'otq.yaml')]);
  expect(check.code).toBe(0);
  checks.set('postgres', check.out);
}

beforeAll(async () => {
  root = await tempDir('own-historian');
  await folderTarget('csv');
  await folderTarget('parquet');
  await postgresTarget();
  for (const target of targets) runtimes.set(target, await openOwnRuntime(join(root, target, 'otq.yaml')));
}, 240_000);

afterAll(async () => {
  for (const runtime of runtimes.values()) await runtime.close();
  await adminQuery('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  await adminQuery('postgres', `DROP ROLE IF EXISTS ${reader}`).catch(() => {});
  delete process.env['OTQ_PG_PASSWORD'];
  if (root) await rm(root, { recursive: true, force: true });
});

describe.each(targets)('our own wide export on %s, through otq connect', (target) => {
  const ask = (question: string): Promise<Answer> =>
    runtimes
      .get(target)!
      .ask({ principal: engineer, question, channel: 'cli', requestId: `own-${target}`, now: new Date('2023-06-08T00:00:00Z') });

  it('otq connect --check says what the planner understands', () => {
    const text = checks.get(target)!.join('\n');
    expect(text).toContain('6 tags');
    expect(text).toMatch(/types: 3 analog, 2 status, 1 counter/);
    expect(text).toContain('2023-06-01 00:00 UTC .. 2023-06-07 23:00 UTC');
    expect(text).toContain('sampling: every tag typically every 1 h; longest gap 1 h');
    expect(text).toContain('NORTH_P1_RUN status');
  });

  it('answers run-hours of an inferred status tag', async () => {
    const answer = await ask('how many hours did north pump 1 run on 3 June 2023');
    expect(answer.answer).toContain('NORTH_P1_RUN');
    expect(answer.rows[0]?.[0]).toBe(8);
  });

  it('answers the latest value', async () => {
    const answer = await ask('latest east reservoir level');
    expect(answer.answer).toContain('5.36 m');
  });

  it('answers an aggregate over a day', async () => {
    const answer = await ask('maximum east reservoir level on 3 June 2023');
    expect(answer.answer).toContain('5.32 m');
  });

  it('reads an explicit range of days as that range', async () => {
    const answer = await ask('daily maximum east reservoir level from 1 to 7 June 2023');
    // 3 + 23/10 + day/100 at 23:00 of each day.
    expect(answer.rows.map((row) => row[1])).toEqual([5.3, 5.31, 5.32, 5.33, 5.34, 5.35, 5.36]);
  });

  it('answers a threshold question', async () => {
    const answer = await ask('when was the east reservoir level above 5 m on 3 June 2023');
    // 3 + h/10 + 0.02 is above 5 m from 20:00 (5.02) until the next day's first sample (3.03).
    // The row also says the whole window was known (coverage 1) and where the data ends.
    expect(answer.rows).toEqual([['2023-06-03T20:00:00.000Z', '2023-06-04T00:00:00.000Z', 4, 240, 5.32, 1, '2023-06-04T00:00:00.000Z']]);
    expect(answer.columns.slice(-2).map((c) => c.name)).toEqual(['coverage', 'data_end']);
  });

  it('ranks the pumps by run-hours', async () => {
    const answer = await ask('which north pump ran longest on 3 June 2023');
    // The longest is pump 2 (12 h against pump 1's 8 h).
    expect(answer.rows[0]?.slice(0, 2)).toEqual(['NORTH_P2_RUN', 12]);
  });
});

describe('otq connect on a folder', () => {
  it('prints the proposal when not asked to write it', async () => {
    const printed = await run([join(root, 'csv', 'export'), '--name', 'north']);
    const text = printed.out.join('\n');
    expect(text).toContain('wide:');
    expect(text).toContain('table: scada_export');
    expect(text).toContain('table: signal_list');
    expect(text).toContain('tables: "*"');
    // The users of the proposed roles, so otq does not fall back to the sample plant's users.
    expect(text).toMatch(
      /defaultUser: engineer\nusers:\n {2}engineer:\n {4}roles:\n {6}- engineer\n {2}supervisor:\n {4}roles:\n {6}- supervisor\n/,
    );
  });

  it('refuses to replace a file without --force', async () => {
    await writeFile(join(root, 'taken.yaml'), 'x: 1\n');
    await expect(run([join(root, 'csv', 'export'), '--write', join(root, 'taken.yaml')])).rejects.toThrow(/exists; pass --force/);
  });
});
