// The whole plant said as a place in an alarm question ("across the whole network", "throughout the entire system",
// "everywhere", "network-wide"): every alarm of the journal. The place word is taken by the catalog: when no site or
// asset is named by it (it is only a word of some descriptions, as "network free chlorine" is), it must not narrow the
// alarms to those few tags; a word that names a site or asset ("the whole of BPS03", "the whole plant" where one site
// is the treatment plant) stays and narrows as any name does.
import { stem } from './catalog-words.ts';
import type { TagIndex } from './tag-index.ts';

/** "across the whole network", "in the entire system", "the complete network", "the whole of the plant". */
const WHOLE_RE =
  /\b(?:(?:across|throughout|over|in|on|for|at)\s+)?(?:the\s+|our\s+|my\s+)?(?:whole|entire|complete)\s+(?:of\s+(?:the\s+)?)?([a-z][a-z0-9]*)\b/;
/** "across the network", "throughout our system". */
const ACROSS_RE = /\b(?:across|throughout)\s+(?:the\s+|our\s+|my\s+)([a-z][a-z0-9]*)\b/;
/** "everywhere", "anywhere", "network-wide", "plant-wide": no place at all. */
const ALL_PLACES_RE = /\b(?:everywhere|anywhere|[a-z]+-wide)\b/;

/** Whether `word` names a site or an asset of the catalogs (its code, name or kind), not only a word of descriptions. */
export function namesEntity(word: string, indexes: readonly TagIndex[]): boolean {
  const term = stem(word);
  return indexes.some((index) => {
    const words = entityWordsOf(index);
    return words.has(term) || words.has(word);
  });
}

/** The words of every site and asset of an index, gathered once per index. */
const ENTITY_WORDS = new WeakMap<TagIndex, ReadonlySet<string>>();
function entityWordsOf(index: TagIndex): ReadonlySet<string> {
  const known = ENTITY_WORDS.get(index);
  if (known) return known;
  const words = new Set(index.tags.flatMap((tag) => (tag.entities ?? []).flatMap((e) => [...e.words])));
  ENTITY_WORDS.set(index, words);
  return words;
}

/**
 * `text` with the words that say "the whole plant" blanked, and those words; null when it says nothing of the kind, or
 * when its place word names a site or asset (then it narrows).
 */
export function readWholeScope(text: string, indexes: readonly TagIndex[]): { words: string; text: string } | null {
  for (const re of [WHOLE_RE, ACROSS_RE, ALL_PLACES_RE]) {
    const match = re.exec(text);
    if (!match) continue;
    const place = match[1];
    if (place !== undefined && (namesEntity(place, indexes) || /\d/.test(place))) continue;
    return { words: match[0], text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length) };
  }
  return null;
}
