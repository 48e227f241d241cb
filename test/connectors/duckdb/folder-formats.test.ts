// A folder export as CSV, Parquet or newline-delimited JSON behaves the same in the guard and the quick planner.
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

const formats: ExportFormat[] = ['csv', 'parquet', 'jsonl'];
const engineer: Principal = { id: 'engineer', roles: ['engineer'] };
let root: string;
const runtimes = new Map<ExportFormat, AppRuntime>();

/** Three days of hourly readings: tank level 2 + (hour of day)/10 m, so each UTC day averages 3.15 m. */
async function writeExport(folder: string, format: ExportFormat): Promise<void> {
  await withScratchDuckDb([
    `CREATE TABLE tags AS SELECT * FROM (VALUES (1, 'RES1_LVL', 'Reservoir 1 level', 'm'), (2, 'LIFT_P1_FLOW', 'Lift pump 1 flow', 'L/s')) t(tag_id, tag, description, unit)`,
    `CREATE TABLE readings AS SELECT TIMESTAMP '2024-02-01 00:00:00' + to_hours(h) AS ts, tag_id,
       CASE tag_id WHEN 1 THEN 2 + (h % 24) / 10.0 ELSE 30.0 + h % 5 END AS value FROM range(72) r(h), tags`,
    `COPY (SELECT * FROM readings ORDER BY ts, tag_id) TO '${join(folder, `readings.${format}`)}' ${copyOptions(format)}`,
    `COPY tags TO '${join(folder, `tags.${format}`)}' ${copyOptions(format)}`,
  ]);
}

beforeAll(async () => {
  root = await tempDir('formats');
  for (const format of formats) {
    const dir = join(root, format);
    const folder = join(dir, 'export');
    await mkdir(folder, { recursive: true });
    await writeExport(folder, format);
    const config = await writeOwnConfig(
      dir,
      {
        timezone: 'UTC',
        users: { engineer: { roles: ['engineer'] } },
        sources: {
          scada: {
            engine: 'duckdb',
            folder,
            historian: {
              samples: { table: 'readings', time: 'ts', tag: 'tag_id', value: 'value' },
              tags: { table: 'tags', id: 'tag_id', name: 'tag', description: 'description', unit: 'unit' },
            },
          },
        },
      },
      grantAll('scada'),
    );
    runtimes.set(format, await openOwnRuntime(config));
  }
});

afterAll(async () => {
  for (const runtime of runtimes.values()) await runtime.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe.each(formats)('a folder export as %s', (format) => {
  const runtime = (): AppRuntime => runtimes.get(format)!;

  it('describes its views as reading only files, so the guard can decide on them', async () => {
    const [source] = await runtime().catalog(engineer);
    expect(source?.tables.map((t) => [t.name, t.kind, t.reads])).toEqual([
      ['readings', 'view', []],
      ['tags', 'view', []],
    ]);
    expect(source?.tags?.map((t) => `${t.name} [${t.unit}]`)).toEqual(['LIFT_P1_FLOW [L/s]', 'RES1_LVL [m]']);
  });

  it('runs guarded SQL over the view', async () => {
    const outcome = await runtime().runSql(
      engineer,
      { principal: 'engineer', channel: 'cli', requestId: `sql-${format}` },
      { source: 'scada', sql: 'SELECT count(*) AS n, max(value) AS top FROM readings WHERE tag_id = 1' },
    );
    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok') expect(outcome.result.rows).toEqual([[72, 4.3]]);
  });

  it('answers a planner question with the day average', async () => {
    const answer = await runtime().ask({
      principal: engineer,
      question: 'average level of reservoir 1 on 2 February 2024',
      channel: 'cli',
      requestId: `ask-${format}`,
      now: new Date('2024-02-10T00:00:00Z'),
    });
    expect(answer.decision?.kind).not.toBe('deny');
    expect(answer.answer).toContain('3.15 m');
  });
});
