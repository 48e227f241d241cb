// "p1" beside the alarms at a site with a pump P1 (a guess either way unless the pump is said), alarms kept by their own
// time to acknowledge or clear, the longest-standing alarm, exactly n pumps running, an hour meter's reading, and
// "from when till when".
import { describe, expect, it } from 'vitest';
import { readAlarmDurationLimit } from '../../../agent/planner/alarm-duration-limit.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

const operationOf = (question: string, now: string): unknown => {
  const result = plan(question, now);
  if (result.kind !== 'plan') throw new Error(`"${question}" was not planned: ${JSON.stringify(result)}`);
  return result.operation;
};
const reasonOf = (question: string, now: string): string => {
  const result = plan(question, now);
  return result.kind === 'decline' ? result.reason : `not declined: ${result.kind}`;
};

describe('"p1" beside the alarms', () => {
  it('at a site with a pump P1 is declined naming both readings, wherever the site is said', () => {
    expect(reasonOf('p1 alarms at wtp in oct how many', '2026-11-01T08:00:00Z')).toMatch(/"p1".*priority 1.*pump P1/);
    expect(reasonOf('p2 alms bps1 last wk', '2026-11-02T08:00:00Z')).toContain('"p2"');
  });

  it('is the pump when the question says so: a pump word, the asset path, or a measurement of the pump', () => {
    expect(operationOf('pump p1 alarms at wtp oct', '2026-11-01T08:00:00Z')).not.toHaveProperty('priority');
    expect(operationOf('bps03 p2 alarms oct', '2026-11-01T08:00:00Z')).not.toHaveProperty('priority');
    const vibration = plan('p2 vib alarms at bps3 oct', '2026-11-01T08:00:00Z');
    expect(vibration.kind === 'plan' && vibration.tags.map((t) => t.name)).toEqual(['BPS03/P02/Vibration']);
  });

  it('is the priority when said as one, or where the site has no such pump', () => {
    expect(operationOf('pri 1 alarms at wtp in oct how many', '2026-11-02T08:00:00Z')).toMatchObject({ priority: 1 });
    expect(operationOf('p2 alarms in DMA02 1st to 3rd oct', '2026-10-04T06:00:00Z')).toMatchObject({ priority: 2 });
  });
});

describe('alarms kept by their own time', () => {
  it('reads the limit on the time to acknowledge or clear', () => {
    expect(readAlarmDurationLimit('which alarms got acknowledged within 10 min')?.limit).toMatchObject({
      to: 'ack',
      comparator: '<=',
      minutes: 10,
    });
    expect(readAlarmDurationLimit('alarms acknowledged below 15 min')?.limit).toMatchObject({ comparator: '<', minutes: 15 });
    expect(readAlarmDurationLimit('which alarms took more than 30 min to get acknowledged')?.limit).toMatchObject({
      comparator: '>',
      minutes: 30,
    });
    expect(readAlarmDurationLimit('how many alarms took over an hour to clear')?.limit).toMatchObject({ to: 'clear', minutes: 60 });
    expect(readAlarmDurationLimit('alarms at bps03 last week')).toBeNull();
  });

  it('lists or counts the alarms that kept it', () => {
    expect(operationOf('which alarms got acked within 10 min yday', '2026-10-30T08:00:00Z')).toMatchObject({
      kind: 'alarm-list',
      durationTo: 'ack',
      durationLimit: { to: 'ack', comparator: '<=', minutes: 10 },
    });
    expect(operationOf('how many alarms took over an hour to clear in oct', '2026-11-02T08:00:00Z')).toMatchObject({
      kind: 'alarm-count',
      durationLimit: { to: 'clear', comparator: '>', minutes: 60 },
    });
  });

  it('"longest standing alarm" is the one that took longest to clear, not the alarms standing now', () => {
    expect(operationOf('longest standing alarm last month', '2026-09-05T08:00:00Z')).toMatchObject({
      kind: 'alarm-list',
      limit: 1,
      byDuration: 'desc',
    });
  });
});

describe('pumps and counters', () => {
  it('"only one pump running" is declined naming the words: exactly n is no overlap', () => {
    expect(reasonOf('hrs only one hl pump on yday', '2026-10-15T07:00:00Z')).toContain('"only one"');
  });

  it("an hour meter's reading now is the run-hours counter's latest value", () => {
    const result = plan('hl p2 hrs meter reading now', '2026-10-15T12:00:00Z');
    expect(result.kind === 'plan' && result.operation).toMatchObject({ kind: 'latest' });
    expect(result.kind === 'plan' && result.tags.map((t) => t.name)).toEqual(['WTP01/P02/RunHours']);
  });

  it('"from when till when" asks for the stretches, not for more than the planner can', () => {
    expect(operationOf('dma2 inlet flw >450 m3/h 3/10 from when till when', '2026-10-05T08:00:00Z')).toMatchObject({ kind: 'threshold' });
  });
});
