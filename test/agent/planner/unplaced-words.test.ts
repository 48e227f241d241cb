// Every content word is placed by a part of the plan or known harmless: a word that is neither stops the plan, named,
// with what would be answered without it; politeness and purpose clauses ("for the regulator") never do.
import { describe, expect, it } from 'vitest';
import { buildVocabulary } from '../../../agent/planner/vocabulary.ts';
import { dropHarmless } from '../../../agent/planner/unplaced-words.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();

const reasonOf = (question: string): string => {
  const result = plan(question);
  if (result.kind === 'plan') throw new Error(`"${question}" was answered: ${result.understood}`);
  return result.reason;
};

describe('a word no part of the plan takes up stops it, named', () => {
  it.each([
    ['t3 lvl after the refill yday', 'refill'],
    ['avg bps2 suction press yday during the outage', 'outage'],
    ['max raw turb yday, no spikes', 'spikes'],
    ['highest lvl among the other tanks yday', 'other'],
    ['DMA02 FIT gross yday', 'gross'],
  ])('"%s" declines naming "%s"', (question, word) => {
    expect(reasonOf(question)).toContain(`"${word}"`);
  });

  it('says what it would answer without the word', () => {
    expect(reasonOf('avg bps2 suction press yday during the outage')).toContain(
      'I would answer: aggregate of BPS02/Header/SuctionPressure',
    );
  });

  it('holds "per" until a group answer takes it up', () => {
    expect(reasonOf('bps1 energy per m3 pumped yday')).toContain('"per m3"');
    expect(planned('What was the average power drawn by the BPS03 pumps yesterday, per pump?').tags).toHaveLength(3);
  });

  it('reads "between" as a correlation’s two sides, not as a band of values', () => {
    expect(planned('correlation between T1 level and WTP01 outlet flow last week').operation.kind).toBe('correlation');
    expect(reasonOf('max T1 level yesterday between refills')).toContain('"between"');
  });
});

describe('a statistic of statistics is named, read in the whole question', () => {
  it('declines "average daily maximum" instead of giving the daily averages and maxima', () => {
    expect(reasonOf('What was the average daily maximum of the T2 level last week?')).toContain('"average daily maximum"');
  });

  it('still ranks the days by their average ("which day had the highest average")', () => {
    expect(planned('which day had the highest average T2 level last week').operation.kind).toBe('bucket-rank');
  });
});

describe('politeness and purpose are harmless', () => {
  it.each([
    ['max t2 lvl yday for the handover pls', 'T2/Tank/Level'],
    ['T1 LT max yday for shift report', 'T1/Tank/Level'],
    ['avg t1 lvl yday thx in advance', 'T1/Tank/Level'],
    ['can you confirm the T2 level right now', 'T2/Tank/Level'],
    [
      'What was the average BPS01 discharge header pressure yesterday? I need it for the report to the regulator.',
      'BPS01/Header/DischargePressure',
    ],
    ['Could you tell me the peak BPS03 station flow yesterday for the board pack, please?', 'BPS03/Header/Flow'],
  ])('"%s" is answered from %s', (question, tag) => {
    expect(planned(question).tags.map((t) => t.name)).toEqual([tag]);
  });

  it('keeps the purpose data in the thesaurus, where a site adds its own', () => {
    const vocabulary = buildVocabulary({ purposes: ['dwi'] });
    expect(dropHarmless('t1 level yday for the dwi', vocabulary).trim()).toBe('t1 level yday');
    expect(dropHarmless('t1 level yday for the dwi', buildVocabulary()).trim()).toBe('t1 level yday for the dwi');
  });
});
