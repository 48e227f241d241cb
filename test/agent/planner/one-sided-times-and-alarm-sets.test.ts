// What a user notices of: clock ranges with am/pm or the day on one end only, one edge of a window on a named day, a
// night named by its two dates, several alarm priorities at once, a limit on how often a tag alarmed, and the time to
// acknowledge said in other words.
import { describe, expect, it } from 'vitest';
import { sharedHalves } from '../../../agent/planner/clock-span-date.ts';
import { readAlarmRepeats } from '../../../agent/planner/alarm-repeats.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();

const NOW = '2026-10-15T08:30:00Z';
/** The window of a planned question in UTC, "from..to". */
const windowOf = (question: string, now = NOW): string => {
  const p = planned(question, now);
  return `${new Date(p.window.from).toISOString()}..${new Date(p.window.to).toISOString()}`;
};
const reasonOf = (question: string, now = NOW): string => {
  const result = plan(question, now);
  return result.kind === 'decline' ? result.reason : `not declined: ${result.kind}`;
};

describe('a clock range with am/pm on one end', () => {
  it('gives the bare end the half that makes the shorter span', () => {
    expect(sharedHalves(10, undefined, 2, 'pm')).toEqual(['am', 'pm']);
    expect(sharedHalves(4, undefined, 6, 'am')).toEqual(['am', 'am']);
    expect(sharedHalves(10, undefined, 2, 'am')).toEqual(['pm', 'am']);
    expect(sharedHalves(9, 'pm', 11, undefined)).toEqual(['pm', 'pm']);
    expect(sharedHalves(16, undefined, 6, 'pm')).toEqual([undefined, 'pm']);
  });

  it('reads "between 10 and 2pm yesterday" as 10:00-14:00, not 22:00-14:00', () => {
    // CEST (UTC+2) on 14 Oct.
    expect(windowOf('avg dma2 inlet flow between 10 and 2pm yesterday')).toBe('2026-10-14T08:00:00.000Z..2026-10-14T12:00:00.000Z');
    expect(windowOf('avg t1 lvl b/w 4 and 6am today')).toBe('2026-10-15T02:00:00.000Z..2026-10-15T04:00:00.000Z');
  });

  it('places the hours on a weekday named beside them, with or without a clock mark after "from"', () => {
    expect(windowOf('max ps3 discharge press 9 to 11pm on sat')).toBe('2026-10-10T19:00:00.000Z..2026-10-10T21:00:00.000Z');
    expect(windowOf('t1 level avg from 9 to 11 on sat')).toBe('2026-10-10T07:00:00.000Z..2026-10-10T09:00:00.000Z');
  });
});

describe('one edge of a window as a clock time on a named day', () => {
  it('"after 9pm sat" runs to the end of that day', () => {
    expect(windowOf('highest dma2 inlet flow after 9pm on saturday')).toBe('2026-10-10T19:00:00.000Z..2026-10-10T22:00:00.000Z');
  });

  it('"before 6 this morning" runs from the start of today', () => {
    expect(windowOf('avg t1 level before 6 this morning')).toBe('2026-10-14T22:00:00.000Z..2026-10-15T04:00:00.000Z');
  });

  it('"since 10pm last night" is one period, up to now', () => {
    expect(windowOf('dma2 inlet flow min since 10pm last night')).toBe('2026-10-14T20:00:00.000Z..2026-10-15T08:30:00.000Z');
  });
});

describe('a night named by its two dates', () => {
  it('is 22:00 of the first to 06:00 of the second, however the dates are written', () => {
    const night = '2026-10-13T20:00:00.000Z..2026-10-14T04:00:00.000Z';
    expect(windowOf('avg t1 level during the night of 13 to 14 October')).toBe(night);
    expect(windowOf('avg t2 level night 13/14 oct')).toBe(night);
    expect(windowOf('max dma2 inlet flow the night from the 13th to the 14th')).toBe(night);
    expect(windowOf('dma2 inlet flow min overnight sat into sun')).toBe('2026-10-10T20:00:00.000Z..2026-10-11T04:00:00.000Z');
  });

  it('is no night when the days do not follow each other', () => {
    expect(reasonOf('avg t2 level night 13/15 oct')).toContain('13/15');
  });
});

describe('several alarm priorities at once', () => {
  it('"prio 1 & 2", "pri 1/2", "priority 2 or 3" are each of those priorities', () => {
    const now = '2026-11-02T08:00:00Z';
    expect(planned('prio 1 & 2 alarms last month', now).operation).toMatchObject({ kind: 'alarm-list', priorities: [1, 2] });
    expect(planned('pri 1/2 alms oct cnt', now).operation).toMatchObject({ kind: 'alarm-count', priorities: [1, 2] });
    expect(planned('priority 2 or 3 alarms at the wtp in oct', now).operation).toMatchObject({ priorities: [2, 3] });
  });

  it('"2 or higher" and "at least prio 2" take in the more urgent priorities (1 is the highest)', () => {
    const now = '2026-11-02T08:00:00Z';
    expect(planned('alarms prio 2 or higher in oct', now).operation).toMatchObject({ priorities: [1, 2] });
    expect(planned('at least prio 2 alms wtp oct', now).operation).toMatchObject({ priorities: [1, 2] });
  });

  it('"2 or more", "3 or lower" name no direction on the scale for sure, and are declined by name', () => {
    expect(reasonOf('prio 2 or more alarms in oct', '2026-11-02T08:00:00Z')).toMatch(/"prio 2 or more"/);
    expect(reasonOf('prio 3 or lower alarms in oct', '2026-11-02T08:00:00Z')).toMatch(/"prio 3 or lower"/);
  });

  it('"p1 and p2" at a station with pumps P1 and P2 stays declined', () => {
    expect(reasonOf('p1 and p2 alarms at bps3 last wk', '2026-11-02T08:00:00Z')).toContain('"p1"');
  });
});

describe('how often a tag alarmed', () => {
  it('reads the limit in digits, words and verbs of repeating', () => {
    expect(readAlarmRepeats('which alarms came 2+ times')?.limit).toMatchObject({ comparator: '>=', count: 2 });
    expect(readAlarmRepeats('tags that alarmed more than 3 times')?.limit).toMatchObject({ comparator: '>', count: 3 });
    expect(readAlarmRepeats('which alarms came in two or more times')?.limit).toMatchObject({ comparator: '>=', count: 2 });
    expect(readAlarmRepeats('alarms that repeated')?.limit).toMatchObject({ comparator: '>=', count: 2 });
    expect(readAlarmRepeats('alarms at bps03 last week')).toBeNull();
  });

  it('lists the tags past the limit with their counts; a count of them is declined by name', () => {
    const now = '2026-11-02T08:00:00Z';
    expect(planned('which alarms came 2+ times in oct', now).operation).toMatchObject({
      kind: 'alarm-top',
      countLimit: { comparator: '>=', count: 2 },
    });
    expect(reasonOf('how many alarms came 2+ times in oct', now)).toContain('"2+ times"');
  });
});

describe('the time to acknowledge in other words', () => {
  it('"ack slower than 15 min" and "acked faster than 10 mins" keep the alarms by it', () => {
    expect(planned('alarms ack slower than 15 min in sept', '2026-10-05T08:00:00Z').operation).toMatchObject({
      kind: 'alarm-list',
      durationLimit: { to: 'ack', comparator: '>', minutes: 15 },
    });
    expect(planned('which alarms were acked faster than 10 mins last wk', '2026-10-19T08:00:00Z').operation).toMatchObject({
      durationLimit: { to: 'ack', comparator: '<', minutes: 10 },
    });
  });

  it('"mins to ack each" lists each alarm with its minutes to acknowledge; "hrs to ack" asks hours', () => {
    const now = '2026-11-02T08:00:00Z';
    expect(planned('mins to ack each alm oct', now).operation).toMatchObject({ kind: 'alarm-list', durations: true, durationTo: 'ack' });
    expect(planned('avg hrs to ack in oct', now).operation).toMatchObject({ kind: 'alarm-ack-time', unit: 'hours' });
  });
});
