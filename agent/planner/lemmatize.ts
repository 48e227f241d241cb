// A small English lemmatiser for the planner: "flowed" -> flow, "pumping" -> pump, "stopped" -> stop, "emptied" -> empty.

/** How a word was reduced: a verb form (-ed, -ing, an irregular past), a plural (-s, -es, -ies), a comparison (-er, -est). */
export type LemmaKind = 'verb' | 'plural' | 'other';

export interface Lemma {
  lemma: string;
  kind: LemmaKind;
}

const VOWEL = /[aeiou]/;

/** "stopp" -> "stop", "runn" -> "run": a doubled final consonant of an inflected stem. */
function undouble(stem: string): string | undefined {
  const last = stem.at(-1) ?? '';
  return stem.length >= 3 && last === stem.at(-2) && !VOWEL.test(last) ? stem.slice(0, -1) : undefined;
}

/**
 * "run", "stop", "hot": one syllable ending in a single vowel and a single consonant (not w, x, y). English doubles
 * that consonant before -ing, -ed, -er, -est ("running", "stopped"), so "runing" is no form of "run": it is a slip
 * for "running", left to the typo reading.
 */
function doublesFinal(stem: string): boolean {
  const groups = stem.match(/[aeiou]+/g) ?? [];
  return groups.length === 1 && /[^aeiou][aeiou][^aeiouwxy]$/.test(stem);
}

/**
 * The base forms a word may be an inflection of, most likely first: "-ied/-ies" -> "-y"; "-ing", "-ed", "-er", "-est" ->
 * the stem, the stem with "e" ("dosed" -> dose), the stem undoubled ("stopped" -> stop); "-es", "-s" -> the singular.
 * Purely by spelling: the caller keeps the first candidate it knows.
 */
export function lemmaCandidates(word: string): Lemma[] {
  const out: Lemma[] = [];
  const add = (lemma: string | undefined, kind: LemmaKind): void => {
    if (lemma && lemma.length >= 2 && lemma !== word && !out.some((c) => c.lemma === lemma)) out.push({ lemma, kind });
  };
  if (!/^[a-z]+$/.test(word) || word.length < 4) return out;
  const suffixed = (suffix: string, kind: LemmaKind, minStem: number): void => {
    if (!word.endsWith(suffix)) return;
    const stem = word.slice(0, -suffix.length);
    if (stem.length < minStem || !VOWEL.test(stem)) return;
    if (!doublesFinal(stem)) add(stem, kind);
    add(`${stem}e`, kind);
    add(undouble(stem), kind);
  };
  if (word.endsWith('ied') || word.endsWith('ies')) add(`${word.slice(0, -3)}y`, word.endsWith('ied') ? 'verb' : 'plural');
  suffixed('ing', 'verb', 2);
  suffixed('ed', 'verb', 2);
  suffixed('est', 'other', 3);
  suffixed('er', 'other', 3);
  if (word.endsWith('es')) add(word.slice(0, -2), 'plural');
  if (word.endsWith('s') && !word.endsWith('ss')) add(word.slice(0, -1), 'plural');
  return out;
}

/**
 * The lemma of a word the caller does not know as written: an irregular form from the thesaurus data ("drew" -> draw),
 * else the first spelling candidate that `isKnown` accepts. Undefined when the word is known or nothing fits.
 */
export function lemmatize(
  word: string,
  isKnown: (w: string) => boolean,
  irregular: ReadonlyMap<string, string> = new Map(),
): Lemma | undefined {
  if (isKnown(word)) return undefined;
  const listed = irregular.get(word);
  if (listed !== undefined && isKnown(listed)) return { lemma: listed, kind: 'verb' };
  return lemmaCandidates(word).find((candidate) => isKnown(candidate.lemma));
}
