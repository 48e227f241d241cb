// When an unknown word may be read as a typo of a known one: the edit budget, the short-word guard and the tie-break.

/** Edits a typo may be away from the word meant: one for words of four to six letters, two from seven letters on. */
export const typoBudget = (word: string): number => (word.length >= 7 ? 2 : 1);

/**
 * Whether `candidate` is a plausible reading of the typed `word` (already within its edit budget). A word of four letters
 * or fewer with one letter replaced is most often another real word ("cost" is not "most", "heat" is not "head"), so a
 * short word is read only as a word it misses a letter of ("lvel"), has one letter too many of, or has two neighbouring
 * letters swapped in ("tnak"). Longer words take any edit within the budget.
 */
export function plausibleTypo(word: string, candidate: string): boolean {
  // A hurried hand slips inside a word, seldom on its first letter and elsewhere as well: a reading that changes the
  // first letter is one edit away ("gflow", "lfow") or none ("nitrate" is a measurement the catalog lacks, not "filtrate").
  if (word.charAt(0) !== candidate.charAt(0) && !withinOneEdit(word, candidate)) return false;
  if (word.length > 4 || word.length !== candidate.length) return true;
  for (let i = 0; i < word.length; i += 1) {
    if (word[i] === candidate[i]) continue;
    return word[i] === candidate[i + 1] && word[i + 1] === candidate[i] && word.slice(i + 2) === candidate.slice(i + 2);
  }
  return false;
}

/** True when one letter added, left out, replaced, or two neighbours swapped, turns `a` into `b`. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length)
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** True when `candidate` holds every letter typed, as often as typed: letters left out or swapped, none mistyped. */
export function keepsEveryLetter(word: string, candidate: string): boolean {
  const left = new Map<string, number>();
  for (const ch of candidate) left.set(ch, (left.get(ch) ?? 0) + 1);
  for (const ch of word) {
    const n = left.get(ch) ?? 0;
    if (n === 0) return false;
    left.set(ch, n - 1);
  }
  return true;
}

/**
 * Of several known words as close to the typed word, the one it reads as: letters left out or two neighbours swapped
 * are the commonest slips of a hurried hand, so the single candidate that keeps every letter typed wins ("staus" is
 * "status", not "stats"; "strats" is "starts", not "stats"). Undefined when no single candidate stands out: then the
 * word is not corrected at all.
 */
export function breakTypoTie(word: string, tied: readonly string[]): string | undefined {
  const kept = tied.filter((candidate) => keepsEveryLetter(word, candidate));
  return kept.length === 1 ? kept[0] : undefined;
}

/**
 * True when the equally close readings of a typed word fall in two meaning classes of one role (thesaurus `contrasts`):
 * "ofline" is one edit from offline and from online, "lest" from last and from least, "nacked" from acked and unacked.
 * A tie-break by spelling would pick one meaning with confidence, so the word is better left unread (and named).
 */
export function readsTwoMeanings(tied: readonly string[], contrasts: ReadonlyMap<string, readonly string[]>): boolean {
  const byRole = new Map<string, Set<string>>();
  for (const word of tied)
    for (const key of contrasts.get(word) ?? []) {
      const role = key.slice(0, key.lastIndexOf('/'));
      byRole.set(role, (byRole.get(role) ?? new Set<string>()).add(key));
    }
  return [...byRole.values()].some((classes) => classes.size > 1);
}

/** A word's consonant skeleton: its first letter, then the rest without vowels, doubled letters single ("pressure" -> prsr). */
export function skeleton(word: string): string {
  return (word.charAt(0) + word.slice(1).replace(/[aeiou]/g, '')).replace(/(.)\1+/g, '$1');
}

/** A word written without its vowels ("prssr", "dschrg", "trbdty"): three letters or more, no vowel after the first. */
export const isVowelless = (word: string): boolean => word.length >= 3 && /^[a-z][^aeiou\d\W_]+$/.test(word);

/**
 * The known word a vowel-less abbreviation stands for: the one whose skeleton it is ("crnt" -> current), else, from four
 * letters on, the one whose skeleton it begins ("tmpr" -> temperature). Undefined unless exactly one word fits, so a
 * skeleton two words share ("lst": last, list) is left unread.
 */
export function readAbbreviation(word: string, bySkeleton: ReadonlyMap<string, readonly string[]>): string | undefined {
  if (!isVowelless(word)) return readContraction(word, bySkeleton);
  const bones = skeleton(word);
  const longer = (words: readonly string[]): string[] => words.filter((w) => w.length > word.length);
  const exact = longer(bySkeleton.get(bones) ?? []);
  if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined;
  if (bones.length < 4) return undefined;
  const begun = new Set<string>();
  for (const [key, words] of bySkeleton)
    if (key.length > bones.length && key.startsWith(bones)) for (const w of longer(words)) begun.add(w);
  return begun.size === 1 ? [...begun][0] : undefined;
}

/**
 * A word written with some of its vowels left out, the rest as spelled ("hdloss" -> headloss, "presur" is no such
 * form: its "u" is no letter of pressure): five letters or more, exactly one known word of that skeleton, the same first
 * letter, and every letter left out a vowel.
 */
function readContraction(word: string, bySkeleton: ReadonlyMap<string, readonly string[]>): string | undefined {
  if (word.length < 5 || !/^[a-z]+$/.test(word)) return undefined;
  const fits = (bySkeleton.get(skeleton(word)) ?? []).filter((known) => known.length > word.length && leavesOutVowels(word, known));
  return fits.length === 1 ? fits[0] : undefined;
}

/** Whether `word` is `known` with only vowels (after its first letter) left out. */
function leavesOutVowels(word: string, known: string): boolean {
  if (word[0] !== known[0]) return false;
  let i = 0;
  for (const letter of known) {
    if (i < word.length && letter === word[i]) i += 1;
    else if (!/[aeiou]/.test(letter)) return false;
  }
  return i === word.length;
}
