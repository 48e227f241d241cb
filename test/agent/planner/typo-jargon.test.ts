// Questions typed in a hurry: typos read as the word meant (said in "understood"), plant jargon as data, and a real
// word that only looks like a typo named in a decline instead of being read as another word.
import { describe, expect, it } from 'vitest';
import { breakTypoTie, plausibleTypo, readAbbreviation } from '../../../agent/planner/typo-tolerance.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

describe('typos', () => {
  it.each([
    ['staus of BPS01 pmp 1 now', 'BPS01/P01/Running', 'latest', '"staus" as "status"'],
    ['BPS02 pmp 2 runing?', 'BPS02/P02/Running', 'latest', '"runing" as "running"'],
    ['when did BPS02 P1 stoped yday', 'BPS02/P01/Running', 'crossing', '"stoped" as "stopped"'],
    ['tnak T1 lvl now', 'T1/Tank/Level', 'latest', '"tnak" as "tank"'],
    ['how many strats BPS03 P3 yday', 'BPS03/P03/Running', 'run-hours', '"strats" as "starts"'],
    ['trbdty F01 max last 24h', 'WTP01/F01/Turbidity', 'aggregate', '"trbdty" as "turbidity"'],
    ['BPS01 pmp 1 crnt max yday', 'BPS01/P01/MotorCurrent', 'aggregate', '"crnt" as "current"'],
    ['tmpr T1 outlet now', 'T1/Outlet/Temperature', 'latest', '"tmpr" as "temperature"'],
  ])('"%s" reads %s (%s), and says it read %s', (question, tag, kind, reading) => {
    const result = plan(question);
    expect(result.kind).toBe('plan');
    if (result.kind !== 'plan') return;
    expect(result.tags.map((t) => t.name)).toEqual([tag]);
    expect(result.operation.kind).toBe(kind);
    expect(result.understood).toContain(`read ${reading}`);
  });

  it.each([
    ['pumping cost BPS01 last wk', 'cost'],
    ['avg heat BPS01 yday', 'heat'],
  ])('"%s": a short real word is not read as another one by a swapped letter; the decline names "%s"', (question, word) => {
    const result = plan(question);
    expect(result.kind).toBe('decline');
    if (result.kind === 'decline') expect(result.reason).toContain(`"${word}"`);
  });

  it('a word no known word is within its edit budget of stays as written ("late" is not read as "least")', () => {
    const result = plan('handover notes frm the late shift yday');
    expect(result.kind).toBe('plan');
    if (result.kind === 'plan') expect(result.understood).toContain('late shift (2026-10-14 14:00');
  });

  it('a short word is a typo only by a dropped, doubled or swapped letter; a tie goes to the word that keeps every letter typed', () => {
    expect(plausibleTypo('cost', 'most')).toBe(false);
    expect(plausibleTypo('tnak', 'tank')).toBe(true);
    expect(plausibleTypo('lvel', 'level')).toBe(true);
    expect(plausibleTypo('presure', 'pressure')).toBe(true);
    expect(breakTypoTie('staus', ['stats', 'status'])).toBe('status');
    expect(breakTypoTie('strats', ['stats', 'starts'])).toBe('starts');
    expect(breakTypoTie('abcd', ['abce', 'abcf'])).toBeUndefined();
  });

  it('a word without vowels is the one known word with that consonant skeleton; a skeleton two words share is left unread', () => {
    const bySkeleton = new Map([
      ['prsr', ['pressure']],
      ['lst', ['last', 'list']],
      ['tmprtr', ['temperature']],
    ]);
    expect(readAbbreviation('prssr', bySkeleton)).toBe('pressure');
    expect(readAbbreviation('tmpr', bySkeleton)).toBe('temperature');
    expect(readAbbreviation('lst', bySkeleton)).toBeUndefined();
    expect(readAbbreviation('press', bySkeleton)).toBeUndefined();
  });
});

describe('plant jargon (thesaurus data)', () => {
  it.each([
    ['RW temprature at the intake', 'WTP01/Intake/RawTemperature', 'latest'],
    ['daily avg TW flow last wk', 'WTP01/HL/OutletFlow', 'series'],
    ['final wtr turb avg yday', 'WTP01/Outlet/Turbidity', 'aggregate'],
    ['avg crit pt presure DMA03 yday', 'DMA03/CP01/Pressure', 'aggregate'],
    ['suction head BPS02 min yday', 'BPS02/Header/SuctionPressure', 'aggregate'],
    ['run hrs duty pump BPS02 P1 last wk', 'BPS02/P01/Running', 'run-hours'],
    ['lift stn 2 disch press now', 'BPS02/Header/DischargePressure', 'latest'],
    ['HSP 3 amps now', 'WTP01/P03/MotorCurrent', 'latest'],
    ['sump lvl now', 'WTP01/Intake/WellLevel', 'latest'],
    ['vsd spd BPS03 P2 avg yday', 'BPS03/P02/Speed', 'aggregate'],
    ['BPS03 press setpt now', 'BPS03/Header/PressureSetpoint', 'latest'],
  ])('"%s" reads %s (%s)', (question, tag, kind) => {
    const result = plan(question);
    expect(result.kind).toBe('plan');
    if (result.kind !== 'plan') return;
    expect(result.tags.map((t) => t.name)).toEqual([tag]);
    expect(result.operation.kind).toBe(kind);
  });

  it('a role word with no pump named asks which pump, rather than answering for one', () => {
    const result = plan('run hrs duty pump BPS02 last wk');
    expect(result.kind).toBe('ambiguous');
  });
});
