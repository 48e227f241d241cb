// An instrument tag written with its loop number ("LT2", "PT-3", "FIT 101" without the space): the instrument letters
// name a measured variable (instrument-letters.ts), the number the numbered thing of the catalog that carries it. Read
// as that thing's identifier and the variable's words ("LT2": the level of T2), when the catalog has exactly one such
// thing; otherwise the word stays as written, and a decline names it.
import { stem, type TagIndex } from './tag-catalog.ts';
import type { Vocabulary } from './vocabulary.ts';

const INSTRUMENT_NUMBER_RE = /^([a-z]{2,4})-?0*(\d{1,3})$/;

/** "lt2" -> "t2 level" when one numbered thing carries the variable; undefined when none, several, or no instrument. */
export function readInstrumentNumber(word: string, indexes: readonly TagIndex[], vocabulary: Vocabulary): string | undefined {
  const match = INSTRUMENT_NUMBER_RE.exec(word);
  if (!match) return undefined;
  const letters = match[1] ?? '';
  const num = Number(match[2]);
  // Only a form the thesaurus reads as instrument letters ("lt" -> level), never a catalog identifier ("bps3", "dma1").
  const words = vocabulary.terms.get(letters);
  if (!words || words.length === 0 || !vocabulary.instrumentForms.has(letters)) return undefined;
  const variable = words.flatMap((w) => w.split(/\s+/)).map(stem);
  const owners = new Set<string>();
  for (const index of indexes)
    for (const tag of index.tags)
      if (variable.every((w) => tag.terms.has(w)))
        for (const id of tag.ownIds) if (id.num === num && id.letters !== letters) owners.add(`${id.letters}${num}`);
  return owners.size === 1 ? `${[...owners][0]} ${words.join(' ')}` : undefined;
}
