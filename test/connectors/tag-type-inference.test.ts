// Tags without a type column get one from their recent values: run-hours work on a plain export, the catalog says why, otq.yaml overrides.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRuntime } from '../../app/create-runtime.ts';
import type { TagInfo } from '../../connectors/connector.ts';
import type { Principal } from '../../core/principal.ts';
import { grantAll, openOwnRuntime, tempDir, withScratchDuckDb, writeOwnConfig } from '../helpers/own-data.ts';

const engineer: Principal = { id: 'engineer', roles: ['engineer'] };
let root: string;
let folder: string;

/**
 * Three days of hourly readings from 2024-03-01 UTC, no type column: well pump 1 runs 2 of every 6 hours (8 h a day),
 * its volume total rises 40 m³ per running hour and is reset once, the well level swings.
 */
async function writeExport(): Promise<void> {
  await withScratchDuckDb([
    `CREATE TABLE taglist AS SELECT * FROM (VALUES
       ('WP1.RUN', 'Well pump 1 running', NULL),
       ('WP1.VOL', 'Well pump 1 delivered volume', 'm³'),
       ('WELL.LVL', 'Well water level', 'm')) t(name, description, unit)`,
    `CREATE TABLE hours AS SELECT h, TIMESTAMP '2024-03-01 00:00:00' + to_hours(h) AS ts, CASE WHEN h % 6 < 2 THEN 1 ELSE 0 END AS run FROM range(72) r(h)`,
    `CREATE TABLE readings AS
       SELECT ts, 'WP1.RUN' AS name, run::DOUBLE AS value FROM hours
       UNION ALL SELECT ts, 'WP1.VOL', (CASE WHEN h >= 40 THEN 0 ELSE 50000 END) + 40.0 * (SELECT sum(run) FROM hours i WHERE i.h <= hours.h) FROM hours
       UNION ALL SELECT ts, 'WELL.LVL', 12 + sin(h / 3.0) FROM hours`,
    `COPY (SELECT * FROM readings ORDER BY ts, name) TO '${join(folder, 'readings.csv')}' (FORMAT csv, HEADER true)`,
    `COPY taglist TO '${join(folder, 'taglist.csv')}' (FORMAT csv, HEADER true)`,
  ]);
}

async function configure(dir: string, types?: Record<string, string>): Promise<string> {
  return writeOwnConfig(
    dir,
    {
      timezone: 'UTC',
      users: { engineer: { roles: ['engineer'] } },
      sources: {
        wells: {
          engine: 'duckdb',
          folder,
          historian: {
            samples: { table: 'readings', time: 'ts', tag: 'name', value: 'value' },
            tags: { table: 'taglist', id: 'name', name: 'name', description: 'description', unit: 'unit' },
            ...(types ? { types } : {}),
          },
        },
      },
    },
    grantAll('wells'),
  );
}

async function tagsOf(runtime: AppRuntime): Promise<Map<string, TagInfo>> {
  const [source] = await runtime.catalog(engineer);
  return new Map((source?.tags ?? []).map((tag) => [tag.name, tag]));
}

beforeAll(async () => {
  root = await tempDir('tagtypes');
  folder = join(root, 'export');
  await mkdir(folder, { recursive: true });
  await writeExport();
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('inferred tag types', () => {
  it('types each tag from its values, says why, and answers run-hours on a status tag it inferred', async () => {
    const dir = join(root, 'plain');
    await mkdir(dir);
    const runtime = await openOwnRuntime(await configure(dir));
    try {
      const tags = await tagsOf(runtime);
      expect([...tags.values()].map((t) => [t.name, t.dataType, t.dataTypeSource])).toEqual([
        ['WELL.LVL', 'analog', 'inferred'],
        ['WP1.RUN', 'status', 'inferred'],
        ['WP1.VOL', 'counter', 'inferred'],
      ]);
      expect(tags.get('WP1.RUN')?.dataTypeReason).toBe('2 values (0..1) in 72 samples');
      expect(tags.get('WP1.VOL')?.dataTypeReason).toMatch(/never fell, 1 reset$/);
      const answer = await runtime.ask({
        principal: engineer,
        question: 'how many hours did well pump 1 run on 2 March 2024',
        channel: 'cli',
        requestId: 'run-hours',
        now: new Date('2024-03-04T00:00:00Z'),
      });
      expect(answer.answer).toContain('WP1.RUN');
      expect(answer.rows[0]?.[0]).toBe(8);
    } finally {
      await runtime.close();
    }
    // Cached beside the audit directory, keyed on the data's location and the tags.
    const cache = JSON.parse(await readFile(join(dir, 'cache', 'tag-types-wells.json'), 'utf8')) as {
      types: Record<string, { type: string }>;
    };
    expect(cache.types['WP1.RUN']?.type).toBe('status');
  });

  it('uses the cache at the next start instead of reading the samples again', async () => {
    const dir = join(root, 'cached');
    await mkdir(dir);
    const config = await configure(dir);
    const first = await openOwnRuntime(config);
    await first.close();
    const file = join(dir, 'cache', 'tag-types-wells.json');
    const cache = JSON.parse(await readFile(file, 'utf8')) as { types: Record<string, { type: string; reason: string }> };
    cache.types['WELL.LVL'] = { type: 'counter', reason: 'planted in the cache' };
    await writeFile(file, JSON.stringify(cache));
    const second = await openOwnRuntime(config);
    try {
      expect((await tagsOf(second)).get('WELL.LVL')?.dataTypeReason).toBe('planted in the cache');
    } finally {
      await second.close();
    }
  });

  it('lets otq.yaml override a type by name pattern', async () => {
    const dir = join(root, 'override');
    await mkdir(dir);
    const runtime = await openOwnRuntime(await configure(dir, { 'WP1.*': 'analog' }));
    try {
      const tags = await tagsOf(runtime);
      expect(tags.get('WP1.RUN')).toMatchObject({ dataType: 'analog', dataTypeSource: 'configured' });
      expect(tags.get('WP1.VOL')).toMatchObject({ dataType: 'analog', dataTypeSource: 'configured' });
      expect(tags.get('WELL.LVL')).toMatchObject({ dataType: 'analog', dataTypeSource: 'inferred' });
    } finally {
      await runtime.close();
    }
  });
});
