// A heartbeat tag's newest sample holds for up to the max age, also when the window ends more than a max age after it
// (its feed stopped while the rest of the source reports): its state is known for that long, unknown only after it. When
// the whole source stops (the end of an export), nothing is held past its newest sample.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { QueryResult } from '../../../connectors/connector.ts';
import { historianMappingSchema } from '../../../connectors/historian-mapping.ts';
import { compilePlan } from '../../../agent/planner/compile-plan.ts';
import type { Operation, Plan } from '../../../agent/planner/plan.ts';
import { renderAnswer } from '../../../agent/planner/render-answer.ts';
import { makeWindow } from '../../../agent/planner/time-window.ts';

// Max age 180 min (the default), hourly heartbeat.
const mapping = historianMappingSchema.parse({
  samples: { table: 'samples', time: 'ts', tag: 'tag', value: 'value' },
  tags: { table: 'tags', id: 'tag', name: 'tag', unit: 'unit', dataType: 'kind' },
  signal: { heartbeatMinutes: 60 },
});

let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  // P1 runs, its hourly heartbeat repeats 1 at 08:00, 09:00, 10:00, then its feed stops: known running 08:00-13:00.
  // Q1 goes on reporting until 15:00 (the source has data); on 2 January every feed stops at 10:00.
  await db.run(`CREATE TABLE tags(tag VARCHAR, unit VARCHAR, kind VARCHAR);
    INSERT INTO tags VALUES ('P1', '', 'status'), ('L1', 'm', 'analog'), ('Q1', 'm', 'analog');
    CREATE TABLE samples(ts TIMESTAMP, tag VARCHAR, value DOUBLE);
    INSERT INTO samples VALUES ('2026-01-01 08:00', 'P1', 1), ('2026-01-01 09:00', 'P1', 1), ('2026-01-01 10:00', 'P1', 1),
      ('2026-01-01 08:00', 'L1', 2), ('2026-01-01 10:00', 'L1', 4),
      ('2026-01-01 12:00', 'Q1', 1), ('2026-01-01 15:00', 'Q1', 1),
      ('2026-01-02 08:00', 'P1', 1), ('2026-01-02 09:00', 'P1', 1), ('2026-01-02 10:00', 'P1', 1);`);
});
afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
});

async function run(tag: string, operation: Operation, day = '01'): Promise<{ plan: Plan; result: QueryResult; answer: string }> {
  const plan: Plan = {
    kind: 'plan',
    source: 'plant',
    tags: [{ id: tag, name: tag, unit: tag === 'L1' ? 'm' : '', dataType: tag === 'L1' ? 'analog' : 'status' }],
    window: makeWindow(new Date(`2026-01-${day}T08:00:00Z`), new Date(`2026-01-${day}T16:00:00Z`), 'UTC', '08:00 – 16:00'),
    operation,
    understood: 'test',
  };
  const reader = await db.runAndReadAll(compilePlan(plan, mapping, 'duckdb', { samplesTime: 'naive' }));
  const columns = reader.columnNames().map((name) => ({ name, type: 'DOUBLE' }));
  const rows = reader.getRowsJson().map((r) => r.map((c) => (typeof c === 'string' && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
  const result = { columns, rows, truncated: false } as unknown as QueryResult;
  const extra = { sql: '', source: 'plant', decision: null, auditSeq: [], notes: [], goodQuality: [], mapping };
  return { plan, result, answer: renderAnswer(plan, result, extra).answer };
}

describe('the newest sample before a long outage at the window end', () => {
  it('holds its running state for the max age: 5 h run, and the data ends 3 h before the window', async () => {
    const { result, answer } = await run('P1', { kind: 'run-hours' });
    expect(Number(result.rows[0]?.[0])).toBeCloseTo(5, 9);
    // The coverage is of the whole window asked (5 h of 8 h), so the answer leads with it.
    expect(answer).toMatch(
      /^Low coverage: only 62\.5 % of the window has good data; .*P1 ran 5 h .*Data ends 2026-01-01 13:00 \+00:00; the numbers cover the window up to it\./,
    );
  });

  it('holds its value for the time-weighted average: (2 x 2 h + 4 x 3 h) / 5 h', async () => {
    const { result } = await run('L1', { kind: 'aggregate', fns: ['avg'] });
    expect(Number(result.rows[0]?.[0])).toBeCloseTo(16 / 5, 9);
  });

  it('holds nothing past the newest sample of the whole source (every feed stopped at 10:00)', async () => {
    const { result, answer } = await run('P1', { kind: 'run-hours' }, '02');
    expect(Number(result.rows[0]?.[0])).toBeCloseTo(2, 9);
    expect(answer).toMatch(/Data ends 2026-01-02 10:00 \+00:00/);
  });
});
