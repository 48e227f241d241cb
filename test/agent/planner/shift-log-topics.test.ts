// What shift-log entries must mention: every thing of the catalog named, in any of its spoken forms, and one of the other
// subject words; chat forms read as fillers are none; a writer named in full.
import { describe, expect, it } from 'vitest';
import { readAuthor, shiftLogSubjects, type SubjectReading } from '../../../agent/planner/shift-log-topics.ts';
import { LOG_WORDS } from '../../../agent/planner/shift-log-plan.ts';

const catalogWords = new Set(['bps03', 'p2', 't3', 'cl2', 'analyser', 'bearing', 'dma05']);
const reading: SubjectReading = {
  namesThing: (w) => catalogWords.has(w),
  termsOf: (w) => (w === 'cl2' ? ['chlorine'] : undefined),
  corrected: new Map([['abt', 'about']]),
};

describe('shiftLogSubjects', () => {
  it('requires each identifier named, in its written and padded forms, and reads "abt" as the filler it is', () => {
    expect(shiftLogSubjects('what did the       abt bps03 p2 bearing', LOG_WORDS, reading)).toEqual({
      things: [
        ['bps03', 'bps3'],
        ['p2', 'p02'],
      ],
      topics: ['bearing'],
    });
  });

  it('keeps catalog words as alternatives, and a thesaurus word is no identifier ("cl2" is chlorine, not CL02)', () => {
    expect(shiftLogSubjects('re t3 cl2 analyser stuck', LOG_WORDS, reading)).toEqual({
      things: [['t3', 't03']],
      topics: ['cl2', 'analyser', 'stuck'],
    });
  });

  it('keeps the other words as one idea, any of which a note may use, plural read as singular', () => {
    expect(shiftLogSubjects('weekly rounds bps03', LOG_WORDS, reading)).toEqual({ things: [['bps03', 'bps3']], topics: ['round'] });
    expect(shiftLogSubjects('about the radio link', LOG_WORDS, reading)).toEqual({ things: [], topics: ['radio', 'link'] });
  });
});

describe('readAuthor', () => {
  it('reads a writer named in full between "did" and the writing', () => {
    const read = readAuthor('which       felix richter write', 'which notes did felix richter write in october', () => false);
    expect(read.author).toBe('felix richter');
    expect(read.rest.split(/\s+/).filter(Boolean)).toEqual(['which', 'write']);
  });

  it('does not take the word after the name ("did katrin last write") for a surname', () => {
    expect(readAuthor('when did katrin last write', 'when did katrin last write', () => false).author).toBe('katrin');
  });
});
