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
    expect(cp.operation).toEqual({ kind: 'alarm-list', limit: 200 });
    const limit = plan('high level alarms on T1 last week');
    expect(limit.kind === 'plan' && 'priority' in limit.operation).toBe(false);
  });
});

describe('the last crossing', () => {
  it('"when did X last start" is the last start in the window, the first start is the first, as the samples show them', async () => {
    const last = planned('when did BPS01 P1 last start last week');
    const first = planned('when did BPS01 P1 start last week');
    const time = async (p: Plan) => String((await connector.query(compilePlan(p, mapping, 'duckdb'))).rows[0]?.[0]);
    // Independently: the 0 -> 1 transitions of good samples inside the window (the state before the window carried in).
    const from = `TIMESTAMPTZ '${last.window.from}'`;
    const to = `TIMESTAMPTZ '${last.window.to}'`;
    const starts = await connector.query(
      `WITH s AS (SELECT ts, value, lag(value) OVER (ORDER BY ts) AS pv FROM samples JOIN tags USING (tag_id) ` +
        `WHERE tag_path = 'BPS01/P01/Running' AND quality = 192 AND ts < ${to}) ` +
        `SELECT min(ts), max(ts), count(*) FROM s WHERE value >= 0.5 AND pv < 0.5 AND ts > ${from}`,
    );
    const [firstStart, lastStart, count] = starts.rows[0]!;
    expect(Number(count)).toBeGreaterThan(1);
    expect(await time(last)).toBe(String(lastStart));
    expect(await time(first)).toBe(String(firstStart));
    expect(String(lastStart)).not.toBe(String(firstStart));
  });
});

describe('alarm lists', () => {
  it('lists each alarm of the window with its tag, priority, clear and acknowledgement, as the alarm journal has them', async () => {
    const result = planned('List the high-priority alarms at DMA02 last week and when they cleared');
    expect(result.operation).toEqual({ kind: 'alarm-list', limit: 200, priority: 2 });
    const listed = await connector.query(compilePlan(result, mapping, 'duckdb'));
    const from = `TIMESTAMPTZ '${result.window.from}'`;
    const to = `TIMESTAMPTZ '${result.window.to}'`;
    const journal = await connector.query(
      `SELECT a.ts, t.tag_path, a.priority, (SELECT min(c.ts) FROM alarm_events c WHERE c.tag_id = a.tag_id AND c.event_type = 'clear' AND c.ts >= a.ts) ` +
        `FROM alarm_events a JOIN tags t USING (tag_id) JOIN assets s ON s.asset_id = t.asset_id ` +
        `WHERE a.event_type = 'active' AND a.priority = 2 AND s.site = 'DMA02' AND a.ts >= ${from} AND a.ts < ${to} ORDER BY a.ts`,
    );
    const names = listed.columns.map((c) => c.name);
    expect(names).toEqual(['start_time', 'tag', 'priority', 'condition', 'message', 'end_time', 'ack_time', 'ack_ambiguous']);
    expect(listed.rows.map((r) => [r[0], r[1], r[2], r[5]])).toEqual(journal.rows);
  });

  it('"how many" still counts, "noisiest" still ranks', () => {
    expect(planned('how many alarms last week').operation).toEqual({ kind: 'alarm-count' });
    expect(planned('noisiest alarms last month').operation).toEqual({ kind: 'alarm-top', limit: 5 });
  });
});

describe('shapes beyond one statistic per tag are planned with their parameters', () => {
  it.each([
    ['At what time did pump P01 at BPS02 stop on 26 August?', { kind: 'crossing', event: 'stop' }, ['BPS02/P01/Running']],
    ['when did P2 @ PS3 trip on the 29th', { kind: 'crossing', event: 'stop' }, ['BPS03/P02/Running']],
    ['T1 level first below 3 m last week', { kind: 'crossing', event: 'below', value: 3 }, ['T1/Tank/Level']],
    ['when did BPS01 P1 last start last week', { kind: 'crossing', event: 'start', which: 'last' }, ['BPS01/P01/Running']],
    ['when did P2 @ PS3 trip last time yesterday', { kind: 'crossing', event: 'stop', which: 'last' }, ['BPS03/P02/Running']],
    [
      'when did T1 level most recently go above 4 m last week',
      { kind: 'crossing', event: 'above', value: 4, which: 'last' },
      ['T1/Tank/Level'],
    ],
    // Asked without a duration: each stretch (whether and when), not only their total.
    [
      'were P02 and P03 at WTP01 running together yesterday',
      { kind: 'together', report: 'stretches' },
      ['WTP01/P02/Running', 'WTP01/P03/Running'],
    ],
    ['T2 level avg yesterday vs day before', { kind: 'change', fn: 'avg', period: 'day' }, ['T2/Tank/Level']],
    ['wow BPS01 energy', { kind: 'change', fn: 'delta', period: 'week' }, ['BPS01/Header/EnergyTotal']],
    [
      'which day last week had the lowest level in tank T1',
      { kind: 'bucket-rank', fn: 'min', bucket: 'day', order: 'asc', limit: 1 },
      ['T1/Tank/Level'],
    ],
    ['lowest T2 level day last week', { kind: 'bucket-rank', fn: 'min', bucket: 'day', order: 'asc', limit: 1 }, ['T2/Tank/Level']],
    ['peak hour DMA4 demand yesterday', { kind: 'bucket-rank', fn: 'avg', bucket: 'hour', order: 'desc', limit: 1 }, ['DMA04/Inlet/Flow']],
    ['MNF DMA1 yesterday', { kind: 'night-flow', fromHour: 2, toHour: 4 }, ['DMA01/Inlet/Flow']],
    ['corr DMA02 inflow vs CP press yesterday', { kind: 'correlation' }, ['DMA02/Inlet/Flow', 'DMA02/CP01/Pressure']],
  ])('"%s" -> %j', (question, operation, tags) => {
    const result = planned(question);
    expect(result.operation).toEqual(operation);
    expect(result.tags.map((t) => t.name)).toEqual(tags);
  });

  it('declines a moment that names no event, saying which words asked', () => {
    const result = plan('when did T1 level on the 8th');
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toContain('"when did"');
  });

  it('reads "when was X above L" as the stretches above the limit, not the first crossing', () => {
    expect(planned('when was BPS03 pump 2 vibration above 7.1 mm/s this week').operation.kind).toBe('threshold');
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
