// Limits written in units engineers use beside the catalog's (mNTU, metres of head, in/s), a bare fraction on a tag in
// %, "how much of last weekend" as a share, and the longest stretch of pumps running together.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();

const operationOf = (question: string, now: string): unknown => planned(question, now).operation;

describe('a limit in another unit is converted into the tag unit', () => {
  it('reads 200 mNTU as 0.2 NTU, never as 200 NTU', () => {
    expect(operationOf('f1 turb >200 mNTU % of time yday', '2026-10-02T07:00:00Z')).toMatchObject({ kind: 'threshold', value: 0.2 });
  });

  it('reads metres of head as a pressure and inches per second as a vibration velocity', () => {
    const head = operationOf('hl hdr press > 54 m head on 11 oct', '2026-10-15T07:00:00Z') as { value: number };
    expect(head.value).toBeCloseTo(5.2956, 3);
    const vib = operationOf('For how long was the BPS03 pump P02 vibration above 0.2 in/s on 28 October?', '2026-10-30T07:00:00Z') as {
      value: number;
    };
    expect(vib.value).toBeCloseTo(5.08, 6);
  });

  it('declines a bare fraction on a tag in %, naming both readings', () => {
    const result = plan('prv2 posn above 0.8 on 3/10 how long', '2026-10-05T07:00:00Z');
    expect(result.kind).toBe('decline');
    if (result.kind === 'decline') expect(result.reason).toMatch(/0\.8 % or 80 %/);
    expect(operationOf('prv2 posn above 80 % on 3/10 how long', '2026-10-05T07:00:00Z')).toMatchObject({ value: 80 });
  });
});

describe('what is asked of the stretches', () => {
  it('"how much of last weekend" is the share of the window', () => {
    expect(operationOf('how much of last weekend was t3 below 3 m', '2026-10-20T07:00:00Z')).toMatchObject({ report: 'share' });
  });

  it('"longest overlap" of pumps is the longest stretch, also asked beside "how many times"', () => {
    expect(operationOf('longest overlap hl p2/p3 oct', '2026-11-02T07:00:00Z')).toMatchObject({ kind: 'together', report: 'longest' });
    expect(operationOf('longest stretch all 3 hl pumps together in aug', '2026-09-02T07:00:00Z')).toMatchObject({ report: 'longest' });
    expect(
      operationOf('How many times did BPS03 pumps 2 and 3 overlap yesterday, and which overlap was the longest?', '2026-10-29T07:00:00Z'),
    ).toMatchObject({ report: 'longest' });
    expect(operationOf('how many times hl p1/p3 went parallel last wk', '2026-09-15T07:00:00Z')).toMatchObject({ report: 'count' });
  });
});

describe('a word joined by "and" to the words that chose the tags', () => {
  it('declines, naming it, instead of answering for the other part alone', () => {
    const result = plan('how many pressure alarms in oct - network and pump stations both', '2026-11-02T08:00:00Z');
    expect(result.kind).toBe('decline');
    if (result.kind === 'decline') expect(result.reason).toMatch(/"network": it is joined to "pump stations"/);
    // Without the joined word the station pressures are counted as before.
    expect(operationOf('how many pump station pressure alarms in oct', '2026-11-02T08:00:00Z')).toMatchObject({ kind: 'alarm-count' });
  });
});

describe('control-room shorthand', () => {
  it('"p1 w/ p3" is the two running together; "p2 running w/ p1 stopped" each in its own state at once', () => {
    expect(operationOf('hl p1 w/ p3 since mon hrs', '2026-10-22T06:00:00Z')).toMatchObject({ kind: 'together' });
    expect(operationOf('p2 running w/ p1 stopped yday hrs at bps3', '2026-10-22T06:00:00Z')).toMatchObject({
      kind: 'together',
      states: ['stopped', 'running'],
    });
  });

  it('"% of time" after a limit is the share, not the limit\'s unit; "how many x" counts; ">=2 pmps" is no limit', () => {
    expect(operationOf('FIT dma2 >450 % of time 3/10', '2026-10-05T07:00:00Z')).toMatchObject({ value: 450, report: 'share' });
    expect(operationOf('raw turb >20 ntu hw many x 29/10', '2026-10-31T07:00:00Z')).toMatchObject({ value: 20, report: 'count' });
    expect(plan('hl >=2 pmps how many x yday', '2026-10-23T07:00:00Z')).not.toMatchObject({ operation: { kind: 'threshold' } });
  });
});

describe('counts and priorities typed short', () => {
  it('"hl 2 of 3 on" is at least two of the three running together', () => {
    expect(operationOf('hl 2 of 3 on o/n hrs', '2026-09-09T06:00:00Z')).toMatchObject({ kind: 'together', atLeast: 2 });
  });

  it('"prio 1 oct" is priority 1 in October, not a priority word beside the 1st of October', () => {
    const result = plan('#alms prio1 oct', '2026-11-02T08:00:00Z');
    expect(result.kind === 'plan' && result.operation).toMatchObject({ kind: 'alarm-count', priority: 1 });
    expect(result.kind === 'plan' && result.window.from).toBe('2026-09-30T22:00:00.000Z');
  });
});

describe('chat clocks and past tenses', () => {
  it('"unack\'d alms 0430 today" is the unacknowledged alarms at 04:30 today', () => {
    const result = plan("unack'd alms 0430 today?", '2026-10-29T07:00:00Z');
    expect(result.kind === 'plan' && result.operation).toMatchObject({
      kind: 'alarm-list',
      unacknowledged: true,
      asOf: '2026-10-29T03:30:00.000Z',
    });
  });
});
