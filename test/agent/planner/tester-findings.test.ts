// What an independent tester's questions showed the planner misread, as general mechanisms: a number after a thing's
// word is its number (not a clock time), "october 3rd" is one date, "pump 1 and pump 2" are both pumps, "hrs" of a
// pump is its run-hours, outflow words name the outlet side, and an amount of a rate is its integral in the rate's units.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../agent/planner/plan.ts';
import { describeShape } from '../../../agent/planner/render-shapes.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { planned } = useReferencePlanner();
const tagsOf = (p: Plan): string[] => p.tags.map((t) => t.name);

describe('a number after a word that names a numbered thing is its number', () => {
  it.each([
    ['bps02 pump 1 amps avg yday', 'BPS02/P01/MotorCurrent'],
    ['bps02 pump 2 amps max yday', 'BPS02/P02/MotorCurrent'],
    ['avg amps pmp 1 @ ps1 last 2 days', 'BPS01/P01/MotorCurrent'],
  ])('"%s" reads %s over the period, not a clock time', (question, tag) => {
    const result = planned(question);
    expect(tagsOf(result)).toEqual([tag]);
    expect(result.operation.kind).toBe('aggregate');
    expect(result.window.label).not.toMatch(/^at /);
  });

  it('keeps numbers after time words times: "from 3 to 5" is not filter 3 nor a clock read as a thing', () => {
    const result = planned('F03 headloss at 6am yesterday');
    expect(result.operation.kind).toBe('at');
  });

  it('"pump 2" of a station is pump P02, not pump P01 of station 02', () => {
    const result = planned('bps02 pump 1 and pump 2 power yday');
    expect(tagsOf(result)).toEqual(['BPS02/P01/Power', 'BPS02/P02/Power']);
    expect(result.operation).toMatchObject({ kind: 'compare', fn: 'avg' });
  });
});

describe('calendar dates with a month name', () => {
  it.each([['lowest crit presure dma02 on october 3rd'], ['min DMA02 CP pressure oct 3rd'], ['min DMA02 CP pressure 3 oct']])(
    '"%s" is 3 October, one period',
    (question) => {
      const result = planned(question, '2026-10-20T06:00:00Z');
      expect(result.window.label).toMatch(/^on 3 October 2026 \(2026-10-03 00:00 – 2026-10-04 00:00/);
    },
  );
});

describe('members named together', () => {
  it('"compare the run hours of pump 1 and pump 2" answers for both pumps', () => {
    const result = planned('Compare the run hours of pump 1 and pump 2 at BPS01 last week.');
    expect(tagsOf(result)).toEqual(['BPS01/P01/Running', 'BPS01/P02/Running']);
    expect(result.operation.kind).toBe('run-hours');
  });

  it('"pmp 1 n pmp 2" is pump 1 and pump 2', () => {
    expect(tagsOf(planned('compair pmp 1 n pmp 2 amps hi lift last wk'))).toEqual(['WTP01/P01/MotorCurrent', 'WTP01/P02/MotorCurrent']);
  });
});

describe('"hrs": run-hours of a running status, time beyond a limit otherwise', () => {
  it('"bps02 pmp 1 hrs yday" is the run-hours of the pump', () => {
    const result = planned('bps02 pmp 1 hrs yday');
    expect(tagsOf(result)).toEqual(['BPS02/P01/Running']);
    expect(result.operation.kind).toBe('run-hours');
  });

  it('"hrs ... below 4 bar" is the time below the limit', () => {
    const result = planned('hrs BPS03 disch press below 4 bar this wk');
    expect(tagsOf(result)).toEqual(['BPS03/Header/DischargePressure']);
    expect(result.operation).toEqual({ kind: 'threshold', comparator: 'below', value: 4 });
  });
});

describe('outflow words and amounts of rates', () => {
  it.each([
    ['How much water did WTP01 send out yesterday?', ['WTP01/HL/OutletFlowTotal'], 'delta'],
    ['distribution output wtp01 last wk', ['WTP01/HL/OutletFlowTotal'], 'delta'],
    ['T1 sent out yday m3', ['T1/Tank/OutletFlow'], 'integral'],
    ['How much water did T1 send out yesterday?', ['T1/Tank/OutletFlow'], 'integral'],
    ['how much water was sent to T3 yesterday', ['T3/Tank/InletFlow'], 'integral'],
    ['volum thru filter 3 yday', ['WTP01/F03/Flow'], 'integral'],
    ['How many litres of hypochlorite did the dosing pump deliver yesterday?', ['WTP01/CL01/DosingRate'], 'integral'],
  ])('"%s" is the amount of %s (%s)', (question, tags, fn) => {
    const result = planned(question);
    expect(tagsOf(result)).toEqual(tags);
    expect(result.operation).toEqual({ kind: 'aggregate', fns: [fn] });
  });
});

describe('a change of two averages', () => {
  it('states a small change to three significant digits (-0.00581 bar, not -0.006)', () => {
    const result = planned('avg disch press bps01 sep vs oct', '2026-11-01T00:00:00Z');
    expect(result.operation).toMatchObject({ kind: 'change', period: 'month' });
    const sentence = describeShape(
      result,
      result.operation,
      {
        columns: ['first_period_value', 'last_period_value', 'change', 'change_percent'].map((name) => ({ name, type: 'DOUBLE' })),
        rows: [[5.94796, 5.94215, -0.0058141, -0.0977]],
        rowCount: 1,
        truncated: false,
      } as never,
      'in October 2026',
    );
    expect(sentence).toContain('a change of -0.00581 bar (-0.0977 %)');
  });
});

describe('which night', () => {
  it.each([
    ['Which night had the lowest night flow in DMA02 last week?', 'DMA02/Inlet/Flow', 'asc'],
    ['night with highest mnf dma4 last wk', 'DMA04/Inlet/Flow', 'desc'],
  ])('"%s" ranks the nights of %s by their night flow (%s)', (question, tag, order) => {
    const result = planned(question);
    expect(tagsOf(result)).toEqual([tag]);
    expect(result.operation).toEqual({ kind: 'night-flow', fromHour: 2, toHour: 4, order, limit: 1 });
  });

  it('"min night flow DMA04 last night" stays one night, not a ranking', () => {
    expect(planned('min night flow DMA04 last night').operation).toEqual({ kind: 'night-flow', fromHour: 2, toHour: 4 });
  });
});
