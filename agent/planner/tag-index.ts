// The index over a source's tag catalog: each tag's terms, identifiers, entities and context words, built once per catalog.
import type { TagInfo } from '../../connectors/connector.ts';
import { lemmaCandidates } from './lemmatize.ts';
import { AGG_WORDS, FILLER, MEANING_WORDS } from './question-lexicon.ts';
import { ID_RE, idForm, kindTerms, measurementTerms, splitTerms, stem, type IdForm } from './catalog-words.ts';

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

/** Words a question uses for what it asks, never to name a thing ("high", "average"): not taken from descriptions. */
const QUESTION_WORDS: ReadonlySet<string> = new Set([...FILLER, ...MEANING_WORDS, ...Object.keys(AGG_WORDS), 'high', 'low']);

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
