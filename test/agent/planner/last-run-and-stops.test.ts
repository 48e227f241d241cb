// A pump's last run searched back, the first (last) start across a group's pumps, and stops counted and listed, on the
// reference dataset (questions u20i-*): what each answers, and what is still asked back or declined.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { readLastRun } from '../../../agent/planner/last-run.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `lrs-${question}`, now: new Date(now) });
}
const column = (answer: Answer, name: string): unknown[] => {
  const i = answer.columns.findIndex((c) => c.name === name);
  return i < 0 ? [] : answer.rows.map((r) => r[i]);
};
const instants = (answer: Answer, name: string): number[] => column(answer, name).map((v) => Date.parse(String(v)));

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('the last run, searched back', () => {
  it('reads "last run", "the last time it ran", "lst run", not the run hours of a period', () => {
    expect(readLastRun('how long did hl p2 run last time it ran')?.words).toBe('last time it ran');
    expect(readLastRun('last run of p03 at sonnenhang?')?.words).toBe('last run');
    expect(readLastRun('bps01 p1 lst run, how long?')?.words).toBe('lst run');
    expect(readLastRun('last run hours of hl p2')).toBeNull();
    expect(readLastRun('hl p2 run hours last week')).toBeNull();
  });

  it('"How long did high-lift pump P02 run the last time it ran?" is its newest stretch, start, end and hours', async () => {
    const answer = await ask('How long did high-lift pump P02 run the last time it ran?', '2026-10-20T10:00:00Z');
    expect(instants(answer, 'start_time')).toEqual([Date.parse('2026-10-16T03:19:00Z')]);
    expect(instants(answer, 'end_time')).toEqual([Date.parse('2026-10-19T06:00:00Z')]);
    expect(Number(column(answer, 'hours')[0])).toBeCloseTo(74.683333, 5);
    expect(answer.answer).toMatch(/last ran from 2026-10-16 05:19 to 2026-10-19 08:00/);
    expect(answer.answer).toMatch(/searched back 366 days/);
  });

  it('a pump running now is said to be still running, its run ending at now', async () => {
    const answer = await ask('last run of P03 at Sonnenhang?', '2026-10-28T08:00:00Z');
    expect(instants(answer, 'end_time')).toEqual([Date.parse('2026-10-28T08:00:00Z')]);
    expect(column(answer, 'still_running')).toEqual([1]);
    expect(answer.answer).toMatch(/is still running/);
  });
});

describe('the first or last start across a group', () => {
  it('"Which BPS01 pump started first this morning?" names the pump and its start', async () => {
    const answer = await ask('Which BPS01 pump started first this morning?', '2026-10-19T08:00:00Z');
    expect(column(answer, 'tag')).toEqual(['BPS01/P01/Running']);
    expect(instants(answer, 'time')).toEqual([Date.parse('2026-10-19T04:01:00Z')]);
  });

  it('"Which high-lift pump was the last to start yesterday?" is the latest start', async () => {
    const answer = await ask('Which high-lift pump was the last to start yesterday?', '2026-10-15T06:00:00Z');
    expect(column(answer, 'tag')).toEqual(['WTP01/P03/Running']);
    expect(answer.answer).toMatch(/The last start among .* was WTP01\/P03\/Running at 2026-10-14 08:06/);
  });

  it.each([
    ['when did p1 start yesterday', /which one|which site/],
    ['when did the pumps at bps1 start yesterday', /which one/],
  ])('"%s" is still asked back: pumps at several sites, or no first, last or which', async (question, asked) => {
    const answer = await ask(question, '2026-10-15T06:00:00Z');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(asked);
  });
});

describe('stops', () => {
  it('"no. of stops hl pmps yday" counts each pump\'s stops, 0 included', async () => {
    const answer = await ask('no. of stops hl pmps yday', '2026-10-15T06:00:00Z');
    expect(column(answer, 'tag')).toEqual(['WTP01/P01/Running', 'WTP01/P02/Running', 'WTP01/P03/Running']);
    expect(column(answer, 'stop_count').map(Number)).toEqual([0, 1, 1]);
    expect(answer.answer).toMatch(/no tag records a trip/);
  });

  it('"Did any of the pumps at BPS01 stop last night?" lists each stop', async () => {
    const answer = await ask('Did any of the pumps at BPS01 stop last night?', '2026-10-22T06:00:00Z');
    expect(column(answer, 'event')).toEqual(['stop', 'stop']);
    expect(instants(answer, 'time')).toEqual([Date.parse('2026-10-21T21:57:00Z'), Date.parse('2026-10-22T03:10:00Z')]);
  });

  it('"bps3 p2 trips lst wk?" still declines naming "trips"', async () => {
    const answer = await ask('bps3 p2 trips lst wk?', '2026-10-28T08:00:00Z');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toContain('"trips"');
  });
});
