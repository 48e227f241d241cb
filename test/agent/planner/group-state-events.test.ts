// A group asked in its stopped state ("both off", "no hl pump running": every one known stopped at once) and the times of
// every start and stop of a group (a list of events, never the counts in their place).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { readGroupStopped } from '../../../agent/planner/group-state.ts';
import { readStateEvents } from '../../../agent/planner/state-events.ts';
import { slashDottedDays } from '../../../agent/planner/dotted-day-month.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `gse-${question}`, now: new Date(now) });
}
const column = (answer: Answer, name: string): unknown[] => answer.rows.map((r) => r[answer.columns.findIndex((c) => c.name === name)]);

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('the stopped state of a group', () => {
  it('reads "both off", "all stopped at the same time", "no hl pump was running", "none of the pumps on"', () => {
    for (const q of [
      'bps02 p1 and p2 both off yday',
      'bps03 p1 p2 p3 all stopped at the same time in october',
      'was there any time no hl pump was running last month',
      'times when none of the bps02 pumps were on',
      'bps01 p1 off + p2 off same time yday',
    ])
      expect(readGroupStopped(q), q).not.toBeNull();
  });

  it('is no group state when a running word stands plainly or "with" holds the other ("p2 running w/ p1 stopped")', () => {
    for (const q of ['ps1 p2 runnin w/ p1 stopped fri 9/10 hrs', 'p2 running while p1 and p3 both off', 'both pumps running yday'])
      expect(readGroupStopped(q), q).toBeNull();
  });

  it('names a window set by another event ("when p1 tripped") instead of answering the whole day', async () => {
    expect(readGroupStopped('how long were both bps02 pmps off when p1 tripped on 26/8')?.anchor).toBe('when p1 tripped');
    const answer = await ask('how long were both bps02 pmps off when p1 tripped on 26/8', '2026-08-28T08:00:00Z');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/when p1 tripped/);
  });

  it('"both off" lists the stretches when every pump was known stopped, and the sentence says stopped', async () => {
    const answer = await ask('bps02 p1 and p2 both off yday - when', '2026-08-27T08:00:00Z');
    expect(answer.rows).toHaveLength(3);
    expect(answer.answer).toMatch(/were all stopped at the same time 3 times/);
    const never = await ask('times all bps03 pumps were off in oct', '2026-11-02T08:00:00Z');
    expect(never.answer).toMatch(/were never all stopped at the same time/);
  });
});

describe('the times of starts and stops', () => {
  it('reads a list of event times, not a count nor one moment', () => {
    expect(readStateEvents('at what times did the high-lift pumps start and stop on 14 october')?.events).toEqual(['start', 'stop']);
    expect(readStateEvents('cl01 dosing pmp stop/restart times 8/10')?.events).toEqual(['start', 'stop']);
    expect(readStateEvents('list the starts of bps02 p2 yday')?.events).toEqual(['start']);
    expect(readStateEvents('how many times did p1 start yday')).toBeNull();
    expect(readStateEvents('when did bps3 p1 start on the 29th')).toBeNull();
  });

  it('lists every start and stop of the high-lift pumps with its time (14 Oct: 2 stops, 2 starts)', async () => {
    const answer = await ask('At what times did the high-lift pumps start and stop on 14 October?', '2026-10-15T07:00:00Z');
    expect(column(answer, 'event')).toEqual(['stop', 'stop', 'start', 'start']);
    expect(column(answer, 'tag')).toEqual(['WTP01/P03/Running', 'WTP01/P02/Running', 'WTP01/P02/Running', 'WTP01/P03/Running']);
    expect(answer.answer).toMatch(/2 starts and 2 stops/);
  });
});

describe('the last start or stop with no window', () => {
  it('searches all the data up to now and says so ("last stop bps01 p2")', async () => {
    const answer = await ask('last stop bps01 p2', '2026-11-02T08:00:00Z');
    expect(answer.answer).toMatch(/last stopped at 2026-10-31 15:40/);
    expect(answer.answer).toMatch(/in all the data up to/);
  });
});

describe('a dotted day and month with no year', () => {
  it('is a date ("07.09"), unless a comparison or a unit makes it a value', () => {
    expect(slashDottedDays('bps02-p02 strts 07.09')).toBe('bps02-p02 strts 07/09');
    expect(slashDottedDays('t1 above 12.05 yday')).toBe('t1 above 12.05 yday');
    expect(slashDottedDays('t1 lvl 10.10 m yday')).toBe('t1 lvl 10.10 m yday');
    expect(slashDottedDays('on 07.09.2026')).toBe('on 07.09.2026');
    expect(slashDottedDays('flow 3.5 l/s')).toBe('flow 3.5 l/s');
  });
});
