// A tag's alarm limit as a threshold, counts and shares of time beyond a limit, and shift-log questions per role, end to
// end through ask() over the reference dataset (real DuckDB, real guard).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;

async function ask(question: string, now: string, user = 'engineer'): Promise<Answer> {
  const principal = rt.runtime.principalFor(user);
  if (!principal) throw new Error(`no user ${user}`);
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `test-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('an alarm limit named instead of a number is the tag’s catalog limit', () => {
  it('"first dip below its low alarm limit" is the crossing of the 2 bar low limit, at the burst', async () => {
    const answer = await ask(
      'When did the DMA02 critical point pressure first dip below its low alarm limit on 3 October?',
      '2026-10-05T08:00:00Z',
    );
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.answer).toContain('2026-10-03 04:49');
    expect(answer.answer).toMatch(/below 2 bar/);
  });

  it('"hrs ... under low alarm" is the time below that limit, and "abve alarm lim" is no alarm list', async () => {
    const hours = await ask('hrs DMA2 CP press under low alarm on 3 oct', '2026-10-05T08:00:00Z');
    expect(hours.answer).toMatch(/below 2 bar 1 time for 4\.767 h \(286 min\) in total/);
    const vibration = await ask('how lng was ps3 p2 vibs abve alarm lim this wk', '2026-10-30T07:00:00Z');
    expect(vibration.answer).toMatch(/BPS03\/P02\/Vibration .*above 7\.1 mm\/s/);
    expect(vibration.columns.map((c) => c.name)).toContain('hours');
  });

  it('declines, naming the limit, when the tag has no limit on that side', async () => {
    const answer = await ask('how lng was ps1 panel temp undr lo alarm yday', '2026-10-22T07:00:00Z');
    expect(answer.rows).toEqual([]);
    expect(answer.answer).toMatch(/has no low alarm limit in the catalog; it has a high alarm limit of 40 °C/);
  });
});

describe('how many times, and what share of the time, beyond a limit', () => {
  it('counts the separate stretches above the clearwell high alarm', async () => {
    const answer = await ask('how many times CW lvl over hi alarm in oct', '2026-10-20T07:00:00Z');
    expect(answer.rows).toHaveLength(1);
    expect(answer.answer).toMatch(/went above 4\.2 m 3 times/);
  });

  it('does not count a stretch already in force at midnight as a drop, and says it is in the hours', async () => {
    // T2 went under 3 m at 21:13 on 12 August and was still under at 00:00; it dropped again at 07:31 and 19:04.
    const answer = await ask('how many times did t2 drop under 3 m on 13 aug', '2026-08-14T07:00:00Z');
    expect(answer.answer).toMatch(
      /went below 3 m 2 times on 13 August 2026 .*for 11\.35 h in total \(it was already below 3 m at the start/,
    );
  });

  it('gives the share of the day above a level', async () => {
    const answer = await ask('What percentage of the time was tank T1 above 5 m on 21 October?', '2026-10-23T07:00:00Z');
    expect(answer.rows).toHaveLength(1);
    // 6.38 h + 0.35 h of 24 h; good data covered 99.93 % of the day, which the answer says.
    expect(answer.answer).toMatch(/for 28\.056 % of the time .*\(6\.733 h in 2 stretches\); good-quality data covered 99\.93/);
  });
});

describe('shift-log questions: the supervisor reads them, anyone else is denied, never "not understood"', () => {
  it('"who had nights on the 28th" is the night shift starting that evening', async () => {
    const answer = await ask('who had nights on the 28th', '2026-10-30T07:00:00Z', 'supervisor');
    expect(answer.window?.label).toMatch(/^night shift of 28 October 2026/);
    expect(answer.answer).toMatch(/2 entries\. .*Sevgi Yilmaz/);
  });

  it('a statistic asked "for my shift handover" is not read as the shift log: the supervisor gets no shift notes for it', async () => {
    const answer = await ask('for my shift handover I need the max T1 level over the last 12 hours', '2026-10-15T08:30:00Z', 'supervisor');
    expect(answer.sql ?? '').not.toMatch(/shift_log/);
    expect(answer.decision?.kind).not.toBe('deny');
    const who = await ask('who was on shift when T1 was lowest yesterday', '2026-10-15T08:30:00Z', 'engineer');
    expect(who.decision?.kind).toBe('deny');
  });

  it('keeps only the entries that mention what was asked about', async () => {
    const rain = await ask('Which shift log entries in August mention rain?', '2026-09-03T07:00:00Z', 'supervisor');
    expect(rain.rows).toHaveLength(5);
    const rounds = await ask('electrician rounds last wk', '2026-10-28T08:00:00Z', 'supervisor');
    expect(rounds.answer).toMatch(/3 entries\. .*Weekly round BPS01.*Weekly round BPS02.*Weekly round BPS03/);
  });

  it('requires every thing named, reads "abt" as about, and reads past a word no note uses beside them', async () => {
    const bearings = await ask('what did the log say abt ps3 p2 bearings', '2026-11-01T08:00:00Z', 'supervisor');
    expect(bearings.rows).toHaveLength(2);
    expect(bearings.answer).toMatch(/BPS03 P02 bearing noise.*BPS03 P02 bearings replaced/);
    // The note says "frozen": "stuck" narrows nothing, and the handovers quoting T3 and chlorine are no note of it.
    const stuck = await ask('log notes re T3 cl2 analyser stuck?', '2026-09-25T08:00:00Z', 'supervisor');
    expect(stuck.rows).toHaveLength(1);
    expect(stuck.answer).toMatch(/T3 outlet chlorine analyser found frozen/);
  });

  it("an empty search says what it looked for, and a night past the log's newest entry says where the log ends", async () => {
    const p3 = await ask('anything logged about p3 at bps3 last wk', '2026-11-02T08:00:00Z', 'supervisor');
    expect(p3.rows).toEqual([]);
    expect(p3.answer).toMatch(/no entries mentioning p3 and bps3 last week/);
    // The reference log's newest entry is the late handover of 31 October: 1 November's night was never written up.
    const night = await ask('log o/n', '2026-11-02T08:00:00Z', 'supervisor');
    expect(night.rows).toEqual([]);
    expect(night.answer).toMatch(/The shift log's newest entry is 2026-10-31 \d\d:\d\d \+01:00, before this window\./);
    const notes = await ask('what did sevgi write last wk', '2026-10-20T08:00:00Z', 'supervisor');
    expect(notes.answer).not.toMatch(/\.\./);
  });

  it('declines an event as the time, naming it; an engineer is denied instead', async () => {
    const event = await ask('who was on shift when the cl2 went low on 8/10', '2026-10-09T08:00:00Z', 'supervisor');
    expect(event.answeredBy).toBe('none');
    expect(event.answer).toMatch(/"when the cl2 went low"/);
    const engineer = await ask('who was on shift when the cl2 went low on 8/10', '2026-10-09T08:00:00Z', 'engineer');
    expect(engineer.decision?.rule).toBe('scope.table');
  });

  it('denies an engineer and a station operator with the rule, even with no window named', async () => {
    for (const [question, user] of [
      ['latest handover note?', 'engineer'],
      ['who did the round at ps3 last thu', 'operator-bps03'],
    ] as const) {
      const answer = await ask(question, '2026-10-28T08:00:00Z', user);
      expect(answer.decision?.kind).toBe('deny');
      expect(answer.decision?.rule).toBe('scope.table');
    }
  });
});

describe('the shift log asked in other words: crew, log book, shift report, nights', () => {
  it('"notes from nights" and "the late crew" are the last shift of that name when no day is named', async () => {
    const nights = await ask('notes from nights', '2026-10-04T06:00:00Z', 'supervisor');
    expect(nights.window?.label).toMatch(/^night shift/);
    expect(nights.rows).toHaveLength(1);
    const late = await ask('what did the late crew hand over yday', '2026-10-15T08:30:00Z', 'supervisor');
    expect(late.window?.label).toMatch(/^late shift/);
    expect(late.answer).toMatch(/1 entry\. .*Sevgi Yilmaz: Handover late shift/);
  });

  it('"which crew member had the late shift" asks the log for that shift', async () => {
    const answer = await ask('Which crew member had the late shift on 21 October?', '2026-10-23T07:00:00Z', 'supervisor');
    expect(answer.window?.label).toMatch(/^late shift of 21 October 2026/);
  });

  it('"yesterday\'s shift report" is the whole day; a shift named beside it narrows it to that shift', async () => {
    const day = await ask("Show me yesterday's shift report.", '2026-10-09T07:00:00Z', 'supervisor');
    expect(day.rows).toHaveLength(6);
    const night = await ask('shift rpt nights 2 oct', '2026-10-05T08:00:00Z', 'supervisor');
    expect(night.window?.label).toMatch(/^night shift of 2 October 2026/);
  });

  it('"pull up the handover notes" asks for the notes, not for notes that mention pulling', async () => {
    const answer = await ask("Pull up the handover notes from yesterday's late shift.", '2026-10-15T08:30:00Z', 'supervisor');
    expect(answer.sql ?? '').not.toMatch(/LIKE/);
    expect(answer.rows).toHaveLength(1);
  });
});

describe('the shift log over several shifts, the newest N entries, and a day the log words took', () => {
  it('"who was on nights last week" is each night shift of the week, not the first night', async () => {
    const answer = await ask('who was on nights last week', '2026-10-30T07:00:00Z', 'supervisor');
    expect(answer.window?.label).toMatch(/^the 7 night shifts of last week/);
    expect(answer.rows).toHaveLength(7);
    expect(answer.sql ?? '').toMatch(/ OR /);
  });

  it('"the night shift last week" names no one night: declined, not read as the first night', async () => {
    const answer = await ask('who was on the night shift last week', '2026-10-30T07:00:00Z', 'supervisor');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/which period/);
  });

  it('"last 3 handovers" are the three newest handover entries; "latest night shift handover" that shift\'s', async () => {
    const three = await ask('last 3 handovers', '2026-10-30T07:00:00Z', 'supervisor');
    expect(three.rows).toHaveLength(3);
    expect(three.answer).toMatch(/Markus Lehmann: Handover night shift.*Tobias Braun: Handover late shift.*Lukas Wagner: Handover early/);
    const early = await ask('last early shift handover', '2026-10-30T07:00:00Z', 'supervisor');
    expect(early.answer).toMatch(/1 entry\. .*Lukas Wagner: Handover early shift/);
  });

  it('"nite shift sat log", "operator on duty yesterday": a day the log words took is read, not the last 24 hours', async () => {
    const night = await ask('nite shift sat log', '2026-10-30T07:00:00Z', 'supervisor');
    expect(night.window?.label).toMatch(/^night shift of 24 October 2026/);
    const duty = await ask('who was the operator on duty yesterday', '2026-10-15T08:30:00Z', 'supervisor');
    expect(duty.window?.label).toMatch(/^yesterday/);
    expect(duty.rows).toHaveLength(5);
  });
});
