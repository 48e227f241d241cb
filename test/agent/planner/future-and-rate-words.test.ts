// A period to come ("in a day", "2026-10-20" asked on 15 Oct) is declined by name, never queried as a reversed window;
// a count said per bucket ("starts a day", "alarms/day") is no total; a trip is no alarm; an alarm limit by its letters
// (HH, LL, "lo lo") is no priority (a condition the sample journal does not record); the ask-back about which night says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureWindowReason } from '../../../agent/planner/future-window.ts';
import { tripAskWord } from '../../../agent/planner/stopped-time.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

const { plan } = useReferencePlanner();
const NOW = '2026-10-15T08:30:00Z';
const reasonOf = (question: string, now = NOW): string => {
  const result = plan(question, now);
  return result.kind === 'decline' ? result.reason : result.kind;
};

describe('a period to come', () => {
  it.each([
    ['avg T1 lvl in a day', 'in a day'],
    ['T1 level in 2 days', 'in 2 days'],
    ['T1 lvl in an hour', 'in an hour'],
    ['avg T1 lvl 2026-10-20', '2026-10-20'],
    ['T1 lvl since 20 oct 2026', 'since 20 oct 2026'],
  ])('"%s" is declined naming "%s"', (question, words) => {
    expect(reasonOf(question)).toContain(`I could not place "${words}": it names a time to come`);
  });

  it('a past period is still answered', () => {
    expect(plan('avg T1 lvl in the last day', NOW).kind).toBe('plan');
    expect(plan('avg T1 lvl a day ago', NOW).kind).toBe('plan');
  });

  it('a window that starts after now, or ends before it starts, has a reason; one that ends at now has none', () => {
    const at = (from: string, to: string) => ({ from, to, timezone: 'UTC', label: 'x (y)' });
    const now = new Date(NOW);
    expect(futureWindowReason(at('2026-10-15T09:00:00Z', '2026-10-16T00:00:00Z'), now)).toMatch(/time to come/);
    expect(futureWindowReason(at('2026-10-14T00:00:00Z', '2026-10-13T00:00:00Z'), now)).toMatch(/ends before it starts/);
    expect(futureWindowReason(at('2026-10-14T00:00:00Z', NOW), now)).toBeUndefined();
    expect(futureWindowReason(at(NOW, NOW), now)).toBeUndefined();
  });
});

describe('a count per bucket', () => {
  it.each(['bps2 p1 starts a day last wk', 'bps2 p1 starts/day last wk', 'bps2 p1 runtime a day last wk', 'bps2 p1 starts an hour yday'])(
    '"%s" is not answered as one total',
    (question) => {
      expect(reasonOf(question)).toMatch(/counted over the whole period, not per (?:day|hour)/);
    },
  );

  it('"alarms a day last wk" is the count of each plant day, never the list of every alarm', () => {
    const result = plan('alarms a day last wk', NOW);
    expect(result.kind === 'plan' && result.operation).toMatchObject({ kind: 'alarm-top', bucket: 'day' });
  });
});

describe('trips', () => {
  it.each(['any trips o/n', 'did bps2 p1 trip o/n', 'any pump trips this wk'])('"%s" names the trip', (question) => {
    expect(reasonOf(question)).toMatch(/I could not place "trips?"/);
  });

  it.each(['any trip alarms o/n', 'how many trip alarms at bps03 last week', 'Were there any trip alarms at BPS02 last night?'])(
    '"%s" names the trip: the journal\'s alarms are limit crossings, never the list of every alarm',
    (question) => {
      expect(reasonOf(question)).toMatch(/I could not place "trip": the alarm journal records limit crossings/);
    },
  );

  it('the moment of a trip is left to the crossing shape', () => {
    expect(tripAskWord('when did p2 ps3 trip on the 29th')).toBeNull();
    expect(tripAskWord('p2 ps3 trip time 29th')).toBeNull();
    expect(tripAskWord('bps01 suct pt min yday after p2 trip')).toBeNull();
  });
});

describe('alarm limits by their letters', () => {
  it.each([
    ['lo lo alarms t1 oct', 'lo lo', 'not LOLO'],
    ['any hi hi alarms yday', 'hi hi', 'not HIHI'],
  ])('"%s" names the condition "%s", which the sample journal does not record', (question, words, missing) => {
    expect(reasonOf(question)).toContain(
      `I could not place "${words}": the alarm journal of source "historian" records the conditions HIGH and LOW, ${missing}`,
    );
  });

  it.each([
    ['H alarms t1 oct', 'h alarms'],
    ['anything out of range yday', 'out of range'],
  ])('"%s" names "%s", never a priority or an outlet tag', (question, words) => {
    expect(reasonOf(question)).toContain(`I could not place "${words}": it asks for an alarm limit`);
  });

  it('"high priority alarms yday" is still the priority-2 list', () => {
    const result = plan('high priority alarms yday', NOW);
    expect(result.kind === 'plan' ? result.operation : result).toMatchObject({ kind: 'alarm-list', priority: 2 });
  });
});

describe('the ask-back about which night', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await createTestRuntime();
  });
  afterAll(async () => {
    await rt.runtime.close();
  });

  it('says the night is open, not that several tags matched', async () => {
    const principal = rt.runtime.principalFor('engineer');
    if (!principal) throw new Error('no engineer');
    const answer = await rt.runtime.ask({
      principal,
      question: 'how much did T1 lvl go down last night',
      channel: 'cli',
      requestId: 'night-ask',
      now: new Date('2026-10-15T02:50:00Z'),
    });
    expect(answer.notes).toContain('the question leaves open which night "last night" is; no query was run');
    expect(answer.notes.join(' ')).not.toMatch(/several tags/);
  });
});
