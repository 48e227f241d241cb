// Alarm questions typed in chat whose plan differed from the sentence form: "in alarm" over a period, totals, which
// site alarmed most, two splits at once, a priority word that is the condition of an alarm, the first alarm of a period, and
// counts of acknowledged or cleared alarms.
import { describe, expect, it } from 'vitest';
import { readAlarmGrouping } from '../../../agent/planner/alarm-grouping.ts';
import { readRecentAlarms } from '../../../agent/planner/alarm-recent.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const reference = useReferencePlanner();
const { plan } = reference;
const NOW = '2026-10-30T07:00:00Z';

const operationOf = (question: string, now = NOW): unknown => reference.operationOf(question, now);
const reasonOf = (question: string, now = NOW): string => reference.reasonOf(question, now);

describe('"in alarm" with and without a period', () => {
  it('"BPS03 P2 vib in alarm this wk" lists the alarms of the week, not those standing now', () => {
    const result = plan('BPS03 P2 vib in alarm this wk', NOW);
    expect(result.kind === 'plan' && result.tags.map((t) => t.name)).toEqual(['BPS03/P02/Vibration']);
    expect(result.kind === 'plan' && result.operation).toEqual({ kind: 'alarm-list', limit: 200 });
  });

  it('"anything in alarm at ps3?" with no period is the state now', () => {
    expect(operationOf('anything in alarm at ps3?')).toMatchObject({ kind: 'alarm-list', standing: true });
  });

  it('"how long was cw lvl in alarm in sept", "ps3 p2 vib in alarm how long this wk": the time in alarm, summed', () => {
    expect(operationOf('how long was cw lvl in alarm in sept')).toMatchObject({ kind: 'alarm-clear-time', statistic: 'sum' });
    expect(operationOf('ps3 p2 vib in alarm how long this wk')).toMatchObject({ kind: 'alarm-clear-time', statistic: 'sum' });
    expect(reasonOf('how long was cw lvl in alarm')).toContain('"how long"');
  });
});

describe('counts and splits', () => {
  it('"total alarms last month", "#crit alms sept" and "alm tally ps2 aug" are counts', () => {
    expect(operationOf('total alarms last month')).toEqual({ kind: 'alarm-count' });
    expect(operationOf('#crit alms sept')).toEqual({ kind: 'alarm-count', priority: 1 });
    expect(operationOf('alm tally ps2 aug')).toEqual({ kind: 'alarm-count' });
  });

  it('"which site had the most alarms" is one site; "which sites" the most first', () => {
    expect(operationOf('which site had the most alarms in aug')).toEqual({ kind: 'alarm-top', limit: 1, by: 'site' });
    expect(operationOf('which sites had the most alarms in aug')).toEqual({ kind: 'alarm-top', limit: 5, by: 'site' });
    expect(operationOf('most frequent alarm aug')).toEqual({ kind: 'alarm-top', limit: 1 });
    expect(readAlarmGrouping('which priority 2 alarms were raised in september')).toBeNull();
  });

  it('"alarm count per sites" is per site ("sites" is not the letters SIT)', () => {
    expect(operationOf('alarm count per sites oct')).toMatchObject({ kind: 'alarm-top', by: 'site' });
  });

  it('two splits, a split by pump, unacknowledged alarms per site and two periods are declined', () => {
    expect(readAlarmGrouping('alm count per priority per site oct')).toEqual({ kind: 'unsupported', words: 'per priority per site' });
    expect(reasonOf('which pump had most alarms in aug')).toContain('"which pump"');
    expect(reasonOf('unacked alarm count per site')).toContain('"per site"');
    expect(reasonOf('alarms today vs yday')).toContain('"vs"');
  });

  it('"alarms/site" and "p/site" are per site; "by prio and site" is two splits', () => {
    expect(readAlarmGrouping('alarms/site oct')).toEqual({ kind: 'site', words: '/site' });
    expect(readAlarmGrouping('no of alarms p/site oct')).toEqual({ kind: 'site', words: 'p/site' });
    expect(readAlarmGrouping('alarms by prio and site oct')?.kind).toBe('unsupported');
  });

  it('"how many tags alarmed" and "how many sites had alarms" decline; "how many tank alarms" counts alarms', () => {
    expect(reasonOf('how many tags alarmed in oct')).toContain('"how many tags"');
    expect(reasonOf('how many sites had alarms in oct')).toContain('"how many sites"');
    expect(operationOf('how many tank alarms in oct', '2026-11-01T08:00:00Z')).toEqual({ kind: 'alarm-count' });
  });

  it('"how many alarms were acked in sept" declines: alarms are counted by raising', () => {
    expect(reasonOf('how many alarms were acked in sept')).toContain('"acked"');
    expect(reasonOf('no. of alarms cleared in aug')).toContain('"cleared"');
  });
});

describe('priority words and sides of a limit', () => {
  it('"hi alarms" and "lo lvl alarms" are the HIGH and LOW conditions (alarm-conditions.test.ts); "hi prio alarms" is priority 2', () => {
    expect(operationOf('hi alarms on cw lvl sept')).toEqual({ kind: 'alarm-list', limit: 200, conditions: ['HIGH'] });
    expect(operationOf('lo lvl alarms clearwell sept')).toEqual({ kind: 'alarm-list', limit: 200, conditions: ['LOW'] });
    expect(operationOf('hi prio alarms aug')).toEqual({ kind: 'alarm-list', limit: 200, priority: 2 });
  });
});

describe('the first alarms and the times to acknowledge', () => {
  it('reads "first alarm" and "earliest 3 alarms" as the oldest', () => {
    expect(readRecentAlarms('first alarm yesterday')).toMatchObject({ limit: 1, oldest: true, words: 'first' });
    expect(readRecentAlarms('the earliest 3 alarms in october')).toMatchObject({ limit: 3, oldest: true });
    expect(operationOf('first alarm yday')).toEqual({ kind: 'alarm-list', limit: 1 });
  });

  it('"first alms at ps3 on 29th" with no number lists every alarm of the period, oldest first, not an arbitrary few', () => {
    expect(operationOf('first alms at ps3 on 29th')).toEqual({ kind: 'alarm-list', limit: 200 });
    expect(operationOf('latest alarms at ps3 this wk')).toEqual({ kind: 'alarm-list', limit: 200, newest: true });
    // Without a period the newest few are the point.
    expect(operationOf('latest alarms')).toEqual({ kind: 'alarm-list', limit: 10, newest: true });
  });

  it('alarms named with their times list each alarm with its time, not the mean', () => {
    expect(operationOf('ps3 alms w/ time-to-ack 29th')).toEqual({ kind: 'alarm-list', limit: 200, durations: true, durationTo: 'ack' });
    expect(operationOf('mean time to ack for alarms with priority 1 in oct')).toEqual({ kind: 'alarm-ack-time', priority: 1 });
  });

  it('"time-to-ack", "the time it took to acknowledge", "mtta" and "mttc" are the alarm times', () => {
    expect(operationOf('time-to-ack crit alms oct', '2026-11-01T08:00:00Z')).toEqual({ kind: 'alarm-ack-time', priority: 1 });
    expect(operationOf('time it took to acknowledge the alarms at the wtp on 8 oct')).toEqual({ kind: 'alarm-ack-time' });
    expect(operationOf('mtta sept')).toEqual({ kind: 'alarm-ack-time' });
    expect(operationOf('mttc hi prio oct', '2026-11-01T08:00:00Z')).toEqual({ kind: 'alarm-clear-time', priority: 2 });
  });
});
