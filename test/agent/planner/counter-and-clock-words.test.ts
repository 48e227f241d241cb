// "RunHours increase": a change asked of a run-hour counter is the counter's change, never the time its pump's status
// was on (a different tag, answered with confidence). The chat form "runhrs" is read as run hours. A clock span with a
// dash ("14:00-16:30") is a window, not two numbers beside a tag.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

describe('a change asked of a run-hour counter', () => {
  it('does not answer the status time of the pump when the counter increase is asked', () => {
    const result = plan('runhrs increase hl p2 last wk');
    if (result.kind === 'plan') {
      expect(result.operation.kind).not.toBe('run-hours');
      expect(result.tags.map((t) => t.name)).toEqual(['WTP01/P02/RunHours']);
    } else {
      expect(result.kind).not.toBe('decline');
      expect(JSON.stringify(result)).toContain('WTP01/P02/RunHours');
    }
  });

  it('still reads "runhrs" alone as the pump\'s run-hours', () => {
    const result = plan('runhrs hl p2 last wk');
    expect(result.kind).toBe('plan');
    if (result.kind === 'plan') expect(result.operation.kind).toBe('run-hours');
  });
});

describe('a clock span written with a dash', () => {
  it('"avg T2 lvl 14:00-16:30 on the 3rd" averages 14:00 to 16:30 plant time of that day', () => {
    for (const question of ['avg T2 lvl 14:00-16:30 on the 3rd', 'avg T2 lvl 14:00 - 16:30 on the 3rd']) {
      const result = plan(question, '2026-10-05T08:00:00Z');
      expect(result.kind).toBe('plan');
      if (result.kind !== 'plan') continue;
      expect(result.window).toMatchObject({ from: '2026-10-03T12:00:00.000Z', to: '2026-10-03T14:30:00.000Z' });
    }
  });
});

describe('a decimal limit beside a date', () => {
  it('"dma01 cl2 dipped under 0.25 what time, 8th oct" reads 8 October as the day, 0.25 as the limit', () => {
    const result = plan('dma01 cl2 dipped under 0.25 what time, 8th oct', '2026-10-09T08:00:00Z');
    expect(result.kind).toBe('plan');
    if (result.kind !== 'plan') return;
    expect(result.window).toMatchObject({ from: '2026-10-07T22:00:00.000Z', to: '2026-10-08T22:00:00.000Z' });
    expect(JSON.stringify(result.operation)).toContain('0.25');
  });
});
