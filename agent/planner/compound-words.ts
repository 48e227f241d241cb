// Words run together as a hurried hand types them ("boosterstn", "pumpstation", "suctionpressure"): read as the two
// words of the catalog they are made of, before any typo reading turns them into a third word ("boosters").
import { AGG_WORDS, FILLER, LEXICON_WORDS } from './question-lexicon.ts';
import { stem, type TagIndex } from './tag-catalog.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Shortest part a run-together word is split into ("stn" of "boosterstn"); shorter parts split too many words. */
const MIN_PART = 3;

/**
 * The two words `word` is made of, each a word that names something of the catalog (`names`), joined by a space;
 * undefined when no split, or more than one, makes two such words (then the word is left to the typo reading).
 */
export function splitCompound(word: string, names: (part: string) => boolean): string | undefined {
  if (!/^[a-z]+$/.test(word) || word.length < 2 * MIN_PART) return undefined;
  const splits: string[] = [];
  for (let cut = MIN_PART; cut <= word.length - MIN_PART; cut += 1) {
    const [head, tail] = [word.slice(0, cut), word.slice(cut)];
    if (names(head) && names(tail)) splits.push(`${head} ${tail}`);
  }
  return splits.length === 1 ? splits[0] : undefined;
}

/**
 * A chat form glued to its number ("hlp1", "hsp2": high-lift pump 1): the form's reading and the number as two words,
 * when the reading ends in a word naming numbered things of the catalog (`numbered`) and the form's letters are no
 * identifier family of their own ("bps2" stays BPS02's identifier). Undefined otherwise.
 */
export function splitGluedNumber(
  word: string,
  rewrite: ReadonlyMap<string, string>,
  numbered: (word: string, num: number) => boolean,
): string | undefined {
  const match = /^([a-z]{2,})-?(\d{1,2})$/.exec(word);
  if (!match) return undefined;
  const [letters, digits] = [match[1] ?? '', match[2] ?? ''];
  const reading = rewrite.get(letters);
  const num = Number(digits);
  if (!reading || numbered(letters, num) || !numbered(reading.split(/\s+/).at(-1) ?? '', num)) return undefined;
  return `${reading} ${digits}`;
}

/**
 * A word that names something of a catalog: a catalog word, or a thesaurus form whose words are all catalog words
 * ("stn" -> station). Plain English, filler and the planner's own operation and time words name nothing here.
 */
export function namesCatalogThing(word: string, indexes: readonly TagIndex[], vocabulary: Vocabulary): boolean {
  if (vocabulary.plain.has(word) || FILLER.has(word) || LEXICON_WORDS.includes(word) || AGG_WORDS[word] !== undefined) return false;
  const inCatalog = (w: string): boolean => indexes.some((index) => index.vocabulary.has(stem(w)));
  const spelled = vocabulary.rewrite.get(word) ?? vocabulary.terms.get(word)?.[0];
  return inCatalog(word) || (spelled !== undefined && spelled !== '' && spelled.split(/\s+/).every(inCatalog));
}

/**
 * A priority word glued to its number ("prio2", "prio-2", "pri1"): the thesaurus' priority phrase it spells
 * ("priority 2"), when the letters are a chat form of a word that, with the number, is one of the thesaurus'
 * priorities. "p2" is left alone: it is a priority and, in most plants, a pump, which the alarm reading decides.
 */
export function splitGluedPriority(
  word: string,
  rewrite: ReadonlyMap<string, string>,
  priorities: ReadonlyMap<string, number>,
): string | undefined {
  const match = /^([a-z]{2,})-?(\d{1,2})$/.exec(word);
  if (!match) return undefined;
  const [letters, digits] = [match[1] ?? '', match[2] ?? ''];
  const phrase = `${rewrite.get(letters) ?? letters} ${digits}`;
  return priorities.has(phrase) ? phrase : undefined;
}
