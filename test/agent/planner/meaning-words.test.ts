// A word that changes what is asked (a statistic, a condition, an exclusion, a rate, a unit) is named in a decline or
// an ask-back, never dropped; words that only say how the question is asked (greetings, hedges, "recorded") are not.
import { describe, expect, it } from 'vitest';
import { buildVocabulary } from '../../../agent/planner/vocabulary.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();

const reasonOf = (question: string): string => {
  const result = plan(question);
  if (result.kind === 'plan') throw new Error(`"${question}" was answered: ${result.understood}`);
  return result.reason;
};

describe('a modifier the planner cannot apply is named, not dropped', () => {
  it.each([
    ['what was the median T3 level last week', 'median'],
    ['90th percentile of BPS01 station flow yesterday', 'percentile'],
    ['standard deviation of raw turbidity yesterday', 'standard deviation'],
    ['avg BPS02 station flow whilst both pumps ran yesterday', 'whilst'],
    ['mean HL outlet pressure only when P3 was on yesterday', 'only when'],
    ['avg DMA02 inlet flow yesterday when the CP01 pressure was low', 'when'],
    ['which booster pump apart from BPS03 P01 drew the most power last week', 'apart from'],
    ['avg T3 level last week, ignoring the bad data', 'ignoring'],
    ['how fast did the T2 level fall yesterday', 'how fast'],
  ])('"%s" declines naming "%s"', (question, word) => {
    expect(reasonOf(question)).toContain(`"${word}"`);
  });

  it('still reads a question-word "when" ("when did P2 at BPS02 start on 26 August")', () => {
    expect(planned('when was pump P02 at BPS02 started on 26 August', '2026-08-28T08:00:00Z').tags.map((t) => t.name)).toEqual([
      'BPS02/P02/Running',
    ]);
  });
});

describe('filler is dropped wherever it stands', () => {
  it.each([
    ['hiya, pressure at BPS02 discharge header now?', 'BPS02/Header/DischargePressure'],
    ["I'm just wondering what the T1 level is", 'T1/Tank/Level'],
    ['could you possibly pull the max BPS03 station flow yesterday', 'BPS03/Header/Flow'],
    ['the logged average DMA05 inlet flow yesterday, nothing urgent', 'DMA05/Inlet/Flow'],
  ])('"%s" is answered from %s', (question, tag) => {
    expect(planned(question).tags.map((t) => t.name)).toEqual([tag]);
  });
});

describe('a word the named tag does not carry is not answered by another tag', () => {
  it('does not answer DMA03 inlet flow with the critical-point pressure', () => {
    expect(plan('avg DMA03 inlet flow yesterday critical').kind).not.toBe('plan');
  });
});

describe('a site adds modifiers to the shipped classes', () => {
  it('keeps the shipped exclusion words beside the site’s own', () => {
    const exclusion = buildVocabulary({ modifiers: { exclusion: ['ohne'] } }).modifiers.get('exclusion') ?? [];
    expect(exclusion).toEqual(expect.arrayContaining(['ohne', 'except', 'other than']));
  });
});
