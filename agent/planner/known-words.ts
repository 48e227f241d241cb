// The words a question's typos may be read as (the lexicon, the thesaurus, the catalog), and the words read as written only.
import { AGG_WORDS, FILLER, LEXICON_WORDS } from './question-lexicon.ts';
import { buildTypoIndex, type TypoIndex } from './normalize-question.ts';
import type { TagIndex } from './tag-catalog.ts';
import { MONTHS } from './time-words.ts';
import { placementWords } from './unplaced-words.ts';
import type { Vocabulary } from './vocabulary.ts';

/**
 * The typo index of one catalog: every known word, the contrast roles that keep two meanings apart, and the words of
 * the planner's patterns (thesaurus `reads`) that nothing else makes known, a typo's reading only by a slip that keeps
 * every letter typed ("pendng": pending; "gross" is not "cross").
 */
export function buildKnownWords(index: TagIndex, vocabulary: Vocabulary): TypoIndex {
  return buildTypoIndex(knownWords(index, vocabulary), vocabulary.contrasts, patternWordsOnly(index, vocabulary));
}

/** The words of the planner's patterns that nothing else makes known. */
function patternWordsOnly(index: TagIndex, vocabulary: Vocabulary): Set<string> {
  const other = knownWords(index, { ...vocabulary, reads: new Set() });
  return new Set([...vocabulary.reads].filter((w) => !other.has(w)));
}

/** The words known as written: the lexicon, month names, the catalog's terms and every section of the thesaurus. */
function knownWords(index: TagIndex, vocabulary: Vocabulary): Set<string> {
  // Month names and their short forms are words as written ("sept" is September, never a typo of "sent").
  const known = new Set<string>([...LEXICON_WORDS, ...FILLER, ...Object.keys(AGG_WORDS), ...Object.keys(MONTHS)]);
  for (const term of index.vocabulary) if (/^[a-z]+$/.test(term)) known.add(term);
  for (const [key, value] of vocabulary.rewrite) for (const w of `${key} ${value}`.split(/\s+/)) if (w) known.add(w);
  for (const [key, alternatives] of vocabulary.terms) for (const w of [key, ...alternatives].join(' ').split(/\s+/)) if (w) known.add(w);
  for (const w of [...vocabulary.soft, ...vocabulary.priorities.keys(), ...placementWords(vocabulary)]) known.add(w);
  // The words the planner's own patterns read and the words of the contrast roles are read as written, never as typos.
  for (const w of [...vocabulary.reads, ...vocabulary.contrasts.keys()]) known.add(w);
  for (const phrases of vocabulary.modifiers.values()) for (const w of phrases.join(' ').split(/\s+/)) if (w) known.add(w);
  return known;
}
