// Control-room words around alarms and lists of pumps: "alm count per site" (counted per site of the tags' assets),
// "standing alms DMA02" (the alarms not cleared now), "BPS03 P01/P02/P03" (three pumps).
import { describe, expect, it } from 'vitest';
import { readAlarmGrouping } from '../../../agent/planner/alarm-grouping.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

describe('alarm counts split by something', () => {
  it('reads the split asked for', () => {
    expect(readAlarmGrouping('alarm count per site this month')).toEqual({ kind: 'site', words: 'per site' });
    expect(readAlarmGrouping('alarms by tag last week')).toEqual({ kind: 'tag', words: 'by tag' });
    expect(readAlarmGrouping('alarms of each priority in october')).toEqual({ kind: 'priority', words: 'each priority' });
    expect(readAlarmGrouping('alarms per day last week')).toMatchObject({ kind: 'bucket', bucket: 'day' });
    expect(readAlarmGrouping('alarms at bps03 with how long each one stayed active')).toBeNull();
  });

  it('"alm count per site MTD" is counted per site, not given as one total', () => {
    const result = plan('alm count per site MTD', '2026-10-20T08:00:00Z');
    expect(result.kind === 'plan' && result.operation).toMatchObject({ kind: 'alarm-top', by: 'site' });
  });

  it('"alarms per day" is counted per plant day instead of giving one total', () => {
    const result = plan('how many alarms per day last week', '2026-10-20T08:00:00Z');
    expect(result.kind === 'plan' && result.operation).toMatchObject({ kind: 'alarm-top', bucket: 'day' });
  });

  it('"alarm count per tag" is never one total', () => {
    const result = plan('alarm count per tag this month', '2026-10-20T08:00:00Z');
    expect(result.kind === 'plan' && result.operation.kind).not.toBe('alarm-count');
  });
});

describe('standing alarms and lists of pumps', () => {
  it('"standing alms DMA02" are the alarms of DMA02 not cleared at the moment asked', () => {
    const result = plan('standing alms DMA02', '2026-10-03T05:00:00Z');
    expect(result.kind).toBe('plan');
    if (result.kind !== 'plan') return;
    expect(result.operation).toMatchObject({ kind: 'alarm-list', standing: true, asOf: '2026-10-03T05:00:00.000Z' });
  });

  it('"BPS03 P01/P02/P03 run hrs D-1" is the run-hours of the three pumps yesterday', () => {
    const result = plan('BPS03 P01/P02/P03 run hrs D-1', '2026-10-30T07:00:00Z');
    expect(result.kind).toBe('plan');
    if (result.kind !== 'plan') return;
    expect(result.tags.map((t) => t.name)).toEqual(['BPS03/P01/Running', 'BPS03/P02/Running', 'BPS03/P03/Running']);
    expect(result.operation.kind).toBe('run-hours');
  });
});
