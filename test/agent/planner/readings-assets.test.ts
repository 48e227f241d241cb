// Asset linking on the differently shaped readings plant: from the mapping alone, with and without an equipment table.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';
import { createReadingsPlant, readingsEnd, readingsMapping, readingsMappingWithAssets } from './readings-fixture.ts';

let bare: TestRuntime;
let withAssets: TestRuntime;
let dir: string;

async function ask(rt: TestRuntime, question: string): Promise<Answer> {
  return rt.runtime.ask({
    principal: rt.runtime.principalFor('engineer')!,
    question,
    channel: 'cli',
    requestId: 'readings-assets',
    now: readingsEnd,
  });
}

beforeAll(async () => {
  const plant = await createReadingsPlant();
  dir = plant.dir;
  const runtime = (historian: object): Promise<TestRuntime> =>
    createTestRuntime({
      timezone: 'UTC',
      shifts: [],
      synonyms: {},
      sources: { plant: { engine: 'duckdb', file: plant.file, historian } },
      policies: { files: [plant.policyFile], shipped: true },
    });
  bare = await runtime(readingsMapping);
  withAssets = await runtime(readingsMappingWithAssets);
});
afterAll(async () => {
  await bare?.runtime.close();
  await withAssets?.runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('readings plant without an assets table', () => {
  it('ranks the tanks by the level the question names', async () => {
    const answer = await ask(bare, 'which tank had the lowest level yesterday');
    expect(answer.rows[0]?.slice(0, 2)).toEqual(['L_T1', 0.5]);
    expect(answer.answer).toContain('(of 2 tags)');
  });

  it('takes the level for "which tank was lowest" and averages each tank', async () => {
    expect((await ask(bare, 'which tank was lowest yesterday')).rows[0]?.slice(0, 2)).toEqual(['L_T1', 0.5]);
    const each = await ask(bare, 'average level of each tank yesterday');
    expect(each.rows.map((r) => r.slice(0, 2))).toEqual([
      ['L_T1', 1.875],
      ['L_T2', 3],
    ]);
  });
});

describe('readings plant with its equipment table mapped', () => {
  it('finds the basins by their kind ("reservoir"), which no tag name or description holds', async () => {
    const answer = await ask(withAssets, 'which reservoir was lowest yesterday');
    expect(answer.rows[0]?.slice(0, 2)).toEqual(['L_T1', 0.5]);
  });

  it('links an asset name ("Hilltop basin") to its one level sensor', async () => {
    const answer = await ask(withAssets, 'average level of the Hilltop basin yesterday');
    expect(answer.rows[0]?.[0]).toBe(1.875);
    expect(answer.answer).toContain('L_T1');
  });

  it('groups the pumps of one site named by its name', async () => {
    const answer = await ask(withAssets, 'average flow of the pumps at South works yesterday');
    expect(answer.rows.map((r) => r.slice(0, 2))).toEqual([
      ['F_PU7', 10],
      ['F_PU8', 20],
    ]);
  });

  it('asks back when one reservoir is meant but not named', async () => {
    const answer = await ask(withAssets, 'reservoir level yesterday');
    expect(answer.sql).toBeNull();
    expect(answer.candidates).toEqual(['L_T1', 'L_T2']);
  });
});
