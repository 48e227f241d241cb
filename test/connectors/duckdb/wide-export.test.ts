// A wide export (one time column, one column per tag) is read as samples and tags through views otq writes, nothing copied.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRuntime } from '../../../app/create-runtime.ts';
import type { Principal } from '../../../core/principal.ts';
import {
  copyOptions,
  grantAll,
  openOwnRuntime,
  tempDir,
  withScratchDuckDb,
  writeOwnConfig,
  type ExportFormat,
} from '../../helpers/own-data.ts';

const formats: ExportFormat[] = ['csv', 'parquet'];
const engineer: Principal = { id: 'engineer', roles: ['engineer'] };
const narrow: Principal = { id: 'narrow', roles: ['narrow'] };
const recent: Principal = { id: 'recent', roles: ['recent'] };
let root: string;
const runtimes = new Map<ExportFormat, AppRuntime>();

/**
 * Two days at 15 minutes from 2024-02-01 UTC: `Basin 2 level [m]` = 2 + (hour of day)/10, `Lift pump 1 running` on
 * in the first 6 hours of each day, `Lift pump 1 flow (l/s)` 30 while running, a text column, and blank cells in an hour.
 */
async function writeExport(folder: string, format: ExportFormat): Promise<void> {
  await withScratchDuckDb([
    `CREATE TABLE export AS SELECT TIMESTAMP '2024-02-01 00:00:00' + to_minutes(15 * q) AS "Time",
       CASE WHEN q // 4 = 30 THEN NULL ELSE 2 + ((q // 4) % 24) / 10.0 END AS "Basin 2 level [m]",
       CASE WHEN (q // 4) % 24 < 6 THEN 1 ELSE 0 END AS "Lift pump 1 running",
       CASE WHEN (q // 4) % 24 < 6 THEN 30.0 ELSE 0.0 END AS "Lift pump 1 flow (l/s)",
       'ok' AS "Operator note"
     FROM range(192) r(q)`,
    `COPY export TO '${join(folder, `export.${format}`)}' ${copyOptions(format)}`,
  ]);
}

beforeAll(async () => {
  root = await tempDir('wide');
  for (const format of formats) {
    const dir = join(root, format);
    const folder = join(dir, 'data');
    await mkdir(folder, { recursive: true });
    await writeExport(folder, format);
    const policy = grantAll('plant');
    // A role granted the long views but not the wide export under them: the guard refuses the views.
    Object.assign(policy['roles'] as object, {
      narrow: { tools: ['run_sql'], sources: { plant: { tables: { readings: {}, readings_tags: {} } } } },
      // Every table granted, but samples only of the last 30 days (the export is years older).
      recent: { tools: ['run_sql'], sources: { plant: { tables: '*' } }, maxWindowDays: 30 },
    });
    const config = await writeOwnConfig(
      dir,
      {
        timezone: 'UTC',
        users: { engineer: { roles: ['engineer'] }, narrow: { roles: ['narrow'] }, recent: { roles: ['recent'] } },
        sources: {
          plant: {
            engine: 'duckdb',
            folder,
            wide: { readings: { table: 'export', time: 'Time' } },
            historian: {
              samples: { table: 'readings', time: 'ts', tag: 'tag', value: 'value' },
              tags: { table: 'readings_tags', id: 'tag', name: 'tag', unit: 'unit' },
            },
          },
        },
      },
      policy,
    );
    runtimes.set(format, await openOwnRuntime(config));
  }
});

afterAll(async () => {
  for (const runtime of runtimes.values()) await runtime.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe.each(formats)('a wide export as %s', (format) => {
  const runtime = (): AppRuntime => runtimes.get(format)!;
  const sql = (principal: Principal, text: string) =>
    runtime().runSql(principal, { principal: principal.id, channel: 'cli', requestId: `wide-${format}` }, { source: 'plant', sql: text });

  it('becomes a long view over the export and a tag view from the column names, with units from brackets', async () => {
    const [source] = await runtime().catalog(engineer);
    expect(source?.tables.map((t) => [t.name, t.reads?.map((r) => r.name)])).toEqual([
      ['export', []],
      ['readings', ['export']],
      ['readings_tags', []],
    ]);
    expect(source?.tags?.map((t) => [t.name, t.unit ?? null, t.dataType])).toEqual([
      ['Basin 2 level [m]', 'm', 'analog'],
      ['Lift pump 1 flow (l/s)', 'l/s', 'analog'],
      ['Lift pump 1 running', null, 'status'],
    ]);
  });

  it('unpivots without the text column and without blank cells', async () => {
    const outcome = await sql(engineer, 'SELECT tag, count(*) AS n FROM readings GROUP BY tag ORDER BY tag');
    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok')
      expect(outcome.result.rows).toEqual([
        ['Basin 2 level [m]', 188],
        ['Lift pump 1 flow (l/s)', 192],
        ['Lift pump 1 running', 192],
      ]);
  });

  it('answers planner questions: an aggregate and run-hours', async () => {
    const ask = (question: string) =>
      runtime().ask({
        principal: engineer,
        question,
        channel: 'cli',
        requestId: `wide-ask-${format}`,
        now: new Date('2024-02-05T00:00:00Z'),
      });
    const level = await ask('maximum basin 2 level on 1 February 2024');
    expect(level.answer).toContain('4.3 m');
    const hours = await ask('how many hours did lift pump 1 run on 2 February 2024');
    expect(hours.rows[0]?.[0]).toBe(6);
  });

  it('refuses the long view to a role that may not read the export under it', async () => {
    const outcome = await sql(narrow, 'SELECT count(*) FROM readings');
    expect(outcome.kind).toBe('denied');
  });

  it('keeps the time window of a role when it queries the wide export under the long view', async () => {
    const windowed = await sql(recent, 'SELECT count(*) FROM readings');
    expect(windowed.kind).toBe('ok');
    if (windowed.kind === 'ok') expect(windowed.result.rows).toEqual([[0]]);
    for (const bypass of [
      'SELECT count(*) FROM export',
      'SELECT count("Basin 2 level [m]") FROM main.export WHERE "Time" < TIMESTAMP \'2025-01-01\'',
      'WITH w AS (SELECT * FROM export) SELECT max("Time") FROM w',
    ]) {
      const outcome = await sql(recent, bypass);
      expect(outcome.kind, bypass).toBe('denied');
      if (outcome.kind === 'denied') {
        expect(outcome.decision.rule).toBe('scope.view');
        expect(outcome.decision.reason).toContain('export holds the samples that readings reads from it');
        expect(outcome.decision.reason).toContain('query readings instead');
      }
    }
    const tags = await sql(recent, 'SELECT count(*) FROM readings_tags');
    expect(tags.kind).toBe('ok');
    const full = await sql(engineer, 'SELECT count(*) FROM export');
    expect(full.kind).toBe('ok');
  });
});
