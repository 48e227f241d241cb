// Counter deltas over the signal: what a counter counted in a window, with a reset (or rollover) inside it handled and said.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { QueryResult } from '../../../connectors/connector.ts';
import { historianMappingSchema } from '../../../connectors/historian-mapping.ts';
import { compilePlan } from '../../../agent/planner/compile-plan.ts';
import type { Plan } from '../../../agent/planner/plan.ts';
import { renderAnswer } from '../../../agent/planner/render-answer.ts';
import { makeWindow } from '../../../agent/planner/time-window.ts';

const mapping = historianMappingSchema.parse({
  samples: { table: 'samples', time: 'ts', tag: 'tag', value: 'value' },
  tags: { table: 'tags', id: 'tag', name: 'tag', unit: 'unit', dataType: 'kind' },
});

let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  // E1 counts 100 -> 120 by 10:00, is reset to 0 at 10:20 (first reading after it 5), then counts to 15: 20 + 5 + 10 = 35.
  // E2 counts steadily 0 -> 60 in the same window, no reset.
  await db.run(`CREATE TABLE tags(tag VARCHAR, unit VARCHAR, kind VARCHAR);
    INSERT INTO tags VALUES ('E1', 'kWh', 'counter'), ('E2', 'kWh', 'counter');
    CREATE TABLE samples(ts TIMESTAMP, tag VARCHAR, value DOUBLE);
    INSERT INTO samples VALUES
      ('2026-01-01 09:50', 'E1', 95), ('2026-01-01 10:00', 'E1', 100), ('2026-01-01 10:10', 'E1', 110), ('2026-01-01 10:15', 'E1', 120),
      ('2026-01-01 10:20', 'E1', 5), ('2026-01-01 10:40', 'E1', 15), ('2026-01-01 11:00', 'E1', 15),
      ('2026-01-01 10:00', 'E2', 0), ('2026-01-01 10:30', 'E2', 30), ('2026-01-01 10:59', 'E2', 60), ('2026-01-01 11:00', 'E2', 60);`);
});
afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
});

async function run(tags: string[]): Promise<{ plan: Plan; result: QueryResult }> {
  const plan: Plan = {
    kind: 'plan',
    source: 'meters',
    tags: tags.map((t) => ({ id: t, name: t, unit: 'kWh', dataType: 'counter' })),
    window: makeWindow(new Date('2026-01-01T10:00:00Z'), new Date('2026-01-01T11:00:00Z'), 'UTC', '10:00 – 11:00'),
    operation: { kind: 'aggregate', fns: ['delta'] },
    understood: 'test',
  };
  const reader = await db.runAndReadAll(compilePlan(plan, mapping, 'duckdb', { samplesTime: 'naive' }));
  const columns = reader.columnNames().map((name) => ({ name, type: 'DOUBLE' }));
  const rows = reader.getRowsJson().map((r) => r.map((c) => (typeof c === 'string' && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
  return { plan, result: { columns, rows, truncated: false } as unknown as QueryResult };
}

describe('counter deltas', () => {
  it('count from zero after a reset, and the answer says a reset was seen', async () => {
    const { plan, result } = await run(['E1']);
    const index = (name: string): number => result.columns.findIndex((c) => c.name === name);
    expect(Number(result.rows[0]?.[index('delta_value')])).toBeCloseTo(35, 9);
    expect(Number(result.rows[0]?.[index('resets')])).toBe(1);
    const answer = renderAnswer(plan, result, {
      sql: '',
      source: 'meters',
      decision: null,
      auditSeq: [],
      notes: [],
      goodQuality: [],
      mapping,
    });
    expect(answer.answer).toMatch(/change 35 kWh\. A counter reset was seen: the change counts from zero after each reset\.$/);
  });

  it('a counter without a reset is its value at the end minus its value at the start, and nothing is said about resets', async () => {
    const { plan, result } = await run(['E2']);
    expect(Number(result.rows[0]?.[0])).toBeCloseTo(60, 9);
    const answer = renderAnswer(plan, result, {
      sql: '',
      source: 'meters',
      decision: null,
      auditSeq: [],
      notes: [],
      goodQuality: [],
      mapping,
    });
    expect(answer.answer).not.toMatch(/reset/);
    expect(answer.method?.aggregation).toMatch(/^change over the window/);
  });
});
