// A short form with two readings in this catalog ("res": a chlorine residual or a reservoir's level; "hl": head loss or
// the high-lift pumps) is asked back, not guessed, when the rest of the question leaves both readings with tags.
import { matchWeight, splitTerms, stem, type IndexedTag, type QueryToken } from './tag-catalog.ts';

export interface AmbiguousReading {
  /** The word as the question has it. */
  word: string;
  /** Each reading the catalog has tags for, with those tags. */
  readings: { reading: string; tags: IndexedTag[] }[];
}

/**
 * The first token whose thesaurus readings name disjoint tags among those the question's other words name. The word
 * itself must be no term of the catalog (a tag that carries "res" is named by it); readings that overlap ("demand" as
 * inlet flow or flow) are one meaning narrowed, not two.
 */
export function ambiguousReading(tokens: readonly QueryToken[], tags: readonly IndexedTag[]): AmbiguousReading | null {
  for (const token of tokens) {
    const alts = token.alts ?? [];
    if (token.id || alts.length < 2 || tags.some((tag) => tag.terms.has(token.text))) continue;
    const others = tokens.filter((t) => t !== token);
    const scope = tags.filter((tag) => others.every((t) => matchWeight(t, tag) > 0));
    if (scope.length === 0) continue;
    const readings = alts
      .map((alt) => ({ reading: alt.join(' '), tags: scope.filter((tag) => alt.every((w) => ownWords(tag).has(w))) }))
      .filter((r) => r.tags.length > 0);
    const disjoint = readings.some((a, i) => readings.slice(i + 1).some((b) => !b.tags.some((tag) => a.tags.includes(tag))));
    if (disjoint) return { word: token.text, readings };
  }
  return null;
}

const own = new WeakMap<IndexedTag, Set<string>>();
/**
 * The words of a tag's path below its site ("Tank", "Level"; "Outlet", "Chlorine", "Residual"): a reading names a tag
 * by them. T2's chlorine analyser is described as "Tank T2 outlet ..." after its site, yet it is no tank reading.
 */
function ownWords(tag: IndexedTag): Set<string> {
  let words = own.get(tag);
  if (!words) {
    words = new Set(
      tag.info.name
        .split('/')
        .slice(1)
        .flatMap((part) => splitTerms(part).map(stem)),
    );
    own.set(tag, words);
  }
  return words;
}

/** The ask-back's sentence: the word, each reading with the tags it would name. */
export function readingQuestion(found: AmbiguousReading): string {
  const each = found.readings.map((r) => `${r.reading} (${r.tags.map((t) => t.info.name).join(', ')})`);
  return `"${found.word}" can be read as ${each.join(' or as ')}; which do you mean?`;
}

/** The tags of every reading, the ask-back's candidates. */
export const readingTags = (found: AmbiguousReading): IndexedTag[] => found.readings.flatMap((r) => r.tags);
