// Checks a group of tags before a group answer: one measurement, and one tag per site when the question named sites by kind.
import { askBack } from './ask-back.ts';
import type { PlanResult } from './plan.ts';
import { superlativeDirection } from './rank-direction.ts';
import {
  fuzzyTerms,
  kindTerms,
  matchesOnlyBySite,
  matchWeight,
  measurementKey,
  stem,
  type IndexedTag,
  type QueryToken,
  type TagIndex,
} from './tag-catalog.ts';

const list = (tags: readonly IndexedTag[]): string =>
  tags
    .slice(0, 12)
    .map((t) => t.info.name)
    .join(', ');

/** The distinct measurements of the tags, in catalog order. */
export function measurementsOf(tags: readonly IndexedTag[]): string[] {
  return [...new Set(tags.map((t) => measurementKey(t.info)))];
}

/** The tags with one of each measurement first, so that the choices offered (at most 12) show every kind of reading. */
function eachMeasurementFirst(tags: readonly IndexedTag[]): IndexedTag[] {
  const seen = new Set<string>();
  const firsts = tags.filter((t) => {
    const key = measurementKey(t.info);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...firsts, ...tags.filter((t) => !firsts.includes(t))];
}

/**
 * Null when the group is one answerable set; otherwise an ask-back. A group that mixes measurements ("all tanks" =
 * level, volume, flows) cannot be ranked or compared; a group named by a site-level word ("booster stations") must
 * hold one tag per site, else the answer would rank pumps when stations were asked about.
 */
export function checkGroup(
  index: TagIndex,
  tags: readonly IndexedTag[],
  tokens: readonly QueryToken[],
  what: string,
  asked: { text: string; entityWords?: string[]; compare?: boolean },
): PlanResult | null {
  if (tags.length < 2) return null;
  const measurements = measurementsOf(tags);
  // "compare suction and discharge pressure": each measurement named by a word of its own is a comparison, not a mix.
  const eachNamed = (): boolean =>
    tags.every((tag) =>
      tokens.some((token) => {
        const fuzzy = token.id ? undefined : fuzzyTerms(index, token.text);
        return matchWeight(token, tag, fuzzy) > 0 && tags.some((other) => matchWeight(token, other, fuzzy) === 0);
      }),
    );
  if (measurements.length > 1 && !(asked.compare && tags.length <= 6 && eachNamed())) {
    // "which DMA had the worst pressure": a "worst" no alarm limit directs is named first; naming a measurement would not direct it.
    const undirected = superlativeDirection(asked.text, tags);
    if (undirected && 'kind' in undirected) return undirected;
    const offered = eachMeasurementFirst(tags);
    return askBack(
      `"${what}" fits ${tags.length} tags measuring ${measurements.slice(0, 8).join(', ')}; which measurement do you mean? ${list(offered)}`,
      offered,
      asked.text,
      asked.entityWords ?? [],
    );
  }
  const siteWords = tokens.filter((token) => {
    const fuzzy = token.id ? undefined : fuzzyTerms(index, token.text);
    return tags.every((tag) => matchesOnlyBySite(token, tag, fuzzy));
  });
  if (siteWords.length === 0) return null;
  // Site words are only a filter when the group lies in one site, or when a kind word names the members ("all pumps").
  if (new Set(tags.map((t) => t.info.site)).size < 2) return null;
  if (tokens.some((token) => !token.id && tags.every((tag) => kindTerms(tag.info.assetKind).includes(stem(token.text))))) return null;
  const perSite = new Map<string, IndexedTag[]>();
  for (const tag of tags) perSite.set(tag.info.site ?? '', [...(perSite.get(tag.info.site ?? '') ?? []), tag]);
  const crowded = [...perSite.entries()].find(([, siteTags]) => siteTags.length > 1);
  if (!crowded) return null;
  return askBack(
    `${siteWords.map((t) => `"${t.text}"`).join(', ')} names sites, but site ${crowded[0]} has ${crowded[1].length} matching tags (${list(crowded[1])}); name the equipment or one tag per site`,
    tags,
    asked.text,
    asked.entityWords ?? [],
  );
}
