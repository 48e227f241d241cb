// How well one question token matches one tag: exact identifiers, the tag's own words, thesaurus alternatives, context
// words, and typo-tolerant (fuzzy) matches against the catalog's vocabulary.
import type { TagInfo } from '../../connectors/connector.ts';
import { plausibleTypo, typoBudget } from './typo-tolerance.ts';
import { kindTerms, measurementTerms, stem } from './catalog-words.ts';
import { editDistance } from './edit-distance.ts';
import type { IndexedTag, TagIndex } from './tag-index.ts';
import type { QueryToken } from './query-tokens.ts';

/** Fuzzy matches of a word against the whole vocabulary, computed once per token: term -> weight. */
export function fuzzyTerms(index: TagIndex, word: string): Map<string, number> {
  const out = new Map<string, number>();
  const text = stem(word);
  // A word the catalog knows as it is written is not a typo ("suction" must not also match "station").
  if (text.length < 4 || index.vocabulary.has(text)) return out;
  const maxEdits = typoBudget(text);
  for (const term of index.vocabulary) {
    if (term.length >= text.length + 1 && term.startsWith(text) && /^[a-z]+$/.test(term)) out.set(term, 0.8);
    else if (
      Math.abs(term.length - text.length) <= maxEdits &&
      /^[a-z]+$/.test(term) &&
      plausibleTypo(text, term) &&
      editDistance(text, term, maxEdits) <= maxEdits
    )
      out.set(term, 0.7);
  }
  return out;
}

/** The weight of a word that only the asset's context (descriptions, parent name) carries: below the tag's own words. */
const CONTEXT_WEIGHT = 0.8;
/**
 * The weight of a word that names another kind of asset than the tag's ("tank" on the dosing skid's TankLevel): lower
 * still, so that an asset of that kind wins over a place word that only the other tag's site carries.
 */
const FOREIGN_KIND_WEIGHT = 0.5;

/** How well one question token matches one tag: 0 (no) .. 2 (exact identifier). `fuzzy` comes from fuzzyTerms. */
export function matchWeight(token: QueryToken, tag: IndexedTag, fuzzy?: ReadonlyMap<string, number>): number {
  const text = stem(token.text);
  if (token.id) {
    const { letters, num, word } = token.id;
    for (const id of tag.ids) {
      if (id.num !== num) continue;
      if (id.letters === letters) return 2;
      if (word && word.startsWith(id.letters)) return 1.8;
      if (!word && (id.letters.startsWith(letters) || letters.startsWith(id.letters)) && Math.min(id.letters.length, letters.length) >= 1)
        return 1.5;
    }
    if (tag.terms.has(token.text)) return 2;
    // "station 3": an entity of the tag named by that word whose identifier has that number (BPS03, "Booster station ...").
    // The number goes with the identifier the word spells, when the entity has one: "pump 2" of pump P01 at BPS02 is
    // not pump P01 (the 2 is the station's), while "station 2" names BPS02 through its words.
    if (
      word &&
      tag.entities?.some((e) => {
        if (!e.words.has(stem(word))) return false;
        const spelled = e.ids.filter((id) => word.startsWith(id.letters));
        return (spelled.length > 0 ? spelled : e.ids).some((id) => id.num === num);
      })
    )
      return 1.7;
    return 0;
  }
  if (tag.terms.has(text) || tag.terms.has(token.text)) return tag.foreignKindTerms?.has(text) === true ? FOREIGN_KIND_WEIGHT : 1;
  // "which DMA", "which BPS": a bare word naming the letters of a numbered identifier.
  if (text.length >= 2 && tag.ids.some((id) => id.letters === text)) return 0.9;
  // A thesaurus alternative ("cl2" -> chlorine, "outflow" -> outlet flow): all its words on the tag.
  const alts = token.alts;
  if (alts) {
    if (alts.some((alt) => alt.every((w) => ownTerm(tag, w)))) return 0.95;
    if (alts.some((alt) => alt.every((w) => tag.terms.has(w)))) return FOREIGN_KIND_WEIGHT;
  }
  const context = tag.contextTerms;
  if (
    context?.has(text) === true ||
    (context && alts?.some((alt) => alt.some((w) => context.has(w)) && alt.every((w) => tag.terms.has(w) || context.has(w))))
  )
    return CONTEXT_WEIGHT;
  if (!fuzzy || fuzzy.size === 0) return 0;
  let best = 0;
  for (const [term, weight] of fuzzy) {
    if (weight > best && tag.terms.has(term)) best = weight;
    else if (context?.has(term) === true && Math.min(weight, CONTEXT_WEIGHT) > best) best = Math.min(weight, CONTEXT_WEIGHT);
  }
  return best;
}

/** A word of the tag's own that does not name another kind of asset. Module level: matchWeight runs per tag and token. */
function ownTerm(tag: IndexedTag, w: string): boolean {
  return tag.terms.has(w) && tag.foreignKindTerms?.has(w) !== true;
}

/** True when the token matches the tag only through its site's code or name (a station-level word such as "booster"). */
export function matchesOnlyBySite(token: QueryToken, tag: IndexedTag, fuzzy?: ReadonlyMap<string, number>): boolean {
  if (tag.siteTerms.size === 0 || matchWeight(token, tag, fuzzy) === 0) return false;
  const own = new Set([...tag.terms].filter((term) => !tag.siteTerms.has(term)));
  return matchWeight(token, { ...tag, terms: own }, fuzzy) === 0;
}

/**
 * How many of the question's words name what a tag is: its measurement's words and its asset's kind. "tank level"
 * names a reservoir's Level (a tank's level) as fully as the dosing skid's TankLevel, so neither wins by the word alone.
 */
export function wordsNamed(info: TagInfo, words: ReadonlySet<string>): number {
  const own = new Set([...measurementTerms(info), ...kindTerms(info.assetKind)]);
  return [...own].filter((term) => words.has(term)).length;
}
