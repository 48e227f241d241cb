// The planner's lemmatiser: inflected words reduced to a base form the planner knows, irregular forms from data.
import { describe, expect, it } from 'vitest';
import { lemmaCandidates, lemmatize } from '../../../agent/planner/lemmatize.ts';
import { buildVocabulary } from '../../../agent/planner/vocabulary.ts';

const known = new Set([
  'flow',
  'pump',
  'stop',
  'dose',
  'empty',
  'total',
  'high',
  'hot',
  'level',
  'draw',
  'battery',
  'run',
  'fill',
  'valve',
]);
const isKnown = (w: string): boolean => known.has(w);

describe('lemmatize', () => {
  it.each([
    ['flowed', 'flow', 'verb'],
    ['pumping', 'pump', 'verb'],
    ['pumped', 'pump', 'verb'],
    ['stopped', 'stop', 'verb'],
    ['dosed', 'dose', 'verb'],
    ['dosing', 'dose', 'verb'],
    ['emptied', 'empty', 'verb'],
    ['totalled', 'total', 'verb'],
    ['filled', 'fill', 'verb'],
    ['running', 'run', 'verb'],
    ['levels', 'level', 'plural'],
    ['batteries', 'battery', 'plural'],
    ['valves', 'valve', 'plural'],
    ['higher', 'high', 'other'],
    ['hottest', 'hot', 'other'],
  ])('"%s" -> %s (%s)', (word, lemma, kind) => {
    expect(lemmatize(word, isKnown)).toEqual({ lemma, kind });
  });

  it('leaves a known word as it is, and a word whose base is unknown', () => {
    expect(lemmatize('flow', isKnown)).toBeUndefined();
    expect(lemmatize('gassed', isKnown)).toBeUndefined();
    expect(lemmatize('ring', isKnown)).toBeUndefined();
    expect(lemmatize('bed', isKnown)).toBeUndefined();
  });

  it('reads irregular forms from the thesaurus data, not from code', () => {
    const { lemmas } = buildVocabulary();
    expect(lemmatize('drew', isKnown, lemmas)).toEqual({ lemma: 'draw', kind: 'verb' });
    expect(lemmatize('drew', isKnown)).toBeUndefined();
    expect(buildVocabulary({ lemmas: { zapfte: 'draw' } }).lemmas.get('zapfte')).toBe('draw');
  });

  it('offers the stem, the stem with "e" and the undoubled stem, most likely first', () => {
    expect(lemmaCandidates('stopped').map((c) => c.lemma)).toEqual(['stopp', 'stoppe', 'stop']);
    expect(lemmaCandidates('dosed').map((c) => c.lemma)).toEqual(['dose']);
    expect(lemmaCandidates('ab')).toEqual([]);
  });

  it('a one-syllable stem ending in vowel + consonant doubles it: "runing" is a slip for running, no form of run', () => {
    expect(lemmaCandidates('runing').map((c) => c.lemma)).not.toContain('run');
    expect(lemmaCandidates('stoped').map((c) => c.lemma)).not.toContain('stop');
    expect(lemmaCandidates('running').map((c) => c.lemma)).toContain('run');
    expect(lemmaCandidates('opening').map((c) => c.lemma)).toContain('open');
    expect(lemmaCandidates('heated').map((c) => c.lemma)).toContain('heat');
  });
});
