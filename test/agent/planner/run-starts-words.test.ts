// Run-hours, starts, running together and correlation asked in other words: pumps named by number at no station, stops
// counted and trips declined, a run time in minutes, utilisation, "kick on", "switch-ons", "speed/power", "move in step".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { readStopAsk, tripAskWord } from '../../../agent/planner/stopped-time.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `rsw-${question}`, now: new Date(now) });
}
const column = (answer: Answer, name: string): unknown[] => {
  const i = answer.columns.findIndex((c) => c.name === name);
  return i < 0 ? [] : answer.rows.map((r) => r[i]);
};

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('pumps named by number at no station', () => {
  it('"how many starts P1/P2 yesterday" asks which station instead of counting eight pumps at four', async () => {
    const answer = await ask('how many starts P1/P2 yesterday');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/which site/);
  });

  it('"hrs pumps 1+2 yday" asks which station too', async () => {
    const answer = await ask('hrs pumps 1+2 yday');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/which site/);
  });

  it('with the stations named ("BPS01 and BPS02 P1/P2") each named pump gets its starts', async () => {
    const answer = await ask('starts BPS01 and BPS02 P1/P2 yday');
    expect(column(answer, 'tag')).toEqual(['BPS01/P01/Running', 'BPS01/P02/Running', 'BPS02/P01/Running', 'BPS02/P02/Running']);
  });

  it('"all pumps" is every station\'s pumps, asked of none in particular', async () => {
    const answer = await ask('run hours of all pumps yesterday');
    expect(answer.rows.length).toBeGreaterThan(4);
  });
});

describe('stops and trips counted', () => {
  it.each([
    ['How many times did pump P02 at BPS03 trip last week?', 'trip'],
    ['no. of trips bps3 p2 last wk', 'trips'],
    ['any trips o/n', 'trips'],
    ['did bps2 p1 trip o/n', 'trip'],
  ])('"%s" declines naming "%s": no tag records a trip, and a stop is not one', async (question, word) => {
    const answer = await ask(question);
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toContain(`"${word}"`);
    expect(answer.answer).toMatch(/a stop is not a trip/);
  });

  it('a trip alarm count, a start count, a stopped time and a state now are no stop asks', () => {
    expect(tripAskWord('how many trip alarms at bps03 last week')).toBeNull();
    expect(readStopAsk('how many times did p1 start yesterday')).toBeNull();
    expect(readStopAsk('how long was p1 stopped yesterday')).toBeNull();
    expect(readStopAsk('are any pumps stopped now')).toBeNull();
    expect(readStopAsk('when did any pump stop last night')).toBeNull();
    expect(readStopAsk('how many times did p1 trip yesterday')).toBeNull();
  });

  it('a stop counted or asked with "any" is read, a trip never', () => {
    expect(readStopAsk('how many times did bps02 p1 stop yesterday')).toMatchObject({ count: true });
    expect(readStopAsk('no. of stops hl pmps yday')).toMatchObject({ count: true });
    expect(readStopAsk('bps2 p1 stops yday')).toMatchObject({ count: true });
    expect(readStopAsk('any pumps stop o/n')).toMatchObject({ count: false });
    expect(tripAskWord('how many times did bps02 p1 stop yesterday')).toBeNull();
  });
});

describe('the run time in other words', () => {
  it('"how many minutes did the dosing pump run" gives the run time in minutes beside the hours', async () => {
    const answer = await ask('how many minutes did the dosing pump run yesterday', '2026-10-09T07:00:00Z');
    const hours = Number(column(answer, 'run_hours')[0]);
    expect(Number(column(answer, 'run_minutes')[0])).toBeCloseTo(hours * 60, 6);
    expect(answer.answer).toMatch(/ran [\d,.]+ min with/);
  });

  it('"How long was high-lift pump 3 in operation" is its run time', async () => {
    const answer = await ask('How long was high-lift pump 3 in operation yesterday?');
    expect(answer.columns.map((c) => c.name)).toContain('run_hours');
  });

  it('"utilisation ... in %" is the share of the window running', async () => {
    const answer = await ask('utilisation of BPS01 P1 last week in %');
    expect(answer.columns.map((c) => c.name)).toContain('available_pct');
  });

  it.each(['how many times did BPS03 P1 kick on yday', 'How many switch-ons did BPS03 P1 have yesterday?'])(
    '"%s" counts starts',
    async (question) => {
      const answer = await ask(question);
      expect(answer.columns.map((c) => c.name)).toContain('starts');
    },
  );

  it('"the duty and standby pump" of a two-pump station are its two pumps, not a standby state', async () => {
    const answer = await ask('BPS01 duty and standby pump both running D-1, hrs', '2026-10-05T06:00:00Z');
    expect(answer.answer).toMatch(/BPS01\/P01\/Running and BPS01\/P02\/Running/);
  });
});

describe('correlation in other words', () => {
  it('"speed/power" are two signals', async () => {
    const answer = await ask('bps3 p1 speed/power correlation on the 12th');
    expect(answer.columns.map((c) => c.name)).toContain('r_value');
    expect(answer.answer).toMatch(/speed and .*power/i);
  });

  it('"move in step" asks for the correlation', async () => {
    const answer = await ask('do raw turb and F1 filtrate turb move in step in aug?', '2026-09-05T07:00:00Z');
    expect(answer.columns.map((c) => c.name)).toContain('r_value');
  });
});
