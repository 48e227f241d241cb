// Two things named on either side of "and" / "+" / "&" / "vs" ("wtp out ph + raw ph now"): when the words of both
// sides together link to only one of them, the other side's words were dropped as loose words and the answer would
// leave a thing asked for out. Each side is then linked on its own (link-entities.ts linkPair) and both are answered.
import { linkPair } from './link-entities.ts';
import type { IndexedTag, QueryToken, TagIndex } from './tag-catalog.ts';
import type { Vocabulary } from './vocabulary.ts';

/**
 * The two tags the sides of the conjunction name, one each, when the tags linked from all words together (`linked`)
 * miss one of them; undefined when a side names no single tag or nothing was left out.
 */
export function conjoinedTags(
  index: TagIndex,
  sides: readonly [QueryToken[], QueryToken[]],
  linked: readonly IndexedTag[],
  vocabulary: Vocabulary,
  verbal: ReadonlySet<string>,
): IndexedTag[] | undefined {
  if (sides[0].length === 0 || sides[1].length === 0 || linked.length === 0) return undefined;
  const pair = linkPair(index, sides, vocabulary, verbal);
  if (!pair) return undefined;
  // Only a link that took one side and lost the other: every tag linked is one of the pair, and one of the pair is missing.
  if (!linked.every((tag) => pair.includes(tag)) || pair.every((tag) => linked.includes(tag))) return undefined;
  return pair;
}
