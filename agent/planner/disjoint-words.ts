// Two words of a question that the linked tags explain only apart: "clearwell pump alarms" linked to the clearwell's
// tags and the pumps' tags together, though no tag is both. Answering for the union answers neither thing asked.
import { fuzzyTerms, matchWeight, type IndexedTag, type QueryToken, type TagIndex } from './tag-catalog.ts';

/**
 * The first two words (no identifiers: "T1 vs T2 level" compares on purpose) that each name some of `tags` but never
 * the same asset; null when every two words named meet in at least one asset.
 */
export function disjointWords(index: TagIndex, tokens: readonly QueryToken[], tags: readonly IndexedTag[]): [string, string] | null {
  if (tags.length < 2) return null;
  const named = tokens
    .filter((token) => !token.id)
    .map((token) => {
      const fuzzy = fuzzyTerms(index, token.text);
      return { word: token.text, tags: new Set(tags.filter((tag) => matchWeight(token, tag, fuzzy) > 0)) };
    })
    .filter((w) => w.tags.size > 0 && w.tags.size < tags.length);
  // Apart in their assets too: "suction discharge pressure BPS02" names two measurements of one header (asked back).
  const assets = (tags: ReadonlySet<IndexedTag>): Set<string> => new Set([...tags].map((t) => t.info.asset ?? t.info.name));
  for (const [i, a] of named.entries())
    for (const b of named.slice(i + 1)) {
      const [x, y] = [assets(a.tags), assets(b.tags)];
      if (![...x].some((asset) => y.has(asset))) return [a.word, b.word];
    }
  return null;
}

/** The decline naming the two words. */
export function disjointDecline([a, b]: [string, string]): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `"${a}" and "${b}" name different things here (no tag is both); ask about one of them, or both with "and" as two questions`,
  };
}
