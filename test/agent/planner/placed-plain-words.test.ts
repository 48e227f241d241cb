// Words the thesaurus listed as plain English though they change what is asked: a direction ("up"), a place in an order
// ("second"), a count of values ("three highest"), a time relative to another ("previous day"), a comparison ("same as
// yesterday"). Each is taken up by the part of the plan that applies it, or stops the plan, named.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const reference = useReferencePlanner();
const NOW = '2026-10-15T08:30:00Z';

describe('a word no part of the plan takes up stops the plan, named', () => {
  it.each([
    ['dma01 flow up yesterday?', '"up"'],
    ['T1 level kept rising yesterday?', '"rising"'],
    ['second T1 level reading yesterday', '"second"'],
    ['three lowest T2 levels last week', '"three"'],
    ['T1 level previous day', '"previous"'],
    ['T1 level same as yesterday?', '"same"'],
    ['dma02 flow more yday?', '"more"'],
    // "above" is in T1's description ("water level above floor"), yet the tags are the same without it
    ['T1 level above yesterday', '"above"'],
    // a count of values one tag's aggregate does not give
    ['top 3 dma01 flows yesterday', '"3"'],
  ])('%s', (question, word) => {
    const result = reference.plan(question, NOW);
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toContain(word);
  });
});

describe('the part that applies the word takes it up', () => {
  it('a peak reached is the maximum', () => {
    expect(reference.planned('max T1 level reached yesterday', NOW).operation).toEqual({ kind: 'aggregate', fns: ['max'] });
    expect(reference.planned('BPS02 hdr flow peaked at what last night', NOW).operation).toEqual({ kind: 'aggregate', fns: ['max'] });
  });

  it('up or down since a point is the change since then', () => {
    expect(reference.planned('is T1 level up or down since monday', NOW).operation).toEqual({
      kind: 'aggregate',
      fns: ['first', 'last', 'delta'],
    });
  });

  it('a count of the things named, spelled out, is read past', () => {
    const plan = reference.planned('Did the two Kirchberg booster pumps ever run at the same time in September?', NOW);
    expect(plan.operation.kind).toBe('together');
    expect(reference.planned('hl pmps all three on simultaneously this wk?', NOW).operation.kind).toBe('together');
  });

  it('a pump that is up is in its running state', () => {
    expect(reference.planned('is bps03 p1 up', NOW).operation.kind).toBe('latest');
  });
});
