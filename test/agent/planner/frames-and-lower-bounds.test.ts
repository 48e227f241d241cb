// The frame around a question (a purpose before a colon, who wants the answer after a dash), a lower bound said of the
// pumps with no running verb, a range that ends "now", chat's dropped g, and the alarms waiting on an acknowledgement.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();

const operationOf = (question: string, now: string): unknown => planned(question, now).operation;

describe('the frame around a question says why it is asked, never what', () => {
  it('reads past a purpose clause before a colon', () => {
    expect(operationOf('Before the ops meeting: how many alarms did BPS02 raise yesterday?', '2026-08-27T05:00:00Z')).toMatchObject({
      kind: 'alarm-count',
    });
    expect(planned('Monday handover: which alarms came in over the weekend?', '2026-08-17T06:00:00Z').window?.label).toMatch(/weekend/);
  });

  it('reads past "X asked for them" after a dash, and "asked" is never an acknowledgement', () => {
    expect(operationOf('all the priority 2 alarms in september - the auditor asked for them', '2026-10-02T07:00:00Z')).toMatchObject({
      kind: 'alarm-list',
    });
  });

  it('keeps a clause before a colon that names no purpose', () => {
    expect(planned('T2 level: what was the average yesterday?', '2026-10-02T07:00:00Z').tags.map((t) => t.name)).toEqual(['T2/Tank/Level']);
  });
});

describe('a lower bound of the pumps is how many ran at once', () => {
  it('"2+ pmps", ">=2 pmps", "at least two pumps" without a running verb', () => {
    expect(operationOf('ps3 2+ pmps longest oct', '2026-11-02T08:00:00Z')).toMatchObject({
      kind: 'together',
      atLeast: 2,
      report: 'longest',
    });
    expect(operationOf('hl >=2 pmps how many x yday', '2026-10-23T06:00:00Z')).toMatchObject({
      kind: 'together',
      atLeast: 2,
      report: 'count',
    });
  });

  it('not beside a stop or a limit', () => {
    const tripped = plan('did 2+ ps3 pumps trip in oct', '2026-11-02T08:00:00Z');
    expect(tripped.kind === 'plan' ? tripped.operation.kind : tripped.kind).not.toBe('together');
  });

  it('"all 3 on" before what is asked of the stretches', () => {
    expect(operationOf('hl all 3 on longest sep', '2026-10-01T06:00:00Z')).toMatchObject({ kind: 'together', report: 'longest' });
  });
});

describe('times and chat forms', () => {
  it('"between monday midnight and now" ends now', () => {
    const window = planned('Between Monday midnight and now, what was the average T1 level?', '2026-10-15T03:00:00Z').window;
    expect(window?.to).toBe('2026-10-15T03:00:00.000Z');
  });

  it('"anythin", "waitin on ack", "0440 fri 16/10"', () => {
    expect(operationOf('anythin waitin on ack 0440 fri 16/10', '2026-10-16T08:00:00Z')).toMatchObject({ kind: 'alarm-list' });
  });
});

describe('instrument numbers, contractions, "when under", splits and the top priority', () => {
  it('"LT2" is the level of the one thing numbered 2 that has a level; "LT1" (T1 and CW01) stays unread', () => {
    expect(planned('LT2 <3m sat 15/8 how lng', '2026-08-17T06:00:00Z').tags.map((t) => t.name)).toEqual(['T2/Tank/Level']);
    const two = plan('LT1 now', '2026-08-17T06:00:00Z');
    expect(two.kind).toBe('decline');
    if (two.kind === 'decline') expect(two.reason).toMatch(/"lt1"/);
  });

  it('"hdloss" is headloss (only vowels left out)', () => {
    expect(planned('filt 4 hdloss ovr 2.2m on 3/9, how lng', '2026-09-04T06:30:00Z').tags.map((t) => t.name)).toEqual([
      'WTP01/F04/HeadLoss',
    ]);
  });

  it('"X when below L" with nothing else asked is the stretches; with a statistic it is a condition, declined', () => {
    expect(operationOf('dma1 cl2 when below 0.3 the 8th', '2026-10-09T07:00:00Z')).toMatchObject({ kind: 'threshold' });
    expect(plan('avg dma1 cl2 when below 0.3 the 8th', '2026-10-09T07:00:00Z').kind).toBe('decline');
  });

  it('"split by prio" splits; "top prio" is priority 1, not a ranking', () => {
    expect(operationOf('alm cnt 15/8 split by prio', '2026-08-16T07:00:00Z')).toMatchObject({ kind: 'alarm-top', by: 'priority' });
    expect(operationOf('top prio alarms in oct how many', '2026-11-02T07:00:00Z')).toMatchObject({ kind: 'alarm-count', priority: 1 });
  });
});
