// Alarm questions as the control room asks them: the last N alarms (newest first, not the alarms standing now), counts
// per site and per priority, how many are standing, the longest time to acknowledge or clear, and "p1" left unplaced
// when it may be priority 1 or pump P1 of several stations.
import { describe, expect, it } from 'vitest';
import { readRecentAlarms } from '../../../agent/planner/alarm-recent.ts';
import { readAlarmDurations } from '../../../agent/planner/alarm-durations.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

const operationOf = (question: string, now: string): unknown => {
  const result = plan(question, now);
  if (result.kind !== 'plan') throw new Error(`"${question}" was not planned: ${result.reason}`);
  return result.operation;
};

describe('the newest alarms', () => {
  it('reads how many, before or after the newest-word, and not a period', () => {
    expect(readRecentAlarms('last 5 alarms treatment plant')).toMatchObject({ limit: 5, words: 'last 5' });
    expect(readRecentAlarms('show me the five most recent alarms at bps03')).toMatchObject({ limit: 5 });
    expect(readRecentAlarms('when was the most recent alarm at bps03')).toMatchObject({ limit: 1 });
    expect(readRecentAlarms('latest critical alarms')).toMatchObject({ limit: 10 });
    expect(readRecentAlarms('alarms last week')).toBeNull();
    expect(readRecentAlarms('last week alarms at bps03')).toBeNull();
    expect(readRecentAlarms('last 24 h alarms')).toBeNull();
  });

  it('"last 5 alms wtp" lists the five newest alarms of the treatment plant, newest first', () => {
    const result = plan('last 5 alms wtp', '2026-10-20T07:00:00Z');
    expect(result.kind === 'plan' && result.operation).toMatchObject({ kind: 'alarm-list', limit: 5, newest: true });
    expect(result.kind === 'plan' && result.operation).not.toHaveProperty('standing');
  });

  it('"how many of the last 10 alarms" is declined naming the words, not counted over a guessed period', () => {
    const result = plan('how many of the last 10 alarms were critical', '2026-10-20T07:00:00Z');
    expect(result.kind).toBe('decline');
    if (result.kind === 'decline') expect(result.reason).toContain('"last 10"');
  });
});

describe('alarm counts', () => {
  it('counts per site and per priority', () => {
    expect(operationOf('alarms per site in oct?', '2026-11-01T08:00:00Z')).toMatchObject({ kind: 'alarm-top', by: 'site' });
    expect(operationOf('alm cnt by stn oct', '2026-11-01T08:00:00Z')).toMatchObject({ kind: 'alarm-top', by: 'site' });
    expect(operationOf('How many alarms of each priority were raised in October?', '2026-11-01T08:00:00Z')).toMatchObject({
      kind: 'alarm-top',
      by: 'priority',
    });
  });

  it('"how many alarms are still standing" is a count of the state, not the list', () => {
    expect(operationOf('How many alarms are still standing right now?', '2026-10-08T09:31:00Z')).toMatchObject({
      kind: 'alarm-count',
      standing: true,
    });
    expect(operationOf('how many unacked alms rn', '2026-10-08T09:31:00Z')).toMatchObject({ kind: 'alarm-count', unacknowledged: true });
  });
});

describe('times to acknowledge and clear', () => {
  it('reads "top 3 by time to ack" as the three slowest, and "cleared the quickest" as a ranking by the time', () => {
    expect(readAlarmDurations('top 3 alarms by time to ack in aug', undefined)).toEqual({ kind: 'list', order: 'desc', limit: 1 });
    expect(readAlarmDurations('top 2 quickest alms to clear aug', undefined)).toMatchObject({ kind: 'list', order: 'asc' });
    expect(readAlarmDurations('avg time to ack top prio alarms', undefined)).toEqual({ kind: 'statistic' });
    expect(operationOf('Which alarm cleared the quickest in October?', '2026-11-02T08:00:00Z')).toMatchObject({
      kind: 'alarm-list',
      byDuration: 'asc',
    });
  });

  it('counts the alarms asked "how often", also as "how oft" and "wie oft"', () => {
    expect(operationOf('how oft did bps3 p2 vib alarm last wk', '2026-11-02T08:00:00Z')).toMatchObject({ kind: 'alarm-count' });
    expect(operationOf('wie oft cw01 lvl alarm in oct', '2026-11-02T08:00:00Z')).toMatchObject({ kind: 'alarm-count' });
  });

  it('tells one number from the alarms ranked by their time', () => {
    expect(readAlarmDurations('what was the longest time to acknowledge an alarm', undefined)).toEqual({
      kind: 'statistic',
      statistic: 'max',
    });
    expect(readAlarmDurations('sep alarms max time-to-ack in min', undefined)).toEqual({ kind: 'statistic', statistic: 'max' });
    expect(readAlarmDurations('longest alarm to clear in oct', undefined)).toEqual({ kind: 'list', order: 'desc', limit: 1 });
    expect(readAlarmDurations('avg time to ack alarms', undefined)).toEqual({ kind: 'statistic' });
  });

  it('plans the longest time to acknowledge, and the alarm that took it', () => {
    expect(operationOf('max time to ack alarms sept?', '2026-10-15T08:30:00Z')).toMatchObject({ kind: 'alarm-ack-time', statistic: 'max' });
    expect(operationOf('worst ack time sept', '2026-10-15T08:30:00Z')).toMatchObject({ kind: 'alarm-ack-time', statistic: 'max' });
    expect(operationOf('Which alarm took the longest to be acknowledged in September?', '2026-10-15T08:30:00Z')).toMatchObject({
      kind: 'alarm-list',
      durationTo: 'ack',
      byDuration: 'desc',
      limit: 1,
    });
    expect(operationOf('max time to clear alarms in oct', '2026-11-01T08:00:00Z')).toMatchObject({
      kind: 'alarm-clear-time',
      statistic: 'max',
    });
  });

  it('gives the time in hours when asked in hours, in minutes otherwise', () => {
    expect(operationOf('avg time to clear alarms last month in hrs', '2026-10-15T08:30:00Z')).toEqual({
      kind: 'alarm-clear-time',
      unit: 'hours',
    });
    expect(operationOf('What was the average time to acknowledge alarms in September, in hours?', '2026-10-15T08:30:00Z')).toEqual({
      kind: 'alarm-ack-time',
      unit: 'hours',
    });
    expect(operationOf('avg ack time last month in mins?', '2026-10-15T08:30:00Z')).toEqual({ kind: 'alarm-ack-time' });
    // "clr mins", "clr hrs": the time to clear, in the unit said after it.
    expect(operationOf('cw alms oct clr hrs', '2026-11-02T08:00:00Z')).toEqual({ kind: 'alarm-clear-time', unit: 'hours' });
    // Each alarm's own time asked in hours: the list carries hours, not minutes.
    expect(
      operationOf(
        'Which clearwell level alarms came in during October, and how many hours did each one take to clear?',
        '2026-11-02T08:00:00Z',
      ),
    ).toMatchObject({ kind: 'alarm-list', durations: true, unit: 'hours' });
  });
});

describe('the alarm that went off the most', () => {
  it('"which alarm went off the most" is the one top tag, said for a purpose or not', () => {
    expect(
      operationOf('for the bad actor list: which alarm went off the most in august, and how many times?', '2026-09-02T08:00:00Z'),
    ).toMatchObject({ kind: 'alarm-top', limit: 1 });
    expect(operationOf('which alarms went off the most in aug', '2026-09-02T08:00:00Z')).toMatchObject({ kind: 'alarm-top', limit: 5 });
  });
});

describe('priority words', () => {
  it('"p1 alarms" with no station named is declined: priority 1 or pump P1', () => {
    const result = plan('any p1 alarms last wk', '2026-10-15T08:30:00Z');
    expect(result.kind).toBe('decline');
    if (result.kind === 'decline') expect(result.reason).toContain('"p1"');
  });

  it('"p2 alarms in DMA02" is priority 2 (DMA02 has no P2), "BPS03 P2 alarms" the pump', () => {
    expect(operationOf('p2 alarms in DMA02 1st to 3rd oct', '2026-10-04T06:00:00Z')).toMatchObject({ priority: 2 });
    expect(operationOf('bps03 p2 alarms oct', '2026-11-01T08:00:00Z')).not.toHaveProperty('priority');
  });

  it('"major" and "minor" are no priority the thesaurus knows: named', () => {
    expect(plan('how many major alarms last month', '2026-10-15T08:30:00Z').kind).toBe('decline');
  });
});
