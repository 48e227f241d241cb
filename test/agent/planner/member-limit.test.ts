// A limit asked of a group ("which critical points went below 2 bar", "which pumps ran more than 10 h") is answered for
// every member: the table lists those beyond the limit, the sentence names the others and where good data was short, and
// each member's time is the single-tag threshold's own (carried-in state, not-good pieces, max age).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { QueryResult } from '../../../connectors/connector.ts';
import { historianMappingSchema } from '../../../connectors/historian-mapping.ts';
import { compilePlan } from '../../../agent/planner/compile-plan.ts';
import type { Operation, Plan, PlanTag } from '../../../agent/planner/plan.ts';
import { renderAnswer } from '../../../agent/planner/render-answer.ts';
import { makeWindow } from '../../../agent/planner/time-window.ts';
import type { Answer } from '../../../agent/answer.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

// Max age 180 min, hourly heartbeat; quality 192 is good.
const mapping = historianMappingSchema.parse({
  samples: { table: 'samples', time: 'ts', tag: 'tag', value: 'value', quality: 'q' },
  tags: { table: 'tags', id: 'tag', name: 'tag', unit: 'unit', dataType: 'kind' },
  signal: { heartbeatMinutes: 60 },
});

let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  // Window 08:00-16:00. CP1 is below 2 bar when the window opens (1.5 since 07:00) until 09:00, and again 11:00-11:30.
  // CP2 stays at 3. CP3 stays at 3 but its 09:00 sample is not good: 09:00-12:00 unknown (62.5 % coverage).
  // P1 runs 08:00-13:00 (carried in); P2 runs 11:00-14:00.
  await db.run(`CREATE TABLE tags(tag VARCHAR, unit VARCHAR, kind VARCHAR);
    INSERT INTO tags VALUES ('CP1', 'bar', 'analog'), ('CP2', 'bar', 'analog'), ('CP3', 'bar', 'analog'),
      ('P1', '', 'status'), ('P2', '', 'status');
    CREATE TABLE samples(ts TIMESTAMP, tag VARCHAR, value DOUBLE, q INTEGER);
    INSERT INTO samples VALUES
      ('2026-01-01 07:00', 'CP1', 1.5, 192), ('2026-01-01 09:00', 'CP1', 2.5, 192), ('2026-01-01 11:00', 'CP1', 1.8, 192),
      ('2026-01-01 11:30', 'CP1', 2.6, 192), ('2026-01-01 13:00', 'CP1', 2.6, 192), ('2026-01-01 15:00', 'CP1', 2.6, 192),
      ('2026-01-01 07:00', 'CP2', 3, 192), ('2026-01-01 09:00', 'CP2', 3, 192), ('2026-01-01 11:00', 'CP2', 3, 192),
      ('2026-01-01 13:00', 'CP2', 3, 192), ('2026-01-01 15:00', 'CP2', 3, 192),
      ('2026-01-01 07:00', 'CP3', 3, 192), ('2026-01-01 09:00', 'CP3', 3, 0), ('2026-01-01 12:00', 'CP3', 3, 192),
      ('2026-01-01 14:00', 'CP3', 3, 192), ('2026-01-01 15:00', 'CP3', 3, 192),
      ('2026-01-01 07:00', 'P1', 1, 192), ('2026-01-01 10:00', 'P1', 1, 192), ('2026-01-01 13:00', 'P1', 0, 192),
      ('2026-01-01 15:00', 'P1', 0, 192),
      ('2026-01-01 07:00', 'P2', 0, 192), ('2026-01-01 09:00', 'P2', 0, 192), ('2026-01-01 11:00', 'P2', 1, 192),
      ('2026-01-01 12:00', 'P2', 1, 192), ('2026-01-01 14:00', 'P2', 0, 192), ('2026-01-01 15:00', 'P2', 0, 192);`);
});
afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
});

const tag = (name: string): PlanTag => ({
  id: name,
  name,
  unit: name.startsWith('CP') ? 'bar' : '',
  dataType: name.startsWith('CP') ? 'analog' : 'status',
});

async function ask(names: string[], operation: Operation, until = '16:00'): Promise<Answer> {
  const plan: Plan = {
    kind: 'plan',
    source: 'plant',
    tags: names.map(tag),
    window: makeWindow(new Date('2026-01-01T08:00:00Z'), new Date(`2026-01-01T${until}:00Z`), 'UTC', `08:00 – ${until}`),
    operation,
    understood: 'test',
  };
  const reader = await db.runAndReadAll(compilePlan(plan, mapping, 'duckdb', { samplesTime: 'naive' }));
  const columns = reader.columnNames().map((name) => ({ name, type: 'DOUBLE' }));
  const rows = reader.getRowsJson().map((r) => r.map((c) => (typeof c === 'string' && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
  const result = { columns, rows, truncated: false } as unknown as QueryResult;
  const extra = { sql: '', source: 'plant', decision: null, auditSeq: [], notes: [], goodQuality: [192], mapping };
  return renderAnswer(plan, result, extra);
}

const below2: Operation = { kind: 'threshold', comparator: 'below', value: 2 };
const cell = (answer: Answer, row: number, name: string): unknown => answer.rows[row]?.[answer.columns.findIndex((c) => c.name === name)];

describe('a threshold asked of a group', () => {
  it('lists the member below the limit with its time, stretches and first stretch, and names the others', async () => {
    const answer = await ask(['CP1', 'CP2', 'CP3'], below2);
    expect(answer.rows.map((r) => r[0])).toEqual(['CP1']);
    expect(cell(answer, 0, 'hours')).toBeCloseTo(1.5, 6);
    expect(cell(answer, 0, 'stretches')).toBe(1 + 1);
    expect(answer.answer).toContain('1 of 3 tags was below 2 bar');
    expect(answer.answer).toContain('CP1 1.5 h in 2 stretches, the first from 2026-01-01 08:00, lowest 1.5 bar');
    // Every member is named: the one that stayed above, and the one whose good data covered only part of the window.
    expect(answer.answer).toContain('Never below 2 bar: CP2, CP3 (good-quality data covered 62.5 % of the window)');
  });

  it('gives each member the same time as the single-tag threshold does', async () => {
    const single = await ask(['CP1'], below2);
    const total = Number(cell(single, 0, 'hours'));
    const group = await ask(['CP1', 'CP2'], below2);
    expect(cell(group, 0, 'hours')).toBeCloseTo(total, 9);
  });

  it('says that no member crossed, naming each, and answers with no rows', async () => {
    const answer = await ask(['CP2', 'CP3'], below2);
    expect(answer.rows).toEqual([]);
    expect(answer.answer).toContain('None of the 2 tags was below 2 bar');
    expect(answer.answer).toContain('CP2, CP3 (good-quality data covered 62.5 % of the window)');
  });

  it('states the method: the single-tag definition, per member', async () => {
    const answer = await ask(['CP1', 'CP2'], below2);
    expect(answer.method?.aggregation).toContain('the state carried in at the window start included');
    expect(answer.method?.aggregation).toContain('per tag of the group on its own');
  });
});

describe('run-hours held to a limit', () => {
  const moreThan4h: Operation = { kind: 'run-hours', hoursLimit: { comparator: 'above', value: 4 } };

  it('lists the pumps that ran more than the limit and names the others with their run-hours', async () => {
    const answer = await ask(['P1', 'P2'], moreThan4h);
    expect(answer.rows.map((r) => r[0])).toEqual(['P1']);
    expect(cell(answer, 0, 'run_hours')).toBeCloseTo(5, 6);
    expect(answer.answer).toContain(
      '1 of 2 tags ran more than 4 h during 08:00 – 16:00 (2026-01-01 08:00 – 2026-01-01 16:00 UTC): P1 5 h, 0 starts.',
    );
    expect(answer.answer).toContain('Not more than 4 h: P2 3 h, 1 start.');
    expect(answer.method?.aggregation).toContain('more than 4 h');
  });

  it('says so when no pump kept the limit, with every pump named', async () => {
    const answer = await ask(['P1', 'P2'], { kind: 'run-hours', hoursLimit: { comparator: 'above', value: 6 } });
    expect(answer.rows).toEqual([]);
    expect(answer.answer).toMatch(/^No tag of the 2 ran more than 6 h .*: P1 5 h, 0 starts; P2 3 h, 1 start\.$/);
  });

  it('says once that the data of every pump ends before the window does (the source stops at 15:00)', async () => {
    const answer = await ask(['P1', 'P2'], { kind: 'run-hours', hoursLimit: { comparator: 'above', value: 6 } }, '20:00');
    expect(answer.answer).toContain(
      'P1 5 h, 0 starts; P2 3 h, 1 start. For each of them, good-quality data covered 58.333 % of the window.',
    );
  });
});

describe('the plan of a question over a group', () => {
  const { plan } = useReferencePlanner();
  const CP = ['DMA01', 'DMA02', 'DMA03', 'DMA04', 'DMA05'].map((d) => `${d}/CP01/Pressure`);

  it.each([
    'which critical point pressures went below 2 bar yesterday',
    'did any dma critical point drop under 2 bar last week',
    'which dma cps went below 2 bar yday',
    'crit pts < 2 bar yday?',
  ])('"%s" asks the limit of the five critical points', (question) => {
    const planned = plan(question);
    expect(planned.kind).toBe('plan');
    if (planned.kind !== 'plan') return;
    expect(planned.operation).toMatchObject({ kind: 'threshold', comparator: 'below', value: 2 });
    expect(planned.tags.map((t) => t.name)).toEqual(CP);
  });

  it('reads "which pumps at bps3 ran more than 10 h" as their run-hours held to 10 h', () => {
    const planned = plan('which pumps at bps3 ran more than 10 h yday');
    expect(planned.kind).toBe('plan');
    if (planned.kind !== 'plan') return;
    expect(planned.operation).toEqual({ kind: 'run-hours', hoursLimit: { comparator: 'above', value: 10 } });
    expect(planned.tags.map((t) => t.name)).toEqual(['BPS03/P01/Running', 'BPS03/P02/Running', 'BPS03/P03/Running']);
  });

  it('still asks back over a group of measurements of different kinds', () => {
    expect(plan('bps1 pump values > 4 yday which ones').kind).toBe('ambiguous');
    expect(plan('which BPS03 pump readings went above 50 yesterday').kind).toBe('ambiguous');
  });

  it('still asks one tag when the question names one', () => {
    const planned = plan('how long was the dma 2 critical point pressure below 2 bar yesterday');
    expect(planned.kind === 'plan' && planned.tags.map((t) => t.name)).toEqual(['DMA02/CP01/Pressure']);
  });
});
