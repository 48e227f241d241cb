// Words the planner used to read past as harmless though they change what is asked: a level that "dropped" or "went
// down" (its change, not its average), and a number no part of the plan takes up (a value or an identifier meant).
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const reference = useReferencePlanner();
const NOW = '2026-10-14T09:00:00Z';

describe('how much a level fell or rose is its change over the window', () => {
  it.each([
    'How much did the level in tank T1 drop last night?',
    'how much did T1 lvl fall o/n',
    'how much did T1 lvl go down last night',
    'T2 lvl went up how much yday',
    'By how much did the clearwell level decrease yesterday?',
  ])('%s', (question) => {
    const plan = reference.planned(question, NOW);
    expect(plan.operation).toEqual({ kind: 'aggregate', fns: ['delta'] });
  });

  it('a drop below a value is still the time below it, and a first drop below it the moment', () => {
    expect(reference.planned('T2 lvl went down below 2.6 m yday how long', NOW).operation).toMatchObject({
      kind: 'threshold',
      comparator: 'below',
      value: 2.6,
    });
    expect(reference.planned('when did T1 lvl first drop below 3 m last wk', NOW).operation).toMatchObject({ kind: 'crossing' });
  });
});

describe('a number no part of the plan takes up stops the plan, named', () => {
  it.each(['max flow DMA01 2 last wk', 'alarms 2 last wk'])('%s', (question) => {
    const result = reference.plan(question, NOW);
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toMatch(/"2"/);
  });

  it('a count of the things named is no stray number', () => {
    const plan = reference.planned('hw long did the 2 pumps run simultaneously at BPS02 in aug', '2026-09-10T15:00:00Z');
    expect(plan.tags.map((t) => t.name)).toEqual(['BPS02/P01/Running', 'BPS02/P02/Running']);
  });
});

describe('chat forms that read as something else', () => {
  it('a unit right after a number is that unit: "60000 W" is 60 kW, not "60000 with"', () => {
    const plan = reference.planned('BPS02 P1 power > 60000 W 26 aug', '2026-08-27T09:00:00Z');
    expect(plan.operation).toMatchObject({ kind: 'threshold', comparator: 'above', value: 60 });
    // "w" between two things is still "with".
    expect(reference.planned('T1 lvl w T2 lvl yday', NOW).tags.map((t) => t.name)).toEqual(['T1/Tank/Level', 'T2/Tank/Level']);
  });

  it('"last 2w" is the last two weeks, not the day two weeks ago', () => {
    const plan = reference.planned('avg T1 lvl last 2w', '2026-10-30T07:00:00Z');
    expect([plan.window.from, plan.window.to]).toEqual(['2026-10-16T07:00:00.000Z', '2026-10-30T07:00:00.000Z']);
  });
});
