// A named asset without the asked measurement ("flow of pump 1 at BPS03"): the same measurement nearest to it, said so.
import { linkTags, splitTerms, stem, type IndexedTag, type QueryToken, type TagIndex } from './tag-catalog.ts';

/** True when the token names the tag's own measurement ("lvl" of a Level tag): the question already has its measurement. */
function namesMeasurement(token: QueryToken, tag: IndexedTag): boolean {
  const terms = new Set(splitTerms(tag.info.measurement ?? '').map(stem));
  if (terms.size === 0 || token.id) return false;
  return terms.has(stem(token.text)) || (token.alts ?? []).some((alt) => alt.length > 0 && alt.every((w) => terms.has(w)));
}

export type Nearest = { kind: 'one'; tag: IndexedTag; note: string } | { kind: 'several'; tags: IndexedTag[]; reason: string };

/**
 * When the words name an asset (its tags explain every word but the measurement) and the measurement words fit
 * other tags of that asset's site, the nearest tag per site is the answer: one tag -> answered with a note saying
 * the asset has no such tag; several (the asset named at several sites) -> an ask-back over them. Null otherwise.
 */
export function nearestMeasurement(index: TagIndex, tokens: readonly QueryToken[]): Nearest | null {
  const all = linkTags(index, tokens);
  if (all.unmatched.length > 0 || all.unexplained.length === 0 || all.unexplained.length === tokens.length) return null;
  const measure = all.unexplained;
  // "Lindenau res lvl": the best tags are a level, named so; answering the residual nearby instead would drop the level
  // asked. Such a question is answered by no substitute (it may still be asked back over several).
  const measured = tokens.some((t) => !measure.includes(t) && all.best.some((tag) => namesMeasurement(t, tag)));
  const assets = [...new Set(all.best.map((t) => t.info.asset ?? ''))].filter((a) => a !== '');
  if (assets.length === 0) return null;
  const found: IndexedTag[] = [];
  for (const site of new Set(all.best.map((t) => t.info.site).filter((s): s is string => s !== undefined))) {
    const local = { ...index, tags: index.tags.filter((t) => t.info.site === site) };
    const near = linkTags(local, measure);
    if (near.best.length === 0 || near.unexplained.length > 0 || near.unmatched.length > 0) continue;
    // Several equally near (a treatment plant's many flows): leave that site to an ask-back over them. A tag the words
    // fit only by its asset ("PRV02 SP": sample point SP01's chlorine) measures something else: no substitute.
    found.push(...near.best.filter((tag) => measure.every((t) => namesMeasurement(t, tag))));
  }
  if (found.length === 0) return null;
  const words = measure.map((t) => t.text).join(' ');
  const named = assets.length === 1 ? assets[0]! : `${assets.length} assets named so (${assets.slice(0, 4).join(', ')})`;
  const hasNo = `${named} ${assets.length === 1 ? 'has' : 'have'} no ${words} tag`;
  // "mnf T1 levl": the tank has flow tags, only not the one the other words name; never say it has none.
  const own = found.every((t) => assets.includes(t.info.asset ?? ''));
  if (found.length === 1) {
    if (measured || own) return null;
    const tag = found[0]!;
    const desc = tag.info.description ? ` (${tag.info.description})` : '';
    return {
      kind: 'one',
      tag,
      note: `${hasNo}; answered with ${tag.info.name}${desc} at ${tag.info.site ?? 'the same site'}`,
    };
  }
  return {
    kind: 'several',
    tags: found,
    reason: `${own ? `${named} ${assets.length === 1 ? 'has' : 'have'} ${found.length} ${words} tags` : `${hasNo}; the nearest are ${found.length} tags`}: ${found
      .slice(0, 12)
      .map((t) => t.info.name)
      .join(', ')}; which one do you mean?`,
  };
}
