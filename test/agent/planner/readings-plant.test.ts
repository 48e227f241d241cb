// The planner works from the mapping alone: a differently shaped plant (readings(sensor, t, v), sensors L_T1, F_PU2, S_PU2).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';
import { createReadingsPlant, readingsEnd, readingsMapping } from './readings-fixture.ts';

let rt: TestRuntime;
let dir: string;

async function ask(question: string): Promise<Answer> {
  return rt.runtime.ask({
    principal: rt.runtime.principalFor('engineer')!,
    question,
    channel: 'cli',
    requestId: 'readings',
    now: readingsEnd,
  });
}

beforeAll(async () => {
  const plant = await createReadingsPlant();
  dir = plant.dir;
  rt = await createTestRuntime({
    timezone: 'UTC',
    shifts: [],
    synonyms: { 'pump 2': 'PU2' },
    sources: { plant: { engine: 'duckdb', file: plant.file, historian: readingsMapping } },
    policies: { files: [plant.policyFile], shipped: true },
  });
});
afterAll(async () => {
  await rt.runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('quick planner on another mapping', () => {
  it('counts run-hours and starts of a status sensor', async () => {
    const answer = await ask('how many hours did pump PU2 run in 2014');
    // Run-hours and starts, then the good coverage and where the data ends (helpers, as for every signal statistic).
    expect(answer.rows.map((r) => r.slice(0, 3))).toEqual([[42, 14, 1]]);
    expect(answer.answer).toContain('S_PU2');
    expect(answer.sql).toMatch(/\breadings\b/);
    expect(answer.sql).not.toMatch(/samples|tag_id|quality/);
  });

  it('finds threshold intervals with durations, total and the longest stretch', async () => {
    const answer = await ask('how long was T1 under 1 m in Q1 2014, and the longest stretch?');
    // A duration asked: one row, the total with how many stretches and the longest beside it.
    expect(answer.rows).toHaveLength(1);
    const at = (name: string) => answer.rows[0]?.[answer.columns.findIndex((c) => c.name === name)];
    expect([at('hours'), at('stretches'), at('longest_hours')]).toEqual([14, 7, 2]);
    const listed = await ask('T1 under 1 m in Q1 2014, from when to when?');
    expect(listed.rows.map((r) => r[2])).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect(answer.answer).toContain('7 times for 14 h (840 min) in total');
    expect(answer.answer).toContain('the longest stretch was 2 h');
  });

  it('aggregates with units, via a configured synonym', async () => {
    const answer = await ask('average flow of pump 2 yesterday');
    expect(answer.rows[0]?.[0]).toBe(11.5);
    expect(answer.answer).toContain('11.5 l/s');
  });

  it('compares two sensors by day as a wide chartable table', async () => {
    const answer = await ask('PU7 vs PU8 mean flow by day in Q1 2014');
    expect(answer.rows).toHaveLength(7);
    expect(answer.rows.every((r) => r[1] === 10 && r[2] === 20)).toBe(true);
    expect(answer.chart?.series.map((s) => s.column)).toEqual(['F_PU7', 'F_PU8']);
  });

  it('asks back when "tank level" fits two sensors', async () => {
    const answer = await ask('tank level');
    expect(answer.candidates).toEqual(['L_T1', 'L_T2']);
  });
});
