// "Good quality" in answers comes from the mapping's goodQuality (OPC UA writes Good as 0), never from a fixed 192.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRuntime } from '../../../app/create-runtime.ts';
import type { Principal } from '../../../core/principal.ts';
import { grantAll, openOwnRuntime, tempDir, withScratchDuckDb, writeOwnConfig } from '../../helpers/own-data.ts';

const engineer: Principal = { id: 'engineer', roles: ['engineer'] };
let root: string;
let runtime: AppRuntime;

beforeAll(async () => {
  root = await tempDir('good-quality');
  const folder = join(root, 'export');
  await mkdir(folder, { recursive: true });
  // Hourly readings over one day; the level's newest sample has code 0 (OPC UA Good), the flow's 192 (here: not good).
  await withScratchDuckDb([
    `CREATE TABLE tags AS SELECT * FROM (VALUES (1, 'RES1_LVL', 'Reservoir 1 level', 'm'), (2, 'LIFT_P1_FLOW', 'Lift pump 1 flow', 'L/s')) t(tag_id, tag, description, unit)`,
    `CREATE TABLE readings AS SELECT TIMESTAMP '2024-02-01 00:00:00' + to_hours(h) AS ts, tag_id,
       CASE tag_id WHEN 1 THEN 2.5 ELSE 31.0 END AS value, CASE tag_id WHEN 1 THEN 0 ELSE 192 END AS status FROM range(24) r(h), tags`,
    `COPY (SELECT * FROM readings ORDER BY ts, tag_id) TO '${join(folder, 'readings.parquet')}' (FORMAT parquet)`,
    `COPY tags TO '${join(folder, 'tags.parquet')}' (FORMAT parquet)`,
  ]);
  const config = await writeOwnConfig(
    root,
    {
      timezone: 'UTC',
      users: { engineer: { roles: ['engineer'] } },
      sources: {
        scada: {
          engine: 'duckdb',
          folder,
          historian: {
            samples: { table: 'readings', time: 'ts', tag: 'tag_id', value: 'value', quality: 'status', goodQuality: [0] },
            tags: { table: 'tags', id: 'tag_id', name: 'tag', description: 'description', unit: 'unit' },
          },
        },
      },
    },
    grantAll('scada'),
  );
  runtime = await openOwnRuntime(config);
});

afterAll(async () => {
  await runtime?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const ask = (question: string) =>
  runtime.ask({ principal: engineer, question, channel: 'cli', requestId: `q-${question}`, now: new Date('2024-02-01T23:30:00Z') });

describe('good quality as the mapping defines it', () => {
  it('calls code 0 good where the mapping says goodQuality: [0]', async () => {
    const answer = await ask('reservoir 1 level now');
    expect(answer.answer).toMatch(/^RES1_LVL \(Reservoir 1 level\) was 2\.5 m at 2024-02-01 23:00 UTC, quality good\.$/);
  });

  it('calls code 192 not good there', async () => {
    const answer = await ask('lift pump 1 flow now');
    expect(answer.answer).toMatch(/^LIFT_P1_FLOW \(Lift pump 1 flow\) was 31 L\/s at 2024-02-01 23:00 UTC, quality 192 \(not good\)\.$/);
  });
});
