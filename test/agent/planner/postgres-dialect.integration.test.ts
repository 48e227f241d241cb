// The planner's PostgreSQL dialect on a real server: its numbers match hand-written PostgreSQL gold SQL. That every question
// of the files gives DuckDB's rows on PostgreSQL is postgres-reference.integration.test.ts (on the whole reference dataset).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import { compileOptionsFor, compilePlan } from '../../../agent/planner/compile-plan.ts';
import { buildCatalogs, planQuestion, type PlannerCatalog } from '../../../agent/planner/plan-question.ts';
import type { Connector, SourceDescription } from '../../../connectors/connector.ts';
import { historianMappingSchema } from '../../../connectors/historian-mapping.ts';
import { createPostgresConnector } from '../../../connectors/postgres/postgres-connector.ts';
import { createPgFixture, type PgFixture } from '../../connectors/postgres/pg-fixture.ts';
import { signalPieces } from '../../helpers/signal-gold.ts';

const mapping = historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian);
const context = {
  timezone: 'Europe/Berlin',
  synonyms: { ...defaultConfigDocument.synonyms },
  shifts: defaultConfigDocument.shifts.map((s) => ({ ...s })),
};
let fixture: PgFixture;
let connector: Connector;
let description: SourceDescription;
let catalogs: PlannerCatalog[];

async function plannerRows(question: string, now: string): Promise<unknown[][]> {
  const plan = planQuestion(question, catalogs, { ...context, now: new Date(now) });
  if (plan.kind !== 'plan') throw new Error(`${question}: ${plan.kind} ${'reason' in plan ? plan.reason : ''}`);
  return (await connector.query(compilePlan(plan, mapping, 'postgres', compileOptionsFor(description)))).rows;
}

beforeAll(async () => {
  fixture = await createPgFixture(3);
  connector = await createPostgresConnector('historian', { ...fixture.source, historian: mapping }, fixture.env);
  description = await connector.describe();
  catalogs = buildCatalogs([description]);
}, 180_000);
afterAll(async () => {
  await connector?.close();
  await fixture?.drop();
});

describe('planner SQL on PostgreSQL', () => {
  it('gives the same numbers as hand-written PostgreSQL gold SQL', async () => {
    const now = '2026-10-31T12:00:00Z';
    const win = `ts >= '2026-10-29 23:00:00+00' AND ts < '2026-10-30 23:00:00+00'`;
    const tag = (path: string): string => `(SELECT tag_id FROM tags WHERE tag_path = '${path}')`;
    const gold = async (sql: string): Promise<unknown[][]> => (await connector.query(sql)).rows;
    const [avg] = await plannerRows('avg T1 level yesterday', now);
    const pieces = signalPieces('2026-10-29 23:00:00+00', '2026-10-30 23:00:00+00', 'postgres');
    const [goldAvg] = await gold(
      `SELECT sum(value * w) / sum(w) FROM ${pieces} AS s WHERE tag_id = ${tag('T1/Tank/Level')} AND quality = 192`,
    );
    expect(Number(avg?.[0])).toBeCloseTo(Number(goldAvg?.[0]), 9);
    const [firstLast] = await plannerRows('first and last value of the T2 level yesterday', now);
    const [goldFirstLast] = await gold(
      `SELECT (array_agg(value ORDER BY ts))[1], (array_agg(value ORDER BY ts DESC))[1] FROM ${pieces} AS s WHERE tag_id = ${tag('T2/Tank/Level')} AND quality = 192`,
    );
    expect([Number(firstLast?.[0]), Number(firstLast?.[1])]).toEqual([Number(goldFirstLast?.[0]), Number(goldFirstLast?.[1])]);
    const hourly = await plannerRows('hourly max BPS03 flow yesterday', now);
    const goldHourly = await gold(
      // Hourly buckets of the signal: a piece that spans an hour edge counts in both hours (its value is carried across).
      `SELECT b.bucket, max(s.value) FROM ${pieces} AS s JOIN (SELECT generate_series(TIMESTAMPTZ '2026-10-29 23:00:00+00', TIMESTAMPTZ '2026-10-30 22:00:00+00', interval '1 hour') AS bucket) AS b ` +
        `ON s.ts < b.bucket + interval '1 hour' AND s.ts + s.w * interval '1 second' > b.bucket WHERE tag_id = ${tag('BPS03/Header/Flow')} AND quality = 192 GROUP BY 1 ORDER BY 1`,
    );
    expect(hourly.map((r) => Number(r[1]))).toEqual(goldHourly.map((r) => Number(r[1])));
    const [run] = await plannerRows('how many hours did BPS03 pump P01 run yesterday', now);
    const [goldRun] = await gold(
      `SELECT sum(CASE WHEN value = 1 THEN EXTRACT(EPOCH FROM (coalesce(nxt, '2026-10-30 23:00:00+00') - ts)) ELSE 0 END) / 3600 FROM (SELECT ts, value, lead(ts) OVER (ORDER BY ts) AS nxt FROM samples WHERE tag_id = ${tag('BPS03/P01/Running')} AND quality = 192 AND ${win}) s`,
    );
    expect(Number(run?.[0])).toBeCloseTo(Number(goldRun?.[0]), 6);
  });
});
