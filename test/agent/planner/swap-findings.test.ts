// What the swap checks found (test/helpers/swap-variants.ts), as a user asks it: a statistic the answer does not
// compute, words after a date range, "per pump" where nothing is per pump, an exclusion in a shift-log question, and two
// things no tag is both. Each must be named in a decline, not answered as another question.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

describe('the swap findings', () => {
  const { plan, planned } = useReferencePlanner();
  const declined = (question: string, now?: string): string => {
    const result = plan(question, now);
    expect(result.kind, `${question}: ${JSON.stringify(result)}`).toBe('decline');
    return result.kind === 'decline' ? result.reason : '';
  };

  it('declines a maximum of the night flow, which is a minimum by name', () => {
    expect(declined('What was the maximum night flow in DMA03 last night?')).toMatch(/"maximum"/);
    expect(declined('which dma had highest max nite flow last nite')).toMatch(/"max"/);
    expect(declined('DMA05 peak night flow last night')).toMatch(/"peak"/);
    expect(planned('What was the minimum flow into DMA02 at night last week?').operation.kind).toBe('night-flow');
    expect(planned('Which DMA had the highest minimum night flow last night?').operation).toMatchObject({ order: 'desc' });
  });

  it('answers the longest time to acknowledge or clear, and declines a second statistic on top of it', () => {
    expect(planned('max time to ack alarms sept?').operation).toMatchObject({ kind: 'alarm-ack-time', statistic: 'max' });
    expect(planned('maximum time to clear alarms last month', '2026-10-05T00:00:00Z').operation).toMatchObject({ statistic: 'max' });
    expect(declined('highest max time to ack alarms sept?')).toMatch(/"max"/);
    expect(planned('mean time to clear alarms last month', '2026-10-05T00:00:00Z').operation.kind).toBe('alarm-clear-time');
  });

  it('ranks the buckets by the statistic named inside them, never by another one', () => {
    // Declined while the planner could only rank hourly averages; since u12r the hours are ranked by their maxima.
    expect(planned('Which hour yesterday had the highest maximum flow into DMA01?').operation).toMatchObject({
      kind: 'bucket-rank',
      fn: 'max',
    });
    expect(planned('Which hour yesterday had the highest average flow into DMA01?').operation).toMatchObject({ fn: 'avg' });
  });

  it('reads the words after a date range: the range ends where its last date does', () => {
    const now = '2026-10-20T00:00:00Z';
    expect(declined('average DMA03 inlet flow between 1 oct and 5 oct except P02', now)).toMatch(/"except"/);
    const board = planned('What was the average DMA03 inlet flow between 1 Oct and 5 Oct for the board pack?', now);
    expect([board.window.from, board.window.to]).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-05T22:00:00.000Z']);
  });

  it('declines "per pump" where the answer is for one thing, and an exclusion in a shift-log question', () => {
    expect(declined('P1 flw @ PS2 yday per pump')).toMatch(/"per"/);
    expect(declined('avg turb wtp out 3hrs per pump')).toMatch(/"per"/);
    expect(declined('shift notes 8 oct except the pump stuff')).toMatch(/"except"/);
    expect(planned('Which shift log entries in August mention rain?').operation).toMatchObject({ topics: ['rain'] });
  });

  it('declines a statistic of a value at one moment, and words a correlation does not place', () => {
    expect(declined('T1 level now avg')).toMatch(/"avg"/);
    expect(planned('which tank is highest now').operation).toMatchObject({ kind: 'latest' });
    expect(declined('corr DMA02 inflow vs CP press yday after the refill', '2026-10-04T06:00:00Z')).toMatch(/"after"|"refill"/);
    expect(planned('corr DMA02 inflow vs CP press yday', '2026-10-04T06:00:00Z').operation.kind).toBe('correlation');
  });

  it('declines two things no tag is both, unless they are compared', () => {
    expect(declined('clearwell pump alarms in October')).toMatch(/"clearwell" and "pump"/);
    expect(planned('compare suction and discharge pressure at BPS02 yesterday').tags).toHaveLength(2);
  });
});
