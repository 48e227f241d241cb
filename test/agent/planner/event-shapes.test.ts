// Event-like questions: a duration asked in minutes, the alarm state at a moment, crossings back across a limit,
// two signals that move together, the areas ranked by night flow; what the asker sees is the plan's shape and tags.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../agent/planner/plan.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();
const op = (p: Plan): Record<string, unknown> => p.operation;

describe('durations in the unit asked', () => {
  it.each([
    ['mins bps2 pump 2 current over 51A yday', 'BPS02/P02/MotorCurrent', 'threshold'],
    ['how many minutes did the T2 level spend below 3 m yesterday', 'T2/Tank/Level', 'threshold'],
    ['ps3 p1 and p3 running together last week, in minutes', 'BPS03/P01/Running', 'together'],
  ])('"%s" gives the stretches in minutes', (question, tag, kind) => {
    const p = planned(question);
    expect(p.operation.kind).toBe(kind);
    expect(p.tags.map((t) => t.name)).toContain(tag);
    expect(op(p).unit).toBe('minutes');
  });

  it('"what fraction of yesterday" is a share of that day, not the stretches', () => {
    expect(op(planned('what fraction of yesterday was T1 below 3.5 m')).report).toBe('share');
  });

  it('a limit with its unit before a date is a limit, not "more than 3 pumps running"', () => {
    const p = planned('how long was T1 over 3 m on 3 oct');
    expect(p.operation).toMatchObject({ kind: 'threshold', comparator: 'above', value: 3 });
  });
});

describe('the alarm state at a moment', () => {
  it('"still active right now" lists the alarms standing now, with no period named', () => {
    const p = planned('Which alarms are still active right now?', '2026-10-03T05:00:00Z');
    expect(p.operation).toMatchObject({ kind: 'alarm-list', standing: true, asOf: '2026-10-03T05:00:00.000Z' });
  });

  it('an instant names the moment of the state', () => {
    const p = planned('what alarms were up at 5am on 3 oct', '2026-10-05T07:00:00Z');
    expect(p.operation).toMatchObject({ kind: 'alarm-list', standing: true, asOf: '2026-10-03T03:00:00.000Z' });
  });

  it('"unacknowledged at 16:10" is the acknowledgement state then', () => {
    const p = planned('Were any alarms still unacknowledged at 16:10 on 26 August?', '2026-08-27T07:00:00Z');
    expect(p.operation).toMatchObject({ kind: 'alarm-list', unacknowledged: true, asOf: '2026-08-26T14:10:00.000Z' });
  });

  it('a state the alarm journal does not record is declined, naming it', () => {
    const result = plan('Which alarms were suppressed last week?');
    expect(result.kind).toBe('decline');
    if (result.kind === 'decline') expect(result.reason).toContain('"suppressed"');
  });

  it('"the longest to clear" lists the alarm with its duration, not the mean', () => {
    expect(planned('which alarm took longest to clear in september', '2026-10-02T07:00:00Z').operation).toMatchObject({
      kind: 'alarm-list',
      durations: true,
      byDuration: 'desc',
      limit: 1,
    });
  });
});

describe('crossings back across a limit', () => {
  it.each([
    ['wen did dma02 cp presure come back abov 2 bar on 3rd oct', 'above', 2],
    ['what time did the T1 level recover to over 3 m on 3 oct', 'above', 3],
    ['when did the clearwell get back under 4.2 m on 21 sep', 'below', 4.2],
  ])('"%s" is the crossing into the side named', (question, event, value) => {
    expect(planned(question).operation).toMatchObject({ kind: 'crossing', event, value });
  });

  it('"last dipped under" is the last crossing', () => {
    expect(planned('T3 lvl last dipped under 3 m when? 12-18 oct').operation).toMatchObject({ kind: 'crossing', which: 'last' });
  });
});

describe('a together question asked with "when"', () => {
  it.each([
    'was there a period yesterday when both BPS01 pumps were on',
    'any time last week when both high-lift pumps P1 and P2 were running?',
  ])('"%s" asks when they ran together; its "when" is no condition on another signal', (question) => {
    expect(planned(question).operation.kind).toBe('together');
  });

  it('a "when" about another signal is still declined, naming it', () => {
    const result = plan('T2 level when T3 was highest yesterday');
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toMatch(/"when"/);
  });
});

describe('two signals that go together', () => {
  it.each([
    ['Did the T1 level and the BPS01 header flow move together between 3 and 9 October?', ['T1/Tank/Level', 'BPS01/Header/Flow']],
    ['were the clearwell level and the high-lift outlet flow linked last month', ['WTP01/CW01/Level', 'WTP01/HL/OutletFlow']],
    ['corr raw turbidity vs F01 turbidity in august', ['WTP01/Intake/RawTurbidity', 'WTP01/F01/Turbidity']],
  ])('"%s" is the correlation of the two', (question, tags) => {
    const p = planned(question);
    expect(p.operation.kind).toBe('correlation');
    expect(p.tags.map((t) => t.name)).toEqual(tags);
  });
});

describe('night flow', () => {
  it('"which zone had the lowest MNF last night" ranks the areas on that night', () => {
    const p = planned('which DMA had the lowest minimum night flow last night');
    expect(p.operation).toMatchObject({ kind: 'night-flow', order: 'asc', limit: 1 });
    expect(p.tags.length).toBe(5);
  });

  it('"average MNF over the last 7 nights" is one mean', () => {
    expect(op(planned('average mnf dma4 over the last 7 nights')).mean).toBe(true);
  });

  it('"leak check" frames a night flow and names nothing', () => {
    expect(planned('leak check dma 2 nightly flow every night last week').operation.kind).toBe('night-flow');
  });
});
