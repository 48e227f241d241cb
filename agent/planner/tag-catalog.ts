// Entity linking: an index over a source's tag catalog (names, paths, descriptions, assets, sites, units) with fuzzy matching.
import type { TagInfo } from '../../connectors/connector.ts';
import { lemmaCandidates } from './lemmatize.ts';
import { AGG_WORDS, FILLER, KIND_SYNONYMS, MEANING_WORDS } from './question-lexicon.ts';
import { plausibleTypo, typoBudget } from './typo-tolerance.ts';

/** An identifier-like token split into letters and number: "BPS03" -> {letters:"bps", num:3}. */
interface IdForm {
  letters: string;
  num: number;
}

/** One tag with its searchable terms. */
export interface IndexedTag {
  info: TagInfo;
  /** Lower-case words and identifiers from name, description, asset (id, name, kind and its synonyms), site, measurement, unit. */
  terms: Set<string>;
  /** The terms that come only from the tag's site (code and name), not from the tag or its own asset. */
  siteTerms: Set<string>;
  /**
   * Words that only the asset's context gives: its and its site's descriptions and its parent's name ("Service reservoir
   * Lindenau", "High-lift pumping"). They name the tag more weakly than its own words, and never as an identifier.
   */
  contextTerms?: Set<string>;
  /**
   * Words of the tag's measurement that name a kind of asset in this catalog (tank, pump, filter) other than its own
   * asset's kind: the dosing skid's "TankLevel" carries "tank", yet its asset is no tank. Such a word names it more weakly.
   */
  foreignKindTerms?: Set<string>;
  ids: IdForm[];
  /** Identifiers of the tag's own name and asset (not those its description mentions). */
  ownIds: IdForm[];
  /**
   * The numbered things the tag belongs to, its site (code, name) and its asset (id, name, kind), each with the
   * words that name it: "booster station 3" names site BPS03, "Booster station Sonnenhang", by word and number.
   */
  entities?: { ids: IdForm[]; words: Set<string> }[];
}

export interface TagIndex {
  tags: IndexedTag[];
  /** Every term of every tag, for "is this word known at all". */
  vocabulary: Set<string>;
  /**
   * Adjacent word pairs of the tags' descriptions, measurements and asset names ("final water", "critical point",
   * "motor current"), stemmed and joined by a space: a word that is also an operation or priority word ("final",
   * "critical") names the thing when it stands in one of these pairs.
   */
  phrases: Set<string>;
}

/** A question token: a word, an identifier, or a "word number" pair such as "tank 1". */
export interface QueryToken {
  text: string;
  /** Identifier form, when the token names a numbered thing (p2, tank 1, bps03). */
  id?: IdForm & { word?: string };
  /** What the word may also mean in catalog words (from the thesaurus): each alternative is a list of stemmed words. */
  alts?: string[][];
}

const ID_RE = /^([a-z]+)[_-]?0*(\d+)$/;
/** Words a question uses for what it asks, never to name a thing ("high", "average"): not taken from descriptions. */
const QUESTION_WORDS: ReadonlySet<string> = new Set([...FILLER, ...MEANING_WORDS, ...Object.keys(AGG_WORDS), 'high', 'low']);

/** Splits names like "BPS03/P02/DischargePressure" or "L_T1" into lower-case terms. */
export function splitTerms(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9%³²°]+/)
    .filter((t) => t.length > 0);
}

/** Plural to singular, simply: "stations" -> "station", "batteries" -> "battery". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function idForm(term: string): IdForm | undefined {
  const match = ID_RE.exec(term);
  return match ? { letters: match[1] ?? '', num: Number(match[2]) } : undefined;
}

const present = (values: readonly (string | undefined)[]): string[] => values.filter((s): s is string => typeof s === 'string' && s !== '');

/** Adds the terms and identifiers of one text (a name, path or description) to the sets. */
function addTerms(source: string, terms: Set<string>, ids: IdForm[]): void {
  for (const raw of [...splitTerms(source), ...source.toLowerCase().split(/[\s/]+/)]) {
    const term = stem(raw);
    if (!term) continue;
    terms.add(term);
    const id = idForm(raw.replace(/[^a-z0-9_-]/g, ''));
    if (id) {
      ids.push(id);
      terms.add(`${id.letters}${id.num}`);
    }
  }
  // "Well pump 1 running": a word followed by a number names a numbered thing (pump 1), as "pump 1" in a question does.
  const split = splitTerms(source);
  for (let i = 0; i + 1 < split.length; i += 1) {
    const word = split[i] ?? '';
    const next = split[i + 1] ?? '';
    if (/^[a-z]{2,}$/.test(word) && /^\d{1,4}$/.test(next)) {
      const id = { letters: stem(word), num: Number(next) };
      ids.push(id);
      terms.add(`${id.letters}${id.num}`);
    }
  }
  // Keep multi-part ids whole too: "L_T1" -> "l_t1", and the full path.
  terms.add(source.toLowerCase());
}

/** The asset kind's words and their synonyms ("tank" -> tank, reservoir). */
export function kindTerms(kind: string | undefined): string[] {
  if (!kind) return [];
  const words = splitTerms(kind).map(stem);
  return [...words, ...words.flatMap((w) => KIND_SYNONYMS[w] ?? [])];
}

/** Builds the index once per catalog; cheap to query many times. */
export function buildTagIndex(tags: readonly TagInfo[]): TagIndex {
  const vocabulary = new Set<string>();
  const phrases = new Set<string>();
  const indexed: IndexedTag[] = tags.map((info) => {
    for (const source of present([info.description, info.measurement, info.assetName])) {
      const words = splitTerms(source).map(stem);
      for (let i = 1; i < words.length; i += 1) phrases.add(`${words[i - 1]} ${words[i]}`);
    }
    const terms = new Set<string>();
    const ids: IdForm[] = [];
    for (const source of present([info.name, info.description, info.asset, info.assetName, info.measurement, info.unit])) {
      addTerms(source, terms, ids);
    }
    for (const term of kindTerms(info.assetKind)) terms.add(term);
    if (info.unit) terms.add(info.unit.toLowerCase());
    // The site's code and name ("BPS01", "Booster station Hochfeld") link "all booster stations" and "at Hochfeld".
    const site = new Set<string>();
    for (const source of present([info.site, info.siteName])) addTerms(source, site, ids);
    const siteTerms = new Set([...site].filter((term) => !terms.has(term)));
    for (const term of siteTerms) terms.add(term);
    for (const term of terms) vocabulary.add(term);
    const contextTerms = new Set(
      present([info.assetDescription, info.siteDescription, info.parentName])
        // Names, not prose: the capitalised words ("Service reservoir Lindenau", "District metered area Altstadt").
        .flatMap((source) => source.split(/[^A-Za-z]+/).filter((word) => /^[A-Z][a-z]{2,}$/.test(word)))
        .map((word) => word.toLowerCase())
        .filter((raw) => !ID_RE.test(raw) && !QUESTION_WORDS.has(raw))
        .map(stem)
        .filter((term) => !terms.has(term)),
    );
    for (const term of contextTerms) vocabulary.add(term);
    const ownIds = [info.name, info.asset ?? '']
      .flatMap((s) => s.toLowerCase().split(/[\s/.]+/))
      .map((t) => idForm(t.replace(/[^a-z0-9_-]/g, '')))
      .filter((id): id is IdForm => id !== undefined);
    const entity = (texts: (string | undefined)[], extra: string[] = []) => {
      const entityIds: IdForm[] = [];
      const words = new Set(extra);
      for (const source of present(texts)) addTerms(source, words, entityIds);
      return { ids: entityIds, words };
    };
    const entities = [entity([info.site, info.siteName]), entity([info.asset, info.assetName], kindTerms(info.assetKind))];
    return { info, terms, siteTerms, ids, ownIds, entities, ...(contextTerms.size > 0 ? { contextTerms } : {}) };
  });
  // A verb form in the catalog ("High-lift pumping energy meter", "dosing") also names its noun when the catalog uses
  // the noun elsewhere (pump, dose): the same reduction the question's words get.
  for (const tag of indexed) {
    for (const term of [...tag.terms]) {
      if (!/^[a-z]+(?:ing|ed)$/.test(term)) continue;
      const lemma = lemmaCandidates(term).find((c) => c.kind === 'verb' && vocabulary.has(c.lemma));
      if (lemma) tag.terms.add(lemma.lemma);
    }
  }
  const kinds = new Set(indexed.flatMap((tag) => kindTerms(tag.info.assetKind)));
  for (const tag of indexed) {
    const own = new Set(kindTerms(tag.info.assetKind));
    const foreign = measurementTerms(tag.info).filter((term) => kinds.has(term) && !own.has(term));
    if (foreign.length > 0) tag.foreignKindTerms = new Set(foreign);
  }
  // A kind word in a description ("pump with 10 m3 day tank", "Booster pump station") does not make the tag that kind,
  // and a measurement word ("headers with station flow meter") does not make a sibling pressure tag measure flow.
  const measured = new Set(indexed.flatMap((tag) => measurementTerms(tag.info)));
  for (const tag of indexed) {
    for (const term of tag.contextTerms ?? []) if (kinds.has(term) || measured.has(term)) tag.contextTerms?.delete(term);
    if (tag.contextTerms?.size === 0) delete tag.contextTerms;
  }
  return { tags: indexed, vocabulary, phrases };
}

/**
 * What a group's tags measure: the measurement column, else the last path segment when the name is a path, else the
 * description (or name) without numbers and numbered identifiers ("Tank 1 level" and "Tank 2 level" -> "tank level").
 */
export function measurementKey(info: TagInfo): string {
  if (info.measurement) return info.measurement.toLowerCase();
  const parts = info.name.split(/[/.]/);
  if (parts.length > 1) return (parts.at(-1) ?? '').toLowerCase();
  return splitTerms(info.description ?? info.name.replace(/\d+/g, ' '))
    .filter((t) => !/\d/.test(t))
    .join(' ');
}

/** True when the words at `i` and `i + 1` (or `i - 1` and `i`) of a question form a pair some tag is described by. */
export function inCatalogPhrase(index: TagIndex, words: readonly string[], i: number): boolean {
  const word = stem(words[i] ?? '');
  const before = words[i - 1];
  const after = words[i + 1];
  return (
    (after !== undefined && index.phrases.has(`${word} ${stem(after)}`)) ||
    (before !== undefined && index.phrases.has(`${stem(before)} ${word}`))
  );
}

/** True when the token matches the tag only through its site's code or name (a station-level word such as "booster"). */
export function matchesOnlyBySite(token: QueryToken, tag: IndexedTag, fuzzy?: ReadonlyMap<string, number>): boolean {
  if (tag.siteTerms.size === 0 || matchWeight(token, tag, fuzzy) === 0) return false;
  const own = new Set([...tag.terms].filter((term) => !tag.siteTerms.has(term)));
  return matchWeight(token, { ...tag, terms: own }, fuzzy) === 0;
}

/** The stemmed words of what a tag measures: its measurement column, else the last part of its name. */
export function measurementTerms(info: TagInfo): string[] {
  return splitTerms(info.measurement ?? info.name.split(/[/.]/).at(-1) ?? '').map(stem);
}

/**
 * How many of the question's words name what a tag is: its measurement's words and its asset's kind. "tank level"
 * names a reservoir's Level (a tank's level) as fully as the dosing skid's TankLevel, so neither wins by the word alone.
 */
export function wordsNamed(info: TagInfo, words: ReadonlySet<string>): number {
  const own = new Set([...measurementTerms(info), ...kindTerms(info.assetKind)]);
  return [...own].filter((term) => words.has(term)).length;
}

/** Optimal-string-alignment distance (edits + adjacent transpositions), bounded: returns max+1 once exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

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
  const own = (w: string): boolean => tag.terms.has(w) && tag.foreignKindTerms?.has(w) !== true;
  if (token.alts?.some((alt) => alt.every(own))) return 0.95;
  if (token.alts?.some((alt) => alt.every((w) => tag.terms.has(w)))) return FOREIGN_KIND_WEIGHT;
  const context = tag.contextTerms;
  const inContext = (w: string): boolean => context?.has(w) === true;
  if (inContext(text) || token.alts?.some((alt) => alt.some(inContext) && alt.every((w) => tag.terms.has(w) || inContext(w))))
    return CONTEXT_WEIGHT;
  if (!fuzzy || fuzzy.size === 0) return 0;
  let best = 0;
  for (const [term, weight] of fuzzy) {
    if (weight > best && tag.terms.has(term)) best = weight;
    else if (inContext(term) && Math.min(weight, CONTEXT_WEIGHT) > best) best = Math.min(weight, CONTEXT_WEIGHT);
  }
  return best;
}

/** Turns the content words of a question into tokens, pairing "tank 1" / "pump 2" into identifiers. */
export function tokenize(words: readonly string[]): QueryToken[] {
  const out: QueryToken[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    const id = idForm(word);
    if (id) {
      out.push({ text: `${id.letters}${id.num}`, id });
    } else if (/^[a-z]+$/.test(word) && next !== undefined && /^\d+$/.test(next)) {
      out.push({ text: `${word} ${next}`, id: { letters: word, num: Number(next), word } });
      i += 1;
    } else if (/^\d+$/.test(word) && out.at(-1)?.id?.word) {
      // "pumps 2 and 3": the number goes with the word before the previous one.
      const family = out.at(-1)!.id!.word!;
      out.push({ text: `${family} ${word}`, id: { letters: family, num: Number(word), word: family } });
    } else if (word.length > 0) {
      out.push({ text: word });
    }
  }
  return out;
}

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
