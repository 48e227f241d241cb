// Words that are both operation words and names in the catalog, alarm priorities, compared measurements, and the shapes
// the planner declines (naming the words) instead of answering another shape with confidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import type { HistorianMapping } from '../../../connectors/historian-mapping.ts';
import { compilePlan } from '../../../agent/planner/compile-plan.ts';
import type { Plan, PlanResult } from '../../../agent/planner/plan.ts';
import { buildCatalogs, planQuestion, type PlannerCatalog } from '../../../agent/planner/plan-question.ts';
import { testHistorianFile } from '../../helpers/sample-data.ts';

let connector: Connector;
let catalogs: PlannerCatalog[];
const mapping = defaultConfigDocument.sources.historian.historian as unknown as HistorianMapping;

function plan(question: string, now = '2026-10-15T08:30:00Z'): PlanResult {
  return planQuestion(question, catalogs, {
    timezone: 'Europe/Berlin',
    synonyms: defaultConfigDocument.synonyms,
    shifts: defaultConfigDocument.shifts,
    now: new Date(now),
  });
}

function planned(question: string): Plan {
  const result = plan(question);
  if (result.kind !== 'plan') throw new Error(`"${question}" was not planned: ${result.reason}`);
  return result;
}

beforeAll(async () => {
  connector = await createDuckDbConnector('historian', { engine: 'duckdb', file: testHistorianFile, historian: mapping } as never);
  catalogs = buildCatalogs([await connector.describe()]);
});
afterAll(async () => {
  await connector.close();
});

describe('operation words inside catalog names', () => {
  it('reads "final water" as the treated water, not "the last value"', () => {
    const result = planned('hourly chlorine final water on the 8th');
    expect(result.tags.map((t) => t.name)).toEqual(['WTP01/Outlet/ChlorineResidual']);
    expect(result.operation).toMatchObject({ kind: 'series', bucket: 'hour', fns: ['avg', 'min', 'max'] });
  });

  it('does not take a word the catalog knows for a typo of another ("suction" is not "station")', () => {
    const result = planned('compare suction and discharge pressure at BPS02 yesterday');
    expect(result.tags.map((t) => t.name).sort()).toEqual(['BPS02/Header/DischargePressure', 'BPS02/Header/SuctionPressure']);
    expect(result.operation).toEqual({ kind: 'compare', fn: 'avg' });
  });

  it('still asks back when two measurements are named without asking to compare them', () => {
    expect(plan('suction discharge pressure BPS02 yesterday').kind).toBe('ambiguous');
  });
});

describe('alarm priorities', () => {
  it('reads a priority word as the alarm priority and filters on the mapped priority column', () => {
    const result = planned('how many critical alarms were there last week');
    expect(result.operation).toEqual({ kind: 'alarm-count', priority: 1 });
    expect(result.tags).toEqual([]);
    expect(compilePlan(result, mapping, 'duckdb')).toContain('a."priority" = 1');
    expect(planned('low priority alarms last week').operation).toMatchObject({ priority: 4 });
    expect(planned('which high priority alarms fired most last week').operation).toMatchObject({ kind: 'alarm-top', priority: 2 });
  });

  it('keeps "critical point" a measurement and "high level" a limit, not priorities', () => {
    const cp = planned('critical point pressure alarms DMA02 last week');
    expect(cp.tags.map((t) => t.name)).toEqual(['DMA02/CP01/Pressure']);
    expect(cp.operation).toEqual({ kind: 'alarm-count' });
    const limit = plan('high level alarms on T1 last week');
    expect(limit.kind === 'plan' && 'priority' in limit.operation).toBe(false);
  });
});

describe('shapes the planner does not answer yet are declined with the words that asked for them', () => {
  it.each([
    ['At what time did pump P01 at BPS02 stop on 26 August?', '"at what time did"'],
    ['T1 level first below 3 m last week', '"first below"'],
    ['were P02 and P03 at WTP01 running together yesterday', '"together"'],
    ['T2 level avg yesterday vs day before', '"vs day before"'],
    ['which day last week had the lowest level in tank T1', '"which day"'],
    ['lowest T2 level day last week', '"lowest" with "day"'],
  ])('"%s" -> %s', (question, words) => {
    const result = plan(question);
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toContain(words);
  });
});

describe('which member', () => {
  it('"which pump ran the longest" names one pump; "which pumps" lists them all', () => {
    expect(planned('which booster pump ran the longest last month').operation).toEqual({
      kind: 'run-hours',
      rankBy: 'run_hours',
      limit: 1,
    });
    expect(planned('which pumps at BPS03 ran the most last month').operation).toEqual({ kind: 'run-hours', rankBy: 'run_hours' });
  });
});
