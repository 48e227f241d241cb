// Links a question's tokens to catalog tags: scores every tag, keeps the best (ties kept, for ambiguity) and breaks ties
// toward the most specific tag.
import { measurementTerms, stem } from './catalog-words.ts';
import { fuzzyTerms, matchWeight } from './match-weight.ts';
import type { IndexedTag, TagIndex } from './tag-index.ts';
import type { QueryToken } from './query-tokens.ts';

export interface LinkResult {
  /** Tags with the highest score that explain every linked token. */
  best: IndexedTag[];
  score: number;
  /** Tokens that no tag matched at all. */
  unmatched: QueryToken[];
  /** Tokens matched by some tag but not by the best ones. */
  unexplained: QueryToken[];
}

/** Scores every tag against the tokens; the best tags are those that explain the most (ties kept, for ambiguity). */
export function linkTags(index: TagIndex, tokens: readonly QueryToken[], options: { specific?: boolean } = {}): LinkResult {
  const pool = index.tags;
  const fuzzy = tokens.map((token) => (token.id ? undefined : fuzzyTerms(index, token.text)));
  const weights = pool.map((tag) => tokens.map((token, t) => matchWeight(token, tag, fuzzy[t])));
  const unmatched = tokens.filter((_, t) => weights.every((w) => (w[t] ?? 0) === 0));
  let bestScore = 0;
  let best: IndexedTag[] = [];
  let bestMatchedCount = 0;
  pool.forEach((tag, i) => {
    const row = weights[i] ?? [];
    const matchedCount = row.filter((w) => w > 0).length;
    const score = row.reduce((sum, w) => sum + w, 0);
    if (matchedCount > bestMatchedCount || (matchedCount === bestMatchedCount && score > bestScore + 1e-9)) {
      bestScore = score;
      bestMatchedCount = matchedCount;
      best = [tag];
    } else if (matchedCount === bestMatchedCount && Math.abs(score - bestScore) < 1e-9 && matchedCount > 0) best.push(tag);
  });
  if (options.specific !== false) best = preferSpecific(best, tokens, fuzzy);
  const bestIndexes = best.map((tag) => pool.indexOf(tag));
  const unexplained = tokens.filter((token, t) => !unmatched.includes(token) && bestIndexes.every((i) => (weights[i]?.[t] ?? 0) === 0));
  return { best, score: bestScore, unmatched, unexplained };
}

/**
 * Tie-breaks among equally good tags: prefer the measurement the question names most completely ("flow" -> Flow over
 * FlowTotal), then a tag of an asset of the kind the question names, then the tag with the fewest numbered identifiers the
 * question did not name (station header over pump P01).
 * A word written with a typo or cut short names what it stands for ("dischrg press" names DischargePressure fully, and
 * PressureSetpoint only half).
 */
function preferSpecific(
  tied: IndexedTag[],
  tokens: readonly QueryToken[],
  fuzzy: readonly (ReadonlyMap<string, number> | undefined)[] = [],
): IndexedTag[] {
  if (tied.length < 2) return tied;
  const allWords = new Set(tokens.flatMap((t, i) => (t.id ? [] : [stem(t.text), ...(t.alts?.flat() ?? []), ...(fuzzy[i]?.keys() ?? [])])));
  // A word that is the asset kind of some tied tags and not of others ("tank": T1/Tank, but not the dosing skid's
  // TankLevel) names that kind, not a measurement.
  const kindOf = (tag: IndexedTag): string | undefined => (tag.info.assetKind ? stem(tag.info.assetKind.toLowerCase()) : undefined);
  const words = new Set([...allWords].filter((w) => !(tied.some((t) => kindOf(t) === w) && tied.some((t) => kindOf(t) !== w))));
  const named = (tag: IndexedTag): number => measurementTerms(tag.info).filter((t) => words.has(t)).length;
  const coverage = (tag: IndexedTag): number => {
    const terms = measurementTerms(tag.info);
    return terms.length === 0 ? 0 : terms.filter((t) => words.has(t)).length / terms.length;
  };
  const idTokens = tokens.filter((t) => t.id);
  const unnamed = (tag: IndexedTag): number => {
    const keys = new Set(tag.ownIds.map((id) => `${id.letters}${id.num}`));
    let count = 0;
    for (const key of keys) {
      const own = tag.ownIds.filter((id) => `${id.letters}${id.num}` === key);
      const single: IndexedTag = { info: tag.info, terms: new Set([key]), siteTerms: new Set(), ids: own, ownIds: own };
      if (!idTokens.some((token) => matchWeight(token, single) > 0)) count += 1;
    }
    return count;
  };
  const maxNamed = Math.max(...tied.map(named));
  const mostNamed = tied.filter((tag) => named(tag) === maxNamed);
  const maxCoverage = Math.max(...mostNamed.map(coverage));
  const covered = mostNamed.filter((tag) => coverage(tag) === maxCoverage);
  // "the pump": a tag of an asset of the kind named (a pump) before one whose description only mentions it ("pumping energy").
  const ofKind = (tag: IndexedTag): boolean => tag.info.assetKind !== undefined && allWords.has(stem(tag.info.assetKind.toLowerCase()));
  const kinded = covered.some(ofKind) ? covered.filter(ofKind) : covered;
  const minUnnamed = Math.min(...kinded.map(unnamed));
  return kinded.filter((tag) => unnamed(tag) === minUnnamed);
}
